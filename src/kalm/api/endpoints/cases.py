"""Cases: open, list (filters, cursor pagination), read, update status/assignment/priority."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Query, Router
from ninja.decorators import decorate_view
from ninja.responses import Status as Created

from kalm.api.actions import case_request_accept, case_update
from kalm.api.auth import TokenAuth
from kalm.api.idempotency import idempotent
from kalm.api.models import Scope
from kalm.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, page_by_updated
from kalm.api.schemas import (
    CaseIn,
    CaseOut,
    CasePage,
    CasePatch,
    CaseRequestOut,
    IsoDatetime,
    Problem,
)
from kalm.api.selectors import (
    agent_by_username,
    case_for_api,
    case_list,
    case_request_for_api,
    expectations_by_code,
    product_by_id,
    team_by_slug,
)
from kalm.cases.actions import case_open
from kalm.cases.models import Channel, Priority, Status
from kalm.core.http import prefers_async

router = Router(tags=["cases"])
ERRORS = {code: Problem for code in (400, 401, 403, 404, 409, 413, 422, 429)}


PREFER_PARAMETER = {
    "name": "Prefer",
    "in": "header",
    "required": False,
    "description": "`respond-async`: check and store the request, answer `202` at once and "
    "let the worker open the case (for bursts and bulk loads).",
    "schema": {"type": "string", "example": "respond-async"},
}


@router.post(
    "/cases",
    response={201: CaseOut, 202: CaseRequestOut, **ERRORS},
    auth=TokenAuth(Scope.CASES_WRITE),
    summary="Open a case",
    openapi_extra={"parameters": [PREFER_PARAMETER]},
)
@decorate_view(idempotent)
def case_create(request: HttpRequest, payload: CaseIn, response: HttpResponse):
    """Open a case with the consumer's first message (scope `cases:write`): `201` with the case.

    With `Prefer: respond-async` the request is checked as usual (a bad one is refused at
    once) and stored, and the answer is `202 Accepted` with the request's status in the body
    and its URL in `Location`; the worker opens the case moments later, in a batch with the
    others waiting. Read `GET /case-requests/{id}` for its case. This takes bursts far faster
    than waiting for each case; a request that cannot be opened after all is kept, `failed`,
    with the reason."""
    if prefers_async(request):
        # Checked now, so the integration hears of a bad reference while it can act on it.
        product_by_id(payload.product)
        team_by_slug(payload.team)
        if payload.expectations:
            expectations_by_code(payload.expectations)
        accepted = case_request_accept(token=request.auth, payload=payload.model_dump(mode="json"))
        response["Location"] = reverse("api:case_request_detail", args=[accepted.key])
        response["Preference-Applied"] = "respond-async"
        return Created(202, accepted)
    case = case_open(
        **payload.consumer.model_dump(),
        subject=payload.subject,
        body=payload.body,
        channel=payload.channel,
        language=payload.language,
        product=product_by_id(payload.product),
        batch_number=payload.batch_number,
        expectations=expectations_by_code(payload.expectations),
        expectation_other=payload.expectation_other,
        priority=payload.priority,
        team=team_by_slug(payload.team),
        opened_by=request.auth.acting_user,
    )
    return Created(201, case)  # its expectations are held by case_open: no query for them


@router.get(
    "/case-requests/{request_id}",
    response={200: CaseRequestOut, **ERRORS},
    auth=TokenAuth(Scope.CASES_WRITE),
    summary="Read a case request",
    url_name="case_request_detail",
)
def case_request_detail(request: HttpRequest, request_id: str):
    """A case asked for with `Prefer: respond-async` (scope `cases:write`): `pending`, then
    `opened` with its case or `failed` with the reason. Only the token that sent it can read
    it."""
    return case_request_for_api(request.auth, request_id)


@router.get(
    "/cases",
    response={200: CasePage, **ERRORS},
    auth=TokenAuth(Scope.CASES_READ),
    summary="List cases",
)
def case_index(
    request: HttpRequest,
    status: Status | None = None,
    priority: Priority | None = None,
    team: str | None = Query(None, description="Team slug"),
    assignee: str | None = Query(None, description="Username"),
    channel: Channel | None = None,
    updated_after: IsoDatetime | None = None,
    q: str | None = Query(None, max_length=500, description="Full-text search"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
):
    """Cases, most recently updated first (scope `cases:read`). Follow `next` for more."""
    qs = case_list(
        status=status,
        priority=priority,
        team=team,
        assignee=assignee,
        channel=channel,
        updated_after=updated_after,
        q=q,
    )
    items, next_cursor = page_by_updated(qs, cursor, limit)
    return {"items": items, "next": next_cursor}


@router.get(
    "/cases/{reference}",
    response={200: CaseOut, **ERRORS},
    auth=TokenAuth(Scope.CASES_READ),
    summary="Read a case",
)
def case_detail(request: HttpRequest, reference: str):
    """One case by its reference (scope `cases:read`)."""
    return case_for_api(request.user, reference)


@router.patch(
    "/cases/{reference}",
    response={200: CaseOut, **ERRORS},
    auth=TokenAuth(Scope.CASES_WRITE),
    summary="Update a case",
)
def case_patch(request: HttpRequest, reference: str, payload: CasePatch):
    """Change status (409 when the workflow does not allow it), assignee, team or priority
    (scope `cases:write`). Fields left out stay as they are; all changes apply or none."""
    case = case_for_api(request.user, reference)
    sent = payload.model_fields_set
    changes = {}
    if "assignee" in sent:
        changes["assignee"] = agent_by_username(payload.assignee)
    if "team" in sent:
        changes["team"] = team_by_slug(payload.team)
    case_update(
        case=case,
        actor=request.user,
        status=payload.status,
        priority=payload.priority,
        **changes,
    )
    return case_for_api(request.user, reference)
