"""Dossier exports a lawyer or insurer can rely on: one PDF, and a ZIP with the PDF, the original
evidence files and a manifest of SHA-256 hashes (``sha256sum -c manifest.sha256`` checks it).

Two audiences: ``internal`` (every entry, real names next to aliases) and ``consumer`` (only the
entries the consumer may see, agents by alias only, no internal notes).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kalm.core.selectors import organisation
from kalm.dossier.chain import ChainProblem
from kalm.dossier.evidence import evidence_open
from kalm.dossier.models import ActorType, DossierEntry, EntryKind, Evidence, PhysicalItem
from kalm.dossier.pdf import FAMILY, INK, MUTED, KalmPDF, human_size, printable, when
from kalm.dossier.selectors import dossier_verify_case

AUDIENCES = ("internal", "consumer")
THUMB_PX = 480
THUMB_MM = 42
CHUNK = 1024 * 1024


class ExportError(ValueError):
    """An export that cannot be made as asked (unknown audience)."""


@dataclass
class _Dossier:
    """Everything one export shows, read once."""

    case: Any
    audience: str
    entries: list[DossierEntry]
    evidence: dict[int, Evidence]
    items: list[PhysicalItem]
    problem: ChainProblem | None
    exported_at: datetime
    exported_by: Any
    file_checks: dict[int, str] = field(default_factory=dict)

    @property
    def internal(self) -> bool:
        return self.audience == "internal"


def _check_audience(audience: str) -> None:
    if audience not in AUDIENCES:
        raise ExportError(f"Unknown audience {audience!r}; expected one of {AUDIENCES}")


def _collect(case: Any, audience: str, exported_by: Any) -> _Dossier:
    _check_audience(audience)
    case.refresh_from_db(fields=["dossier_length", "dossier_head", "status"])
    entries_qs = DossierEntry.objects.filter(case_id=case.pk).order_by("seq")
    if audience == "consumer":
        entries_qs = entries_qs.filter(public=True)
    entries = list(entries_qs)
    evidence_ids = {
        e.payload.get("evidence_id") for e in entries if e.kind == EntryKind.EVIDENCE
    } - {None}
    evidence = {ev.pk: ev for ev in Evidence.objects.filter(case_id=case.pk, pk__in=evidence_ids)}
    items = list(
        PhysicalItem.objects.filter(case_id=case.pk).select_related("collected_by").order_by("id")
    )
    return _Dossier(
        case=case,
        audience=audience,
        entries=entries,
        evidence=evidence,
        items=items,
        problem=dossier_verify_case(case),
        exported_at=timezone.now(),
        exported_by=exported_by,
    )


def _file_status(evidence: Evidence) -> tuple[str, str]:
    """("ok" | "altered" | "missing", the SHA-256 of the stored bytes) for one evidence file."""
    digest = hashlib.sha256()
    try:
        with evidence_open(evidence) as fh:
            for chunk in iter(lambda: fh.read(CHUNK), b""):
                digest.update(chunk)
    except OSError:
        return "missing", ""
    actual = digest.hexdigest()
    return ("ok" if actual == evidence.sha256 else "altered"), actual


# --- names --------------------------------------------------------------------------------------


def _person(user: Any, internal: bool) -> str:
    if user is None:
        return _("Kalm (system)")
    if internal:
        return user.internal_name
    return user.alias or _("Customer service")


def _actor(entry: DossierEntry, dossier: _Dossier) -> str:
    if entry.actor_type == ActorType.CONSUMER:
        return _("Consumer (%(name)s)") % {"name": dossier.case.consumer.name}
    if entry.actor_type == ActorType.SYSTEM or not (entry.actor_label or entry.actor_alias):
        return _("Kalm (system)")
    if dossier.internal:
        label = entry.actor_label
        if entry.actor_alias and f"({entry.actor_alias})" not in label:
            label = f"{label} ({entry.actor_alias})"
        return label
    return entry.actor_alias or _("Customer service")


# --- the PDF ------------------------------------------------------------------------------------


def dossier_pdf(case: Any, *, audience: str = "internal", exported_by: Any = None) -> bytes:
    """The whole dossier of one case as a PDF for ``audience`` ("internal" or "consumer")."""
    dossier = _collect(case, audience, exported_by)
    return _render_pdf(dossier)


def _render_pdf(dossier: _Dossier) -> bytes:
    case = dossier.case
    language = case.language if dossier.audience == "consumer" else translation.get_language()
    with translation.override(language or settings.LANGUAGE_CODE):
        pdf = KalmPDF(title=_("Dossier"), reference=case.reference, created=dossier.exported_at)
        pdf.add_page()
        _cover(pdf, dossier)
        if dossier.items:
            pdf.add_page()
            _items_section(pdf, dossier)
        pdf.add_page()
        pdf.heading(_("Dossier entries"), size=14)
        if dossier.audience == "consumer":
            pdf.paragraph(
                _("Internal working notes are not part of this copy for the consumer."),
                size=9,
                muted=True,
            )
        for entry in dossier.entries:
            _entry(pdf, entry, dossier)
        return pdf.render()


def _cover(pdf: KalmPDF, dossier: _Dossier) -> None:
    case, internal = dossier.case, dossier.internal
    pdf.title_block(
        _("Dossier %(reference)s") % {"reference": case.reference},
        _("Complete internal dossier. Confidential.")
        if internal
        else _("Copy of the dossier for the consumer."),
    )
    pdf.heading(_("Case"))
    pdf.field(_("Case reference"), case.reference)
    pdf.field(_("Subject"), case.subject)
    consumer = case.consumer
    contact = ", ".join(part for part in [consumer.email, consumer.phone] if part)
    pdf.field(_("Consumer"), f"{consumer.name} ({contact})" if contact else consumer.name)
    product = str(case.product) if case.product_id else _("not given")
    pdf.field(_("Product"), product)
    pdf.field(_("Batch / lot number"), case.batch_number or _("not given"))
    expectations = [str(option) for option in case.expectations.all()]
    if case.expectation_other:
        expectations.append(case.expectation_other)
    pdf.field(_("Consumer expects"), "; ".join(expectations) or _("not given"))
    pdf.field(_("Status"), case.get_status_display())
    pdf.field(_("Channel"), case.get_channel_display())
    if internal:
        pdf.field(_("Priority"), case.get_priority_display())
        pdf.field(_("Team"), case.team.name if case.team_id else _("no team"))
    pdf.field(
        _("Handled by"),
        _person(case.assignee, internal) if case.assignee_id else _("not assigned"),
    )
    pdf.field(_("Opened"), when(case.created_at))
    pdf.field(_("Last change"), when(case.updated_at))
    if case.resolved_at:
        pdf.field(_("Resolved"), when(case.resolved_at))
    if case.closed_at:
        pdf.field(_("Closed"), when(case.closed_at))

    pdf.heading(_("This export"))
    pdf.field(_("Exported at"), when(dossier.exported_at))
    pdf.field(
        _("Exported by"),
        _person(dossier.exported_by, internal)
        if dossier.exported_by is not None
        else _("Kalm (system)"),
    )
    pdf.field(
        _("Intended for"),
        _("internal use, lawyer or insurer") if internal else _("the consumer"),
    )
    pdf.field(
        _("Entries shown"),
        _("%(shown)s of %(total)s") % {"shown": len(dossier.entries), "total": case.dossier_length},
    )
    pdf.field(_("Evidence files"), str(len(dossier.evidence)))
    pdf.field(_("Physical items"), str(len(dossier.items)))

    pdf.heading(_("Integrity"))
    pdf.field(_("Entries in the dossier"), str(case.dossier_length))
    pdf.field(_("Chain head (SHA-256)"), case.dossier_head or "-", size=8)
    if dossier.problem is None:
        verdict = _(
            "Intact: every entry's hash was recomputed at export time and each entry links to the "
            "one before it."
        )
    else:
        verdict = _("BROKEN: %(problem)s") % {"problem": dossier.problem}
    pdf.field(_("Verification"), verdict)
    pdf.ln(2)
    pdf.paragraph(
        _(
            "How this is checked: every event about the case is stored as an entry that is never "
            "changed or removed. Each entry's SHA-256 hash covers its content and the hash of the "
            "entry before it, so altering, inserting or removing any entry changes every later "
            "hash and the chain head above. Evidence files are listed with the SHA-256 of their "
            "exact bytes; the ZIP export holds the original files and a manifest to check them "
            "with sha256sum."
        ),
        size=8.5,
        muted=True,
    )
    if not internal:
        pdf.paragraph(
            _(
                "This copy leaves out internal working notes; the entry numbers and hashes of the "
                "entries shown are those of the full dossier."
            ),
            size=8.5,
            muted=True,
        )


def _custody_history(item: PhysicalItem, dossier: _Dossier) -> list[DossierEntry]:
    return [
        e
        for e in dossier.entries
        if e.kind == EntryKind.ITEM_CUSTODY and e.payload.get("item_id") == item.pk
    ]


def _items_section(pdf: KalmPDF, dossier: _Dossier) -> None:
    pdf.heading(_("Physical items"), size=14)
    for item in dossier.items:
        pdf.heading(_("Receipt %(number)s") % {"number": item.receipt_number}, size=11)
        pdf.field(_("Item"), item.description)
        pdf.field(_("Condition"), item.condition or _("not described"))
        pdf.field(_("Collected at (place)"), item.collected_where)
        pdf.field(_("Collected on"), when(item.collected_at))
        pdf.field(_("Collected by"), _person(item.collected_by, dossier.internal))
        pdf.field(
            _("Custody now"), f"{item.get_custody_display()} · {when(item.custody_changed_at)}"
        )
        for move in _custody_history(item, dossier):
            line = (
                f"{when(move.created_at)}: {_custody_label(move.payload.get('from'))} → "
                f"{_custody_label(move.payload.get('to'))}"
            )
            if dossier.internal and move.payload.get("note"):
                line += f" ({move.payload['note']})"
            pdf.field(_("Custody #%(seq)s") % {"seq": move.seq}, line, size=9)
        pdf.rule()


def _custody_label(value: str | None) -> str:
    try:
        return str(PhysicalItem.Custody(value).label)
    except ValueError:
        return value or "-"


def _entry(pdf: KalmPDF, entry: DossierEntry, dossier: _Dossier) -> None:
    if pdf.get_y() > pdf.h - 55:
        pdf.add_page()
    pdf.set_font(FAMILY, "B", 10.5)
    pdf.multi_cell(
        0,
        5.5,
        printable(f"#{entry.seq} · {entry.get_kind_display()} · {when(entry.created_at)}"),
        align="L",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.field(_("By"), _actor(entry, dossier), size=9)
    payload = entry.payload or {}
    body = payload.get("body")
    if not body:  # a message's summary is only its first line: the full text follows
        pdf.field(_("Summary"), entry.summary, size=9)
    if dossier.internal and not entry.public:
        pdf.field(_("Visibility"), _("internal only"), size=9)
    if body:
        pdf.ln(1)
        pdf.paragraph(body, size=10)
        pdf.ln(1)
    _entry_details(pdf, entry, payload, dossier)
    pdf.set_text_color(*MUTED)
    pdf.mono(f"SHA-256 {entry.hash}", size=7)
    if dossier.internal:
        pdf.mono(_("previous %(hash)s") % {"hash": entry.prev_hash}, size=7)
    pdf.set_text_color(*INK)
    pdf.rule()


def _entry_details(pdf: KalmPDF, entry: DossierEntry, payload: dict, dossier: _Dossier) -> None:
    kind = entry.kind
    if kind in {EntryKind.SOLUTION_PROPOSED} and payload.get("text"):
        pdf.paragraph(payload["text"], size=10)
    elif kind == EntryKind.SOLUTION_ANSWERED and payload.get("comment"):
        pdf.field(_("Comment"), payload["comment"], size=9)
    elif kind == EntryKind.NEXT_STEP:
        pdf.field(_("Next step"), payload.get("text", ""), size=9)
        if payload.get("due"):
            pdf.field(_("Expected by"), payload["due"], size=9)
    elif kind == EntryKind.STATUS and payload.get("reason"):
        pdf.field(_("Reason"), payload["reason"], size=9)
    elif kind == EntryKind.EVIDENCE_REFUSED:
        pdf.field(_("File"), payload.get("original_name", ""), size=9)
        pdf.field(_("Reason"), payload.get("reason", ""), size=9)
    elif kind == EntryKind.EVIDENCE:
        _evidence_block(pdf, payload, dossier)
    elif kind == EntryKind.ITEM_COLLECTED:
        pdf.field(_("Receipt number"), payload.get("receipt_number", ""), size=9)
        pdf.field(_("Item"), payload.get("description", ""), size=9)
        pdf.field(_("Condition"), payload.get("condition") or _("not described"), size=9)
        pdf.field(_("Collected at (place)"), payload.get("collected_where", ""), size=9)
        collected = payload.get("collected_at")
        pdf.field(
            _("Collected on"),
            when(datetime.fromisoformat(collected)) if collected else "-",
            size=9,
        )
    elif kind == EntryKind.ITEM_CUSTODY:
        pdf.field(
            _("Custody"),
            f"{_custody_label(payload.get('from'))} → {_custody_label(payload.get('to'))}",
            size=9,
        )
        if dossier.internal and payload.get("note"):
            pdf.field(_("Note"), payload["note"], size=9)
    elif dossier.internal and kind not in {
        EntryKind.MESSAGE_IN,
        EntryKind.MESSAGE_OUT,
        EntryKind.NOTE,
        EntryKind.PHONE_CALL,
    }:
        details = {k: v for k, v in payload.items() if k != "body" and v not in ("", None, [])}
        if details:
            pdf.field(
                _("Recorded data"),
                json.dumps(details, ensure_ascii=False, sort_keys=True),
                size=8,
            )


def _evidence_block(pdf: KalmPDF, payload: dict, dossier: _Dossier) -> None:
    evidence = dossier.evidence.get(payload.get("evidence_id"))
    pdf.field(_("File"), payload.get("original_name", ""), size=9)
    pdf.field(_("Type"), payload.get("content_type", ""), size=9)
    pdf.field(_("Size"), human_size(int(payload.get("size") or 0)), size=9)
    captured = payload.get("captured_at")
    pdf.field(
        _("Taken on (EXIF)"),
        when(datetime.fromisoformat(captured)) if captured else _("unknown"),
        size=9,
    )
    if evidence is not None:
        pdf.field(_("Uploaded"), when(evidence.uploaded_at), size=9)
    pdf.field(_("File SHA-256"), payload.get("sha256", ""), size=9)
    if evidence is None:
        return
    status = dossier.file_checks.get(evidence.pk)
    if status is None:
        status, _actual = _file_status(evidence)
        dossier.file_checks[evidence.pk] = status
    pdf.field(
        _("Stored file"),
        {
            "ok": _("present, bytes match the SHA-256"),
            "altered": _("ALTERED: the stored bytes no longer match the SHA-256"),
            "missing": _("MISSING from storage"),
        }[status],
        size=9,
    )
    if status == "ok" and evidence.is_image:
        _thumbnail(pdf, evidence)


def _thumbnail(pdf: KalmPDF, evidence: Evidence) -> None:
    """A small preview of an image; the original stays untouched in the ZIP."""
    try:
        from PIL import Image, ImageOps

        with evidence_open(evidence) as fh, Image.open(fh) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail((THUMB_PX, THUMB_PX))
            preview = io.BytesIO()
            image.convert("RGB").save(preview, "JPEG", quality=80)
            width_px, height_px = image.size
    except Exception:  # HEIC, damaged or hostile images: listed above, just not previewed
        pdf.paragraph(_("(no preview for this image)"), size=8, muted=True)
        return
    height_mm = THUMB_MM * height_px / max(width_px, 1)
    if pdf.get_y() + height_mm > pdf.h - 20:
        pdf.add_page()
    preview.seek(0)
    pdf.image(preview, x=pdf.l_margin + 48, w=THUMB_MM, h=height_mm)
    pdf.ln(2)


# --- the ZIP ------------------------------------------------------------------------------------

_UNSAFE = re.compile(r"[^\w.\- ()+,@]+", re.UNICODE)


def archive_name(evidence: Evidence) -> str:
    """``evidence/<sha256>_<original name>``, the name made safe for any unzip tool."""
    name = _UNSAFE.sub("_", evidence.original_name).strip(" .") or "file"
    return f"evidence/{evidence.sha256}_{name[:120]}"


def dossier_zip_write(
    case: Any, out: IO[bytes], *, audience: str = "internal", exported_by: Any = None
) -> dict:
    """Write the ZIP to ``out`` (a file or any writable binary stream): the PDF, the original
    evidence files copied in chunks (memory stays flat), ``manifest.json`` and
    ``manifest.sha256``. Returns the manifest."""
    dossier = _collect(case, audience, exported_by)
    files: list[dict] = []
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        seen: set[str] = set()
        evidence_rows = []
        for evidence in dossier.evidence.values():
            path = archive_name(evidence)
            if path in seen:
                continue
            seen.add(path)
            status, actual, size = _copy_evidence(archive, evidence, path)
            dossier.file_checks[evidence.pk] = status
            evidence_rows.append(
                {
                    "path": path,
                    "sha256": actual,
                    "size": size,
                    "recorded_sha256": evidence.sha256,
                    "recorded_size": evidence.size,
                    "status": status,
                    "content_type": evidence.content_type,
                    "original_name": evidence.original_name,
                    "uploaded_at": evidence.uploaded_at.isoformat(),
                    "captured_at": evidence.captured_at.isoformat()
                    if evidence.captured_at
                    else None,
                }
            )
        pdf_bytes = _render_pdf(dossier)
        pdf_name = f"dossier-{case.reference}.pdf"
        archive.writestr(pdf_name, pdf_bytes)
        files.append(
            {
                "path": pdf_name,
                "sha256": hashlib.sha256(pdf_bytes).hexdigest(),
                "size": len(pdf_bytes),
            }
        )
        files.extend(row for row in evidence_rows if row["status"] != "missing")
        manifest = {
            "case": case.reference,
            "audience": audience,
            "organisation": organisation().name,
            "exported_at": dossier.exported_at.isoformat(),
            "exported_by": _person(exported_by, dossier.internal) if exported_by else None,
            "dossier": {
                "entries": case.dossier_length,
                "head": case.dossier_head,
                "intact": dossier.problem is None,
                "problem": str(dossier.problem) if dossier.problem else None,
                "hash": "sha256 over canonical JSON of each entry, chained by prev_hash",
            },
            "files": files,
            "missing_files": [row for row in evidence_rows if row["status"] == "missing"],
            "entries": [
                {
                    "seq": entry.seq,
                    "kind": entry.kind,
                    "created_at": entry.created_at.isoformat(),
                    "public": entry.public,
                    "prev_hash": entry.prev_hash,
                    "hash": entry.hash,
                }
                for entry in dossier.entries
            ],
        }
        manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
        archive.writestr("manifest.json", manifest_bytes)
        lines = [f"{row['sha256']}  {row['path']}" for row in files]
        lines.append(f"{hashlib.sha256(manifest_bytes).hexdigest()}  manifest.json")
        archive.writestr("manifest.sha256", "\n".join(lines) + "\n")
    return manifest


def _copy_evidence(archive: zipfile.ZipFile, evidence: Evidence, path: str) -> tuple[str, str, int]:
    digest, size = hashlib.sha256(), 0
    info = zipfile.ZipInfo(path, date_time=timezone.localtime(evidence.uploaded_at).timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    try:
        source = evidence_open(evidence)
    except OSError:
        return "missing", "", 0
    with source, archive.open(info, "w", force_zip64=True) as target:
        for chunk in iter(lambda: source.read(CHUNK), b""):
            digest.update(chunk)
            size += len(chunk)
            target.write(chunk)
    actual = digest.hexdigest()
    return ("ok" if actual == evidence.sha256 else "altered"), actual, size


def dossier_zip(case: Any, *, audience: str = "internal", exported_by: Any = None) -> bytes:
    """The ZIP as bytes; views stream :func:`dossier_zip_write` into a temporary file instead."""
    buffer = io.BytesIO()
    dossier_zip_write(case, buffer, audience=audience, exported_by=exported_by)
    return buffer.getvalue()
