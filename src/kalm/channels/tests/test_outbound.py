"""Kalm's emails to consumers, received by a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import re
from email.message import EmailMessage
from email.utils import make_msgid, parseaddr
from urllib.parse import urlsplit

import pytest

from kalm.cases.actions import message_reply, solution_propose
from kalm.cases.models import Case
from kalm.channels.models import EmailRef
from kalm.channels.tests import servers
from kalm.core.testing import TeamFactory, make_case
from kalm.dossier.models import DossierEntry, EntryKind

smtp_server = servers.smtp_server  # the fixture, a real SMTP server on 127.0.0.1
TEAM_ADDRESS = "zorg@polderhof.example"


def _parts(mail: EmailMessage) -> tuple[str, str]:
    assert mail.get_content_type() == "multipart/alternative"
    text = mail.get_body(preferencelist=("plain",))
    html = mail.get_body(preferencelist=("html",))
    assert text is not None and html is not None
    return text.get_content(), html.get_content()


def _consumer_email(*, subject: str, body: str, in_reply_to: str = "") -> tuple[bytes, str]:
    msg = EmailMessage()
    msg["From"] = "Sanne de Vries <sanne@example.nl>"
    msg["To"] = TEAM_ADDRESS
    msg["Subject"] = subject
    message_id = make_msgid(domain="example.nl")
    msg["Message-ID"] = message_id
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    msg.set_content(body)
    return msg.as_bytes(), message_id


@pytest.fixture
def team_case(db) -> Case:
    return make_case(team=TeamFactory(slug="zorg", name="Zorg", email=TEAM_ADDRESS))


def test_it_sends_a_reply_from_the_team_address_under_the_alias(
    smtp_server, team_case, agent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message_reply(case=team_case, agent=agent, body="We sturen u een nieuwe fles.")
    [envelope] = smtp_server.envelopes
    [mail] = smtp_server.messages
    assert envelope.rcpt_tos == ["sanne@example.nl"]
    assert envelope.mail_from == TEAM_ADDRESS
    name, address = parseaddr(str(mail["From"]))
    assert (name, address) == ("Eva - Kalm", TEAM_ADDRESS)
    assert f"[{team_case.reference}]" in mail["Subject"]
    assert re.fullmatch(r"<[^<>@\s]+@polderhof\.example>", mail["Message-ID"])
    assert mail["Auto-Submitted"] is None  # a person wrote this
    text, html = _parts(mail)
    assert "We sturen u een nieuwe fles." in text and "We sturen u een nieuwe fles." in html
    assert "Eva" in text and "Eva" in html
    raw = envelope.original_content.decode("utf-8", "replace")
    for secret in ("Evelien", "Jansen", agent.email):
        assert secret not in raw
    entry = DossierEntry.objects.get(case=team_case, kind=EntryKind.EMAIL_SENT)
    assert entry.payload["message_id"] == mail["Message-ID"]
    ref = EmailRef.objects.get(case=team_case, direction="out")
    assert f"<{ref.message_id}>" == mail["Message-ID"]


def test_it_falls_back_to_the_organisation_sender_without_a_team_address(
    smtp_server, case, agent, settings, django_capture_on_commit_callbacks
):
    settings.DEFAULT_FROM_EMAIL = "klantenservice@kalm.example"
    with django_capture_on_commit_callbacks(execute=True):
        message_reply(case=case, agent=agent, body="Hallo")
    [mail] = smtp_server.messages
    assert parseaddr(str(mail["From"])) == ("Eva - Kalm", "klantenservice@kalm.example")
    assert mail["Message-ID"].endswith("@kalm.example>")


def test_the_confirmation_threads_on_the_consumers_email_and_is_auto_submitted(
    smtp_server, db, django_capture_on_commit_callbacks
):
    from kalm.channels.email.ingest import ingest_raw

    TeamFactory(slug="zorg", name="Zorg", email=TEAM_ADDRESS)
    raw, consumer_id = _consumer_email(subject="Fles ontploft", body="De fles is ontploft.")
    with django_capture_on_commit_callbacks(execute=True):
        result = ingest_raw(raw, source="test")
    assert result.outcome == "new"
    [mail] = smtp_server.messages
    assert mail["Auto-Submitted"] == "auto-replied"
    assert mail["In-Reply-To"] == consumer_id
    assert mail["References"] == consumer_id
    assert f"[{result.case.reference}]" in mail["Subject"]


def test_a_reply_threads_on_the_consumers_last_email_and_references_the_thread(
    smtp_server, agent, django_capture_on_commit_callbacks
):
    from kalm.channels.email.ingest import ingest_raw

    raw, first_id = _consumer_email(subject="Fles ontploft", body="De fles is ontploft.")
    with django_capture_on_commit_callbacks(execute=True):
        case = ingest_raw(raw, source="test").case
    confirmation_id = smtp_server.messages[0]["Message-ID"]
    raw, second_id = _consumer_email(
        subject=f"Re: We received your message [{case.reference}]",
        body="Ik heb nog een foto.",
        in_reply_to=confirmation_id,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert ingest_raw(raw, source="test").outcome == "reply"
    with django_capture_on_commit_callbacks(execute=True):
        message_reply(case=case, agent=agent, body="Dank u voor de foto.")
    with django_capture_on_commit_callbacks(execute=True):
        message_reply(case=case, agent=agent, body="En nog een vraag.")
    first_reply, second_reply = smtp_server.messages[-2:]
    assert first_reply["In-Reply-To"] == second_id
    assert first_reply["References"].split() == [first_id, confirmation_id, second_id]
    # Our own later email still answers the consumer's last one, and references ours.
    assert second_reply["In-Reply-To"] == second_id
    assert second_reply["References"].split() == [
        first_id,
        confirmation_id,
        second_id,
        first_reply["Message-ID"],
    ]
    assert len({m["Message-ID"] for m in smtp_server.messages}) == 3  # ours, all distinct


def test_the_consumers_answer_to_a_reply_lands_on_the_same_case(
    smtp_server, team_case, agent, django_capture_on_commit_callbacks
):
    from kalm.channels.email.ingest import ingest_raw

    with django_capture_on_commit_callbacks(execute=True):
        message_reply(case=team_case, agent=agent, body="Kunt u een foto sturen?")
    kalm_id = smtp_server.messages[0]["Message-ID"]
    # No reference in the subject: only In-Reply-To can thread it.
    raw, _ = _consumer_email(subject="Foto", body="Hierbij de foto.", in_reply_to=kalm_id)
    with django_capture_on_commit_callbacks(execute=True):
        result = ingest_raw(raw, source="test")
    assert result.outcome == "reply"
    assert result.case == team_case
    assert team_case.messages.filter(kind="inbound", body__contains="Hierbij de foto").exists()


def test_the_status_link_in_a_reply_opens_the_status_page(
    smtp_server, client, team_case, agent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message_reply(case=team_case, agent=agent, body="Zie de status online.")
    text, html = _parts(smtp_server.messages[0])
    [url] = re.findall(r"https?://\S+/\S+", text)
    assert f'href="{url}"' in html
    response = client.get(urlsplit(url).path)
    assert response.status_code == 200
    assert team_case.reference in response.content.decode()


def test_it_escapes_consumer_and_agent_text_in_html_only(
    smtp_server, agent, db, django_capture_on_commit_callbacks
):
    case = make_case(name="Tom O'Brien & Zn <b>")
    with django_capture_on_commit_callbacks(execute=True):
        message_reply(case=case, agent=agent, body="<script>alert(1)</script> & 'quotes'")
    text, html = _parts(smtp_server.messages[0])
    assert "<script>alert(1)</script> & 'quotes'" in text
    assert "Tom O'Brien & Zn <b>" in text
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>" not in html


def test_a_retried_delivery_sends_the_email_once(smtp_server, team_case, agent):
    from kalm.cases.actions import case_email_deliver
    from kalm.channels.email.outbound import message_id_new

    reply = message_reply(case=team_case, agent=agent, body="Eén keer, graag.")
    email_id = message_id_new(team_case)
    params = {
        "case": team_case,
        "subject": f"Reply [{team_case.reference}]",
        "template": "cases/email/reply.txt",
        "context": {"message_id": reply.pk, "status_url": "http://127.0.0.1:8000/x"},
        "from_alias": "Eva",
        "email_id": email_id,
    }
    first = case_email_deliver(**params)
    again = case_email_deliver(**params)
    assert len(smtp_server.envelopes) == 1
    assert again.pk == first.pk
    assert first.payload["message_id"] == email_id
    assert EmailRef.objects.filter(case=team_case, direction="out").count() == 1


def test_a_failed_send_records_nothing_and_is_retried_with_backoff(
    team_case, agent, settings, django_capture_on_commit_callbacks
):
    from huey.contrib.djhuey import HUEY

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = (
        "127.0.0.1",
        servers.free_port(),
        False,
    )
    HUEY.flush()
    with django_capture_on_commit_callbacks(execute=True):
        message_reply(case=team_case, agent=agent, body="Komt dit aan?")
    assert not DossierEntry.objects.filter(case=team_case, kind=EntryKind.EMAIL_SENT).exists()
    assert not EmailRef.objects.filter(case=team_case).exists()
    [retry] = HUEY.scheduled()
    assert retry.name.endswith("send_case_email")
    assert retry.retries == 4
    assert retry.retry_delay == 120  # 60 s before this retry, doubled for the next one
    HUEY.flush()


def test_the_solution_email_carries_a_status_link_and_no_auto_header(
    smtp_server, client, team_case, agent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        solution_propose(case=team_case, agent=agent, text="Wij vergoeden de fles.")
    [mail] = smtp_server.messages
    assert mail["Auto-Submitted"] is None
    assert parseaddr(str(mail["From"]))[1] == TEAM_ADDRESS
    text, html = _parts(mail)
    assert "Wij vergoeden de fles." in text and "Wij vergoeden de fles." in html
    # The status page, plus the one-click "yes" and "no" answer links (decision 0007).
    urls = re.findall(r"https?://\S+/\S+", text)
    [url] = [u for u in urls if not re.search(r"/solution/\d+/(?:yes|no)/$", u)]
    assert len(urls) == 3
    assert client.get(urlsplit(url).path).status_code == 200
