"""Every write to the dossier. Entries are only ever appended."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from kalm.dossier.chain import GENESIS, entry_hash
from kalm.dossier.models import ActorType, DossierEntry


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
    from kalm.cases.models import Case

    with transaction.atomic():
        locked = (
            Case.objects.select_for_update()
            .only("id", "reference", "dossier_length", "dossier_head")
            .get(pk=case.pk)
        )
        entry = DossierEntry(
            case_id=locked.pk,
            seq=locked.dossier_length + 1,
            kind=kind,
            created_at=timezone.now(),
            actor_type=actor_type or (ActorType.AGENT if actor is not None else ActorType.SYSTEM),
            actor=actor,
            actor_label=actor.internal_name if actor is not None else "",
            actor_alias=(actor.alias or "") if actor is not None else "",
            summary=summary[:500],
            payload=_jsonable(payload or {}),
            public=public,
            prev_hash=locked.dossier_head or GENESIS,
        )
        entry.hash = entry_hash(entry, locked.reference)
        entry.save()
        Case.objects.filter(pk=locked.pk).update(dossier_length=entry.seq, dossier_head=entry.hash)
        case.dossier_length, case.dossier_head = entry.seq, entry.hash
    return entry


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
