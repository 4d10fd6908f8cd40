"""Background jobs of the empathy app: thin wrappers that load rows and call one action.

The message is stored before any of this runs (the hook in kalm.cases.actions queues the job
after commit): an engine or queue failure never loses or blocks it. A job that fails for good is
kept as a FailedTask (kalm.core.worker), and ``kalm analyse_messages --missing`` catches up."""

from __future__ import annotations

import logging

from kalm.accounts.models import User
from kalm.core.worker import retry_with_backoff
from kalm.empathy.actions import messages_analyse_pending, routing_notification_send
from kalm.empathy.models import RoutingDecision

log = logging.getLogger(__name__)


# Safe to retry: a message is analysed once (its analysis row is unique); a retry finds it done.
# Returns nothing: huey writes a job's non-None result to its result store, which nobody reads.
@retry_with_backoff(retries=3, delay=30)
def analyse_message(message_id: int) -> None:
    """Analyse the message, with the later inbound messages still waiting in the same engine
    batch (messages_analyse_pending, which also reads the topics of the cases those messages
    opened); their own jobs then only check. A message that is gone (a deleted test case, a
    GDPR erasure) or not the consumer's is nothing to do."""
    messages_analyse_pending(message_id=message_id)


def queue_message_analysis(message_id: int) -> None:
    """Enqueue the analysis of a stored inbound message (called on commit). If the queue itself
    cannot be reached the message still stands; the analysis is caught up later."""
    try:
        analyse_message(message_id)
    except Exception:  # the queue is down: never turn a stored message into an error page
        log.exception("Could not queue the analysis of message %s", message_id)


# A retry after a partial failure may email a recipient twice; preferred over a lead not told.
@retry_with_backoff(retries=5, delay=60)
def send_routing_notification(decision_id: int, recipient_ids: list[int]) -> int:
    decision = RoutingDecision.objects.select_related("case", "rule", "analysis").get(
        pk=decision_id
    )
    recipients = list(User.objects.filter(pk__in=recipient_ids).order_by("pk"))
    return routing_notification_send(decision=decision, recipients=recipients)
