"""Background jobs for cases: thin wrappers that load rows and call one action."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.core.mail import get_connection
from django.db import transaction
from huey.contrib.djhuey import db_task

from kalm.cases.actions import case_email_deliver, case_topic_detect
from kalm.cases.models import Case
from kalm.core.prepared import prepared_list
from kalm.core.worker import retry_with_backoff

log = logging.getLogger(__name__)


# Retried with exponential backoff: 1, 2, 4, 8 and 16 minutes (huey's retry_backoff multiplies
# the delay after each failure). Safe to retry: case_email_deliver skips an email whose
# Message-ID (email_id) is already recorded as sent.
@db_task(retries=5, retry_delay=60, retry_backoff=2)
def send_case_email(
    case_id: int,
    subject: str,
    template: str,
    context: dict,
    from_alias: str = "",
    email_id: str = "",
    auto: bool = False,
) -> None:
    case = Case.objects.select_related("consumer", "team").get(pk=case_id)
    _deliver(case, subject, template, context, from_alias, email_id, auto)


def _deliver(case: Case, *email: Any, connection: Any = None) -> None:
    """case_email_deliver with send_case_email's arguments after the case id, in order."""
    subject, template, context, from_alias, email_id, auto = email
    case_email_deliver(
        case=case,
        subject=subject,
        template=template,
        context=context,
        from_alias=from_alias,
        email_id=email_id,
        auto=auto,
        connection=connection,
    )


# The same retries as send_case_email, and as safe: each email is skipped once it was sent.
@db_task(retries=5, retry_delay=60, retry_backoff=2)
def send_case_emails(emails: list[tuple]) -> None:
    """send_case_email for a batch of intake (kalm.cases.tasks.intake_gathered): one job
    instead of one per email. Each tuple holds send_case_email's arguments in order. An email
    that cannot be sent does not stop the others: the job fails at the end and is retried, and
    the emails already sent are then skipped (their Message-ID is in the dossier).

    The emails share one connection of the mail backend, kept open from the first to the last
    (kalm.drills.mail.DrillAwareBackend): one SMTP session for the batch. After a failure the
    connection is closed and opened again, so a session the server dropped is not reused."""
    cases = Case.objects.select_related("consumer", "team").in_bulk({e[0] for e in emails})
    failed: Exception | None = None
    connection = get_connection()
    _open(connection)
    try:
        for case_id, *email in emails:
            case = cases.get(case_id)
            if case is None:  # removed since (a GDPR erasure): nothing to send
                continue
            try:
                _deliver(case, *email, connection=connection)
            except Exception as exc:
                log.warning(
                    "An email of case %s failed; the job is retried", case_id, exc_info=True
                )
                failed = failed or exc
                connection.close()
                _open(connection)
    finally:
        connection.close()
    if failed is not None:
        raise failed


def _open(connection: Any) -> None:
    """Open the batch's mail connection. If the server cannot be reached now, each email tries
    on its own and fails with the reason (the job is then retried)."""
    try:
        connection.open()
    except Exception:
        log.warning("The mail connection could not be opened", exc_info=True)


# Safe to retry: case_topic_detect changes nothing once a topic is set.
@retry_with_backoff(retries=3, delay=30)
def detect_case_topic(case_id: int) -> int | None:
    # Compiled once per worker connection (kalm.core.prepared): every new case's job asks it.
    found = prepared_list(
        "cases.topic_job", lambda pk: Case.objects.filter(pk=pk), values=[case_id]
    )
    if not found:  # removed since (a deleted test case, a GDPR erasure): nothing to do
        return None
    return case_topic_detect(case=found[0]).topic_id


def queue_topic_detection(case_id: int) -> None:
    """Enqueue the topic of a newly opened case (called on commit by case_open). If the queue
    cannot be reached the case still stands; an agent can set the topic on the case page."""
    try:
        detect_case_topic(case_id)
    except Exception:  # the queue is down: never turn a stored case into an error page
        log.exception("Could not queue the topic of case %s", case_id)


# Safe to retry: the analysis is stored once per message and the topic changes nothing once set.
# Returns nothing: huey writes a job's non-None result to its result store, which nobody reads.
@retry_with_backoff(retries=3, delay=30)
def read_new_case(case_id: int, message_id: int) -> None:
    """The worker's one job for a case opened with the consumer's own words: the analysis of
    that first message (tone, emotion, escalation signals, routing; taken in a batch with the
    other messages waiting, kalm.empathy) and the topic. One job instead of one per step
    halves what each new case costs the queue. The batch also reads the topics of the cases it
    opened (kalm.cases.actions.case_topics_detect): for most jobs both steps are then a check."""
    from kalm.empathy.actions import messages_analyse_pending

    messages_analyse_pending(message_id=message_id)
    detect_case_topic.call_local(case_id)


def queue_case_intake(case_id: int, message_id: int) -> None:
    """Enqueue read_new_case (called on commit by case_open). If the queue cannot be reached
    the case still stands: ``kalm analyse_messages --missing`` catches the analysis up, and an
    agent can set the topic on the case page."""
    try:
        read_new_case(case_id, message_id)
    except Exception:  # the queue is down: never turn a stored case into an error page
        log.exception("Could not queue the reading of case %s", case_id)


