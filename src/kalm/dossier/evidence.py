"""Evidence files: checked by content, stored content-addressed, recorded in the dossier."""

from __future__ import annotations

import hashlib
import io
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import filetype
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from kalm.dossier.actions import entry_append
from kalm.dossier.models import ActorType, EntryKind, Evidence

CHUNK = 1024 * 1024


class EvidenceRefused(ValueError):
    """An upload we will not keep; the message is translated and says why."""

    def __init__(self, original_name: str, reason: str) -> None:
        self.original_name, self.reason = original_name, reason
        super().__init__(f"{original_name}: {reason}")


def storage_path_for(sha256: str) -> str:
    return f"evidence/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def _exif_capture_time(path: Path) -> datetime | None:
    """When the photo was taken, from EXIF, as an aware datetime.

    DateTimeOriginal, else DateTimeDigitized. The plain DateTime tag (0x0132) is deliberately not
    used: it is when the file was last *changed* (edited, re-saved), which would be a wrong capture
    time in a dossier. OffsetTimeOriginal is honoured when the camera wrote it; otherwise the
    wall-clock time is read in the server's zone.
    """
    try:
        from PIL import Image

        with Image.open(path) as image:
            exif_ifd = image.getexif().get_ifd(0x8769)
            raw = exif_ifd.get(0x9003) or exif_ifd.get(0x9004)
            offset = exif_ifd.get(0x9011) if exif_ifd.get(0x9003) else exif_ifd.get(0x9012)
    except Exception:  # any unreadable or hostile image simply has no capture time
        return None
    if not raw:
        return None
    try:
        naive = datetime.strptime(str(raw).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    if offset:
        try:
            return datetime.strptime(
                f"{naive:%Y-%m-%d %H:%M:%S} {str(offset).strip(chr(0) + ' ')}",
                "%Y-%m-%d %H:%M:%S %z",
            )
        except ValueError:
            pass
    return timezone.make_aware(naive)


def _clean_name(raw: str) -> str:
    """The file's own name: no folders (Windows or POSIX), no control characters."""
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return (name or "upload")[:255]


def evidence_attach(
    *,
    case: Any,
    upload: Any,
    actor: Any = None,
    from_consumer: bool = False,
    message: Any = None,
) -> Evidence:
    """Check, store and record one uploaded file. Raises EvidenceRefused (and records the refusal
    in the dossier, so the consumer's attempt is never silently lost) for disallowed files."""
    name = _clean_name(str(getattr(upload, "name", "") or ""))
    max_bytes = settings.KALM_EVIDENCE_MAX_BYTES
    digest = hashlib.sha256()
    size = 0
    with tempfile.NamedTemporaryFile(dir=None, delete=False) as tmp:
        tmp_path = Path(tmp.name)
        try:
            chunks = (
                upload.chunks(CHUNK)
                if hasattr(upload, "chunks")
                else iter(lambda: upload.read(CHUNK), b"")
            )
            for chunk in chunks:
                size += len(chunk)
                if size > max_bytes:
                    break
                digest.update(chunk)
                tmp.write(chunk)
        except Exception:
            tmp_path.unlink(missing_ok=True)
            raise
    try:
        if size > max_bytes:
            _refuse(
                case,
                name,
                _("the file is larger than the limit of %(limit)s")
                % {"limit": filesizeformat(max_bytes)},
                actor,
                from_consumer,
            )
        if size == 0:
            _refuse(case, name, _("the file is empty"), actor, from_consumer)
        kind = filetype.guess(str(tmp_path))
        content_type = kind.mime if kind else "application/octet-stream"
        if content_type not in settings.KALM_EVIDENCE_ALLOWED_TYPES:
            _refuse(
                case,
                name,
                _("files of this type (%(type)s) are not accepted") % {"type": content_type},
                actor,
                from_consumer,
            )
        sha = digest.hexdigest()
        path = storage_path_for(sha)
        if not default_storage.exists(path):
            with tmp_path.open("rb") as fh:
                saved = default_storage.save(path, File(fh))
            if saved != path:  # another upload of the same bytes won the race: keep one copy
                default_storage.delete(saved)
        captured = _exif_capture_time(tmp_path) if content_type.startswith("image/") else None
    finally:
        tmp_path.unlink(missing_ok=True)

    with transaction.atomic():
        evidence = Evidence.objects.create(
            case=case,
            sha256=sha,
            size=size,
            content_type=content_type,
            original_name=name,
            storage_path=path,
            captured_at=captured,
            uploaded_by=actor,
            from_consumer=from_consumer,
            message=message,
        )
        entry_append(
            case=case,
            kind=EntryKind.EVIDENCE,
            summary=_("File added: %(name)s") % {"name": name},
            actor=actor,
            actor_type=ActorType.CONSUMER if from_consumer else None,
            payload={
                "evidence_id": evidence.pk,
                "sha256": sha,
                "size": size,
                "content_type": content_type,
                "original_name": name,
                "captured_at": captured.isoformat() if captured else None,
            },
            public=True,
        )
    return evidence


def _refuse(case: Any, name: str, reason: str, actor: Any, from_consumer: bool) -> None:
    entry_append(
        case=case,
        kind=EntryKind.EVIDENCE_REFUSED,
        summary=_("Upload refused: %(name)s (%(reason)s)") % {"name": name, "reason": reason},
        actor=actor,
        actor_type=ActorType.CONSUMER if from_consumer else None,
        payload={"original_name": name, "reason": reason},
        public=True,
    )
    raise EvidenceRefused(name, reason)


def evidence_open(evidence: Evidence) -> io.BufferedReader:
    return default_storage.open(evidence.storage_path, "rb")
