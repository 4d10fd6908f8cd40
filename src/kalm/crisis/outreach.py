"""Outreach in a crisis: who is affected (the consumers with cases on the product or batch), the
crisis's own contact route (its public form and its mailbox tag), and the inbox's crisis lane.

Selectors first, then the actions. The scope is matched by the same rule that proposes cases
(``kalm.crisis.actions._scope_reason``), so the affected list and the proposals never disagree
about what fits."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.utils import parseaddr
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kalm.cases.actions import case_confirmation_queue, case_open, portal_link_create
from kalm.cases.models import Case, Channel, ExpectationOption
from kalm.core.csv import csv_cell, csv_text
from kalm.core.selectors import organisation
from kalm.crisis.actions import (
    CrisisActionError,
    _event,
    crisis_case_decide,
    scope_cases,
)
from kalm.crisis.mailing import subscription_ensure
from kalm.crisis.models import (
    OPEN_CRISIS_STATUSES,
    Crisis,
    CrisisCase,
    CrisisEvent,
    CrisisSubscription,
    Publication,
    PublishChannel,
)
from kalm.crisis.selectors import PublicPage, public_crisis_page

State = CrisisCase.State

# The expectation a consumer ticks on the complaint form to be kept informed (seeded by
# cases/migrations/0002_expectation_options.py).
INFORMED = "informed"

# How many affected consumers the crisis room shows before "see all".
ROOM_ROWS = 8

# A mailbox tag as crisis_open makes it (kalm.crisis.actions.new_contact_tag): a slug.
_TAG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


# --- Affected consumers --------------------------------------------------------------------


@dataclass
class AffectedCase:
    case: Case
    # "confirmed" or "proposed" (a link), or "scope" (fits the scope but nobody linked it yet).
    state: str
    reason: str
    asked_informed: bool = False

    @property
    def state_label(self) -> str:
        if self.state == "scope":
            return _("In scope, not linked")
        return str(State(self.state).label)


@dataclass
class AffectedConsumer:
    consumer: Any
    cases: list[AffectedCase] = field(default_factory=list)
    subscription: CrisisSubscription | None = None

    @property
    def asked_informed(self) -> bool:
        return any(item.asked_informed for item in self.cases)

    @property
    def newest(self) -> Case:
        return max((item.case for item in self.cases), key=lambda c: (c.created_at, c.pk))

    @property
    def newest_informed_case(self) -> Case | None:
        informed = [item.case for item in self.cases if item.asked_informed]
        return max(informed, key=lambda c: (c.created_at, c.pk)) if informed else None

    @property
    def language(self) -> str:
        """The language of their newest case: what they last wrote to us in."""
        return (self.newest.language or self.consumer.language or "nl")[:2]

    @property
    def has_email(self) -> bool:
        return bool(self.consumer.email)

    @property
    def has_phone(self) -> bool:
        return bool(self.consumer.phone)

    @property
    def subscription_state(self) -> str:
        """ "subscribed", "unsubscribed" (they ended it: never signed up again) or "none"."""
        if self.subscription is None:
            return "none"
        return "unsubscribed" if self.subscription.unsubscribed_at else "subscribed"

    @property
    def subscription_label(self) -> str:
        return {
            "subscribed": _("Subscribed"),
            "unsubscribed": _("Unsubscribed"),
            "none": _("Not subscribed"),
        }[self.subscription_state]

    @property
    def may_subscribe(self) -> bool:
        """Asked to be kept informed, has an address, and has no subscription row yet."""
        return self.asked_informed and self.has_email and self.subscription is None


def affected_consumers(crisis: Crisis) -> list[AffectedConsumer]:
    """The distinct consumers with cases on the crisis's product or batch: its confirmed and
    proposed cases plus the cases that fit the scope, never a case a person rejected. A drill
    crisis only looks at the cases of its own drill. Newest case first; a fixed number of
    queries whatever the size."""
    links = (
        CrisisCase.objects.filter(
            crisis=crisis, case__drill_id=crisis.drill_id, case__merged_into=None
        )
        .select_related("case", "case__product", "case__consumer")
        .order_by("proposed_at", "id")
    )
    found: dict[int, AffectedCase] = {}
    rejected: set[int] = set()
    for link in links:
        if link.state == State.REJECTED:
            rejected.add(link.case_id)
        else:
            found[link.case_id] = AffectedCase(link.case, link.state, link.proposed_reason)
    for case, reason in scope_cases(crisis):
        if case.pk not in found and case.pk not in rejected:
            found[case.pk] = AffectedCase(case, "scope", reason)
    if not found:
        return []
    informed = set(
        Case.expectations.through.objects.filter(
            case_id__in=list(found), expectationoption__code=INFORMED
        ).values_list("case_id", flat=True)
    )
    subscriptions = {s.consumer_id: s for s in CrisisSubscription.objects.filter(crisis=crisis)}
    people: dict[int, AffectedConsumer] = {}
    for item in sorted(found.values(), key=lambda i: (i.case.created_at, i.case.pk), reverse=True):
        item.asked_informed = item.case.pk in informed
        consumer = item.case.consumer
        row = people.get(consumer.pk)
        if row is None:
            row = people[consumer.pk] = AffectedConsumer(
                consumer=consumer, subscription=subscriptions.get(consumer.pk)
            )
        row.cases.append(item)
    return list(people.values())


@dataclass
class OutreachSummary:
    crisis: Crisis
    rows: list[AffectedConsumer]
    contact_address: str
    contact_open: bool  # the crisis has a contact route (open and real)
    form_live: bool  # ...and its form takes messages: a statement is on the public page

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def top(self) -> list[AffectedConsumer]:
        return self.rows[:ROOM_ROWS]

    @property
    def informed_count(self) -> int:
        return sum(1 for row in self.rows if row.asked_informed)

    @property
    def to_subscribe(self) -> int:
        return sum(1 for row in self.rows if row.may_subscribe)

    @property
    def subscribed_count(self) -> int:
        return sum(1 for row in self.rows if row.subscription_state == "subscribed")


def outreach_summary(crisis: Crisis) -> OutreachSummary:
    """The crisis room's outreach section and the full affected page."""
    return OutreachSummary(
        crisis=crisis,
        rows=affected_consumers(crisis),
        contact_address=contact_address(crisis),
        contact_open=contact_route_open(crisis),
        form_live=Publication.objects.filter(
            crisis=crisis, channel=PublishChannel.PUBLIC_PAGE, superseded_at=None
        ).exists(),
    )


