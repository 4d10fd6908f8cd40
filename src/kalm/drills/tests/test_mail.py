"""Drill mail never reaches the real mail server: two real SMTP servers on 127.0.0.1, one the
"real" server, one the drill sink; and the file sink when no drill server is configured."""

from __future__ import annotations

import pytest
from django.core.mail import EmailMessage, get_connection, send_mail

from kalm.cases.models import Case
from kalm.channels.email.outbound import email_build, message_id_new
from kalm.channels.tests.servers import SmtpSink, free_port
from kalm.core.testing import make_case
from kalm.drills.actions import drill_start
from kalm.drills.mail import DRILL_HEADER, drill_headers
from kalm.drills.selectors import drill_address

BACKEND = "kalm.drills.mail.DrillAwareBackend"


def _server():
    from aiosmtpd.controller import Controller

    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller, sink


@pytest.fixture
def servers(settings):
    """(real, drill) sinks; EMAIL_BACKEND is the drill-aware wrapper around SMTP."""
    real_ctl, real = _server()
    drill_ctl, drill = _server()
    settings.EMAIL_BACKEND = BACKEND
    settings.KALM_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", real_ctl.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.KALM_DRILL_EMAIL_HOST, settings.KALM_DRILL_EMAIL_PORT = "127.0.0.1", drill_ctl.port
    try:
        yield real, drill
    finally:
        real_ctl.stop()
        drill_ctl.stop()


def test_real_mail_goes_to_the_real_server_and_drill_mail_to_the_sink(servers):
    real, drill = servers
    EmailMessage("Real", "Hello", "desk@kalm.localhost", ["sanne@example.nl"]).send()
    EmailMessage(
        "Drill", "Oefening", "desk@kalm.localhost", ["sanne@example.nl"], headers=drill_headers(5)
    ).send()
    assert [m["Subject"] for m in real.messages] == ["Real"]
    assert [m["Subject"] for m in drill.messages] == ["Drill"]
    assert drill.messages[0][DRILL_HEADER] == "5"


def test_a_batch_is_split_between_the_two(servers):
    real, drill = servers
    connection = get_connection()
    messages = [
        EmailMessage("R1", "x", "d@kalm.localhost", ["a@example.nl"]),
        EmailMessage("D1", "x", "d@kalm.localhost", ["b@example.nl"], headers=drill_headers(2)),
        EmailMessage("R2", "x", "d@kalm.localhost", ["c@example.nl"]),
    ]
    assert connection.send_messages(messages) == 3
    assert sorted(m["Subject"] for m in real.messages) == ["R1", "R2"]
    assert [m["Subject"] for m in drill.messages] == ["D1"]


def test_mail_to_a_drill_address_is_diverted_even_without_the_header(servers):
    real, drill = servers
    send_mail("Forgot the header", "x", "d@kalm.localhost", ["klant@drill-3.invalid"])
    assert real.messages == []
    assert [m["Subject"] for m in drill.messages] == ["Forgot the header"]


def test_without_a_drill_server_drill_mail_goes_to_files_under_var(settings, tmp_path):
    real_ctl, real = _server()
    try:
        settings.EMAIL_BACKEND = BACKEND
        settings.KALM_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", real_ctl.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.KALM_DRILL_EMAIL_HOST = ""
        settings.VAR_DIR = tmp_path
        EmailMessage(
            "Drill", "x", "d@kalm.localhost", ["a@example.nl"], headers=drill_headers(9)
        ).send()
    finally:
        real_ctl.stop()
    assert real.messages == []
    files = list((tmp_path / "drill-mail").iterdir())
    assert len(files) == 1 and "Subject: Drill" in files[0].read_text()


def test_the_wrapper_refuses_to_wrap_itself(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.EMAIL_BACKEND = BACKEND
    settings.KALM_EMAIL_BACKEND = BACKEND
    with pytest.raises(ImproperlyConfigured):
        EmailMessage("x", "x", "d@kalm.localhost", ["a@example.nl"]).send()


def test_email_build_marks_mail_about_drill_cases_only(db, team_lead):
    real = make_case()
    drill = drill_start(scenario="bottles", actor=team_lead, seed=1, history_days=0)
    fake = make_case(email=drill_address(drill.pk, "klant"))
    Case.objects.filter(pk=fake.pk).update(drill=drill)
    fake.refresh_from_db()
    args = {
        "subject": "S",
        "template": "cases/email/confirmation.txt",
        "context": {"status_url": "x"},
    }
    assert (
        DRILL_HEADER
        not in email_build(case=real, message_id=message_id_new(real), **args).extra_headers
    )
    built = email_build(case=fake, message_id=message_id_new(fake), **args)
    assert built.extra_headers[DRILL_HEADER] == str(drill.pk)


def test_a_drill_complaints_confirmation_goes_to_the_sink(
    servers, team_lead, django_capture_on_commit_callbacks
):
    from kalm.drills.actions import drill_advance

    real, drill_sink = servers
    drill = drill_start(
        scenario="bottles", actor=team_lead, seed=4, history_days=0, channels=["web", "email"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        drill_advance(drill=drill, minutes=240)
    assert drill.played > 3
    assert real.messages == []
    assert drill_sink.messages, "web and email intake send a confirmation"
    assert all(m[DRILL_HEADER] == str(drill.pk) for m in drill_sink.messages)
    assert all(m["To"].endswith(f"@drill-{drill.pk}.invalid") for m in drill_sink.messages)
