"""Downloading the consumer's own files at ``/c/<token>/evidence/<id>/``."""

from __future__ import annotations

from django.urls import reverse

from kalm.cases.actions import portal_link_revoke
from kalm.cases.models import PortalLink
from kalm.dossier.evidence import evidence_attach
from kalm.portal.tests.conftest import jpeg_bytes, jpeg_upload


def _url(token: str, evidence) -> str:
    return reverse("portal:evidence", kwargs={"token": token, "evidence_id": evidence.pk})


def test_it_serves_the_file_as_a_download(client, case, token):
    evidence = evidence_attach(case=case, upload=jpeg_upload("fles kapot.jpg"), from_consumer=True)
    response = client.get(_url(token, evidence))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "fles kapot.jpg" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == jpeg_bytes()


def test_it_serves_images_inline_for_thumbnails(client, case, token):
    evidence = evidence_attach(case=case, upload=jpeg_upload(), from_consumer=True)
    response = client.get(_url(token, evidence) + "?inline=1")
    assert response["Content-Disposition"].startswith("inline;")
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_it_refuses_another_cases_file(client, token, other_case):
    foreign = evidence_attach(case=other_case, upload=jpeg_upload(), from_consumer=True)
    assert client.get(_url(token, foreign)).status_code == 404


def test_it_refuses_the_agents_working_files(client, case, token, agent):
    internal = evidence_attach(case=case, upload=jpeg_upload(), actor=agent)
    assert client.get(_url(token, internal)).status_code == 404


def test_it_refuses_a_revoked_or_forged_link(client, case, token, agent, outsider):
    evidence = evidence_attach(case=case, upload=jpeg_upload(), from_consumer=True)
    client.force_login(outsider)
    assert client.get(_url(token + "0", evidence)).status_code == 404
    portal_link_revoke(link=PortalLink.objects.get(case=case), actor=agent)
    assert client.get(_url(token, evidence)).status_code == 404
