"""Background jobs for cases: thin wrappers that load rows and call one action."""

from __future__ import annotations

import logging

from huey.contrib.djhuey import db_task

from kalm.cases.actions import case_email_deliver, case_topic_detect
from kalm.cases.models import Case
from kalm.core.prepared import prepared_list
from kalm.core.worker import retry_with_backoff

log = logging.getLogger(__name__)

# Messages per engine call when read_new_cases reads a batch the worker opened together.
READ_BATCH = 256


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
    case_email_deliver(
        case=case,
        subject=subject,
        template=template,
        context=context,
        from_alias=from_alias,
        email_id=email_id,
        auto=auto,
    )


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
def read_new_cases(opened: list[tuple[int, int | None]]) -> None:
    """read_new_case for many cases opened together (the worker's batches of API case
    requests, kalm.api.actions.case_requests_open): ``opened`` pairs each case with its first
    message when that holds the consumer's words (None when an agent took it in: topic only).
    One job per batch instead of one per case; the messages go to the engine in batches of up
    to READ_BATCH. A message the engine cannot read does not stop the others: the job fails at
    the end and is retried, and what was read is then a check."""
    from kalm.empathy.actions import messages_analyse_pending

    done: set[int] = set()
    failed: Exception | None = None
    for case_id, message_id in opened:
        try:
            if message_id is not None and message_id not in done:
                stored = messages_analyse_pending(message_id=message_id, limit=READ_BATCH)
                done.update(analysis.message_id for analysis in stored)
            detect_case_topic.call_local(case_id)
        except Exception as exc:
            log.warning("Reading case %s failed; the job is retried", case_id, exc_info=True)
            failed = failed or exc
    if failed is not None:
        raise failed


def queue_cases_reading(opened: list[tuple[int, int | None]]) -> None:
    """Enqueue read_new_cases (on commit of the batch that opened them). If the queue cannot be
    reached the cases still stand: ``kalm analyse_messages --missing`` catches the analysis
    up, and an agent can set a topic on the case page."""
    if not opened:
        return
    try:
        read_new_cases(opened)
    except Exception:  # the queue is down: the opened cases stand
        log.exception("Could not queue the reading of %s new cases", len(opened))
