"""``Idempotency-Key`` on POST: a retried request gets the first answer back and writes nothing.

The key is claimed (an IdempotencyRecord row, unique per token and key) in the same transaction
as the work, *before* the work. A concurrent duplicate blocks on the unique index (PostgreSQL) or
on the write lock (SQLite) until the first commits, then fails to insert and replays the stored
answer, so two requests with one key can never both write. If the work fails on our side (5xx)
or the request is refused before it starts (401/403/429), everything rolls back, the key
included, so the client can simply retry.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from kalm.api.actions import idempotency_record_begin, idempotency_record_finish
from kalm.api.auth import token_from_request
from kalm.api.errors import CONTENT_TYPE, problem
from kalm.api.models import ApiToken, IdempotencyRecord

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255
_NOT_STORED = {401, 403, 429}


class _Discard(Exception):
    def __init__(self, response: HttpResponse) -> None:
        self.response = response


def request_fingerprint(request: HttpRequest) -> str:
    """SHA-256 of method, path and body. Multipart bodies are hashed by their parsed fields and
    file contents, so a retry with a new multipart boundary is still the same request."""
    digest = hashlib.sha256(f"{request.method}\n{request.get_full_path()}\n".encode())
    if request.content_type == "multipart/form-data":
        for name in sorted(request.POST):
            for value in request.POST.getlist(name):
                digest.update(f"field:{name}={value}\n".encode())
        for name in sorted(request.FILES):
            for upload in request.FILES.getlist(name):
                digest.update(f"file:{name}:{upload.name}:{upload.size}:".encode())
                for chunk in upload.chunks():
                    digest.update(chunk)
    else:
        digest.update(request.body)
    return digest.hexdigest()


def _replay(request: HttpRequest, token: ApiToken, key: str, fingerprint: str) -> HttpResponse:
    record = IdempotencyRecord.objects.filter(token=token, key=key).first()
    if record is None or record.response_status is None:
        return problem(
            request,
            409,
            slug="idempotency-in-progress",
            detail=_("A request with this Idempotency-Key is still being processed; retry."),
        )
    if record.request_fingerprint != fingerprint:
        return problem(
            request,
            422,
            slug="idempotency-key-reused",
            title=_("Idempotency-Key reused"),
            detail=_("This Idempotency-Key was used for a different request."),
        )
    status = record.response_status
    response = HttpResponse(
        json.dumps(record.response_body),
        status=status,
        content_type=CONTENT_TYPE if status >= 400 else "application/json",
    )
    response["Idempotent-Replayed"] = "true"
    return response


def idempotent(run: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a ninja operation's ``run`` (use with ``ninja.decorators.decorate_view``)."""

    @wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        key = request.headers.get(HEADER, "").strip()
        if not key:
            return run(request, *args, **kwargs)
        if len(key) > MAX_KEY_LENGTH:
            return problem(
                request,
                400,
                slug="idempotency-key-invalid",
                detail=_("The Idempotency-Key may be at most 255 characters."),
            )
        token = token_from_request(request)
        if token is None:
            return run(request, *args, **kwargs)  # answers 401
        try:
            fingerprint = request_fingerprint(request)
        except RequestDataTooBig:
            return problem(request, 413, detail=_("The request body is larger than allowed."))
        except SuspiciousOperation:  # too many fields or files
            return problem(request, 400, detail=_("The request body could not be read."))
        try:
            with transaction.atomic():
                record = idempotency_record_begin(token=token, key=key, fingerprint=fingerprint)
                response = run(request, *args, **kwargs)
                status = response.status_code
                if status >= 500 or status in _NOT_STORED:
                    raise _Discard(response)
                body = json.loads(response.content) if response.content else None
                idempotency_record_finish(record=record, status=status, body=body)
        except _Discard as discarded:
            return discarded.response
        except IntegrityError:
            return _replay(request, token, key, fingerprint)
        return response

    return wrapper
