"""Steps the browser tests share."""

from __future__ import annotations

import re

from kalm.core.testing import PASSWORD


def desk_login(page, url: str, username: str) -> None:
    """Log in to the desk as ``username`` (the test password) and land on the inbox."""
    page.goto(url + "/desk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/desk/$"))
