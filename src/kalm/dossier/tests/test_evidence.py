import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import override_settings

from kalm.dossier.evidence import EvidenceRefused, evidence_attach, evidence_open, storage_path_for
from kalm.dossier.models import DossierEntry, EntryKind, Evidence
from kalm.dossier.tests.helpers import jpeg_bytes, png_bytes, upload


def _stored_files() -> list[str]:
    found = []
    for top in default_storage.listdir("evidence")[0]:
        for mid in default_storage.listdir(f"evidence/{top}")[0]:
            found += [
                f"evidence/{top}/{mid}/{n}"
                for n in default_storage.listdir(f"evidence/{top}/{mid}")[1]
            ]
    return found


def test_it_stores_a_file_under_its_sha256(case, agent):
    import hashlib

    data = png_bytes()
    evidence = evidence_attach(case=case, upload=upload("scherm.png", data), actor=agent)
    sha = hashlib.sha256(data).hexdigest()
    assert evidence.sha256 == sha
    assert evidence.size == len(data)
    assert evidence.storage_path == storage_path_for(sha) == f"evidence/{sha[:2]}/{sha[2:4]}/{sha}"
    with evidence_open(evidence) as fh:
        assert fh.read() == data
    assert evidence.original_name == "scherm.png"
    assert evidence.uploaded_by == agent
    assert evidence.uploaded_at is not None


def test_it_keeps_one_file_for_the_same_bytes_twice(case, agent):
    data = jpeg_bytes()
    first = evidence_attach(case=case, upload=upload("a.jpg", data), actor=agent)
    second = evidence_attach(case=case, upload=upload("b.jpg", data), from_consumer=True)
    assert first.pk != second.pk
    assert first.storage_path == second.storage_path
    assert Evidence.objects.filter(case=case).count() == 2
    assert _stored_files() == [first.storage_path]
    assert [e.original_name for e in Evidence.objects.filter(case=case)] == ["a.jpg", "b.jpg"]


def test_it_detects_the_type_by_content_not_by_name(case):
    evidence = evidence_attach(case=case, upload=upload("rapport.pdf", png_bytes()))
    assert evidence.content_type == "image/png"
    assert evidence.is_image


def test_it_refuses_a_text_file_named_like_a_photo(case):
    with pytest.raises(EvidenceRefused) as refused:
        evidence_attach(case=case, upload=upload("photo.jpg", b"just some text, not a photo\n"))
    assert refused.value.original_name == "photo.jpg"
    assert "application/octet-stream" in refused.value.reason
    assert not Evidence.objects.filter(case=case).exists()
    assert not default_storage.exists("evidence")


@override_settings(KALM_EVIDENCE_MAX_BYTES=1024)
def test_it_refuses_a_file_over_the_size_limit(case):
    data = png_bytes() + b"\0" * 2048
    with pytest.raises(EvidenceRefused) as refused:
        evidence_attach(case=case, upload=upload("groot.png", data))
    assert re.search(r"1[.,]0\sKB", refused.value.reason)  # the real limit, not "0 MB"
    assert not Evidence.objects.filter(case=case).exists()


@override_settings(KALM_EVIDENCE_MAX_BYTES=1024)
def test_it_accepts_a_file_exactly_at_the_limit(case):
    data = png_bytes()
    data += b"\0" * (1024 - len(data))
    assert evidence_attach(case=case, upload=upload("precies.png", data)).size == 1024


def test_it_refuses_an_empty_file(case):
    with pytest.raises(EvidenceRefused, match=r"empty|leeg"):
        evidence_attach(case=case, upload=upload("leeg.jpg", b""))


@override_settings(KALM_EVIDENCE_ALLOWED_TYPES=["image/jpeg"])
def test_it_follows_the_allowed_types_setting(case):
    with pytest.raises(EvidenceRefused, match="image/png"):
        evidence_attach(case=case, upload=upload("scherm.png", png_bytes()))
    assert evidence_attach(case=case, upload=upload("foto.jpg", jpeg_bytes())).pk


def test_it_records_a_refusal_in_the_dossier(case):
    with pytest.raises(EvidenceRefused):
        evidence_attach(
            case=case, upload=upload("virus.exe", b"MZ\x90\x00" + b"x" * 100), from_consumer=True
        )
    entry = DossierEntry.objects.filter(case=case).order_by("-seq").first()
    assert entry.kind == EntryKind.EVIDENCE_REFUSED
    assert entry.payload["original_name"] == "virus.exe"
    assert entry.payload["reason"]
    assert entry.actor_type == "consumer"
    assert entry.public
    call_command("verify_dossier", "--case", case.reference)


def test_it_records_accepted_evidence_in_the_dossier(case, agent):
    evidence = evidence_attach(case=case, upload=upload("foto.jpg", jpeg_bytes()), actor=agent)
    entry = DossierEntry.objects.filter(case=case).order_by("-seq").first()
    assert entry.kind == EntryKind.EVIDENCE
    assert entry.payload["evidence_id"] == evidence.pk
    assert entry.payload["sha256"] == evidence.sha256
    assert entry.payload["content_type"] == "image/jpeg"
    assert entry.actor == agent


def test_it_reads_the_capture_time_from_exif(case, settings):
    settings.TIME_ZONE = "Europe/Amsterdam"
    data = jpeg_bytes(taken="2025:06:14 16:32:05")
    evidence = evidence_attach(case=case, upload=upload("IMG_0001.JPG", data))
    expected = datetime(2025, 6, 14, 16, 32, 5, tzinfo=ZoneInfo("Europe/Amsterdam"))
    assert evidence.captured_at == expected
    entry = DossierEntry.objects.filter(case=case).order_by("-seq").first()
    assert datetime.fromisoformat(entry.payload["captured_at"]) == expected


def test_it_honours_the_exif_time_offset(case):
    data = jpeg_bytes(taken="2025:06:14 16:32:05", offset="-04:00")
    evidence = evidence_attach(case=case, upload=upload("ny.jpg", data))
    assert evidence.captured_at == datetime(2025, 6, 14, 20, 32, 5, tzinfo=UTC)


def test_it_leaves_the_capture_time_empty_without_exif(case):
    assert evidence_attach(case=case, upload=upload("plain.jpg", jpeg_bytes())).captured_at is None


def test_it_ignores_a_garbled_exif_date(case):
    data = jpeg_bytes(taken="0000:00:00 00:00:00")
    assert evidence_attach(case=case, upload=upload("raar.jpg", data)).captured_at is None


def test_it_keeps_only_the_file_name_of_a_windows_path(case):
    evidence = evidence_attach(
        case=case, upload=upload("C:\\Users\\sanne\\foto\x07.jpg", jpeg_bytes())
    )
    assert evidence.original_name == "foto.jpg"


def test_it_reads_plain_file_objects_too(case):
    import io

    class Stream(io.BytesIO):
        name = "stream.png"

    evidence = evidence_attach(case=case, upload=Stream(png_bytes()))
    assert evidence.content_type == "image/png"
    assert evidence.original_name == "stream.png"
