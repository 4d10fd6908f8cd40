"""Every write to the dossier. Entries are only ever appended."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kalm.dossier.chain import GENESIS, entry_hash
from kalm.dossier.models import ActorType, DossierEntry, EntryKind, PhysicalItem, ReceiptCounter

Custody = PhysicalItem.Custody

# Where a physical item may go from where it is. "Returned" and "destroyed" are final: an item the
# consumer takes back and hands in again is a new item with a new receipt.
CUSTODY_MOVES: dict[str, frozenset[str]] = {
    Custody.COLLECTED: frozenset(
        {Custody.STORED, Custody.SENT_TO_LAB, Custody.RETURNED, Custody.DESTROYED}
    ),
    Custody.STORED: frozenset({Custody.SENT_TO_LAB, Custody.RETURNED, Custody.DESTROYED}),
    Custody.SENT_TO_LAB: frozenset({Custody.STORED, Custody.RETURNED, Custody.DESTROYED}),
    Custody.RETURNED: frozenset(),
    Custody.DESTROYED: frozenset(),
}


class ItemActionError(ValueError):
    """A physical-item action refused for a reason the agent can fix; the message is translated."""


class CustodyMoveRefused(ItemActionError):
    """The custody move is not allowed from where the item is now."""

    def __init__(self, current: str, target: str, message: str) -> None:
        self.current, self.target = current, target
        super().__init__(message)


def entry_append(
    *,
    case: Any,
    kind: str,
    summary: str,
    actor: Any = None,
    actor_type: str | None = None,
    payload: dict | None = None,
    public: bool = False,
) -> DossierEntry:
    """Append one entry to the case's chain, locking the case row so sequence numbers never clash.

    ``actor`` is an agent (User) or None; ``actor_type`` defaults to agent when an actor is given
    and system otherwise. Pass ``actor_type=ActorType.CONSUMER`` for what consumers did.
    """
    entry = NewEntry(
        kind=kind,
        summary=summary,
        actor=actor,
        actor_type=actor_type,
        payload=payload,
        public=public,
    )
    return entries_append(case=case, entries=[entry])[0]


@dataclass(frozen=True)
class NewEntry:
    """One entry for entries_append; the fields mean what entry_append's arguments mean."""

    kind: str
    summary: str
    actor: Any = None
    actor_type: str | None = None
    payload: dict | None = None
    public: bool = False


def entries_append(
    *,
    case: Any,
    entries: Sequence[NewEntry],
    created: bool = False,
    fields: dict[str, Any] | None = None,
) -> list[DossierEntry]:
    """Append several entries to the case's chain in this order, with one read of the chain's
    head and one write of the new head (entry_append is this for one entry). ``fields`` are
    other columns of the case row the caller changes with them: written (and set on ``case``)
    in the same UPDATE, since on PostgreSQL each UPDATE of a case row is a new version of it.

    The case row is locked and read first, unless ``created``: the caller inserted the case in
    the transaction that is still open, so nobody else can see it, let alone append to it, and
    ``case.dossier_length`` and ``case.dossier_head`` are current (case_open)."""
    from kalm.cases.models import Case

    with transaction.atomic():
        if created:
            length, head, reference = case.dossier_length, case.dossier_head, case.reference
        else:
            locked = (
                Case.objects.select_for_update()
                .only("id", "reference", "dossier_length", "dossier_head")
                .get(pk=case.pk)
            )
            length, head = locked.dossier_length, locked.dossier_head
            reference = locked.reference
        stored = _chained(case.pk, reference, length, head, entries)
        if stored:
            length, head = stored[-1].seq, stored[-1].hash
        if len(stored) == 1:
            stored[0].save()
        elif stored:
            # One INSERT for the batch (both databases hand the new ids back). DossierEntry.save
            # only refuses rows that exist, which these are not.
            DossierEntry.objects.bulk_create(stored)
        changes = dict(fields or {})
        if stored:
            changes.update(dossier_length=length, dossier_head=head)
        if changes:
            Case.objects.filter(pk=case.pk).update(**changes)
            for name, value in changes.items():
                setattr(case, name, value)
    return stored


