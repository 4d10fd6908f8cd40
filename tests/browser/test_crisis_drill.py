"""Issue 5's acceptance in a real browser: a drill starts, the burst is detected, a crisis is
opened from the alert, a statement is drafted, approved by a second person and published; the
public crisis page, an affected consumer's email (on a test SMTP server: the drill sink) and the
desk macro show the same version; a newer version propagates and no channel is flagged behind.

Saves the screenshots the README shows (docs/screenshots/)."""

from __future__ import annotations

import re
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps as django_apps

from kalm.cases.models import Case
from kalm.channels.tests.servers import SmtpSink, free_port
from kalm.core.testing import UserFactory, make_case
from kalm.crisis.models import CrisisCase, CrisisSubscription, TeamRole
from kalm.drills.models import Drill
from tests.browser.helpers import desk_login

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

V1 = {
    "what_happened": "Flessen Bruiswater uit partij {batch} kunnen barsten (versie een).",
    "what_we_do": "We halen partij {batch} uit alle winkels.",
    "what_to_expect": "U hoort binnen 48 uur van ons over vergoeding.",
    "what_you_can_do": "Open de fles niet; zet hem rechtop buiten bereik van kinderen.",
    "how_to_reach_us": "Bel gratis 0800-0123, dag en nacht.",
}
V2_HAPPENED = "Update twee: onderzoek wijst op een fout in de vulmachine voor partij {batch}."


@pytest.fixture
def reference_data(transactional_db):
    # live_server tests flush the database, so data migrations are re-applied by hand.
    import_module("kalm.cases.migrations.0002_expectation_options").add_options(django_apps, None)
    import_module("kalm.sla.migrations.0002_default_policies").forwards(django_apps, None)
    import_module("kalm.empathy.migrations.0002_default_rules").forwards(django_apps, None)
    import_module("kalm.replies.migrations.0002_seed_templates").seed(django_apps, None)
    import_module("kalm.crisis.migrations.0002_default_playbooks_protocol").seed(django_apps, None)


@pytest.fixture
def drill_sink(settings):
    """The drill's mail sink is a real SMTP server on 127.0.0.1; real mail goes to locmem."""
    from aiosmtpd.controller import Controller

    port = free_port()
    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "kalm.drills.mail.DrillAwareBackend"
    settings.KALM_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.KALM_DRILL_EMAIL_HOST, settings.KALM_DRILL_EMAIL_PORT = "127.0.0.1", port
    settings.KALM_CRISIS_MAIL_RATE = 6000  # the whole update in the first batch
    yield sink
    controller.stop()


def _statement(page, crisis_url: str, sections: dict[str, str]) -> None:
    page.goto(crisis_url + "#statements")
    form = page.locator("form[action$='/statements']")
    form.locator("select[name=language]").select_option("nl")
    for name, text in sections.items():
        form.locator(f"[name={name}]").fill(text)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    page.locator("form[action$='/submit'] button").first.click()
    page.wait_for_load_state()


def _approve(page, crisis_url: str) -> None:
    page.goto(crisis_url + "#statements")
    page.locator("form[action$='/review'] button[name=approve][value='1']").first.click()
    page.wait_for_load_state()


def _publish_everywhere(page, crisis_url: str) -> None:
    page.goto(crisis_url + "#statements")
    form = page.locator("form[action$='/publish']").first
    boxes = form.locator("input[name=channels]")
    assert boxes.count() == 5  # public page, desk macro, chat answer, email update, social
    for i in range(boxes.count()):
        boxes.nth(i).check()
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def _mail_texts(sink: SmtpSink) -> list[tuple[str, str]]:
    found = []
    for message in sink.messages:
        part = message.get_body(("plain",))
        found.append((str(message["To"]), part.get_content() if part else ""))
    return found


