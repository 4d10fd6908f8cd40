"""Every error the API returns is an RFC 9457 problem detail (``application/problem+json``)."""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from kalm.cases.actions import CaseActionError
from kalm.cases.workflow import IllegalTransition
from kalm.dossier.evidence import EvidenceRefused

logger = logging.getLogger(__name__)
PROBLEM_TYPE_BASE = "tag:kalm,2026:problem/"
CONTENT_TYPE = "application/problem+json"


class ApiProblem(Exception):
    """Raised by endpoints for a refusal with its own problem type (bad cursor, unknown team)."""

    def __init__(
        self, status: int, slug: str, detail: str, errors: list[dict[str, Any]] | None = None
    ) -> None:
        self.status, self.slug, self.detail, self.errors = status, slug, detail, errors
        super().__init__(detail)


def problem_body(
    request: HttpRequest,
    status: int,
    *,
    slug: str = "",
    title: str = "",
    detail: str = "",
    errors: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + slug if slug else "about:blank",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail or HTTPStatus(status).description,
        "instance": request.get_full_path(),
    }
    if errors is not None:
        body["errors"] = errors
    return body


def problem_response(body: dict[str, Any], *, status: int | None = None) -> HttpResponse:
    return HttpResponse(
        json.dumps(body, ensure_ascii=False, default=str),
        status=status or body["status"],
        content_type=CONTENT_TYPE,
    )


def problem(request: HttpRequest, status: int, **kwargs: Any) -> HttpResponse:
    return problem_response(problem_body(request, status, **kwargs))


def _validation_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Ninja's pydantic errors as ``{"pointer", "detail", "type"}``; the pointer skips ninja's
    parameter-group names (body/query/path) and the payload argument's name."""
    result = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", [])]
        where = loc[0] if loc else ""
        rest = loc[2:] if where in {"body", "form", "file"} and len(loc) > 2 else loc[1:]
        result.append(
            {
                "in": where,
                "pointer": "/" + "/".join(rest) if rest else "",
                "detail": str(error.get("msg", "")),
                "type": str(error.get("type", "")),
            }
        )
    return result


def install(api: NinjaAPI) -> None:
    """Replace ninja's error handlers with problem-detail ones."""

    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return problem(
            request,
            422,
            slug="validation",
            title=_("The request is not valid"),
            detail=_("One or more fields are missing or wrong; see errors."),
            errors=_validation_errors(exc.errors),
        )

    def on_authentication(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = problem(
            request,
            401,
            slug="unauthenticated",
            title=_("Authentication needed"),
            detail=_("Send a valid, unrevoked token as 'Authorization: Bearer kalm_…'."),
        )
        response["WWW-Authenticate"] = 'Bearer realm="kalm"'
        return response

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        status = exc.status_code
        detail = str(exc) if str(exc) != HTTPStatus(status).phrase else ""
        return problem(request, status, detail=detail)

    def on_not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem(request, 404, detail=_("There is nothing at this address."))

    def on_permission(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem(request, 403, detail=_("This token may not do that."))

    def on_too_big(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem(request, 413, detail=_("The request body is larger than allowed."))

    def on_unreadable(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem(request, 400, detail=_("The request body could not be read."))

    def on_api_problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
        return problem(request, exc.status, slug=exc.slug, detail=exc.detail, errors=exc.errors)

    def on_case_action(request: HttpRequest, exc: CaseActionError) -> HttpResponse:
        return problem(
            request, 422, slug="refused", title=_("The action was refused"), detail=str(exc)
        )

    def on_transition(request: HttpRequest, exc: IllegalTransition) -> HttpResponse:
        return problem(
            request,
            409,
            slug="illegal-transition",
            title=_("This status change is not allowed"),
            detail=_("A case cannot go from '%(from)s' to '%(to)s'.")
            % {"from": exc.current, "to": exc.target},
        )

    def on_evidence_refused(request: HttpRequest, exc: EvidenceRefused) -> HttpResponse:
        return problem(
            request,
            422,
            slug="evidence-refused",
            title=_("The file was refused"),
            detail=_("%(name)s: %(reason)s") % {"name": exc.original_name, "reason": exc.reason},
        )

    def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s", request.path, exc_info=exc)
        return problem(
            request, 500, detail=_("Something went wrong on our side; nothing was changed.")
        )

    api.add_exception_handler(Exception, on_unexpected)
    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(AuthenticationError, on_authentication)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(PermissionDenied, on_permission)
    api.add_exception_handler(SuspiciousOperation, on_unreadable)
    api.add_exception_handler(RequestDataTooBig, on_too_big)
    api.add_exception_handler(ApiProblem, on_api_problem)
    api.add_exception_handler(CaseActionError, on_case_action)
    api.add_exception_handler(IllegalTransition, on_transition)
    api.add_exception_handler(EvidenceRefused, on_evidence_refused)
