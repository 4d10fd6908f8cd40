from __future__ import annotations

import pytest

from kalm.crisis.actions import CrisisActionError, crisis_event_add, crisis_task_complete
from kalm.crisis.models import AppendOnlyError, CrisisEvent
from kalm.crisis.tests.conftest import NOW, open_crisis


def test_a_decision_is_added_and_can_never_be_changed(clock, team_lead):
    crisis = open_crisis(team_lead)
    event = crisis_event_add(crisis=crisis, actor=team_lead, text=" Geen terugroepactie. ")
    assert event.kind == CrisisEvent.Kind.DECISION and event.text == "Geen terugroepactie."
    event.text = "Toch wel"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_it_refuses_an_empty_decision_and_system_kinds(clock, team_lead):
    crisis = open_crisis(team_lead)
    with pytest.raises(CrisisActionError):
        crisis_event_add(crisis=crisis, actor=team_lead, text="  ")
    with pytest.raises(CrisisActionError):
        crisis_event_add(crisis=crisis, actor=team_lead, text="x", kind=CrisisEvent.Kind.OPENED)


def test_completing_a_task_records_whether_it_was_late(clock, team_lead):
    crisis = open_crisis(team_lead)
    first, second = crisis.tasks.order_by("position")[:2]
    crisis_task_complete(task=first, actor=team_lead)
    clock.shift(60 * 60 * 48)
    crisis_task_complete(task=second, actor=team_lead)
    first.refresh_from_db()
    assert first.done_at == NOW and first.done_by == team_lead
    done = list(crisis.events.filter(kind=CrisisEvent.Kind.TASK_DONE))
    assert [e.payload["late"] for e in done] == [False, True]
    with pytest.raises(CrisisActionError, match="already done"):
        crisis_task_complete(task=first, actor=team_lead)
