"""The whole flow in a real browser: consumer files with a photo -> agent replies under alias ->
consumer sees the reply and accepts the solution -> agent resolves -> dossier verifies -> export.

Saves the screenshots the README shows (docs/screenshots/)."""

from __future__ import annotations

import io
import re
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from PIL import Image

from kalm.cases.models import Case, Status
from kalm.core.testing import PASSWORD, ProductFactory, UserFactory

pytestmark = pytest.mark.browser


def _photo(tmp_path):
    image = Image.new("RGB", (640, 480), (180, 40, 40))
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = "2026:11:20 18:42:00"
    path = tmp_path / "kapotte-fles.jpg"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def reference_data(transactional_db):
    # live_server tests flush the database, so data migrations are re-applied by hand.
    import_module("kalm.cases.migrations.0002_expectation_options").add_options(django_apps, None)
    ProductFactory(name="Bruisend Bronwater 1L", brand="Bron")


def test_a_complaint_from_form_to_verified_export(
    live_server, page, open_page, reference_data, tmp_path, screenshot
):
    agent = UserFactory(username="eva", first_name="Evelien", last_name="Jansen", alias="Eva")

    # 1. The consumer files a complaint with a photo (Dutch by default).
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "nl"
    page.fill("input[name=name]", "Sanne de Vries")
    page.fill("input[name=email]", "sanne@example.nl")
    page.select_option("select[name=product]", label="Bron Bruisend Bronwater 1L")
    page.fill("input[name=batch_number]", "L2611")
    page.fill("textarea[name=body]", "De fles ontplofte toen ik hem opende. Glas over de vloer.")
    page.get_by_label("Vervanging van het product").check()
    page.set_input_files("input[name=files]", str(_photo(tmp_path)))
    screenshot(page, "01-complaint-form")
    page.locator("form.complaint-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/c/[^/]+/$"))
    status_url = page.url
    case = Case.objects.get()
    assert case.reference in page.content()
    assert case.evidence.count() == 1 and case.evidence.get().captured_at is not None
    screenshot(page, "02-status-page")

    # 2. The agent logs in, finds the case in the inbox and replies under their alias.
    desk = open_page(viewport={"width": 1280, "height": 860})
    desk.goto(live_server.url + "/desk/")
    desk.fill("input[name=username]", "eva")
    desk.fill("input[name=password]", PASSWORD)
    desk.locator("form button[type=submit]").first.click()
    desk.wait_for_url(re.compile(r"/desk/$"))
    assert case.reference in desk.content()
    screenshot(desk, "03-inbox")
    desk.get_by_role("link", name=case.reference).first.click()
    desk.wait_for_url(re.compile(rf"/desk/cases/{case.pk}/$"))
    desk.fill("#form-reply textarea[name=body]", "Wat naar dat dit gebeurde. Gaat het goed met u?")
    desk.locator("#form-reply button.btn-primary").click()
    desk.wait_for_selector("text=Gaat het goed met u?")
    desk.fill(
        "#form-solution textarea[name=text]", "Wij sturen u een nieuwe krat en vergoeden de schade."
    )
    desk.locator("#form-solution button[type=submit]").click()
    desk.wait_for_selector("#form-status .badge.status-solution_proposed")
    screenshot(desk, "04-case")

    # 3. The consumer sees the reply by alias only, and accepts the solution.
    page.goto(status_url)
    body = page.content()
    assert "Gaat het goed met u?" in body and "Eva" in body
    assert "Evelien" not in body and "Jansen" not in body
    page.locator("#solution input[name=answer][value=yes]").check()
    page.locator("#solution button[type=submit]").click()
    page.wait_for_selector(".answer-accepted")
    screenshot(page, "05-solution-accepted")

    # 4. The agent resolves the case.
    desk.reload()
    desk.locator("#form-status button[name=to][value=resolved]").click()
    desk.wait_for_selector("#form-status .badge.status-resolved")
    case.refresh_from_db()
    assert case.status == Status.RESOLVED

    # 5. The dossier verifies and the export downloads.
    call_command("verify_dossier", "--case", case.reference)
    response = desk.request.get(live_server.url + f"/desk/dossier/cases/{case.pk}/export.pdf")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert response.body()[:4] == b"%PDF"
    archive = desk.request.get(live_server.url + f"/desk/dossier/cases/{case.pk}/export.zip")
    assert archive.ok and archive.body()[:2] == b"PK"
    assert agent.alias == "Eva"
