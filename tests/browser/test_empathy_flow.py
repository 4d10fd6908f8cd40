"""Issue 4's acceptance in a real browser: an injury complaint is routed to product safety and
highlighted, the agent answers it with a template that passes the reply check, the promise in
the reply becomes a follow-up, and the reminder appears when it is due.

Saves the screenshots the README shows (docs/screenshots/)."""

from __future__ import annotations

import re
from datetime import timedelta
from importlib import import_module
from pathlib import Path

import pytest
import time_machine
from django.apps import apps as django_apps
from django.core import mail
from django.utils import timezone

from kalm.accounts.models import Team
from kalm.cases.models import Case, Priority
from kalm.core.testing import ProductFactory, UserFactory
from kalm.empathy.models import MessageAnalysis
from kalm.followups.actions import followups_sweep
from kalm.followups.models import FollowUp
from tests.browser.helpers import desk_login

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

COMPLAINT = (
    "Gisteravond is een fles van jullie bronwater in mijn handen ontploft. Mijn dochter stond "
    "ernaast en heeft een snee in haar arm; we zijn naar de eerste hulp geweest en ze heeft "
    "drie hechtingen. Ik ben echt geschrokken."
)


@pytest.fixture
def reference_data(transactional_db):
    # live_server tests flush the database, so data migrations are re-applied by hand.
    import_module("kalm.cases.migrations.0002_expectation_options").add_options(django_apps, None)
    import_module("kalm.sla.migrations.0002_default_policies").forwards(django_apps, None)
    import_module("kalm.empathy.migrations.0002_default_rules").forwards(django_apps, None)
    import_module("kalm.replies.migrations.0002_seed_templates").seed(django_apps, None)
    ProductFactory(name="Bruisend Bronwater 1L", brand="Bron")


def test_an_injury_complaint_is_routed_answered_with_care_and_followed_up(
    live_server, page, open_page, reference_data, screenshot
):
    safety = Team.objects.get(slug="product-safety")
    agent = UserFactory(username="eva", first_name="Evelien", last_name="Jansen", alias="Eva")
    agent.teams.add(safety)

    # 1. The consumer files the complaint on the (Dutch) web form.
    page.goto(live_server.url + "/")
    page.fill("input[name=name]", "Sanne de Vries")
    page.fill("input[name=email]", "sanne@example.nl")
    page.select_option("select[name=product]", label="Bron Bruisend Bronwater 1L")
    page.fill("textarea[name=body]", COMPLAINT)
    page.locator("form.complaint-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/c/[^/]+/$"))

    # 2. The worker analysed the message and the injury rule routed the case.
    case = Case.objects.get()
    analysis = MessageAnalysis.objects.get(message__case=case)
    assert analysis.signals["injury"] >= 0.5, analysis.signals
    case.refresh_from_db()
    assert case.team_id == safety.pk and case.priority == Priority.URGENT

    # 3. The agent sees the signal in the inbox and the highlighted words on the case.
    desk = open_page(viewport={"width": 1280, "height": 900})
    desk_login(desk, live_server.url, "eva")
    row = desk.locator("tr", has=desk.get_by_role("link", name=case.reference))
    assert row.locator(".signal-injury").count() >= 1
    row.get_by_role("link", name=case.reference).click()
    desk.wait_for_url(re.compile(rf"/desk/cases/{case.pk}/$"))
    marks = desk.locator(".tl-message_in mark.signal-injury")
    assert marks.count() >= 1
    highlighted = {text.lower() for text in marks.all_inner_texts()}
    assert highlighted & {"ontploft", "eerste hulp", "hechtingen", "snee"}, highlighted
    card = desk.locator("#empathy")
    assert card.locator(".signal-chip.signal-injury").count() == 1
    assert "Product safety" in desk.locator(".case-head").inner_text()

    # 4. The agent inserts the injury template; the reply check passes every point.
    picker = desk.locator("#form-reply select[name=template]")
    picker.select_option(label="Letsel: eerste reactie (NL)")
    desk.locator("#form-reply .reply-tools button").click()
    desk.wait_for_function(
        "document.querySelector('#form-reply textarea[name=body]').value.includes('Sanne')"
    )
    desk.locator("#form-reply button[formaction]").click()  # "Check reply"
    desk.wait_for_selector("#form-reply .reply-check-score.reply-check-all")
    assert desk.locator("#form-reply .reply-check-item.check-todo").count() == 0
    screenshot(desk, "06-empathy-case")
    desk.locator("#composer").screenshot(path=str(SCREENSHOTS / "07-reply-check.png"))
    desk.locator("#form-reply button.btn-primary").click()
    desk.wait_for_selector(".tl-message_out")

    # 5. The promise in the reply ("uiterlijk ... contact met u op") is proposed as a follow-up;
    #    the agent confirms it.
    proposed = FollowUp.objects.get(case=case, status=FollowUp.Status.PROPOSED)
    desk.reload()
    desk.locator(f"#followup-{proposed.pk} form[action$='/confirm'] button").click()
    desk.wait_for_selector(f"#followup-{proposed.pk}.followup-open")
    proposed.refresh_from_db()
    assert proposed.owner_id == agent.pk

    # 6. When it is due, the worker's sweep reminds the agent and the due list shows it.
    mail.outbox.clear()
    with time_machine.travel(proposed.due_at + timedelta(minutes=1), tick=True):
        followups_sweep(now=timezone.now())
        proposed.refresh_from_db()
        assert proposed.reminded_at is not None
        assert any(agent.email in message.to for message in mail.outbox)
        desk.goto(live_server.url + "/desk/followups/")
        desk.wait_for_selector(f"#followup-{proposed.pk}")
        assert case.reference in desk.locator(f"#followup-{proposed.pk}").inner_text()
        screenshot(desk, "08-followups-due")
