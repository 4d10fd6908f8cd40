from __future__ import annotations

import pytest

from kalm.crisis.actions import IllegalCrisisTransition, allowed_targets, crisis_status_set
from kalm.crisis.models import CrisisEvent, CrisisStatus
from kalm.crisis.tests.conftest import NOW, open_crisis

S = CrisisStatus


@pytest.mark.parametrize(
    ("path", "final"),
    [
        ([S.RECOVERING, S.CLOSED], S.CLOSED),
        ([S.MONITORING, S.ACTIVE], S.ACTIVE),
        ([S.CLOSED, S.ACTIVE], S.ACTIVE),
    ],
)
def test_it_follows_the_declared_moves(clock, team_lead, path, final):
    crisis = open_crisis(team_lead)
    for status in path:
        crisis_status_set(crisis=crisis, actor=team_lead, status=status)
    crisis.refresh_from_db()
    assert crisis.status == final
    moves = crisis.events.filter(kind=CrisisEvent.Kind.STATUS)
    assert [m.payload["to"] for m in moves] == list(path)


@pytest.mark.parametrize(
    ("path", "refused"),
    [([S.MONITORING], S.RECOVERING), ([S.CLOSED], S.RECOVERING), ([], S.ACTIVE)],
)
def test_it_refuses_moves_the_table_does_not_have(clock, team_lead, path, refused):
    crisis = open_crisis(team_lead)
    for status in path:
        crisis_status_set(crisis=crisis, actor=team_lead, status=status)
    before = crisis.events.count()
    with pytest.raises(IllegalCrisisTransition) as error:
        crisis_status_set(crisis=crisis, actor=team_lead, status=refused)
    assert error.value.target == refused
    assert crisis.events.count() == before
    assert refused not in allowed_targets(crisis.status)


def test_closing_stamps_the_end_and_reopening_clears_it(clock, team_lead):
    crisis = open_crisis(team_lead)
    crisis_status_set(crisis=crisis, actor=team_lead, status=S.CLOSED, note="Alles terug")
    crisis.refresh_from_db()
    assert crisis.closed_at == NOW and crisis.window_end == NOW
    assert crisis.events.last().text.endswith("Alles terug")
    crisis_status_set(crisis=crisis, actor=team_lead, status=S.ACTIVE)
    crisis.refresh_from_db()
    assert crisis.closed_at is None and crisis.window_end == NOW
