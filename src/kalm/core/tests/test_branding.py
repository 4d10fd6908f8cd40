"""The organisation's name, logo and colours on every portal page: CSS custom properties from
validated #rrggbb values only, the logo served by its own view, defaults when nothing is set."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kalm.core.models import OrganisationSettings
from kalm.core.selectors import organisation, organisation_forget, theme_variables


def _png(colour: str = "red", fmt: str = "PNG") -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(out, fmt)
    return out.getvalue()


def _settings(**values) -> OrganisationSettings:
    row = OrganisationSettings(**values)
    row.save()
    organisation_forget()
    return row


@pytest.fixture
def crisis_page_url(team_lead):
    from kalm.crisis.models import PublishChannel
    from kalm.crisis.tests.conftest import open_crisis
    from kalm.crisis.tests.statements import published, team

    crisis = open_crisis(team_lead)
    published(crisis, *team(team_lead), channels=[PublishChannel.PUBLIC_PAGE])
    return reverse("portal:crisis", args=[crisis.slug])


@pytest.fixture
def status_url(case):
    from kalm.cases.actions import portal_link_create

    _link, token = portal_link_create(case=case)
    return reverse("portal:status", kwargs={"token": token})


def test_colours_and_name_reach_every_portal_page(client, crisis_page_url, status_url):
    _settings(name="Polderhof", brand_color="#AA3300", accent_color="#0055aa")
    for url in (reverse("help:index"), reverse("portal:complaint"), status_url, crisis_page_url):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "<style>:root { --brand: #aa3300; --brand-dark: " in html, url
        assert "--accent: #0055aa;" in html, url
        assert "Polderhof" in html, url


def test_without_colours_the_portal_keeps_its_own(client, db):
    _settings(name="Polderhof")
    html = client.get(reverse("portal:complaint")).content.decode()
    assert "<style>:root" not in html
    assert "--brand:" not in html
    assert 'class="brand-mark"' in html and 'class="brand-logo"' not in html


@pytest.mark.parametrize(
    "value",
    ["red", "#abc", "#12345g", "#1234567", "#123456;}", "url(x)", "#123456 ", "123456"],
)
def test_the_model_refuses_anything_but_rrggbb(db, value):
    row = OrganisationSettings(brand_color=value)
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "brand_color" in error.value.message_dict
    row = OrganisationSettings(accent_color=value)
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "accent_color" in error.value.message_dict


def test_a_bad_colour_saved_past_the_validator_never_reaches_a_page(client, db):
    # Saved without full_clean (shell, fixture): the selector checks again.
    OrganisationSettings.objects.create(brand_color="#1;}</", accent_color="blue")
    organisation_forget()
    assert organisation().theme == []
    html = client.get(reverse("help:index")).content.decode()
    assert "<style>:root" not in html and "#1;}" not in html


def test_derived_colours_keep_text_readable():
    dark = dict(theme_variables("#123456", ""))
    assert dark["--brand"] == "#123456" and dark["--on-brand"] == "#ffffff"
    light = dict(theme_variables("#f5e663", ""))
    assert light["--on-brand"] == "#1d2521"  # ink on a light brand colour, not white
    assert theme_variables("", "") == []
    assert [name for name, _ in theme_variables("", "#0055aa")] == [
        "--accent",
        "--accent-soft",
        "--on-accent",
    ]


def test_the_logo_is_shown_and_served(client, db):
    row = _settings(name="Polderhof")
    row.logo.save("polderhof.png", ContentFile(_png()))
    organisation_forget()
    logo_url = organisation().logo_url
    assert logo_url.startswith("/help/logo/polderhof")
    html = client.get(reverse("portal:complaint")).content.decode()
    assert f'<img class="brand-logo" src="{logo_url}"' in html
    response = client.get(logo_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == _png()


def test_only_the_current_logo_is_served(client, db, settings):
    from django.core.files.storage import default_storage

    default_storage.save("branding/other.png", ContentFile(_png("blue")))
    default_storage.save("avatars/" + "a" * 64 + ".png", ContentFile(_png("blue")))
    assert client.get("/help/logo/other.png").status_code == 404  # no logo set at all
    row = _settings()
    row.logo.save("current.png", ContentFile(_png()))
    organisation_forget()
    assert client.get("/help/logo/other.png").status_code == 404
    assert client.get("/help/logo/" + "a" * 64 + ".png").status_code == 404
    assert client.get("/help/logo/..%2Fsettings.py").status_code == 404


def test_the_admin_saves_branding_and_refuses_a_bad_colour(admin_client):
    data = {
        "name": "Polderhof",
        "sender_email": "",
        "brand_color": "#2f6f5e",
        "accent_color": "",
        "first_response_hours_urgent": 1,
        "first_response_hours_high": 4,
        "first_response_hours_normal": 12,
        "first_response_hours_low": 48,
    }
    bad = admin_client.post(
        "/admin/core/organisationsettings/add/", {**data, "accent_color": "red"}
    )
    assert bad.status_code == 200
    assert not OrganisationSettings.objects.exists()
    logo = SimpleUploadedFile("logo.png", _png(), content_type="image/png")
    response = admin_client.post("/admin/core/organisationsettings/add/", {**data, "logo": logo})
    assert response.status_code == 302
    assert organisation().brand_color == "#2f6f5e"
    assert organisation().logo_name.startswith("branding/logo")


def test_the_admin_refuses_a_logo_in_another_format(admin_client):
    data = {
        "name": "Polderhof",
        "first_response_hours_urgent": 1,
        "first_response_hours_high": 4,
        "first_response_hours_normal": 12,
        "first_response_hours_low": 48,
    }
    logo = SimpleUploadedFile("logo.bmp", _png(fmt="BMP"), content_type="image/bmp")
    response = admin_client.post("/admin/core/organisationsettings/add/", {**data, "logo": logo})
    assert response.status_code == 200
    assert not OrganisationSettings.objects.exists()
