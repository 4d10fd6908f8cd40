"""A case's dossier, read-only, with the result of verifying its hash chain."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from kalm.api.auth import TokenAuth
from kalm.api.models import Scope
from kalm.api.schemas import DossierOut, Problem
from kalm.api.selectors import case_for_api
from kalm.dossier.models import DossierEntry
from kalm.dossier.selectors import dossier_verify_case

router = Router(tags=["dossier"])
ERRORS = {code: Problem for code in (400, 401, 403, 404, 429)}


@router.get(
    "/cases/{reference}/dossier",
    response={200: DossierOut, **ERRORS},
    auth=TokenAuth(Scope.DOSSIER_READ),
    summary="Read a case's dossier",
)
def dossier_detail(request: HttpRequest, reference: str):
    """Every dossier entry in order; `verified` is false when the chain was tampered with
    (scope `dossier:read`)."""
    case = case_for_api(request.user, reference)
    chain_problem = dossier_verify_case(case)
    return {
        "reference": case.reference,
        "verified": chain_problem is None,
        "problem": str(chain_problem) if chain_problem else None,
        "entries": DossierEntry.objects.filter(case=case).order_by("seq"),
    }
