"""Reads over the dossier: the timeline, and chain verification."""

from __future__ import annotations

from collections.abc import Iterator

from kalm.cases.models import Case
from kalm.dossier.chain import ChainProblem, verify_chain
from kalm.dossier.models import DossierEntry


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
