"""A case's messages: read them, add one from the consumer, a reply, or an internal note."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router
from ninja.decorators import decorate_view
from ninja.responses import Status as Created

from kalm.api.auth import TokenAuth
from kalm.api.idempotency import idempotent
from kalm.api.models import Scope
from kalm.api.schemas import MessageIn, MessageOut, Problem
from kalm.api.selectors import case_for_api
from kalm.cases.actions import message_receive, message_reply, note_add
from kalm.cases.models import Channel, Message

router = Router(tags=["messages"])
ERRORS = {code: Problem for code in (400, 401, 403, 404, 409, 413, 422, 429)}


@router.get(
    "/cases/{reference}/messages",
    response={200: list[MessageOut], **ERRORS},
    auth=TokenAuth(Scope.CASES_READ),
    summary="List a case's messages",
)
def message_index(request: HttpRequest, reference: str):
    """Every message, reply and note of the case, oldest first (scope `cases:read`)."""
    case = case_for_api(request.user, reference)
    return Message.objects.filter(case=case).select_related("author").order_by("created_at", "id")


@router.post(
    "/cases/{reference}/messages",
    response={201: MessageOut, **ERRORS},
    auth=TokenAuth(Scope.MESSAGES_WRITE),
    summary="Add a message",
)
@decorate_view(idempotent)
def message_create(request: HttpRequest, reference: str, payload: MessageIn):
    """`inbound`: the consumer wrote (reopens a closed case). `outbound`: a reply to the consumer
    under the acting user's alias, delivered on the case's channel. `note`: internal only.
    Scope `messages:write`."""
    case = case_for_api(request.user, reference)
    if payload.kind == "inbound":
        message = message_receive(
            case=case, body=payload.body, channel=payload.channel or Channel.API
        )
    elif payload.kind == "outbound":
        message = message_reply(
            case=case, agent=request.user, body=payload.body, channel=payload.channel
        )
    else:
        message = note_add(case=case, agent=request.user, body=payload.body)
    return Created(201, message)