def affected_csv(rows: Iterable[AffectedConsumer]) -> str:
    """The affected list as CSV (one consumer a line), every cell made formula-safe."""
    header = [
        _("Name"),
        _("Email"),
        _("Phone"),
        _("Language"),
        _("Asked to be kept informed"),
        _("Email updates"),
        _("Cases"),
        _("Link"),
    ]
    lines = [
        [
            csv_cell(value)
            for value in (
                row.consumer.name,
                row.consumer.email,
                row.consumer.phone,
                row.language,
                _("yes") if row.asked_informed else _("no"),
                row.subscription_label,
                " ".join(item.case.reference for item in row.cases),
                "; ".join(f"{item.case.reference}: {item.state_label}" for item in row.cases),
            )
        ]
        for row in rows
    ]
    return csv_text(header, lines)


# --- The contact route ---------------------------------------------------------------------


def contact_route_open(crisis: Crisis) -> bool:
    """Consumers can reach the crisis by its own route while it is open. Drill crises have no
    public route: a drill must never create real consumers or cases."""
    return crisis.is_open and crisis.drill_id is None and bool(crisis.contact_tag)


def contact_address(crisis: Crisis) -> str:
    """The care address with the crisis's tag as subaddress (care+<tag>@…), or "" when there is
    no tag or no usable sender address."""
    if not crisis.contact_tag:
        return ""
    address = parseaddr(organisation().sender_email)[1]
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain:
        return ""
    return f"{local.split('+', 1)[0]}+{crisis.contact_tag}@{domain}"


def public_contact_page(key: str, language: str) -> PublicPage:
    """The public page of a crisis whose contact form is open: published, open and real, else
    404 (a closed crisis's form must not collect messages nobody watches for)."""
    page = public_crisis_page(key, language)
    if not contact_route_open(page.crisis):
        raise Http404
    return page


def contact_tags(addresses: Iterable[str]) -> list[str]:
    """The subaddress tags (the part after "+" in the local part) of these addresses, lowercased,
    in order, without duplicates. Mail servers fold case, so tags are matched lowercased."""
    tags: list[str] = []
    for address in addresses:
        local = parseaddr(address)[1].rpartition("@")[0]
        _base, plus, tag = local.partition("+")
        tag = tag.strip().lower()
        if plus and _TAG.match(tag) and tag not in tags:
            tags.append(tag)
    return tags


def crisis_for_contact_tag(tag: str, *, drill_id: int | None = None) -> Crisis | None:
    """The open crisis with this mailbox tag (of this drill, or real), or None."""
    tag = tag.strip().lower()
    if not _TAG.match(tag):
        return None
    return Crisis.objects.filter(
        contact_tag=tag, status__in=OPEN_CRISIS_STATUSES, drill_id=drill_id
    ).first()


# --- The inbox's crisis lane -----------------------------------------------------------------

LANE_STATES = (State.PROPOSED, State.CONFIRMED)


def lane_links(drill_id: int | None = None) -> QuerySet[CrisisCase]:
    """Links that put a case in the crisis lane: proposed or confirmed, to an open crisis of
    this drill (or a real one)."""
    return CrisisCase.objects.filter(
        state__in=LANE_STATES, crisis__status__in=OPEN_CRISIS_STATUSES, crisis__drill_id=drill_id
    )


def lane_case_ids(drill_id: int | None = None) -> QuerySet:
    """For ``Case.objects.filter(pk__in=…)``: a subquery, not a list, so the lane costs the
    inbox no query of its own."""
    return lane_links(drill_id).values("case_id")


