"""Recording a goodwill gesture on the desk (``case_goodwill``)."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext

from kalm.cases.actions import goodwill_record
from kalm.cases.models import GoodwillGesture
from kalm.desk.tests.conftest import assert_refused
from kalm.dossier.models import EntryKind

HTMX = {"HX-Request": "true"}


def _url(case) -> str:
    return reverse("desk:case_goodwill", args=[case.pk])


def test_it_refuses_anonymous_and_outsiders(client, outsider, case):
    data = {"kind": "voucher", "cost": "10", "currency": "EUR"}
    assert_refused(client, "post", _url(case), outsider, data)
    assert not GoodwillGesture.objects.exists()


def test_it_records_a_gesture_with_its_cost(agent_client, agent, case):
    response = agent_client.post(
        _url(case),
        {"kind": "flowers_card", "description": "Bos bloemen", "cost": "24.95", "currency": "eur"},
    )
    assert response.status_code == 302 and response["Location"].endswith("#solution")
    gesture = GoodwillGesture.objects.get(case=case)
    assert (gesture.kind, gesture.cost, gesture.currency) == (
        "flowers_card",
        Decimal("24.95"),
        "EUR",
    )
    assert gesture.given_by == agent
    entry = case.dossier.get(kind=EntryKind.GOODWILL)
    assert entry.payload["cost"] == "24.95" and not entry.public


def test_with_htmx_it_refreshes_the_page(agent_client, case):
    response = agent_client.post(
        _url(case), {"kind": "voucher", "cost": "5", "currency": "EUR"}, headers=HTMX
    )
    assert response.status_code == 200 and response["HX-Refresh"] == "true"


def test_a_negative_cost_is_refused_and_the_form_kept(agent_client, case):
    data = {"kind": "voucher", "description": "Bon", "cost": "-5", "currency": "EUR"}
    response = agent_client.post(_url(case), data, headers=HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert gettext("The cost of a gesture cannot be negative.") in body
    assert 'id="solution-box"' in body and 'value="Bon"' in body
    response = agent_client.post(_url(case), data)
    assert response.status_code == 400
    assert not GoodwillGesture.objects.exists()
    assert not case.dossier.filter(kind=EntryKind.GOODWILL).exists()


def test_other_needs_a_description(agent_client, case):
    response = agent_client.post(
        _url(case), {"kind": "other", "cost": "3", "currency": "EUR"}, headers=HTMX
    )
    assert gettext("Describe the gesture.") in response.content.decode()
    assert not GoodwillGesture.objects.exists()


def test_the_solution_box_lists_gestures_and_their_total(agent_client, agent, case, english):
    goodwill_record(case=case, actor=agent, kind="voucher", cost="10")
    goodwill_record(case=case, actor=agent, kind="gift", cost="2.50", description="Pakket")
    box = reverse("desk:case_solution_box", args=[case.pk])
    body = agent_client.get(box, headers=HTMX).content.decode()
    assert "Pakket" in body
    assert "12.50 EUR" in body.split('class="small goodwill-total"')[1]
