import hashlib
import io
import json
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.utils import translation
from pypdf import PdfReader

from kalm.cases.actions import message_receive, message_reply, note_add, phone_note_add
from kalm.dossier.actions import dossier_export_record, item_custody_move, item_register
from kalm.dossier.evidence import evidence_attach
from kalm.dossier.export import ExportError, archive_name, dossier_pdf, dossier_zip
from kalm.dossier.models import DossierEntry, EntryKind, Evidence
from kalm.dossier.tests.helpers import flat, jpeg_bytes, pdf_text, png_bytes, upload

REPLY = "Beste Sanne, wij halen de fles morgen op. Excuses voor het ongemak!"
NOTE = "Intern: mogelijk productiefout in lijn 3, niet delen"
CALL = "Consument belde boos, wil €50 vergoeding"
LATER = "Hier nog een foto van de scherven."


@pytest.fixture
def busy_case(case, agent):
    message_reply(case=case, agent=agent, body=REPLY)
    note_add(case=case, agent=agent, body=NOTE)
    phone_note_add(case=case, agent=agent, body=CALL)
    message_receive(case=case, body=LATER)
    evidence_attach(
        case=case,
        upload=upload("scherven.jpg", jpeg_bytes(taken="2026:11:20 10:00:00")),
        from_consumer=True,
    )
    evidence_attach(case=case, upload=upload("bon.png", png_bytes()), actor=agent)
    item = item_register(
        case=case, agent=agent, description="Gebroken fles", collected_where="Utrecht"
    )
    item_custody_move(item=item, agent=agent, custody="sent_to_lab", note="Lab XYZ, ref 12")
    return case


def test_the_internal_pdf_holds_every_message_and_real_names(busy_case, agent):
    text = flat(pdf_text(dossier_pdf(busy_case, audience="internal", exported_by=agent)))
    for body in ["De fles is in mijn hand ontploft.", REPLY, NOTE, CALL, LATER]:
        assert body in text
    assert "Evelien Jansen" in text
    assert "Eva" in text
    assert "Lab XYZ, ref 12" in text


def test_the_consumer_pdf_shows_aliases_only_and_no_internal_notes(busy_case, agent):
    text = flat(pdf_text(dossier_pdf(busy_case, audience="consumer", exported_by=agent)))
    for body in ["De fles is in mijn hand ontploft.", REPLY, LATER]:
        assert body in text
    for secret in [NOTE, CALL, "Evelien", "Jansen", "Lab XYZ"]:
        assert secret not in text
    assert "Eva" in text


def test_the_cover_states_the_chain_head_and_its_verification(busy_case, agent):
    busy_case.refresh_from_db()
    # Internal exports are in the exporting agent's language.
    with translation.override("en"):
        text = pdf_text(dossier_pdf(busy_case, exported_by=agent))
        assert busy_case.dossier_head in text.replace("\n", "").replace(" ", "")
        assert "Intact" in text
        assert busy_case.reference in text
        assert "Kalm Foods" not in text  # no product on this case
        cover = flat(PdfReader(io.BytesIO(dossier_pdf(busy_case))).pages[0].extract_text())
        assert f"{busy_case.dossier_length} of {busy_case.dossier_length}" in cover


def test_it_says_so_when_the_chain_is_broken(busy_case):
    target = DossierEntry.objects.get(case=busy_case, seq=2)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE dossier_dossierentry SET summary = %s WHERE id = %s", ["vervalst", target.pk]
        )
    text = flat(pdf_text(dossier_pdf(busy_case)))
    assert "BROKEN" in text
    assert "entry #2" in text


def test_every_entry_is_listed_with_its_hash(busy_case):
    text = pdf_text(dossier_pdf(busy_case)).replace("\n", "").replace(" ", "")
    for entry in DossierEntry.objects.filter(case=busy_case):
        assert entry.hash in text


def test_evidence_is_listed_with_its_fingerprint_and_images_are_previewed(busy_case):
    data = dossier_pdf(busy_case)
    text = pdf_text(data).replace("\n", "").replace(" ", "")
    for evidence in Evidence.objects.filter(case=busy_case):
        assert evidence.sha256 in text
        assert evidence.original_name in text
    assert "20november2026" in text  # the EXIF capture time
    images = [image for page in PdfReader(io.BytesIO(data)).pages for image in page.images]
    assert len(images) == 2