def test_a_drill_is_detected_opened_published_everywhere_and_updated(
    live_server, page, open_page, reference_data, drill_sink, screenshot
):
    lead = UserFactory(
        username="lotte", first_name="Lotte", last_name="Visser", alias="Lotte", role="lead"
    )
    legal = UserFactory(username="jan", first_name="Jan", last_name="Smit", alias="Jan")
    from kalm.crisis.actions import crisis_role_assign

    crisis_role_assign(actor=lead, user=lead, role=TeamRole.SPOKESPERSON)
    crisis_role_assign(actor=lead, user=legal, role=TeamRole.LEGAL)
    real_case = make_case(subject="Echte klacht over de bezorging")

    # 1. The lead starts an exploding-bottle drill and joins it: the desk says it is a drill.
    desk_login(page, live_server.url, "lotte")
    page.goto(live_server.url + "/desk/drills/")
    start = page.locator("form[action$='/desk/drills/start/']")
    start.locator("[name=scenario]").select_option("bottles")
    start.locator("[name=seed]").fill("7")
    start.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/desk/drills/\d+/$"))
    drill = Drill.objects.get()
    # Starting a drill switches the starter's desk to it.
    assert page.locator("form[action$='/desk/drills/leave/']").count() >= 1
    assert page.locator(".drill-banner").count() == 1

    # 2. Fast-forward through the wave: the drill's own detector raises the alert.
    page.goto(live_server.url + f"/desk/drills/{drill.pk}/")
    advance = page.locator("form[action$='/advance/']")
    advance.locator("[name=minutes]").fill("720")
    advance.locator("button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(live_server.url + "/desk/crisis/")
    from kalm.bursts.models import BurstAlert

    alerts = {
        a.dimension: a for a in BurstAlert.objects.filter(drill=drill).order_by("detected_at")
    }
    assert "batch" in alerts, alerts  # the wave is one batch of bottles
    open_from_alert = page.locator(f"a[href$='/desk/crisis/new/?alert={alerts['batch'].pk}']")
    screenshot(page, "drill-alert")

    # 3. A crisis is opened from the alert (pre-filled) and its proposed cases confirmed.
    open_from_alert.click()
    page.wait_for_url(re.compile(r"/desk/crisis/new/"))
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/desk/crisis/\d+/$"))
    crisis_url = page.url.rstrip("/")
    from kalm.crisis.models import Crisis

    crisis = Crisis.objects.get()
    assert crisis.drill_id == drill.pk and crisis.alert_id is not None
    with page.expect_response(lambda r: "/links/confirm" in r.url):  # htmx swaps the section
        page.locator("button[form=crisis-bulk]").click()
    confirmed = CrisisCase.objects.filter(crisis=crisis, state=CrisisCase.State.CONFIRMED)
    assert confirmed.count() >= 5
    subscribed = CrisisSubscription.objects.filter(crisis=crisis, unsubscribed_at=None)
    assert subscribed.exists(), "consumers who asked to be kept informed are subscribed"
    batch = crisis.batches[0] if crisis.batches else drill.script[-1]["batch"]

    # 4. The spokesperson drafts v1; a second person (legal) approves; the spokesperson publishes.
    _statement(page, crisis_url, {k: v.format(batch=batch) for k, v in V1.items()})
    reviewer = open_page(viewport={"width": 1280, "height": 900})
    desk_login(reviewer, live_server.url, "jan")
    _approve(reviewer, crisis_url)
    _publish_everywhere(page, crisis_url)
    screenshot(page, "crisis-statement-published")

    v1_text = V1["what_happened"].format(batch=batch)

    def channels_show(text: str) -> None:
        # The crisis page (a drill's exists for the desk only, marked as a drill).
        page.goto(f"{live_server.url}/crisis/{crisis.slug}/")
        assert page.locator(".drill-banner").count() == 1
        assert text in page.locator("article.crisis-page").inner_text()
        # An affected consumer's email update, received by the test SMTP server.
        mails = [(to, body) for to, body in _mail_texts(drill_sink) if text in body]
        assert mails, "no email update with the current text reached the drill sink"
        assert all(".invalid" in to for to, _body in mails)
        # The desk macro on a confirmed case.
        case = Case.objects.filter(crisis_links__in=confirmed, channel="web").first()
        case = case or confirmed.first().case
        page.goto(f"{live_server.url}/desk/cases/{case.pk}/")
        blocks = page.locator(".crisis-case-statement textarea.crisis-reply-block").first
        assert text in blocks.input_value()

    channels_show(v1_text)

    # 5. A newer version goes through the same four eyes and replaces v1 everywhere.
    sections = {k: v.format(batch=batch) for k, v in V1.items()}
    sections["what_happened"] = V2_HAPPENED.format(batch=batch)
    _statement(page, crisis_url, sections)
    _approve(reviewer, crisis_url)
    _publish_everywhere(page, crisis_url)
    channels_show(V2_HAPPENED.format(batch=batch))

    # 6. The consistency panel flags no channel as behind.
    page.goto(crisis_url + "#statements")
    panel = page.locator("#statements")
    assert panel.locator("tr.consistency-row").count() >= 5
    assert panel.locator("tr.consistency-row.is-behind").count() == 0
    panel.screenshot(path=str(SCREENSHOTS / "crisis-consistency.png"))

    # 7. The public never sees the drill's page; nothing of the drill reached the real mail
    # backend or the real inbox.
    public = open_page()
    assert public.goto(f"{live_server.url}/crisis/{crisis.slug}/").status == 404
    public.close()
    from django.core import mail

    assert not [m for m in mail.outbox if any(".invalid" in r for r in m.recipients())]
    page.locator("form[action$='/desk/drills/leave/'] button").first.click()
    page.wait_for_load_state()
    page.goto(live_server.url + "/desk/")
    inbox = page.locator("table.cases").inner_text()
    assert real_case.reference in inbox
    drill_refs = Case.objects.filter(drill=drill).values_list("reference", flat=True)
    assert not [ref for ref in drill_refs if ref in inbox]
