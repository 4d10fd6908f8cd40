"""``POST /in/email/`` with ``Prefer: respond-async``: stored and answered, processed by the worker."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import OperationalError, connection
from django.test import override_settings
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from kalm.cases.actions import case_email_deliver
from kalm.cases.models import Case, Message
from kalm.cases.tasks import read_new_cases, send_case_emails
from kalm.channels.actions import inbound_email_accept, inbound_email_store
from kalm.channels.email.ingest import EMAIL_BATCH, ingest_queued
from kalm.channels.models import InboundEmail
from kalm.channels.tasks import DRAIN, inbound_emails_sweep, process_inbound_emails
from kalm.channels.tests import servers
from kalm.channels.tests.mail import build, corpus, jpeg_bytes
from kalm.core.testing import run_together
from kalm.dossier.models import Evidence
from kalm.empathy.models import MessageAnalysis

URL = "/in/email/"
TOKEN = "s3cret-gateway-token"
HEADERS = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}", "HTTP_PREFER": "respond-async"}
Status = InboundEmail.Status

INJURY = build(
    subject="Glas in de pindakaas",
    body="Er zat een glassplinter in de pindakaas, mijn dochter heeft haar lip opengehaald en "
    "bloedde. Ik overweeg een advocaat.",
    message_id="<injury-1@example.nl>",
)

smtp_server = servers.smtp_server  # the fixture, a real SMTP server on 127.0.0.1


def _post(client, raw: bytes, **extra):
    return client.post(URL, data=raw, content_type="message/rfc822", **{**HEADERS, **extra})


def _queued(raw: bytes) -> InboundEmail:
    """A message stored as the endpoint stores it, without waking the worker."""
    return inbound_email_store(raw=raw, source="http", status=Status.QUEUED, preview=False)


@pytest.fixture
def queued_jobs():
    """The queue as in production (jobs wait for a worker), emptied before and after."""
    HUEY.immediate = False
    HUEY.storage.flush_queue()
    HUEY.storage.delete_data(DRAIN.queued)
    yield lambda: HUEY.storage.queue_size()
    HUEY.storage.flush_queue()
    HUEY.storage.delete_data(DRAIN.queued)
    HUEY.immediate = True


@override_settings(KALM_INBOUND_EMAIL_TOKEN=TOKEN)
def test_it_answers_at_once_and_the_worker_processes_the_message(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, INJURY.as_bytes())
    assert response.status_code == 202, response.content
    assert response["Preference-Applied"] == "respond-async"
    inbound = InboundEmail.objects.get()
    assert response.json() == {
        "outcome": "queued",
        "case": None,
        "line": f"queued as inbound email {inbound.pk}",
        "id": inbound.pk,
    }
    assert bytes(inbound.raw) == INJURY.as_bytes() and inbound.source == "http"
    # The queue runs jobs at once in the tests: the worker processed it on commit...
    assert inbound.status == Status.PROCESSED and inbound.outcome == "new"
    assert inbound.attempts == 1 and inbound.subject == "Glas in de pindakaas"
    case = inbound.case
    assert case.channel == "email" and case.consumer.email == "sanne@example.nl"
    # ...read the message in the batch's one reading job (the injury escalates it)...
    analysis = MessageAnalysis.objects.get(message__case=case)
    assert "injury" in analysis.fired
    # ...and sent the confirmation with the status link, as for a message taken in at once.
    assert [m.to for m in mail.outbox] == [["sanne@example.nl"]]


@override_settings(KALM_INBOUND_EMAIL_TOKEN=TOKEN)
def test_it_checks_the_token_size_and_body_before_storing(client, db, settings):
    assert _post(client, INJURY.as_bytes(), HTTP_AUTHORIZATION="Bearer nope").status_code == 401
    assert _post(client, b"").status_code == 400
    assert not InboundEmail.objects.exists()
    settings.KALM_INBOUND_EMAIL_MAX_BYTES = 100
    too_large = _post(client, INJURY.as_bytes())
    assert too_large.status_code == 413  # kept, quarantined with its size, as without the header
    assert InboundEmail.objects.get().status == Status.QUARANTINED


@override_settings(KALM_INBOUND_EMAIL_TOKEN=TOKEN)
def test_without_the_preference_the_message_is_processed_in_the_request(client, db):
    response = _post(client, INJURY.as_bytes(), HTTP_PREFER="return=minimal")
    assert response.status_code == 200 and response.json()["outcome"] == "new"
    assert "Preference-Applied" not in response


def test_a_batch_processes_each_message_as_ingest_does(db, django_capture_on_commit_callbacks):
    first = build(message_id="<first@example.nl>")
    reply = build(
        subject="Re: Fles ontploft",
        body="Hebben jullie mijn mail gekregen?",
        message_id="<reply@example.nl>",
        in_reply_to="<first@example.nl>",
    )
    photo = build(sender="Daan <daan@example.nl>", subject="Foto", message_id="<photo@example.nl>")
    photo.add_attachment(jpeg_bytes(), maintype="image", subtype="jpeg", filename="fles.jpg")
    rows = [
        _queued(first.as_bytes()),
        _queued(reply.as_bytes()),
        _queued(corpus("garbage.eml")),
        _queued(first.as_bytes()),  # the same message delivered twice
        _queued(corpus("auto_replied.eml")),
        _queued(photo.as_bytes()),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        assert ingest_queued() == 6
    new, answer, garbage, twice, auto, with_photo = (
        InboundEmail.objects.get(pk=row.pk) for row in rows
    )
    assert (new.outcome, answer.outcome, twice.outcome) == ("new", "reply", "duplicate")
    assert answer.case == new.case == twice.case
    assert garbage.status == Status.QUARANTINED and garbage.reason == "no sender address"
    assert bytes(garbage.raw) == corpus("garbage.eml")
    assert auto.status == Status.IGNORED_AUTO_REPLY
    assert Evidence.objects.get(case=with_photo.case).original_name == "fles.jpg"
    assert {r.attempts for r in (new, answer, garbage, twice, auto, with_photo)} == {1}
    # The reading job of the batch read the new cases' messages and the reply.
    inbound = Message.objects.filter(kind=Message.Kind.INBOUND)
    assert inbound.count() == 3
    assert MessageAnalysis.objects.filter(message__in=inbound).count() == 3


def test_the_batch_queues_one_reading_and_one_sending_job(
    db, queued_jobs, django_capture_on_commit_callbacks
):
    for i in range(3):
        _queued(build(sender=f"c{i}@example.nl", message_id=f"<c{i}@example.nl>").as_bytes())
    _queued(
        build(subject="Re", message_id="<r@example.nl>", in_reply_to="<c0@example.nl>").as_bytes()
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert ingest_queued() == 4
    jobs = [HUEY.dequeue() for _ in range(queued_jobs())]
    # One reading for the batch (three new cases, one reply), one for its three confirmations.
    assert [job.name for job in jobs] == ["read_new_cases", "send_case_emails"]
    assert not MessageAnalysis.objects.exists() and not mail.outbox
    opened, replies = jobs[0].args
    assert len(opened) == 3 and len(replies) == 1
    # As the worker runs them (without closing the test's connection).
    read_new_cases.call_local(*jobs[0].args)
    send_case_emails.call_local(*jobs[1].args)
    assert MessageAnalysis.objects.count() == 4
    assert sorted(m.to[0] for m in mail.outbox) == [f"c{i}@example.nl" for i in range(3)]
    assert all("[K" in m.subject for m in mail.outbox)


def _failing_for(address: str):
    """Sending to ``address`` fails as if the mail server went away (fault injection); the
    other emails are sent."""
    real = case_email_deliver

    def deliver(*, case, **kwargs):
        if case.consumer.email == address:
            raise ConnectionError("mail server down")
        return real(case=case, **kwargs)

    return mock.patch("kalm.cases.tasks.case_email_deliver", deliver)


def test_one_confirmation_that_fails_leaves_the_others_sent(
    db, queued_jobs, django_capture_on_commit_callbacks
):
    for i in range(3):
        _queued(build(sender=f"c{i}@example.nl").as_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        ingest_queued()
    sending = [job for job in (HUEY.dequeue() for _ in range(2)) if job.name == "send_case_emails"]
    with _failing_for("c1@example.nl"), pytest.raises(ConnectionError):
        send_case_emails.call_local(*sending[0].args)
    assert sorted(m.to[0] for m in mail.outbox) == ["c0@example.nl", "c2@example.nl"]
    # The retry sends the one that failed, and only that one.
    send_case_emails.call_local(*sending[0].args)
    assert sorted(m.to[0] for m in mail.outbox) == [f"c{i}@example.nl" for i in range(3)]


def _sending_job(count: int, django_capture_on_commit_callbacks):
    for i in range(count):
        _queued(build(sender=f"c{i}@example.nl").as_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        ingest_queued()
    return next(job for job in (HUEY.dequeue() for _ in range(2)) if job.name == "send_case_emails")


def test_the_batch_sends_its_confirmations_in_one_smtp_session(
    db, smtp_server, settings, queued_jobs, django_capture_on_commit_callbacks
):
    """Through Kalm's own backend (drill-aware, SMTP behind it) to a real SMTP server."""
    settings.KALM_EMAIL_BACKEND, settings.EMAIL_BACKEND = (
        settings.EMAIL_BACKEND,
        "kalm.drills.mail.DrillAwareBackend",
    )
    sending = _sending_job(3, django_capture_on_commit_callbacks)
    send_case_emails.call_local(*sending.args)
    assert sorted(m["To"] for m in smtp_server.messages) == [f"c{i}@example.nl" for i in range(3)]
    assert len(set(smtp_server.peers)) == 1
    # Alone, each email has a session of its own (and the batch's was closed).
    case_email_deliver(
        case=Case.objects.get(consumer__email="c0@example.nl"),
        subject="Los",
        template="cases/email/reply.txt",
        context={"status_url": "http://127.0.0.1/x"},
    )
    assert len(set(smtp_server.peers)) == 2


