from __future__ import annotations

from django.urls import reverse

from kalm.core.testing import make_case
from kalm.crisis.actions import crisis_case_decide, crisis_role_assign
from kalm.crisis.models import TeamRole
from kalm.crisis.tests.conftest import open_crisis
from kalm.desk.tests.conftest import assert_refused


def test_it_refuses_anonymous_and_outsiders(clock, client, outsider, team_lead):
    crisis = open_crisis(team_lead)
    assert_refused(client, "get", reverse("crisis:detail", args=[crisis.pk]), outsider)


def test_an_agent_sees_the_room_without_the_steering(clock, agent_client, team_lead, cola):
    first = make_case(product=cola)
    second = make_case(product=cola, email="b@example.nl")
    crisis = open_crisis(team_lead, products=[cola])
    crisis_case_decide(link=crisis.links.get(case=first), actor=team_lead, confirm=True)
    response = agent_client.get(reverse("crisis:detail", args=[crisis.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert crisis.title in body and crisis.tasks.first().title in body
    assert first.reference in body and second.reference in body
    assert "1 confirmed" in body and "Communication protocol" in body
    assert reverse("crisis:status", args=[crisis.pk]) not in body
    assert reverse("crisis:decision", args=[crisis.pk]) not in body
    assert reverse("crisis:link_decide", args=[crisis.links.get(case=second).pk]) not in body


def test_a_lead_sees_the_controls_overdue_tasks_and_the_team(clock, lead_client, team_lead, agent):
    crisis = open_crisis(team_lead)
    crisis_role_assign(actor=team_lead, user=agent, role=TeamRole.SPOKESPERSON, crisis=crisis)
    clock.shift(60 * 60 * 2)
    body = lead_client.get(reverse("crisis:detail", args=[crisis.pk])).content.decode()
    assert reverse("crisis:status", args=[crisis.pk]) in body
    assert "is-overdue" in body and "1 overdue" in body
    assert agent.internal_name in body and "Spokesperson" in body


def test_a_missing_crisis_is_404(agent_client):
    assert agent_client.get(reverse("crisis:detail", args=[424242])).status_code == 404


def test_its_queries_do_not_grow_with_cases_and_events(clock, lead_client, team_lead, cola):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kalm.crisis.actions import crisis_cases_propose

    make_case(product=cola)
    crisis = open_crisis(team_lead, products=[cola])
    url = reverse("crisis:detail", args=[crisis.pk])
    lead_client.get(url)  # warm caches (session, organisation settings)
    with CaptureQueriesContext(connection) as few:
        lead_client.get(url)
    for n in range(4):
        make_case(product=cola, email=f"extra{n}@example.nl")
    crisis_cases_propose(crisis=crisis)
    for link in crisis.links.all()[:3]:
        crisis_case_decide(link=link, actor=team_lead, confirm=True)
    with CaptureQueriesContext(connection) as many:
        lead_client.get(url)
    assert len(many) == len(few)
