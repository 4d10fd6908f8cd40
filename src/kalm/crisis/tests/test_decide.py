from __future__ import annotations

import pytest

from kalm.core.testing import make_case
from kalm.crisis.actions import CrisisActionError, crisis_case_decide, crisis_cases_confirm
from kalm.crisis.models import CrisisCase, CrisisEvent
from kalm.crisis.tests.conftest import open_crisis
from kalm.dossier.models import EntryKind


@pytest.fixture
def scoped(clock, team_lead, cola):
    first = make_case(product=cola)
    second = make_case(product=cola, email="tweede@example.nl")
    crisis = open_crisis(team_lead, products=[cola])
    return crisis, first, second


def test_confirming_writes_the_timeline_and_the_case_dossier(scoped, team_lead):
    crisis, first, _second = scoped
    link = crisis.links.get(case=first)
    crisis_case_decide(link=link, actor=team_lead, confirm=True)
    link.refresh_from_db()
    assert link.state == CrisisCase.State.CONFIRMED and link.decided_by == team_lead
    entry = first.dossier.last()
    assert entry.kind == EntryKind.LINKED and entry.payload == {
        "crisis_id": crisis.pk,
        "crisis": crisis.title,
    }
    assert entry.summary.startswith("Linked to crisis") and entry.actor == team_lead
    event = crisis.events.get(kind=CrisisEvent.Kind.CASE_CONFIRMED)
    assert event.payload["case_id"] == first.pk and first.reference in event.text


def test_rejecting_writes_the_timeline_but_not_the_dossier(scoped, team_lead):
    crisis, first, _second = scoped
    before = first.dossier.count()
    crisis_case_decide(link=crisis.links.get(case=first), actor=team_lead, confirm=False)
    assert first.dossier.count() == before
    assert crisis.events.filter(kind=CrisisEvent.Kind.CASE_REJECTED).count() == 1


def test_a_confirmed_case_cannot_be_decided_again(scoped, team_lead):
    crisis, first, _second = scoped
    link = crisis.links.get(case=first)
    crisis_case_decide(link=link, actor=team_lead, confirm=True)
    with pytest.raises(CrisisActionError, match="already"):
        crisis_case_decide(link=link, actor=team_lead, confirm=False)
    assert first.dossier.filter(kind=EntryKind.LINKED).count() == 1


def test_a_rejected_case_can_still_be_confirmed(scoped, team_lead):
    crisis, first, _second = scoped
    link = crisis.links.get(case=first)
    crisis_case_decide(link=link, actor=team_lead, confirm=False)
    crisis_case_decide(link=link, actor=team_lead, confirm=True)
    assert link.state == CrisisCase.State.CONFIRMED


def test_bulk_confirm_confirms_only_the_chosen_proposals(scoped, team_lead):
    crisis, first, second = scoped
    link = crisis.links.get(case=first)
    done = crisis_cases_confirm(crisis=crisis, actor=team_lead, link_ids=[link.pk, 999999])
    assert [d.case_id for d in done] == [first.pk]
    assert crisis.links.get(case=second).state == CrisisCase.State.PROPOSED
    assert first.dossier.filter(kind=EntryKind.LINKED).count() == 1