# Safe to retry: what was read is a check the second time.
@retry_with_backoff(retries=3, delay=30)
def read_new_cases(opened: list[tuple[int, int | None]], replies: Sequence[int] = ()) -> None:
    """read_new_case for many cases opened together (the worker's batches of API case requests,
    kalm.api.actions.case_requests_open, and of emails handed over, kalm.channels.email.ingest):
    ``opened`` pairs each case with its first message when that holds the consumer's words (None
    when an agent took it in: topic only); ``replies`` are inbound messages on existing cases
    (analysis only, as analyse_message). One job per batch instead of one per case. It reads
    exactly these messages (kalm.empathy.actions.messages_analyse) and the topics of the cases
    they opened, together; a case whose topic that did not read (taken in by an agent, its
    message read by another job, or the topics' read failed) has it read on its own. A message
    the engine cannot read does not stop the others: the job fails at the end and is retried,
    and what was read is then a check."""
    from kalm.empathy.actions import messages_analyse

    message_ids = sorted({m for _case, m in opened if m is not None} | set(replies))
    read = messages_analyse(message_ids=message_ids)
    failed = read.failed
    for case_id, _message in opened:
        if case_id in read.topics_read:
            continue
        try:
            detect_case_topic.call_local(case_id)
        except Exception as exc:
            log.warning("The topic of case %s failed; the job is retried", case_id, exc_info=True)
            failed = failed or exc
    if failed is not None:
        raise failed


def queue_cases_reading(opened: list[tuple[int, int | None]], replies: Sequence[int] = ()) -> None:
    """Enqueue read_new_cases (on commit of the batch that opened them). If the queue cannot be
    reached the cases still stand: ``kalm analyse_messages --missing`` catches the analysis
    up, and an agent can set a topic on the case page."""
    if not opened and not replies:
        return
    try:
        read_new_cases(opened, list(replies))
    except Exception:  # the queue is down: the opened cases stand
        log.exception("Could not queue the reading of %s new cases", len(opened))


@dataclass
class _Gathered:
    opened: list[tuple[int, int | None]] = field(default_factory=list)
    replies: list[int] = field(default_factory=list)
    emails: list[tuple] = field(default_factory=list)  # send_case_email's arguments


_gathering = threading.local()


def intake_gathered_for() -> _Gathered | None:
    """The jobs being gathered in this thread (intake_gathered), or None."""
    return getattr(_gathering, "jobs", None)


@contextmanager
def intake_gathered() -> Iterator[None]:
    """Within this block, the jobs that new cases and inbound messages ask for on commit are
    gathered, and queued as one job of each kind on commit: the reading (case_reading_on_commit,
    message_reading_on_commit: one read_new_cases) and the confirmations
    (kalm.cases.actions.case_confirmation_queue: one send_case_emails). A batch of intake the
    worker took in together (emails handed over, kalm.channels.email.ingest.ingest_queued) then
    costs the queue two jobs, not two or three per message. Use it inside the batch's
    transaction: what a rolled-back savepoint asked for is dropped with it, as its own job
    would have been."""
    previous = intake_gathered_for()
    gathered = _gathering.jobs = _Gathered()
    try:
        yield
    finally:
        _gathering.jobs = previous
        # After the on-commit hooks that fill it: they were registered first.
        transaction.on_commit(lambda: _queue_gathered(gathered))


def _queue_gathered(gathered: _Gathered) -> None:
    queue_cases_reading(gathered.opened, gathered.replies)
    if not gathered.emails:
        return
    try:
        send_case_emails(gathered.emails)
    except Exception:  # the queue is down: the cases stand; their dossiers show no email sent
        log.exception("Could not queue %s confirmation emails", len(gathered.emails))


def case_reading_on_commit(case_id: int, message_id: int | None) -> None:
    """Queue the reading of a case just opened, once its transaction commits (kalm.cases.actions
    ._case_open): read_new_case for the consumer's first message, the topic alone when an agent
    took it in (``message_id`` None), or a place in the batch being gathered."""
    gathering = intake_gathered_for()
    if gathering is not None:
        transaction.on_commit(lambda: gathering.opened.append((case_id, message_id)))
    elif message_id is not None:
        transaction.on_commit(lambda: queue_case_intake(case_id, message_id))
    else:
        transaction.on_commit(lambda: queue_topic_detection(case_id))


def message_reading_on_commit(message_id: int) -> None:
    """Queue the analysis of an inbound message on an existing case, once its transaction
    commits (kalm.empathy.tasks.analyse_message), or a place in the batch being gathered."""
    gathering = intake_gathered_for()
    if gathering is not None:
        transaction.on_commit(lambda: gathering.replies.append(message_id))
        return
    from kalm.empathy.tasks import queue_message_analysis

    transaction.on_commit(lambda: queue_message_analysis(message_id))
