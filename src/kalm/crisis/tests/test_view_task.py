from __future__ import annotations

from django.urls import reverse

from kalm.core.testing import UserFactory
from kalm.crisis.actions import crisis_role_assign
from kalm.crisis.models import TeamRole
from kalm.crisis.tests.conftest import open_crisis
from kalm.desk.tests.conftest import assert_refused


def _url(task) -> str:
    return reverse("crisis:task_complete", args=[task.pk])


def test_it_refuses_anonymous_and_outsiders(clock, client, outsider, team_lead):
    task = open_crisis(team_lead).tasks.first()
    assert_refused(client, "post", _url(task), outsider)
    task.refresh_from_db()
    assert task.done_at is None


def test_an_agent_ticks_their_own_task_and_gets_the_checklist(
    clock, agent_client, agent, team_lead
):
    crisis_role_assign(actor=team_lead, user=agent, role=TeamRole.CUSTOMER_CARE)
    crisis = open_crisis(team_lead)
    task = crisis.tasks.filter(owner=agent).first()
    response = agent_client.post(_url(task), headers={"HX-Request": "true"})
    assert response.content.decode().startswith('<section id="checklist"')
    task.refresh_from_db()
    assert task.done_by == agent
    assert f"1 of {crisis.tasks.count()} done" in response.content.decode()


def test_an_agent_may_not_tick_someone_elses_task(clock, agent_client, team_lead):
    other = UserFactory(username="woordvoerder")
    crisis_role_assign(actor=team_lead, user=other, role=TeamRole.SPOKESPERSON)
    crisis = open_crisis(team_lead)
    task = crisis.tasks.filter(owner=other).first()
    assert agent_client.post(_url(task)).status_code == 403
    unowned = crisis.tasks.filter(owner=None).first()
    assert agent_client.post(_url(unowned)).status_code == 403
    task.refresh_from_db()
    assert task.done_at is None


def test_a_lead_ticks_any_task_and_is_sent_back_without_htmx(clock, lead_client, team_lead):
    crisis = open_crisis(team_lead)
    task = crisis.tasks.first()
    response = lead_client.post(_url(task))
    assert response["Location"] == reverse("crisis:detail", args=[crisis.pk]) + "#checklist"
    again = lead_client.post(_url(task), headers={"HX-Request": "true"})
    assert "already done" in again.content.decode()
