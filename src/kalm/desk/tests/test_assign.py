from __future__ import annotations

from django.urls import reverse

from kalm.core.testing import TeamFactory, UserFactory
from kalm.desk.tests.conftest import assert_refused
from kalm.dossier.models import EntryKind


def _url(case) -> str:
    return reverse("desk:case_assign", args=[case.pk])


def test_it_refuses_anonymous_and_outsiders(client, outsider, case, agent):
    assert_refused(client, "post", _url(case), outsider, {"assignee": agent.pk})
    case.refresh_from_db()
    assert case.assignee is None


def test_it_transfers_to_an_agent_and_team(agent_client, case):
    colleague = UserFactory(alias="Piet")
    team = TeamFactory(name="Kwaliteit", slug="kwaliteit")
    response = agent_client.post(_url(case), {"assignee": colleague.pk, "team": team.pk})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.assignee, case.team) == (colleague, team)
    entry = case.dossier.get(kind=EntryKind.ASSIGNED)
    assert entry.payload["assignee_id"] == colleague.pk
    assert entry.payload["team"] == "Kwaliteit"


def test_assign_to_me(agent_client, agent, case):
    response = agent_client.post(_url(case), {"assignee": "", "team": "", "to_me": "1"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assignee == agent


def test_it_cannot_assign_to_someone_outside_the_desk(agent_client, case, outsider):
    response = agent_client.post(_url(case), {"assignee": outsider.pk})
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.assignee is None
    assert not case.dossier.filter(kind=EntryKind.ASSIGNED).exists()
