from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from kalm.desk.tests.conftest import assert_refused
from kalm.dossier.models import EntryKind, Evidence


def _url(case) -> str:
    return reverse("desk:case_evidence", args=[case.pk])


def png(name: str = "fles.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_it_refuses_anonymous_and_outsiders(client, outsider, case):
    assert_refused(client, "post", _url(case), outsider, {"file": png()})
    assert not Evidence.objects.exists()


def test_it_attaches_a_photo_as_the_agent(agent_client, agent, case):
    response = agent_client.post(_url(case), {"file": png()})
    assert response.status_code == 302
    evidence = Evidence.objects.get(case=case)
    assert evidence.uploaded_by == agent
    assert evidence.content_type == "image/png"
    assert case.dossier.get(kind=EntryKind.EVIDENCE).payload["evidence_id"] == evidence.pk
    page = agent_client.get(reverse("desk:case", args=[case.pk])).content.decode()
    assert reverse("desk:evidence", args=[evidence.pk]) in page


def test_a_refused_file_says_why(agent_client, case):
    fake = SimpleUploadedFile("virus.png", b"MZ\x90\x00 not an image", content_type="image/png")
    response = agent_client.post(_url(case), {"file": fake})
    body = response.content.decode()
    assert "flash-error" in body
    assert "virus.png" in body
    assert not Evidence.objects.exists()
    assert case.dossier.filter(kind=EntryKind.EVIDENCE_REFUSED).count() == 1


def test_no_file_is_a_form_error(agent_client, case):
    assert agent_client.post(_url(case), {}).status_code == 400
