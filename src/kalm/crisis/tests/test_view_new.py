from __future__ import annotations

from django.urls import reverse

from kalm.core.testing import make_case
from kalm.crisis.models import Crisis, Scenario
from kalm.desk.tests.conftest import assert_refused

URL = reverse("crisis:new")


def _data(**overrides):
    data = {
        "title": "Glas in potten babyvoeding",
        "scenario": Scenario.RECALL,
        "severity": "4",
        "language": "nl",
        "batches": "B123, B124",
    }
    data.update(overrides)
    return data


def test_it_refuses_anonymous_and_outsiders(client, outsider):
    assert_refused(client, "get", URL, outsider)
    client.logout()
    assert_refused(client, "post", URL, outsider, _data())
    assert not Crisis.objects.exists()


def test_an_agent_may_not_open_a_crisis(agent_client):
    assert agent_client.get(URL).status_code == 403
    assert agent_client.post(URL, _data()).status_code == 403
    assert not Crisis.objects.exists()


def test_a_lead_opens_one_and_lands_in_the_room(clock, lead_client, team_lead, cola):
    case = make_case(product=cola, batch_number="B124")
    response = lead_client.post(URL, _data(products=[cola.pk]))
    crisis = Crisis.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("crisis:detail", args=[crisis.pk])
    assert crisis.batches == ["B123", "B124"] and crisis.severity == 4
    assert crisis.opened_by == team_lead and list(crisis.products.all()) == [cola]
    assert crisis.tasks.exists()
    assert list(crisis.links.values_list("case_id", flat=True)) == [case.pk]


def test_it_keeps_the_input_and_says_why_when_invalid(clock, lead_client):
    response = lead_client.post(URL, _data(title="", window_start="gisteren"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Give the crisis a title." in body and "Enter a date and time." in body
    assert "B123, B124" in body
    assert not Crisis.objects.exists()


def test_an_unknown_alert_in_the_query_is_ignored(lead_client):
    response = lead_client.get(URL + "?alert=999999")
    assert response.status_code == 200
