"""Churn risk in a real browser: an agent opens the at-risk list (the rule index, said so),
plans the suggested call-back for the consumer at the top, finds it on the case, and marks
another consumer as lost from their page, which takes them off the list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kalm.cases.models import Case
from kalm.churn.actions import churn_refresh
from kalm.churn.models import Loss
from kalm.core.testing import UserFactory, make_case
from kalm.followups.models import FollowUp
from tests.browser.helpers import desk_login

pytestmark = pytest.mark.browser


def _case(name: str, email: str, *, hours_ago: float, subject: str) -> Case:
    case = make_case(name=name, email=email, subject=subject, body=f"{subject}. Graag snel.")
    when = timezone.now() - timedelta(hours=hours_ago)
    Case.objects.filter(pk=case.pk).update(created_at=when, updated_at=when)
    return case


def test_an_agent_plans_the_suggested_action_and_marks_a_consumer_lost(
    live_server, page, screenshot
):
    UserFactory(username="eva", alias="Eva")
    # Three complaints of Sanne's, unanswered for days: high risk, call back.
    for n, hours in enumerate((120, 80, 30)):
        _case("Sanne de Vries", "sanne@example.nl", hours_ago=hours, subject=f"Klacht {n + 1}")
    # Piet: one unanswered complaint, two days old.
    _case("Piet Bakker", "piet@example.nl", hours_ago=50, subject="Pakket beschadigd")
    churn_refresh()

    page.set_viewport_size({"width": 1280, "height": 900})
    desk_login(page, live_server.url, "eva")
    page.get_by_role("link", name="Risico op vertrek").click()
    expect(page.locator("h1")).to_have_text("Consumenten met risico op vertrek")
    expect(page.locator("#churn-method")).to_contain_text("Index op basis van regels")
    first = page.locator("table.churn-table tbody tr").first
    expect(first).to_contain_text("Sanne de Vries")
    expect(first).to_contain_text("3 klachten staan nog open")
    expect(first).to_contain_text("Terugbellen")
    screenshot(page, "churn-at-risk")

    first.get_by_role("button", name="Inplannen").click()
    expect(page.locator(".flash-list")).to_contain_text("Opvolging voor jou gepland")
    followup = FollowUp.objects.get(source=FollowUp.Source.CHURN)
    assert followup.owner.username == "eva"
    assert followup.case.consumer.name == "Sanne de Vries"
    planned = page.locator("table.churn-table tbody tr").first.get_by_role("link", name="Gepland")
    planned.click()
    expect(page.locator("#followups")).to_contain_text("Terugbellen: risico op vertrek")

    # Piet left for a competitor: marked from his page, he leaves the list.
    page.goto(f"{live_server.url}/desk/churn/")
    page.get_by_role("link", name="Piet Bakker").click()
    card = page.locator("#churn")
    card.locator("summary").click()
    card.locator("[name=reason]").select_option("competitor")
    card.locator("[name=note]").fill("Belde op om op te zeggen.")
    card.get_by_role("button", name="Markeren als verloren").click()
    expect(page.locator("#churn")).to_contain_text("Verloren")
    loss = Loss.objects.get()
    assert loss.consumer.name == "Piet Bakker" and loss.reason == "competitor"
    page.goto(f"{live_server.url}/desk/churn/")
    expect(page.locator("table.churn-table")).not_to_contain_text("Piet Bakker")
