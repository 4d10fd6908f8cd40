"""Evidence upload: one file per request, checked by content and recorded in the dossier."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import File, Router, UploadedFile
from ninja.decorators import decorate_view
from ninja.responses import Status as Created

from kalm.api.auth import TokenAuth
from kalm.api.idempotency import idempotent
from kalm.api.models import Scope
from kalm.api.schemas import EvidenceOut, Problem
from kalm.api.selectors import case_for_api
from kalm.dossier.evidence import evidence_attach

router = Router(tags=["evidence"])
ERRORS = {code: Problem for code in (400, 401, 403, 404, 409, 413, 422, 429)}


@router.post(
    "/cases/{reference}/evidence",
    response={201: EvidenceOut, **ERRORS},
    auth=TokenAuth(Scope.EVIDENCE_WRITE),
    summary="Upload evidence",
)
@decorate_view(idempotent)
def evidence_create(request: HttpRequest, reference: str, file: File[UploadedFile]):
    """Attach a photo, video or PDF (multipart field `file`; scope `evidence:write`). A refused
    file (type, size, empty) answers 422 with the reason, and the refusal is in the dossier."""
    case = case_for_api(request.user, reference)
    return Created(201, evidence_attach(case=case, upload=file, actor=request.user))
