"""The docs page in a real browser (Debian's chromium) with every non-local request blocked:
Swagger UI must render all operations from the vendored files alone."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("KALM_CHROMIUM", "/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists() and os.environ.get("KALM_REQUIRE_ALL") != "1",
        reason=f"no Chromium at {CHROMIUM}",
    ),
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


def test_the_docs_render_offline(live_server, page):
    local = urlsplit(live_server.url).netloc
    blocked: list[str] = []

    def only_local(route):
        if urlsplit(route.request.url).netloc == local:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.goto(live_server.url + "/api/v1/docs")
    page.wait_for_selector(".opblock-summary", timeout=15000)
    assert page.locator(".opblock").count() == 11
    assert "Kalm API" in page.locator(".info .title").inner_text()
    assert page.locator("button.authorize").count() == 1
    assert blocked == []
