from __future__ import annotations

from django.urls import reverse

from kalm.crisis.actions import crisis_status_set
from kalm.crisis.models import CrisisStatus
from kalm.crisis.tests.conftest import open_crisis
from kalm.desk.tests.conftest import assert_refused

URL = reverse("crisis:list")


def test_it_refuses_anonymous_and_outsiders(client, outsider):
    assert_refused(client, "get", URL, outsider)


def test_it_lists_active_crises_first_and_offers_agents_no_open_button(
    clock, agent_client, team_lead
):
    closed = open_crisis(team_lead, title="Oude storing")
    crisis_status_set(crisis=closed, actor=team_lead, status=CrisisStatus.CLOSED)
    open_crisis(team_lead, title="Flessen ontploffen")
    body = agent_client.get(URL).content.decode()
    assert body.index("Flessen ontploffen") < body.index("Oude storing")
    assert reverse("crisis:new") not in body


def test_leads_get_the_open_button(clock, lead_client):
    body = lead_client.get(URL).content.decode()
    assert reverse("crisis:new") in body


def test_the_badge_counts_open_crises(clock, agent_client, team_lead):
    assert "badge" not in agent_client.get(reverse("crisis:badge")).content.decode()
    open_crisis(team_lead)
    crisis = open_crisis(team_lead, title="Tweede")
    crisis_status_set(crisis=crisis, actor=team_lead, status=CrisisStatus.CLOSED)
    body = agent_client.get(reverse("crisis:badge")).content.decode()
    assert ">1</span>" in body


def test_the_badge_refuses_outsiders(client, outsider):
    assert_refused(client, "get", reverse("crisis:badge"), outsider)


def test_its_queries_do_not_grow_with_the_number_of_crises(clock, lead_client, team_lead):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    open_crisis(team_lead)
    lead_client.get(URL)  # warm caches (session, organisation settings)
    with CaptureQueriesContext(connection) as one:
        lead_client.get(URL)
    for n in range(3):
        open_crisis(team_lead, title=f"Crisis {n}")
    with CaptureQueriesContext(connection) as four:
        lead_client.get(URL)
    assert len(four) == len(one)