def test_after_a_failed_email_the_batch_sends_the_rest_in_a_new_session(
    db, smtp_server, settings, queued_jobs, django_capture_on_commit_callbacks
):
    settings.KALM_EMAIL_BACKEND, settings.EMAIL_BACKEND = (
        settings.EMAIL_BACKEND,
        "kalm.drills.mail.DrillAwareBackend",
    )
    sending = _sending_job(3, django_capture_on_commit_callbacks)
    with _failing_for("c1@example.nl"), pytest.raises(ConnectionError):
        send_case_emails.call_local(*sending.args)
    assert sorted(m["To"] for m in smtp_server.messages) == ["c0@example.nl", "c2@example.nl"]
    assert len(set(smtp_server.peers)) == 2


def test_a_database_error_leaves_the_whole_batch_queued(db):
    rows = [_queued(build(sender=f"c{i}@example.nl").as_bytes()) for i in range(3)]
    real = ingest_queued.__globals__["inbound_email_process"]
    calls = []

    def the_second_breaks(*, inbound):
        calls.append(inbound.pk)
        if len(calls) == 2:
            raise OperationalError("database is locked")
        return real(inbound=inbound)

    with (
        mock.patch("kalm.channels.email.ingest.inbound_email_process", the_second_breaks),
        pytest.raises(OperationalError),
    ):
        ingest_queued()
    assert set(InboundEmail.objects.values_list("status", flat=True)) == {Status.QUEUED}
    assert not Case.objects.exists()  # the first one's case was rolled back with the batch
    # The job is retried: the next run processes all three.
    process_inbound_emails.call_local()
    assert {InboundEmail.objects.get(pk=r.pk).status for r in rows} == {Status.PROCESSED}
    assert Case.objects.count() == 3