def _chained(
    case_id: int, reference: str, length: int, head: str, entries: Sequence[NewEntry]
) -> list[DossierEntry]:
    """The entries as rows that continue a chain of ``length`` entries ending in ``head``."""
    stored = []
    for new in entries:
        actor = new.actor
        entry = DossierEntry(
            case_id=case_id,
            seq=length + 1,
            kind=new.kind,
            created_at=timezone.now(),
            actor_type=new.actor_type
            or (ActorType.AGENT if actor is not None else ActorType.SYSTEM),
            actor=actor,
            actor_label=actor.internal_name if actor is not None else "",
            actor_alias=(actor.alias or "") if actor is not None else "",
            summary=new.summary[:500],
            payload=_jsonable(new.payload or {}),
            public=new.public,
            prev_hash=head or GENESIS,
        )
        entry.hash = entry_hash(entry, reference)
        stored.append(entry)
        length, head = entry.seq, entry.hash
    return stored


def entries_append_new_cases(*, entries: Sequence[tuple[Any, Sequence[NewEntry]]]) -> None:
    """entries_append(created=True) for many cases inserted in the transaction that is still
    open (kalm.cases.actions.cases_open_unread): every entry in one INSERT, and the new chain
    heads in one statement run for every case."""
    from kalm.cases.models import Case

    rows: list[DossierEntry] = []
    heads = []
    for case, new in entries:
        chained = _chained(case.pk, case.reference, case.dossier_length, case.dossier_head, new)
        if chained:
            rows.extend(chained)
            case.dossier_length, case.dossier_head = chained[-1].seq, chained[-1].hash
            heads.append((case.dossier_length, case.dossier_head, case.pk))
    with transaction.atomic():
        DossierEntry.objects.bulk_create(rows)
        table = connection.ops.quote_name(Case._meta.db_table)
        with connection.cursor() as cursor:
            # One statement run per case, not bulk_update's CASE WHEN over every case.
            cursor.executemany(
                f"UPDATE {table} SET dossier_length = %s, dossier_head = %s WHERE id = %s", heads
            )


