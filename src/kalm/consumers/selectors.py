"""Reads about consumers: who called, their whole journey across channels, merge proposals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch
from django.http import Http404

from kalm.consumers.actions import normalise_phone
from kalm.consumers.models import Consumer, ConsumerMergeProposal, ContactIdentity

JOURNEY_PAGE_SIZE = 50


def access_consumer(user: Any, consumer_id: int) -> Consumer:
    """The consumer, if this user works on the desk (agents see every consumer, like cases)."""
    if not getattr(user, "is_authenticated", False) or not user.is_desk_member:
        raise PermissionDenied
    consumer = Consumer.objects.select_related("merged_into").filter(pk=consumer_id).first()
    if consumer is None:
        raise Http404
    return consumer


def consumers_by_phone(phone: str, *, drill_id: int | None = None) -> list[Consumer]:
    """Consumers owning this phone number (any spelling), each with ``open_cases`` prefetched:
    real consumers, or those of the drill the desk is switched to."""
    from kalm.cases.models import OPEN_STATUSES, Case

    value = normalise_phone(phone)
    if len(value.lstrip("+")) < 6:
        return []
    open_cases = Case.objects.filter(status__in=OPEN_STATUSES).order_by("-updated_at", "-id")
    return list(
        Consumer.objects.filter(
            identities__kind=ContactIdentity.Kind.PHONE,
            identities__value=value,
            merged_into__isnull=True,
            drill_id=drill_id,
        )
        .prefetch_related(Prefetch("cases", queryset=open_cases, to_attr="open_cases"))
        .distinct()
    )


@dataclass
class Journey:
    consumer: Consumer
    identities: list[ContactIdentity]
    cases: list[Any]
    messages: Page
    merged_from: list[Consumer]


def consumer_journey(consumer: Consumer, *, page: Any = 1) -> Journey:
    """Every case of the consumer and their messages, oldest first across all cases and channels.

    A fixed number of queries, whatever the number of cases or messages.
    """
    from kalm.cases.models import Case, Message

    cases = list(
        Case.objects.filter(consumer=consumer)
        .annotate(message_count=Count("messages"))
        .order_by("created_at", "id")
    )
    messages = (
        Message.objects.filter(case__consumer=consumer)
        .select_related("case", "author")
        .order_by("created_at", "id")
    )
    paginator = Paginator(messages, JOURNEY_PAGE_SIZE)
    return Journey(
        consumer=consumer,
        identities=list(consumer.identities.order_by("kind", "value")),
        cases=cases,
        messages=paginator.get_page(page),
        merged_from=list(consumer.merged_consumers.order_by("name")),
    )


def merge_proposals_open(drill_id: int | None = None) -> list[ConsumerMergeProposal]:
    """Open proposals, oldest first, each with ``pair``: [(consumer, number of cases), ...].
    Real consumers' proposals, or those of one drill (a pair never spans the two)."""
    proposals = list(
        ConsumerMergeProposal.objects.filter(
            status=ConsumerMergeProposal.Status.PROPOSED,
            a__drill_id=drill_id,
            b__drill_id=drill_id,
            a__merged_into__isnull=True,  # a proposal about a merged consumer was carried over
            b__merged_into__isnull=True,
        )
        .select_related("a", "b")
        .prefetch_related("a__identities", "b__identities")
        .annotate(
            a_cases=Count("a__cases", distinct=True), b_cases=Count("b__cases", distinct=True)
        )
        .order_by("created_at", "id")
    )
    for proposal in proposals:
        proposal.pair = [(proposal.a, proposal.a_cases), (proposal.b, proposal.b_cases)]
    return proposals
