"""Helpers for the portal tests: a consumer's status link, and real files to upload."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kalm.cases.actions import portal_link_create
from kalm.core.testing import make_case

EXIF_IFD = 0x8769
DATETIME_ORIGINAL = 0x9003
# The PE header of a Windows program, as a ".jpg" would carry it when someone renames one.
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 512


def jpeg_bytes(taken: str = "2024:05:17 14:30:00", colour: str = "red") -> bytes:
    """A real small JPEG whose EXIF says when the photo was taken."""
    from PIL import Image

    image = Image.new("RGB", (16, 12), colour)
    exif = Image.Exif()
    exif.get_ifd(EXIF_IFD)[DATETIME_ORIGINAL] = taken
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def jpeg_upload(name: str = "fles.jpg", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(**kwargs), content_type="image/jpeg")


def exe_upload(name: str = "foto.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, EXE_BYTES, content_type="image/jpeg")


def status_url(token: str) -> str:
    return reverse("portal:status", kwargs={"token": token})


@pytest.fixture
def token(case) -> str:
    """The private status-link token of the ``case`` fixture."""
    _link, value = portal_link_create(case=case)
    return value


@pytest.fixture
def other_case(db):
    return make_case(name="Piet Bakker", email="piet@example.nl", subject="Andere zaak")


@pytest.fixture
def other_token(other_case) -> str:
    _link, value = portal_link_create(case=other_case)
    return value
