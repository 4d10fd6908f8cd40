"""Reads over the dossier: chain verification, and the access check for physical items."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from kalm.cases.models import Case
from kalm.cases.selectors import access_case
from kalm.dossier.chain import ChainProblem, verify_chain
from kalm.dossier.models import DossierEntry, PhysicalItem


def dossier_verify_case(case: Case) -> ChainProblem | None:
    entries = DossierEntry.objects.filter(case_id=case.pk).order_by("seq").iterator(chunk_size=500)
    return verify_chain(
        case.reference,
        entries,
        expected_length=case.dossier_length,
        expected_head=case.dossier_head,
    )


def dossier_verify_all(batch_size: int = 500) -> Iterator[tuple[Case, ChainProblem | None]]:
    """Verify every case's chain, streaming cases and entries in batches to keep memory flat."""
    last_id = 0
    fields = ("id", "reference", "dossier_length", "dossier_head")
    while True:
        cases = list(Case.objects.filter(pk__gt=last_id).order_by("pk").only(*fields)[:batch_size])
        if not cases:
            return
        by_case: dict[int, list[DossierEntry]] = {c.pk: [] for c in cases}
        for entry in DossierEntry.objects.filter(case_id__in=by_case).order_by("case_id", "seq"):
            by_case[entry.case_id].append(entry)
        for case in cases:
            yield (
                case,
                verify_chain(
                    case.reference,
                    by_case[case.pk],
                    expected_length=case.dossier_length,
                    expected_head=case.dossier_head,
                ),
            )
        last_id = cases[-1].pk


def access_item(user: Any, item_id: int) -> PhysicalItem:
    """A physical item with its case, if this user may work on that case (desk members only).

    Outsiders are refused before the item is looked up, so they cannot probe which ids exist.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_desk_member:
        raise PermissionDenied
    case_id = PhysicalItem.objects.filter(pk=item_id).values_list("case_id", flat=True).first()
    if case_id is None:
        raise Http404
    case = access_case(user, case_id)
    item = PhysicalItem.objects.select_related("collected_by").get(pk=item_id)
    item.case = case
    return item
