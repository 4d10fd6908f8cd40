from __future__ import annotations

from django.template.defaultfilters import floatformat
from django.urls import NoReverseMatch, reverse

from kalm.bursts.actions import alerts_detect
from kalm.bursts.models import BurstAlert
from kalm.bursts.tests.conftest import NOW
from kalm.desk.tests.conftest import assert_refused


def _alert() -> BurstAlert:
    alerts_detect(now=NOW)
    return BurstAlert.objects.get(key="batch:L2611")


def test_it_refuses_anonymous_and_outsiders(burst_cases, client, outsider):
    assert_refused(client, "get", reverse("bursts:alert", args=[_alert().pk]), outsider)


def test_it_shows_the_evidence(burst_cases, agent_client, english):
    alert = _alert()
    response = agent_client.get(reverse("bursts:alert", args=[alert.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert f"6 cases where {floatformat(alert.expected, 1)} were expected" in page
    for case in burst_cases[1]:
        assert reverse("desk:case", args=[case.pk]) in page
    assert page.count("<rect") == len(alert.series)
    assert "Dismiss" in page


def test_the_crisis_button_appears_only_when_the_crisis_app_has_the_page(
    burst_cases, agent_client, english
):
    alert = _alert()
    page = agent_client.get(reverse("bursts:alert", args=[alert.pk])).content.decode()
    try:
        target = f"{reverse('crisis:new')}?alert={alert.pk}"
    except NoReverseMatch:
        assert "Open a crisis from this alert" not in page
    else:
        assert target in page


def test_an_unknown_alert_is_404(db, agent_client):
    assert agent_client.get(reverse("bursts:alert", args=[999])).status_code == 404
