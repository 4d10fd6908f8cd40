"""Opening a crisis from a burst alert (the bursts/crisis contract of issue 5)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from kalm.bursts.models import BurstAlert
from kalm.core.testing import make_case
from kalm.crisis.models import Crisis, CrisisEvent, Scenario
from kalm.crisis.selectors import scenario_guess
from kalm.crisis.tests.conftest import NOW, open_crisis


@pytest.fixture
def alert(clock, cola):
    return BurstAlert.objects.create(
        dimension=BurstAlert.Dimension.BATCH,
        key="batch:L2611",
        label="Cola 1L · L2611: fles ontploft",
        product=cola,
        batch="L2611",
        start=NOW - timedelta(hours=6),
        detected_at=NOW - timedelta(hours=1),
        count=14,
        expected=0.8,
        score=9.2,
    )


def test_the_form_is_prefilled_from_the_alert(lead_client, alert, cola):
    response = lead_client.get(reverse("crisis:new") + f"?alert={alert.pk}")
    form = response.context["form"]
    assert response.status_code == 200
    assert form.initial["title"] == alert.label
    assert form.initial["products"] == [cola.pk] and form.initial["batches"] == "L2611"
    assert form.initial["window_start"] == alert.start
    assert form.initial["scenario"] == Scenario.PRODUCT_SAFETY  # "ontploft" beats "batch"
    body = response.content.decode()
    assert f'name="alert" value="{alert.pk}"' in body and "14 reports" in body


def test_opening_from_the_alert_links_it_marks_it_and_proposes_its_cases(
    lead_client, team_lead, alert, cola
):
    in_scope = make_case(product=cola, batch_number="L2611")
    elsewhere = make_case(subject="Vreemde smaak", email="ander@example.nl")
    alert.cases.add(in_scope, elsewhere)
    response = lead_client.post(
        reverse("crisis:new"),
        {
            "alert": alert.pk,
            "title": alert.label,
            "scenario": Scenario.PRODUCT_SAFETY,
            "severity": "3",
            "language": "nl",
            "products": [cola.pk],
            "batches": "L2611",
            "window_start": "2026-11-25T08:00",
        },
    )
    crisis = Crisis.objects.get()
    assert response.status_code == 302 and crisis.alert == alert
    alert.refresh_from_db()
    assert alert.status == BurstAlert.Status.CRISIS and alert.handled_by == team_lead
    reasons = dict(crisis.links.values_list("case_id", "proposed_reason"))
    assert set(reasons) == {in_scope.pk, elsewhere.pk}
    assert reasons[elsewhere.pk] == "Evidence case of the burst alert"
    assert crisis.events.filter(kind=CrisisEvent.Kind.ALERT).exists()


def test_without_a_window_the_alert_start_is_used(team_lead, alert):
    crisis = open_crisis(team_lead, alert=alert)
    assert crisis.window_start == alert.start


def test_the_list_shows_open_alerts_with_an_open_button_for_leads(lead_client, alert):
    body = lead_client.get(reverse("crisis:list")).content.decode()
    assert alert.label in body
    assert f"{reverse('crisis:new')}?alert={alert.pk}" in body


def test_the_badge_adds_open_alerts(agent_client, team_lead, alert):
    open_crisis(team_lead)
    body = agent_client.get(reverse("crisis:badge")).content.decode()
    assert ">2</span>" in body and "badge-crisis-alert" in body


@pytest.mark.parametrize(
    ("dimension", "label", "expected"),
    [
        ("topic", "wachtwoord gelekt datalek", Scenario.DATA_BREACH),
        ("channel", "app storing inloggen", Scenario.OUTAGE),
        ("topic", "pakket niet bezorgd", Scenario.DELIVERY),
        ("batch", "L77", Scenario.RECALL),
        ("channel", "social", Scenario.REPUTATIONAL),
    ],
)
def test_it_guesses_the_scenario_from_the_alert(dimension, label, expected):
    assert scenario_guess(BurstAlert(dimension=dimension, key="k", label=label)) == expected


def test_a_second_crisis_from_the_same_alert_is_refused(lead_client, team_lead, alert):
    open_crisis(team_lead, alert=alert)
    response = lead_client.post(
        reverse("crisis:new"),
        {
            "alert": alert.pk,
            "title": "Nog een",
            "scenario": "recall",
            "severity": "2",
            "language": "nl",
        },
    )
    assert response.status_code == 400
    assert "already" in response.content.decode()
    assert Crisis.objects.count() == 1


def test_other_open_alerts_of_the_same_wave_are_attached_and_unrelated_ones_stay_open(
    team_lead, alert, cola
):
    wave = [
        make_case(product=cola, batch_number="L2611", email=f"c{i}@example.nl") for i in range(4)
    ]
    other = [make_case(subject="Te laat", email=f"d{i}@example.nl") for i in range(3)]
    alert.cases.add(*wave)

    def sibling(key, cases):
        found = BurstAlert.objects.create(
            dimension=BurstAlert.Dimension.TOPIC,
            key=key,
            label=key,
            start=NOW - timedelta(hours=5),
            detected_at=NOW - timedelta(hours=1),
            count=len(cases),
            expected=0.5,
            score=6.0,
        )
        found.cases.add(*cases)
        return found

    same_wave = sibling("product:1", wave[:3] + other[:1])  # 3 of 4 cases are the crisis's
    unrelated = sibling("topic:7", other)
    crisis = open_crisis(team_lead, alert=alert, products=[cola], batches=["L2611"])
    same_wave.refresh_from_db()
    unrelated.refresh_from_db()
    assert same_wave.status == BurstAlert.Status.CRISIS
    assert unrelated.status == BurstAlert.Status.OPEN
    attached = crisis.events.filter(kind=CrisisEvent.Kind.ALERT, payload__alert_id=same_wave.pk)
    assert attached.count() == 1
