import pytest

from kalm.cases.actions import case_transition
from kalm.cases.models import Status
from kalm.cases.workflow import TRANSITIONS, IllegalTransition, allowed_targets, check_transition
from kalm.dossier.models import DossierEntry, EntryKind


def test_every_status_has_a_row_in_the_table():
    assert set(TRANSITIONS) == set(Status.values)


@pytest.mark.parametrize(
    "current,target", [("closed", "open"), ("resolved", "open"), ("new", "new")]
)
def test_it_refuses_illegal_moves(current, target):
    with pytest.raises(IllegalTransition):
        check_transition(current, target)


def test_a_closed_case_can_only_be_reopened():
    assert allowed_targets(Status.CLOSED) == [Status.REOPENED]


def test_transition_writes_a_dossier_entry(case, agent):
    case_transition(case=case, to=Status.OPEN, actor=agent)
    case.refresh_from_db()
    assert case.status == Status.OPEN
    entry = DossierEntry.objects.filter(case=case, kind=EntryKind.STATUS).get()
    assert entry.payload["from"] == "new" and entry.payload["to"] == "open"
    assert entry.actor == agent


def test_transition_refuses_and_writes_nothing(case, agent):
    case_transition(case=case, to=Status.CLOSED, actor=agent)
    with pytest.raises(IllegalTransition):
        case_transition(case=case, to=Status.OPEN, actor=agent)
    case.refresh_from_db()
    assert case.status == Status.CLOSED
    assert DossierEntry.objects.filter(case=case, kind=EntryKind.STATUS).count() == 1
