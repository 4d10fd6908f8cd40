import hashlib
import io
import json
import zipfile

from django.conf import settings
from django.core.management import call_command
from django.shortcuts import resolve_url
from django.urls import reverse

from kalm.dossier.evidence import evidence_attach
from kalm.dossier.models import DossierEntry, EntryKind, Evidence
from kalm.dossier.tests.helpers import jpeg_bytes, png_bytes, upload


def _url(case):
    return reverse("dossier:export_zip", kwargs={"case_pk": case.pk})


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_url_is_under_the_desk(case):
    assert _url(case) == f"/desk/dossier/cases/{case.pk}/export.zip"


def test_it_streams_a_zip_whose_files_match_the_manifest(client, agent, case):
    evidence_attach(case=case, upload=upload("foto.jpg", jpeg_bytes()), from_consumer=True)
    evidence_attach(case=case, upload=upload("bon.png", png_bytes()), actor=agent)
    client.force_login(agent)
    response = client.get(_url(case))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert f"dossier-{case.reference}.zip" in response["Content-Disposition"]
    data = _body(response)
    archive = zipfile.ZipFile(io.BytesIO(data))
    manifest = json.loads(archive.read("manifest.json"))
    for evidence in Evidence.objects.filter(case=case):
        row = next(r for r in manifest["files"] if r.get("original_name") == evidence.original_name)
        content = archive.read(row["path"])
        assert hashlib.sha256(content).hexdigest() == row["sha256"] == evidence.sha256
    entry = DossierEntry.objects.filter(case=case).order_by("-seq").first()
    assert entry.kind == EntryKind.EXPORTED
    assert entry.payload["format"] == "zip"
    assert entry.payload["sha256"] == hashlib.sha256(data).hexdigest()
    assert entry.payload["size"] == len(data)
    call_command("verify_dossier")


def test_it_sends_anonymous_people_to_login(client, case):
    response = client.get(_url(case))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_it_refuses_an_outsider(client, outsider, case):
    client.force_login(outsider)
    assert client.get(_url(case)).status_code == 403
    assert not DossierEntry.objects.filter(case=case, kind=EntryKind.EXPORTED).exists()
