"""Evidence downloads: never from a public URL, always through the case's access check."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from kalm.cases.selectors import access_case
from kalm.desk.access import desk_member_required
from kalm.dossier.evidence import evidence_open
from kalm.dossier.models import Evidence


@desk_member_required
@require_GET
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = get_object_or_404(Evidence, pk=pk)
    access_case(request.user, evidence.case_id)
    inline = (evidence.is_image or evidence.is_video) and "download" not in request.GET
    response = FileResponse(
        evidence_open(evidence),
        as_attachment=not inline,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    # Uploaded content is untrusted: never let it run script or be framed elsewhere.
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src 'self'; media-src 'self'; sandbox"
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response