def test_it_refuses_an_unknown_audience(case):
    with pytest.raises(ExportError):
        dossier_pdf(case, audience="press")


def _unzip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def test_the_zip_holds_the_originals_matching_the_manifest(busy_case, agent):
    archive = _unzip(dossier_zip(busy_case, audience="internal", exported_by=agent))
    manifest = json.loads(archive.read("manifest.json"))
    names = set(archive.namelist())
    evidence = list(Evidence.objects.filter(case=busy_case))
    for ev in evidence:
        path = f"evidence/{ev.sha256}_{ev.original_name}"
        assert path in names
        with default_storage.open(ev.storage_path, "rb") as fh:
            assert archive.read(path) == fh.read()
    listed = {row["path"]: row for row in manifest["files"]}
    assert len(listed) == len(evidence) + 1
    for path, row in listed.items():
        data = archive.read(path)
        assert hashlib.sha256(data).hexdigest() == row["sha256"]
        assert len(data) == row["size"]
    busy_case.refresh_from_db()
    assert manifest["dossier"]["head"] == busy_case.dossier_head
    assert manifest["dossier"]["intact"] is True
    assert [e["hash"] for e in manifest["entries"]] == list(
        DossierEntry.objects.filter(case=busy_case).order_by("seq").values_list("hash", flat=True)
    )


def test_the_zip_checks_with_sha256sum(busy_case):
    archive = _unzip(dossier_zip(busy_case))
    lines = archive.read("manifest.sha256").decode().splitlines()
    checked = set()
    for line in lines:
        digest, path = line.split("  ", 1)
        assert hashlib.sha256(archive.read(path)).hexdigest() == digest
        checked.add(path)
    assert checked == set(archive.namelist()) - {"manifest.sha256"}
    pdf_name = f"dossier-{busy_case.reference}.pdf"
    assert "Gebroken fles" in pdf_text(archive.read(pdf_name))


def test_the_consumer_zip_leaves_internal_entries_out(busy_case):
    manifest = json.loads(_unzip(dossier_zip(busy_case, audience="consumer")).read("manifest.json"))
    public = DossierEntry.objects.filter(case=busy_case, public=True).order_by("seq")
    assert [e["hash"] for e in manifest["entries"]] == [e.hash for e in public]
    assert all(e["public"] for e in manifest["entries"])


def test_the_zip_flags_an_evidence_file_altered_on_disk(busy_case):
    evidence = Evidence.objects.filter(case=busy_case, original_name="bon.png").get()
    with open(default_storage.path(evidence.storage_path), "ab") as fh:
        fh.write(b"tampered")
    manifest = json.loads(_unzip(dossier_zip(busy_case)).read("manifest.json"))
    row = next(r for r in manifest["files"] if r.get("original_name") == "bon.png")
    assert row["status"] == "altered"
    assert row["sha256"] != row["recorded_sha256"] == evidence.sha256


def test_the_zip_lists_a_missing_evidence_file(busy_case):
    evidence = Evidence.objects.filter(case=busy_case, original_name="bon.png").get()
    default_storage.delete(evidence.storage_path)
    archive = _unzip(dossier_zip(busy_case))
    manifest = json.loads(archive.read("manifest.json"))
    assert [r["original_name"] for r in manifest["missing_files"]] == ["bon.png"]
    assert archive_name(evidence) not in archive.namelist()


def test_archive_names_are_safe(case):
    evidence = Evidence(sha256="ab" * 32, original_name="../../etc/pass wd?.jpg")
    name = archive_name(evidence)
    assert name.startswith("evidence/" + "ab" * 32 + "_")
    assert "/" not in name.removeprefix("evidence/")
    assert ".." not in name.removeprefix("evidence/" + "ab" * 32 + "_")[:2]


def test_an_export_is_recorded_and_the_chain_still_verifies(busy_case, agent):
    data = dossier_pdf(busy_case, exported_by=agent)
    entry = dossier_export_record(
        case=busy_case,
        actor=agent,
        fmt="pdf",
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )
    assert entry.kind == EntryKind.EXPORTED
    assert entry.payload["sha256"] == hashlib.sha256(data).hexdigest()
    assert not entry.public
    call_command("verify_dossier")
