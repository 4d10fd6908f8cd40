"""Raw MIME posted by a mail gateway: ``POST /in/email/`` with a bearer token.

Answered with the outcome once the message is processed (200; 202 when it was quarantined), or,
with ``Prefer: respond-async``, ``202`` with ``"outcome": "queued"`` as soon as it is stored: the
worker processes it with the others waiting (decision 0021)."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from kalm.channels.actions import IngestResult, inbound_email_accept, inbound_email_too_large
from kalm.channels.email.ingest import ingest_raw
from kalm.core.http import prefers_async

CHUNK = 1024 * 1024


def _authorised(request: HttpRequest, token: str) -> bool:
    given = request.headers.get("Authorization", "")
    scheme, _sep, value = given.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        value.strip().encode(), token.encode()
    )


def _read_limited(request: HttpRequest, limit: int) -> tuple[bytes, int]:
    """Read at most ``limit`` bytes of the body (not request.body: it caps at 5 MB)."""
    declared = int(request.META.get("CONTENT_LENGTH") or 0)
    parts, size = [], 0
    while size <= limit:
        chunk = request.read(min(CHUNK, limit + 1 - size))
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    return b"".join(parts)[:limit], max(size, declared)


def _answer(result: IngestResult, status: int | None = None, **extra: str) -> JsonResponse:
    body = {
        "outcome": result.outcome,
        "case": result.case.reference if result.case else None,
        "line": result.line,
        **extra,
    }
    return JsonResponse(body, status=status or (202 if result.outcome == "quarantined" else 200))


@csrf_exempt
@require_POST
def email_receive(request: HttpRequest) -> JsonResponse:
    token = settings.KALM_INBOUND_EMAIL_TOKEN
    if not token:
        error = _("Inbound email over HTTP is not configured (KALM_INBOUND_EMAIL_TOKEN).")
        return JsonResponse({"error": error}, status=503)
    if not _authorised(request, token):
        return JsonResponse({"error": _("Missing or wrong bearer token.")}, status=401)
    limit = settings.KALM_INBOUND_EMAIL_MAX_BYTES
    raw, size = _read_limited(request, limit)
    if size > limit:
        result = inbound_email_too_large(raw=raw, size=size, limit=limit, source="http")
        return _answer(result, 413, error=result.inbound.reason)
    if not raw:
        return JsonResponse({"error": _("Empty body: post the raw message.")}, status=400)
    if prefers_async(request):
        # Stored and answered at once; the worker processes it with the others that wait.
        inbound = inbound_email_accept(raw=raw, source="http")
        response = JsonResponse(
            {
                "outcome": "queued",
                "case": None,
                "line": f"queued as inbound email {inbound.pk}",
                "id": inbound.pk,
            },
            status=202,
        )
        response["Preference-Applied"] = "respond-async"
        return response
    return _answer(ingest_raw(raw, source="http"))
