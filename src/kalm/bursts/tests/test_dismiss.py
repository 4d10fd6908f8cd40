from __future__ import annotations

from django.urls import reverse

from kalm.bursts.actions import alerts_detect
from kalm.bursts.models import BurstAlert
from kalm.bursts.tests.conftest import NOW
from kalm.desk.tests.conftest import assert_refused


def _alert() -> BurstAlert:
    alerts_detect(now=NOW)
    return BurstAlert.objects.get(key="batch:L2611")


def test_it_refuses_anonymous_and_outsiders(burst_cases, client, outsider):
    alert = _alert()
    assert_refused(client, "post", reverse("bursts:dismiss", args=[alert.pk]), outsider)
    alert.refresh_from_db()
    assert alert.status == "open"


def test_it_dismisses_with_a_reason(burst_cases, agent_client, agent):
    alert = _alert()
    response = agent_client.post(
        reverse("bursts:dismiss", args=[alert.pk]), {"reason": "Testbatch, geen klanten"}
    )
    assert response.status_code == 302
    alert.refresh_from_db()
    assert (alert.status, alert.note, alert.handled_by) == (
        "dismissed",
        "Testbatch, geen klanten",
        agent,
    )


def test_dismissing_twice_says_why(burst_cases, agent_client, english):
    alert = _alert()
    url = reverse("bursts:dismiss", args=[alert.pk])
    agent_client.post(url)
    response = agent_client.post(url, follow=True)
    assert "already handled: Dismissed" in response.content.decode()


def test_it_only_accepts_post(burst_cases, agent_client):
    assert agent_client.get(reverse("bursts:dismiss", args=[_alert().pk])).status_code == 405
