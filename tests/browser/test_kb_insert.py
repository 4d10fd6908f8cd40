"""Two keystrokes in a real browser (Debian's chromium): Alt+K then Enter puts the first
suggested article's text into the reply box at the caret; Alt+Shift+K then Enter its link; the
picker's search asks the desk as you type."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from kalm.core.testing import make_case
from kalm.kb.search import search_index_invalidate
from kalm.kb.tests.conftest import CategoryFactory, make_published

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture
def category(transactional_db):
    search_index_invalidate()  # the index lives in process memory; live_server flushes the db
    yield CategoryFactory(slug="bestellen", name_nl="Bestellen", name_en="Ordering")
    search_index_invalidate()


@pytest.fixture
def logged_in(live_server, page, agent):
    client = Client()
    client.force_login(agent)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return page


def test_alt_k_then_enter_inserts_the_first_suggestion(live_server, logged_in, category):
    page = logged_in
    returns = make_published(
        category=category,
        title="Hoe meld ik een retourzending aan?",
        body="Meld de retourzending aan in Mijn account.\n\nPrint het <b>retourlabel</b>.",
    )
    make_published(
        category=category,
        title="Goodwill-richtlijnen",
        body="Een waardebon mag je zelf geven bij een retourzending.",
        visibility="internal",
    )
    case = make_case(subject="Retourzending", body="Hoe stuur ik mijn airfryer terug?")
    page.goto(f"{live_server.url}/desk/cases/{case.pk}/")
    page.wait_for_selector("#kb-articles [data-kb-insert]")

    box = page.locator("#form-reply textarea[name=body]")
    box.fill("Beste klant,")
    box.press("End")
    page.keyboard.press("Alt+k")
    page.wait_for_selector("[data-kb-picker][open]")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "kb-article-picker.png"), full_page=False)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "document.querySelector('#form-reply textarea[name=body]').value.includes('retourlabel')"
    )
    assert box.input_value() == f"Beste klant,\n\n{returns.body}"
    assert page.locator("[data-kb-picker][open]").count() == 0

    # The link: Alt+Shift+K, Enter, at the caret (now the end of the inserted text).
    page.keyboard.press("Alt+Shift+K")
    page.wait_for_selector("[data-kb-picker][open]")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "document.querySelector('#form-reply textarea[name=body]').value.includes('/help/a/')"
    )
    assert box.input_value().endswith(
        f"Hoe meld ik een retourzending aan?\n{settings.SITE_URL}/help/a/{returns.slug}/"
    )

    # Searching in the picker: the results come from the desk as you type.
    page.keyboard.press("Alt+k")
    page.wait_for_selector("[data-kb-picker][open]")
    # Enter straight after typing: the best result for "waardebon", not the suggestion that
    # was first before the search answered.
    page.locator("[data-kb-query]").fill("waardebon")
    page.locator("[data-kb-query]").press("Enter")
    page.wait_for_function(
        "document.querySelector('#form-reply textarea[name=body]').value.includes('waardebon')"
    )
    assert box.input_value().count("Meld de retourzending aan") == 1
    assert page.locator("[data-kb-picker][open]").count() == 0
    # An internal text is inserted with a warning, in the status line under the card.
    status = page.locator("[data-kb-status]")
    assert "kb-status-warn" in status.get_attribute("class")
    assert status.inner_text().strip()
    page.screenshot(path=str(SHOTS / "kb-article-inserted.png"), full_page=False)
