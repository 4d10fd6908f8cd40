"""Status, decisions and roles: the lead's controls in the room."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kalm.crisis.models import CrisisEvent, CrisisRole, CrisisStatus, TeamRole
from kalm.crisis.tests.conftest import open_crisis
from kalm.desk.tests.conftest import assert_refused


@pytest.fixture
def crisis(clock, team_lead):
    return open_crisis(team_lead)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("crisis:status", {"status": "closed"}),
        ("crisis:decision", {"text": "Terugroepen", "kind": "decision"}),
        ("crisis:role_assign", {"user": "1", "role": "legal"}),
    ],
)
def test_it_refuses_anonymous_outsiders_and_agents(client, outsider, agent, crisis, name, data):
    url = reverse(name, args=[crisis.pk])
    before = crisis.events.count()
    assert_refused(client, "post", url, outsider, data)
    client.force_login(agent)
    assert client.post(url, data).status_code == 403
    assert crisis.events.count() == before


def test_a_lead_moves_the_status_and_an_illegal_move_is_explained(lead_client, crisis):
    url = reverse("crisis:status", args=[crisis.pk])
    assert lead_client.post(url, {"status": "monitoring"}).status_code == 302
    response = lead_client.post(url, {"status": "recovering"})
    assert response.status_code == 400
    assert "cannot go from" in response.content.decode()
    crisis.refresh_from_db()
    assert crisis.status == CrisisStatus.MONITORING


def test_a_lead_adds_a_decision_to_the_timeline(lead_client, team_lead, crisis):
    response = lead_client.post(
        reverse("crisis:decision", args=[crisis.pk]),
        {"text": "Batch L2611 uit de schappen", "kind": "decision"},
        headers={"HX-Request": "true"},
    )
    assert response.content.decode().startswith('<section id="timeline"')
    event = crisis.events.last()
    assert (event.kind, event.actor, event.text) == (
        CrisisEvent.Kind.DECISION,
        team_lead,
        "Batch L2611 uit de schappen",
    )


def test_a_lead_assigns_and_removes_a_role(lead_client, agent, crisis):
    url = reverse("crisis:role_assign", args=[crisis.pk])
    lead_client.post(url, {"user": agent.pk, "role": TeamRole.SOCIAL})
    assignment = CrisisRole.objects.get(user=agent)
    assert assignment.crisis == crisis
    lead_client.post(url, {"user": agent.pk, "role": TeamRole.LEGAL, "everywhere": "on"})
    assert CrisisRole.objects.get(role=TeamRole.LEGAL).crisis is None
    remove = reverse("crisis:role_remove", args=[crisis.pk, assignment.pk])
    assert lead_client.post(remove).status_code == 302
    assert not CrisisRole.objects.filter(pk=assignment.pk).exists()


def test_roles_go_only_to_desk_members(lead_client, outsider, crisis):
    response = lead_client.post(
        reverse("crisis:role_assign", args=[crisis.pk]), {"user": outsider.pk, "role": "legal"}
    )
    assert response.status_code == 400
    assert not CrisisRole.objects.exists()