def test_the_job_drains_more_than_one_batch(db):
    for i in range(EMAIL_BATCH + 3):
        _queued(build(sender=f"c{i}@example.nl").as_bytes())
    process_inbound_emails.call_local()
    assert not InboundEmail.objects.filter(status=Status.QUEUED).exists()
    assert Case.objects.count() == EMAIL_BATCH + 3


def test_a_burst_wakes_the_worker_once(db, queued_jobs, django_capture_on_commit_callbacks):
    for i in range(4):
        with django_capture_on_commit_callbacks(execute=True):
            inbound_email_accept(raw=build(sender=f"c{i}@example.nl").as_bytes())
    assert queued_jobs() == 1
    assert HUEY.dequeue().name == "process_inbound_emails"
    process_inbound_emails.call_local()  # as the worker runs it
    assert InboundEmail.objects.filter(status=Status.PROCESSED).count() == 4
    # The job cleared the flag as it started: the next message queues the next job.
    HUEY.storage.flush_queue()
    with django_capture_on_commit_callbacks(execute=True):
        inbound_email_accept(raw=build(sender="late@example.nl").as_bytes())
    assert queued_jobs() == 1


@override_settings(KALM_INBOUND_EMAIL_TOKEN=TOKEN)
def test_a_queue_that_cannot_be_reached_loses_no_message(
    client, db, queued_jobs, django_capture_on_commit_callbacks
):
    with (
        mock.patch.object(HUEY, "enqueue", side_effect=ConnectionError("queue down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = _post(client, INJURY.as_bytes())
    assert response.status_code == 202
    assert InboundEmail.objects.get().status == Status.QUEUED
    assert not HUEY.storage.has_data_for_key(DRAIN.queued)  # the next message tries again


def test_the_sweep_processes_only_messages_left_waiting(db):
    fresh = _queued(INJURY.as_bytes())
    assert inbound_emails_sweep.call_local() == 0
    fresh.refresh_from_db()
    assert fresh.status == Status.QUEUED
    InboundEmail.objects.filter(pk=fresh.pk).update(
        received_at=timezone.now() - timedelta(minutes=2)
    )
    HUEY.storage.put_data(DRAIN.queued, b"1")  # the job that would have taken it died
    HUEY.storage.put_data(DRAIN.taking, b"1")  # ...holding the batch
    assert inbound_emails_sweep.call_local() == 1
    fresh.refresh_from_db()
    assert fresh.status == Status.PROCESSED
    assert not HUEY.storage.has_data_for_key(DRAIN.queued)
    assert not HUEY.storage.has_data_for_key(DRAIN.taking)


def test_a_job_leaves_the_batch_to_the_ones_taking(db):
    for key in DRAIN.slots():  # every taker that may run is busy (one on SQLite, two on PG)
        HUEY.storage.put_data(key, b"1")
    _queued(INJURY.as_bytes())
    process_inbound_emails.call_local()
    assert InboundEmail.objects.get().status == Status.QUEUED
    for key in DRAIN.slots():
        HUEY.storage.delete_data(key)


@pytest.mark.postgres_only
def test_three_workers_process_each_message_once(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's in-memory test database is one connection shared by all threads")
    for i in range(3 * EMAIL_BATCH):
        _queued(build(sender=f"c{i}@example.nl", message_id=f"<m{i}@example.nl>").as_bytes())

    def work() -> None:
        while ingest_queued(limit=7):
            pass

    run_together(work, work, work)
    assert Case.objects.count() == 3 * EMAIL_BATCH
    assert set(InboundEmail.objects.values_list("status", "attempts")) == {("processed", 1)}