def _jsonable(value: Any) -> Any:
    """Payloads are hashed as JSON and must read back identically: keep only JSON-native types."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return repr(value)
    return str(value)


def receipt_number_next(*, year: int | None = None) -> str:
    """Draw the next receipt number of the year, e.g. ``R2026-00001``.

    The year's counter row is locked (``select_for_update``) until the surrounding transaction
    ends, so concurrent registrations on PostgreSQL queue up and never share or skip a number;
    on SQLite the write transaction itself serialises them. Call it inside the transaction that
    stores the item, so a rolled-back registration gives its number back.
    """
    year = year or timezone.localdate().year
    with transaction.atomic():
        ReceiptCounter.objects.get_or_create(year=year)  # races resolve to the same row
        counter = ReceiptCounter.objects.select_for_update().get(year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
    return f"R{year}-{counter.last:05d}"


def _item_payload(item: PhysicalItem) -> dict[str, Any]:
    return {
        "item_id": item.pk,
        "receipt_number": item.receipt_number,
        "description": item.description,
        "condition": item.condition,
        "collected_where": item.collected_where,
        "collected_at": item.collected_at.isoformat(),
        "collected_by_alias": item.collected_by.alias or "",
        "custody": item.custody,
    }


def item_register(
    *,
    case: Any,
    agent: Any,
    description: str,
    collected_where: str,
    collected_at: datetime | None = None,
    condition: str = "",
) -> PhysicalItem:
    """Register a physical item taken in for a case; it gets the next receipt number."""
    description, collected_where = description.strip(), collected_where.strip()
    if not description:
        raise ItemActionError(_("Describe the item."))
    if not collected_where:
        raise ItemActionError(_("Say where the item was collected."))
    if not agent.alias:
        raise ItemActionError(
            _("Set a public alias first: the receipt given to the consumer shows it.")
        )
    now = timezone.now()
    collected_at = collected_at or now
    if collected_at > now + timedelta(minutes=5):
        raise ItemActionError(_("The collection time cannot be in the future."))
    with transaction.atomic():
        item = PhysicalItem.objects.create(
            case_id=case.pk,
            receipt_number=receipt_number_next(year=timezone.localtime(collected_at).year),
            description=description,
            collected_by=agent,
            collected_at=collected_at,
            collected_where=collected_where[:200],
            condition=condition.strip()[:300],
            custody=Custody.COLLECTED,
            custody_changed_at=now,
        )
        entry_append(
            case=case,
            kind=EntryKind.ITEM_COLLECTED,
            summary=_("Item %(number)s collected: %(description)s")
            % {"number": item.receipt_number, "description": description.splitlines()[0][:200]},
            actor=agent,
            payload=_item_payload(item),
            public=True,
        )
    return item


def item_custody_move(
    *, item: PhysicalItem, agent: Any, custody: str, note: str = ""
) -> PhysicalItem:
    """Move a physical item to another custody (storage, lab, back to the consumer, destroyed).

    Refuses, with :class:`CustodyMoveRefused`, any move the table above does not allow.
    """
    if custody not in Custody.values:
        raise ItemActionError(_("Unknown custody."))
    with transaction.atomic():
        current = (
            PhysicalItem.objects.select_for_update()
            .values_list("custody", flat=True)
            .get(pk=item.pk)
        )
        if custody not in CUSTODY_MOVES[current]:
            if not CUSTODY_MOVES[current]:
                message = _("Item %(number)s is %(current)s: its custody can no longer change.") % {
                    "number": item.receipt_number,
                    "current": Custody(current).label.lower(),
                }
            else:
                message = _("Item %(number)s cannot go from “%(current)s” to “%(target)s”.") % {
                    "number": item.receipt_number,
                    "current": Custody(current).label,
                    "target": Custody(custody).label,
                }
            raise CustodyMoveRefused(current, custody, message)
        now = timezone.now()
        item.custody, item.custody_note, item.custody_changed_at = custody, note.strip()[:300], now
        PhysicalItem.objects.filter(pk=item.pk).update(
            custody=item.custody, custody_note=item.custody_note, custody_changed_at=now
        )
        entry_append(
            case=item.case,
            kind=EntryKind.ITEM_CUSTODY,
            summary=_("Item %(number)s: %(from)s → %(to)s")
            % {
                "number": item.receipt_number,
                "from": Custody(current).label,
                "to": Custody(custody).label,
            },
            actor=agent,
            payload={
                "item_id": item.pk,
                "receipt_number": item.receipt_number,
                "from": current,
                "to": custody,
                "note": item.custody_note,
            },
            public=True,
        )
    return item


def dossier_export_record(
    *,
    case: Any,
    actor: Any,
    fmt: str,
    audience: str = "internal",
    sha256: str = "",
    size: int = 0,
    entries: int | None = None,
    head: str = "",
) -> DossierEntry:
    """Record that the dossier was exported, by whom, for whom, and the hash of what was handed
    out, so an export can later be matched to the dossier it came from."""
    return entry_append(
        case=case,
        kind=EntryKind.EXPORTED,
        summary=_("Dossier exported as %(fmt)s (%(audience)s)")
        % {
            "fmt": fmt.upper(),
            "audience": _("for the consumer") if audience == "consumer" else _("internal"),
        },
        actor=actor,
        payload={
            "format": fmt,
            "audience": audience,
            "sha256": sha256,
            "size": size,
            "entries": entries,
            "head": head,
        },
    )
