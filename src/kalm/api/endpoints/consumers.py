"""Consumers with their addresses (identities) and the references of their cases."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Query, Router

from kalm.api.auth import TokenAuth
from kalm.api.models import Scope
from kalm.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, page_by_id
from kalm.api.schemas import ConsumerOut, ConsumerPage, Problem
from kalm.api.selectors import consumer_list, consumer_queryset

router = Router(tags=["consumers"])
ERRORS = {code: Problem for code in (400, 401, 403, 404, 422, 429)}


@router.get(
    "/consumers",
    response={200: ConsumerPage, **ERRORS},
    auth=TokenAuth(Scope.CONSUMERS_READ),
    summary="List consumers",
)
def consumer_index(
    request: HttpRequest,
    q: str | None = Query(None, max_length=254, description="Part of an email, phone or handle"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
):
    """Consumers, newest first (scope `consumers:read`). Follow `next` for more."""
    items, next_cursor = page_by_id(consumer_list(q=q), cursor, limit)
    return {"items": items, "next": next_cursor}


@router.get(
    "/consumers/{consumer_id}",
    response={200: ConsumerOut, **ERRORS},
    auth=TokenAuth(Scope.CONSUMERS_READ),
    summary="Read a consumer",
)
def consumer_detail(request: HttpRequest, consumer_id: int):
    """One consumer with identities and case references (scope `consumers:read`)."""
    consumer = consumer_queryset().filter(pk=consumer_id).first()
    if consumer is None:
        raise Http404
    return consumer
