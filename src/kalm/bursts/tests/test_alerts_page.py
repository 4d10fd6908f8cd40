from __future__ import annotations

from django.urls import reverse

from kalm.bursts.actions import alert_dismiss, alerts_detect
from kalm.bursts.models import BurstAlert
from kalm.bursts.tests.conftest import NOW
from kalm.desk.tests.conftest import assert_refused

URL = "/desk/bursts/"


def test_it_refuses_anonymous_and_outsiders(client, outsider):
    assert reverse("bursts:alerts") == URL
    assert_refused(client, "get", URL, outsider)


def test_it_lists_open_alerts_first(
    burst_cases, agent_client, agent, english, django_assert_max_num_queries
):
    alerts_detect(now=NOW)
    dismissed = BurstAlert.objects.get(key="batch:L2611")
    alert_dismiss(alert=dismissed, actor=agent)
    with django_assert_max_num_queries(12):
        response = agent_client.get(URL)
    assert response.status_code == 200
    listed = response.context["alerts"]
    assert listed[-1] == dismissed
    assert all(alert.status == "open" for alert in listed[:-1])
    assert "Kalm Cola 1L" in response.content.decode()


def test_it_says_when_there_is_nothing(db, agent_client, english):
    assert "No bursts detected" in agent_client.get(URL).content.decode()
