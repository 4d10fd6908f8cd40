from __future__ import annotations

from django.urls import reverse

from kalm.desk.tests.conftest import assert_refused
from kalm.desk.tests.test_evidence_upload import png
from kalm.dossier.evidence import evidence_attach


def _url(evidence) -> str:
    return reverse("desk:evidence", args=[evidence.pk])


def test_it_refuses_anonymous_and_outsiders(client, outsider, case):
    evidence = evidence_attach(case=case, upload=png(), from_consumer=True)
    assert_refused(client, "get", _url(evidence), outsider)


def test_it_serves_an_image_inline(agent_client, case):
    upload = png()
    evidence = evidence_attach(case=case, upload=upload, from_consumer=True)
    response = agent_client.get(_url(evidence))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert "sandbox" in response["Content-Security-Policy"]
    upload.seek(0)
    assert b"".join(response.streaming_content) == upload.read()


def test_it_downloads_as_attachment_on_request(agent_client, case):
    evidence = evidence_attach(case=case, upload=png("bewijs.png"), from_consumer=True)
    response = agent_client.get(_url(evidence), {"download": "1"})
    assert response["Content-Disposition"].startswith("attachment")
    assert "bewijs.png" in response["Content-Disposition"]


def test_it_is_404_for_unknown_evidence(agent_client):
    assert agent_client.get("/desk/evidence/424242/").status_code == 404
