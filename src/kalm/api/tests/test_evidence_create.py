import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kalm.api.tests.conftest import assert_problem
from kalm.dossier.models import DossierEntry, EntryKind, Evidence


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def _path(case) -> str:
    return f"/api/v1/cases/{case.reference}/evidence"


def test_it_attaches_a_photo(api, agent, case):
    upload = SimpleUploadedFile("fles.png", _png(), content_type="image/png")
    response = api.post(_path(case), data={"file": upload})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["content_type"] == "image/png" and body["original_name"] == "fles.png"
    evidence = Evidence.objects.get(pk=body["id"])
    assert evidence.uploaded_by == agent and evidence.case == case


def test_it_refuses_a_file_of_another_type_and_records_the_refusal(api, case):
    upload = SimpleUploadedFile("notes.txt", b"just text", content_type="image/png")
    body = assert_problem(api.post(_path(case), data={"file": upload}), 422)
    assert body["type"].endswith("evidence-refused")
    assert "notes.txt" in body["detail"]
    assert not Evidence.objects.exists()
    assert DossierEntry.objects.filter(case=case, kind=EntryKind.EVIDENCE_REFUSED).count() == 1


def test_it_replays_a_retried_refusal_without_a_second_dossier_entry(api, case):
    headers = {"Idempotency-Key": "upload-1"}
    for _attempt in range(2):
        upload = SimpleUploadedFile("notes.txt", b"just text", content_type="text/plain")
        response = api.post(_path(case), data={"file": upload}, headers=headers)
        assert_problem(response, 422)
    assert response["Idempotent-Replayed"] == "true"
    assert DossierEntry.objects.filter(case=case, kind=EntryKind.EVIDENCE_REFUSED).count() == 1


def test_it_needs_a_file(api, case):
    body = assert_problem(api.post(_path(case), data={}), 422)
    assert body["errors"][0]["in"] == "file"


def test_it_needs_the_evidence_scope(make_api, case):
    api = make_api(scopes=["cases:write"])
    upload = SimpleUploadedFile("fles.png", _png(), content_type="image/png")
    assert_problem(api.post(_path(case), data={"file": upload}), 403)
