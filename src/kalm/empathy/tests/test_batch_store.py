"""The worker stores a batch of analyses in one transaction, with the batch's reads done once
(kalm.empathy.actions._store_many). What it writes is what storing one message at a time writes:
the same analyses, dossier entries, routing decisions and case changes; closed and merged cases
are not routed; a rule acts once per case; a message whose storing fails does not fail the
others; and the batch's queries do not grow with its size."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kalm.cases.actions import message_receive
from kalm.cases.models import Case, Message, Status
from kalm.core.testing import make_case
from kalm.dossier.models import EntryKind
from kalm.dossier.selectors import dossier_verify_all
from kalm.empathy import actions
from kalm.empathy.actions import message_analyse, messages_analyse_pending
from kalm.empathy.models import MessageAnalysis, RoutingDecision
from kalm.empathy.tasks import analyse_message
from kalm.empathy.tests.support import CALM, EXAMPLES
from kalm.followups.models import FollowUp


def _waiting(bodies: list[str]) -> list[Message]:
    """Cases opened without running their after-commit jobs: the messages wait for the worker."""
    return [
        make_case(body=body, email=f"c{i}@example.nl").messages.get()
        for i, body in enumerate(bodies)
    ]


def _written(case: Case) -> dict:
    """What the analysis wrote on a case, without the ids of rows that differ between two cases
    (messages, analyses, holds, follow-ups)."""
    case.refresh_from_db()

    def plain(value):
        if isinstance(value, dict):
            return {
                k: plain(v)
                for k, v in value.items()
                if k not in {"id", "message_id", "analysis_id", "hold_id"}
            }
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    after_intake = case.dossier.exclude(
        kind__in=[EntryKind.CASE_OPENED, EntryKind.MESSAGE_IN]
    ).order_by("seq")
    return {
        "entries": [(e.seq, e.kind, e.summary, plain(e.payload)) for e in after_intake],
        "rules": sorted(case.routing_decisions.values_list("rule__signal", flat=True)),
        "case": (case.priority, case.team_id, case.assignee_id, case.status),
        "followups": FollowUp.objects.filter(case=case).count(),
        "holds": case.legal_holds.count(),
    }


ALL = [
    EXAMPLES["injury"]["nl"],
    CALM["nl"],
    EXAMPLES["legal"]["en"],
    EXAMPLES["media"]["nl"],
    EXAMPLES["aggression"]["en"],
    EXAMPLES["vulnerability"]["nl"],
]


@pytest.mark.django_db
def test_a_batch_writes_what_one_message_at_a_time_writes():
    # One moment for both (a follow-up's due time is counted from now), on a Tuesday morning.
    with time_machine.travel(
        datetime(2026, 3, 3, 10, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False
    ):
        batched = _waiting(ALL)
        stored = messages_analyse_pending(message_id=batched[0].pk)
        alone = _waiting(ALL)
        for message in alone:
            message_analyse(message=message)  # one transaction per message, as before batches

    assert [a.message_id for a in stored] == [m.pk for m in batched]
    for one, other in zip(batched, alone, strict=True):
        assert _written(one.case) == _written(other.case)
    assert _written(batched[0].case)["rules"] == ["injury"]
    assert _written(batched[2].case)["holds"] == 1
    assert all(problem is None for _case, problem in dossier_verify_all())


@pytest.mark.django_db
def test_a_rule_acts_once_on_two_messages_of_one_case_in_one_batch():
    [first] = _waiting([EXAMPLES["injury"]["nl"]])
    case = first.case
    second = message_receive(case=case, body=EXAMPLES["injury"]["en"])  # its job not run yet

    stored = messages_analyse_pending(message_id=first.pk)

    assert {a.message_id for a in stored} == {first.pk, second.pk}
    [decision] = RoutingDecision.objects.filter(case=case)
    assert decision.analysis.message_id == first.pk
    kinds = list(case.dossier.order_by("seq").values_list("kind", flat=True))
    assert kinds.count(EntryKind.ROUTED) == 1
    assert kinds.count(EntryKind.ANALYSIS) == 2
    # The first message's analysis, then its rule; the second's analysis after the rule's work.
    assert kinds.index(EntryKind.ANALYSIS) + 1 == kinds.index(EntryKind.ROUTED)


@pytest.mark.django_db
def test_a_batch_routes_no_closed_or_merged_case():
    closed, merged, open_ = _waiting([EXAMPLES["injury"]["nl"]] * 3)
    Case.objects.filter(pk=closed.case_id).update(status=Status.CLOSED)
    Case.objects.filter(pk=merged.case_id).update(merged_into=open_.case)

    messages_analyse_pending(message_id=closed.pk)

    assert MessageAnalysis.objects.filter(message__in=[closed, merged, open_]).count() == 3
    assert list(RoutingDecision.objects.values_list("case_id", flat=True)) == [open_.case_id]
    for message in (closed, merged):
        kinds = list(message.case.dossier.values_list("kind", flat=True))
        assert EntryKind.ANALYSIS in kinds and EntryKind.ROUTED not in kinds
        assert Case.objects.get(pk=message.case_id).priority == message.case.priority


def _batch_queries(bodies: list[str]) -> int:
    messages = _waiting(bodies)
    with CaptureQueriesContext(connection) as captured:
        stored = messages_analyse_pending(message_id=messages[0].pk)
    assert len(stored) == len(bodies)
    return len(captured.captured_queries)


@pytest.mark.django_db
def test_the_queries_of_a_batch_of_calm_messages_do_not_grow_with_its_size():
    _batch_queries([CALM["nl"]])  # the first batch of a process reads what later ones reuse
    five, twenty = _batch_queries([CALM["nl"]] * 5), _batch_queries([CALM["en"]] * 20)
    assert five == twenty
    assert twenty <= 16


@pytest.mark.django_db
def test_an_escalating_message_costs_the_same_queries_in_any_batch():
    _batch_queries([EXAMPLES["injury"]["nl"]])
    two = _batch_queries([EXAMPLES["injury"]["nl"]] * 2)
    twelve = _batch_queries([EXAMPLES["injury"]["nl"]] * 12)
    per_message = (twelve - two) / 10
    assert per_message == int(per_message)  # the same work for each message
    # Per message: the rule's decision, and its entries with the analysis's, the priority
    # raise's and the transfer's in one append (a head read, one INSERT, one UPDATE of the case
    # row with the new priority and team, a savepoint). Nothing per batch.
    assert per_message <= 8


@pytest.mark.django_db
def test_a_message_whose_storing_fails_fails_only_its_own_job(monkeypatch):
    first, bad, last = _waiting([CALM["nl"], EXAMPLES["injury"]["nl"], CALM["en"]])
    real = actions.case_route

    def failing_for_one(*, case, **kwargs):  # fault injection: one case's rule action breaks
        if case.pk == bad.case_id:
            raise RuntimeError("priority failure")
        return real(case=case, **kwargs)

    monkeypatch.setattr(actions, "case_route", failing_for_one)

    analyse_message.call_local(first.pk)  # the batch rolled back; its own message is stored
    assert set(MessageAnalysis.objects.values_list("message_id", flat=True)) == {first.pk}
    with pytest.raises(RuntimeError):
        analyse_message.call_local(bad.pk)  # retried, then kept as a FailedTask
    analyse_message.call_local(last.pk)
    assert set(MessageAnalysis.objects.values_list("message_id", flat=True)) == {
        first.pk,
        last.pk,
    }
    assert not RoutingDecision.objects.exists()
    assert not Case.objects.get(pk=bad.case_id).dossier.filter(kind=EntryKind.ANALYSIS).exists()


@pytest.mark.django_db
def test_a_batch_skips_a_message_analysed_meanwhile():
    messages = _waiting([EXAMPLES["injury"]["nl"], CALM["nl"]])
    from kalm.empathy.engine import analyse_many

    results = analyse_many([m.body for m in messages])
    earlier = message_analyse(message=messages[1])  # another worker got there first

    stored = actions._store_many(messages, results, rules=actions._active_rules())

    assert [a.message_id for a in stored] == [messages[0].pk]
    assert MessageAnalysis.objects.get(message=messages[1]).pk == earlier.pk