def lane_annotations(drill_id: int | None = None) -> dict[str, Subquery]:
    """``crisis_title`` and ``crisis_pk`` for each case: its most severe (then oldest) open
    crisis, as subqueries in the same SELECT, for the chip in the inbox."""
    first = (
        lane_links(drill_id)
        .filter(case=OuterRef("pk"))
        .order_by("-crisis__severity", "crisis__opened_at", "crisis_id")
    )
    return {
        "crisis_title": Subquery(first.values("crisis__title")[:1]),
        "crisis_pk": Subquery(first.values("crisis_id")[:1]),
    }


# --- Actions -------------------------------------------------------------------------------


def crisis_case_link_from_consumer(*, crisis: Crisis, case: Case, reason: str) -> CrisisCase:
    """The consumer themselves said their case is about this crisis (its form or its mailbox):
    the case is linked as confirmed, with nobody as the decider, through the same step a person
    confirms with (dossier LINKED entry and timeline event). A case a person already rejected
    stays rejected: a second look by a person decides that, not the address it came to."""
    with transaction.atomic():
        link, _created = CrisisCase.objects.get_or_create(
            crisis=crisis,
            case=case,
            defaults={"proposed_reason": reason[:300], "proposed_at": timezone.now()},
        )
        if link.state == State.PROPOSED:
            link = crisis_case_decide(link=link, actor=None, confirm=True)
    return link


@dataclass(frozen=True)
class ContactReceived:
    case: Case
    token: str  # the consumer's private status link
    link: CrisisCase
    subscription: CrisisSubscription | None


def crisis_contact_receive(
    *,
    crisis: Crisis,
    name: str,
    email: str,
    phone: str = "",
    product: Any = None,
    batch_number: str = "",
    message: str,
    keep_informed: bool = False,
    language: str = "nl",
    subject: str = "",
) -> ContactReceived:
    """A message through the crisis's contact form: a case by the normal intake (web form,
    status link, confirmation email), linked to the crisis as confirmed, and - when asked - the
    consumer subscribed to the crisis's email updates."""
    if not contact_route_open(crisis):
        raise CrisisActionError(_("This crisis no longer takes messages through its form."))
    informed = list(ExpectationOption.objects.filter(code=INFORMED)) if keep_informed else []
    with transaction.atomic():  # the case, its link, its crisis link and subscription, or nothing
        case = case_open(
            name=name,
            email=email,
            phone=phone,
            subject=subject or crisis.title,
            body=message,
            channel=Channel.WEB,
            language=language,
            product=product,
            batch_number=batch_number,
            expectations=informed,
        )
        _portal, token = portal_link_create(case=case)
        case_confirmation_queue(case=case, token=token)
        # Subscribed before the link is confirmed: confirming subscribes a consumer who asked to
        # be kept informed too, and the subscription must say it came from this form.
        subscription = None
        if keep_informed:
            subscription = subscription_ensure(
                crisis=crisis,
                consumer=case.consumer,
                source=CrisisSubscription.Source.CONTACT_FORM,
                case=case,
                email=email,
            )
        link = crisis_case_link_from_consumer(
            crisis=crisis, case=case, reason=_("Via the crisis contact form")
        )
    return ContactReceived(case=case, token=token, link=link, subscription=subscription)


def crisis_link_by_mailbox_tag(*, case: Case, addresses: Iterable[str]) -> list[CrisisCase]:
    """An email to care+<tag>@… (any recipient header) put on ``case``: link the case to each
    open crisis with that tag. Unknown tags are ignored: the email is a normal case anyway."""
    links = []
    for tag in contact_tags(addresses):
        crisis = crisis_for_contact_tag(tag, drill_id=case.drill_id)
        if crisis is not None:
            links.append(
                crisis_case_link_from_consumer(
                    crisis=crisis, case=case, reason=_("Emailed the crisis mailbox")
                )
            )
    return links


def affected_subscribe_informed(*, crisis: Crisis, actor: Any) -> list[CrisisSubscription]:
    """Subscribe every affected consumer who asked to be kept informed (and has an email
    address) to the crisis's email updates. Idempotent: those with a subscription row - also
    one they ended themselves - are left alone. One timeline event for the batch."""
    if not crisis.is_open:
        raise CrisisActionError(_("This crisis is closed: it sends no more updates."))
    created: list[CrisisSubscription] = []
    with transaction.atomic():
        for row in affected_consumers(crisis):
            if not row.may_subscribe:
                continue
            subscription = subscription_ensure(
                crisis=crisis,
                consumer=row.consumer,
                source=CrisisSubscription.Source.CASE,
                case=row.newest_informed_case,
            )
            if subscription is not None:
                created.append(subscription)
        if created:
            _event(
                crisis,
                kind=CrisisEvent.Kind.NOTE,
                actor=actor,
                text=ngettext(
                    "%(count)d affected consumer subscribed to email updates",
                    "%(count)d affected consumers subscribed to email updates",
                    len(created),
                )
                % {"count": len(created)},
                payload={
                    "action": "subscribe_informed",
                    "subscription_ids": [s.pk for s in created],
                },
            )
    return created
