"""Every write to cases, messages, solutions and status links.

Each action writes its dossier entry in the same transaction, and queues side effects (email)
with ``transaction.on_commit`` so nothing is sent for a write that rolled back.
"""

from __future__ import annotations

import hashlib
import inspect
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from kalm.cases.models import (
    Case,
    CaseLink,
    Channel,
    ExpectationOption,
    GoodwillGesture,
    Message,
    PortalLink,
    Priority,
    Product,
    Solution,
    Status,
    TopicSource,
)
from kalm.cases.selectors import PORTAL_SALT
from kalm.cases.workflow import check_transition
from kalm.consumers.actions import consumer_find_or_create, consumers_find_or_create
from kalm.core.i18n import page_language
from kalm.core.selectors import organisation
from kalm.dossier.actions import NewEntry, entries_append, entry_append
from kalm.dossier.models import ActorType, EntryKind
from kalm.sla.actions import (
    sla_first_response_due,
    sla_on_inbound,
    sla_on_reply,
    sla_on_status,
    sla_plan,
    sla_start,
)

_REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U


class CaseActionError(ValueError):
    """An action refused for a reason the person can fix; the message is translated."""


def new_reference() -> str:
    """A short, unguessable-enough, unambiguous case reference such as ``K26-7F3Q9X``."""
    year = timezone.now().year % 100
    body = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(6))
    return f"{settings.KALM_CASE_REFERENCE_PREFIX}{year:02d}-{body}"


def _search_document(case: Case, extra: str = "") -> str:
    base = " ".join(
        part
        for part in [
            case.reference,
            case.subject,
            case.consumer.name,
            case.consumer.email,
            case.consumer.phone,
            case.batch_number,
        ]
        if part
    )
    text = f"{case.search_document} {extra}" if case.search_document else f"{base} {extra}"
    # Bounded so a chatty case cannot grow the index without limit.
    return text.strip()[:20000]


def _touch(case: Case, *, extra_text: str = "", **fields: Any) -> None:
    fields["updated_at"] = timezone.now()
    if extra_text:
        fields["search_document"] = _search_document(case, extra_text)
    for key, value in fields.items():
        setattr(case, key, value)
    Case.objects.filter(pk=case.pk).update(**fields)


def _expectations_known(case: Case, options: Sequence[ExpectationOption]) -> None:
    """The new case's expectations held as if prefetched, in their model's order: the caller
    (the API's answer, the confirmation) reads them back, and they are what was just set."""
    chosen = sorted(set(options), key=lambda option: (option.position, option.code))
    queryset = case.expectations.all()
    queryset._result_cache = chosen  # what prefetch_related_objects stores, read by .all()
    queryset._prefetch_done = True
    if not hasattr(case, "_prefetched_objects_cache"):
        case._prefetched_objects_cache = {}
    case._prefetched_objects_cache["expectations"] = queryset


def _touch_with(case: Case, entries: Sequence[NewEntry], **fields: Any) -> None:
    """_touch and the entries that say why, in one UPDATE of the case row."""
    fields["updated_at"] = timezone.now()
    entries_append(case=case, entries=entries, fields=fields)


def case_open(
    *,
    name: str,
    email: str = "",
    phone: str = "",
    subject: str,
    body: str,
    channel: str = Channel.WEB,
    language: str = "nl",
    product: Product | None = None,
    batch_number: str = "",
    expectations: list[ExpectationOption] | tuple = (),
    expectation_other: str = "",
    priority: str = Priority.NORMAL,
    team: Any = None,
    opened_by: Any = None,
    created_at: Any = None,
    payload_extra: dict | None = None,
    consumer: Any = None,
    drill_id: int | None = None,
) -> Case:
    """Open a case with the consumer's first message (see :func:`case_open_linked`)."""
    return _case_open(
        name=name,
        email=email,
        phone=phone,
        subject=subject,
        body=body,
        channel=channel,
        language=language,
        product=product,
        batch_number=batch_number,
        expectations=expectations,
        expectation_other=expectation_other,
        priority=priority,
        team=team,
        opened_by=opened_by,
        created_at=created_at,
        payload_extra=payload_extra,
        consumer=consumer,
        drill_id=drill_id,
    ).case


_CASE_OPEN_SIGNATURE = inspect.signature(case_open)  # its defaults, for cases_open_unread


@dataclass(frozen=True)
class OpenedCase:
    case: Case
    message: Message  # the consumer's first message
    status_token: str  # the consumer's private status link (portal_url), when one was asked for


def case_open_linked(**kwargs: Any) -> OpenedCase:
    """:func:`case_open` with the consumer's private status link, as the web form and email
    intake give one: the link's dossier entry goes in with the opening's, one append."""
    return _case_open(**kwargs, status_link=True)


def case_open_unread(**kwargs: Any) -> OpenedCase:
    """:func:`case_open` that queues no job to read the first message: for the worker, which
    opens many cases in one transaction and then queues their reading as one job
    (kalm.cases.tasks.queue_cases_reading). The caller must queue it."""
    return _case_open(**kwargs, queue_reading=False)


def _case_open(
    *,
    name: str,
    email: str = "",
    phone: str = "",
    subject: str,
    body: str,
    channel: str = Channel.WEB,
    language: str = "nl",
    product: Product | None = None,
    batch_number: str = "",
    expectations: list[ExpectationOption] | tuple = (),
    expectation_other: str = "",
    priority: str = Priority.NORMAL,
    team: Any = None,
    opened_by: Any = None,
    created_at: Any = None,
    payload_extra: dict | None = None,
    consumer: Any = None,
    drill_id: int | None = None,
    status_link: bool = False,
    queue_reading: bool = True,
) -> OpenedCase:
    """Open a case with the consumer's first message. ``opened_by`` is the agent who took it in
    (phone, in person), or None when the consumer filed it themselves. ``consumer`` is given when
    the caller already found them by another identity (a social handle): no email/phone needed.

    The case belongs to its consumer's drill (None for a real consumer). ``drill_id`` is the
    drill the desk is working in: a case there must be for one of that drill's consumers, so a
    drill never writes on a real person's record (and real work never on a drill's)."""
    if consumer is None:
        _reachable(email, phone)
    now = created_at or timezone.now()
    with transaction.atomic():
        if consumer is None:
            consumer = consumer_find_or_create(
                name=name, email=email, phone=phone, language=language
            )
        if drill_id is not None and consumer.drill_id != drill_id:
            raise CaseActionError(
                _("In a drill, cases are only opened for the drill's own consumers.")
            )
        plan, due = _sla_planned(priority=priority, channel=channel, team=team, now=now)
        for _attempt in range(5):
            case = _case_new(
                consumer=consumer,
                subject=subject,
                body=body,
                channel=channel,
                language=language,
                product=product,
                batch_number=batch_number,
                expectation_other=expectation_other,
                priority=priority,
                team=team,
                now=now,
                due=due,
            )
            try:
                with transaction.atomic():
                    case.save(force_insert=True)
                break
            except IntegrityError:  # reference collision: draw again
                continue
        else:  # pragma: no cover - 32**6 references a year
            raise CaseActionError("Could not allocate a case reference")
        sla_start(case=case, at=now, plan=plan)
        if expectations:
            case.expectations.set(expectations)
        _expectations_known(case, expectations)
        kind = _first_kind(channel, opened_by)
        message, message_entry = _message_store(
            case=case,
            kind=kind,
            body=body,
            channel=channel,
            author=opened_by,
            at=now,
            payload_extra=payload_extra,
        )
        entries = [
            _opened_entry(
                case=case,
                consumer=consumer,
                channel=channel,
                opened_by=opened_by,
                product=product,
                expectations=expectations,
                priority=priority,
            ),
            message_entry,
        ]
        token = ""
        if status_link:
            link, token = _portal_link_new(case)
            entries.append(_portal_link_entry(link, actor=None))
        # The case was inserted in this transaction: its chain is empty and nobody else's yet.
        entries_append(case=case, entries=entries, created=True)
        # The worker reads the consumer's words once, in one job (kalm.cases.tasks): tone,
        # emotion and escalation signals (kalm.empathy, batched with other waiting messages)
        # and what the case is about (the knowledge base's matcher). Intake never waits for
        # the encoder. A case taken in by phone has no consumer's words to analyse: topic only.
        from kalm.cases.tasks import case_reading_on_commit

        if queue_reading:
            case_reading_on_commit(case.pk, message.pk if kind == Message.Kind.INBOUND else None)
    return OpenedCase(case, message, token)


def cases_open_unread(openings: Sequence[dict[str, Any]]) -> list[OpenedCase]:
    """:func:`case_open_unread` for many cases at once, in the caller's transaction: the same
    rows, with each kind inserted for the whole batch in one statement (new consumers and their
    addresses, kalm.consumers.actions.consumers_find_or_create; cases, SLA clocks, expectations,
    messages, dossier entries) and the chain heads written in one statement run for every case.
    Each opening takes case_open's arguments, without ``consumer``, ``drill_id``,
    ``payload_extra`` or a status link.

    All or nothing: anything that goes wrong raises, and the caller opens the batch one case at
    a time instead (kalm.api.actions.case_requests_open), so a bad one fails alone. A reference
    drawn twice raises too (IntegrityError); the one-at-a-time path draws again."""
    from kalm.dossier.actions import entries_append_new_cases
    from kalm.sla.actions import sla_start_many

    with transaction.atomic():
        openings = [_opening_arguments(opening) for opening in openings]
        for o in openings:
            _reachable(o["email"], o["phone"])
        consumers = consumers_find_or_create(
            [{key: o[key] for key in ("name", "email", "phone", "language")} for o in openings]
        )
        cases, plans = [], []
        for o, consumer in zip(openings, consumers, strict=True):
            now = o["created_at"] or timezone.now()
            plan, due = _sla_planned(
                priority=o["priority"], channel=o["channel"], team=o["team"], now=now
            )
            case = _case_new(
                consumer=consumer,
                subject=o["subject"],
                body=o["body"],
                channel=o["channel"],
                language=o["language"],
                product=o["product"],
                batch_number=o["batch_number"],
                expectation_other=o["expectation_other"],
                priority=o["priority"],
                team=o["team"],
                now=now,
                due=due,
            )
            cases.append(case)
            plans.append((case, now, plan))
        Case.objects.bulk_create(cases)
        sla_start_many(starts=plans)
        through = Case.expectations.through
        through.objects.bulk_create(
            through(case_id=case.pk, expectationoption_id=option.pk)
            for case, o in zip(cases, openings, strict=True)
            for option in o["expectations"]
        )
        firsts = [
            _message_new(
                case=case,
                kind=_first_kind(case.channel, o["opened_by"]),
                body=o["body"],
                channel=case.channel,
                author=o["opened_by"],
                at=case.created_at,
            )
            for case, o in zip(cases, openings, strict=True)
        ]
        Message.objects.bulk_create(firsts)
        entries = []
        for case, message, o in zip(cases, firsts, openings, strict=True):
            _expectations_known(case, list(o["expectations"]))
            opened = _opened_entry(
                case=case,
                consumer=case.consumer,
                channel=case.channel,
                opened_by=o["opened_by"],
                product=case.product,
                expectations=o["expectations"],
                priority=case.priority,
            )
            entries.append((case, [opened, _message_entry(message)]))
        entries_append_new_cases(entries=entries)
    return [OpenedCase(case, message, "") for case, message in zip(cases, firsts, strict=True)]


def _opening_arguments(opening: dict[str, Any]) -> dict[str, Any]:
    """An opening's arguments with case_open's defaults filled in: one place holds them. The
    arguments the batch cannot take are refused."""
    bound = _CASE_OPEN_SIGNATURE.bind(**opening)
    bound.apply_defaults()
    arguments = bound.arguments
    if arguments["consumer"] or arguments["drill_id"] is not None or arguments["payload_extra"]:
        raise TypeError("cases_open_unread takes no consumer, drill_id or payload_extra")
    return arguments


def _reachable(email: str, phone: str) -> None:
    """A new consumer needs a way to be reached."""
    if not (email or phone):
        raise CaseActionError(_("An email address or a phone number is needed to reach you."))


def _first_kind(channel: str, opened_by: Any) -> str:
    """An agent who takes a case in by phone writes a phone note; else the consumer wrote it."""
    return Message.Kind.PHONE if channel == Channel.PHONE and opened_by else Message.Kind.INBOUND


def _sla_planned(*, priority: str, channel: str, team: Any, now: Any) -> tuple[Any, Any]:
    """sla_plan's answer and the first-response due time: the policy's when one matches (its
    business time), else the organisation's hours. Planned before the insert: the row is
    written once, with its due time."""
    plan = sla_plan(priority=priority, channel=channel, team=team, start=now)
    due = sla_first_response_due(plan[1])
    if due is None:
        due = now + timedelta(hours=organisation().first_response_hours.get(priority, 24))
    return plan, due


def _case_new(
    *,
    consumer: Any,
    subject: str,
    body: str,
    channel: str,
    language: str,
    product: Any,
    batch_number: str,
    expectation_other: str,
    priority: str,
    team: Any,
    now: Any,
    due: Any,
) -> Case:
    """A new case's row, not yet saved, with a fresh reference and its search text."""
    case = Case(
        reference=new_reference(),
        subject=subject.strip()[:200] or body.strip()[:80],
        consumer=consumer,
        drill_id=consumer.drill_id,
        channel=channel,
        priority=priority,
        team=team,
        product=product,
        batch_number=batch_number.strip(),
        expectation_other=expectation_other.strip(),
        language=language,
        created_at=now,
        updated_at=now,
        first_response_due_at=due,
    )
    case.search_document = _search_document(case, body)
    return case


def _opened_entry(
    *,
    case: Case,
    consumer: Any,
    channel: str,
    opened_by: Any,
    product: Any,
    expectations: Sequence[Any],
    priority: str,
) -> NewEntry:
    return NewEntry(
        kind=EntryKind.CASE_OPENED,
        summary=_("Case opened via %(channel)s") % {"channel": Channel(channel).label},
        actor=opened_by,
        actor_type=None if opened_by else ActorType.CONSUMER,
        payload={
            "reference": case.reference,
            "consumer": {
                "name": consumer.name,
                "email": consumer.email,
                "phone": consumer.phone,
            },
            "subject": case.subject,
            "product": str(product) if product else "",
            "batch_number": case.batch_number,
            "expectations": [e.code for e in expectations],
            "expectation_other": case.expectation_other,
            "priority": priority,
        },
        public=True,
    )


def _message_store(
    *,
    case: Case,
    kind: str,
    body: str,
    channel: str,
    author: Any = None,
    at: Any = None,
    payload_extra: dict | None = None,
) -> tuple[Message, NewEntry]:
    """Insert a message; returns it with its dossier entry, for the caller to append."""
    message = _message_new(case=case, kind=kind, body=body, channel=channel, author=author, at=at)
    message.save(force_insert=True)
    return message, _message_entry(message, payload_extra)


def _message_new(
    *, case: Case, kind: str, body: str, channel: str, author: Any = None, at: Any = None
) -> Message:
    """A message's row, not yet saved."""
    return Message(
        case=case,
        kind=kind,
        channel=channel,
        body=body,
        author=author,
        author_alias=(author.alias or "") if author is not None else "",
        created_at=at or timezone.now(),
    )


def _message_entry(message: Message, payload_extra: dict | None = None) -> NewEntry:
    """The dossier entry of a stored message."""
    entry_kind, public = {
        Message.Kind.INBOUND: (EntryKind.MESSAGE_IN, True),
        Message.Kind.OUTBOUND: (EntryKind.MESSAGE_OUT, True),
        Message.Kind.NOTE: (EntryKind.NOTE, False),
        Message.Kind.PHONE: (EntryKind.PHONE_CALL, False),
    }[message.kind]
    body = message.body
    return NewEntry(
        kind=entry_kind,
        summary=body.strip().splitlines()[0][:200] if body.strip() else "",
        actor=message.author,
        actor_type=ActorType.CONSUMER if message.kind == Message.Kind.INBOUND else None,
        payload={
            "message_id": message.pk,
            "channel": message.channel,
            "body": body,
            **(payload_extra or {}),
        },
        public=public,
    )


def _message_create(
    *,
    case: Case,
    kind: str,
    body: str,
    channel: str,
    author: Any = None,
    at: Any = None,
    payload_extra: dict | None = None,
    touch: bool = False,
    **fields: Any,
) -> Message:
    """Store a message with its dossier entry. ``touch``: the case's activity time and search
    text are brought up to date too, with ``fields``, in the entry's UPDATE of the case row."""
    message, entry = _message_store(
        case=case,
        kind=kind,
        body=body,
        channel=channel,
        author=author,
        at=at,
        payload_extra=payload_extra,
    )
    if touch:
        fields["updated_at"] = timezone.now()
        fields["search_document"] = _search_document(case, body)
    entries_append(case=case, entries=[entry], fields=fields)
    if kind == Message.Kind.INBOUND:  # tone, emotion, escalation signals, routing: kalm.empathy
        from kalm.cases.tasks import message_reading_on_commit

        message_reading_on_commit(message.pk)
    return message


def message_receive(
    *, case: Case, body: str, channel: str = Channel.WEB, payload_extra: dict | None = None
) -> Message:
    """A message from the consumer on an existing case; a closed or resolved case reopens.

    ``payload_extra`` adds keys to the dossier entry (e.g. an email's full text before
    quote stripping)."""
    with transaction.atomic():
        message = _message_create(
            case=case,
            kind=Message.Kind.INBOUND,
            body=body,
            channel=channel,
            payload_extra=payload_extra,
            touch=True,
        )
        if case.status in {Status.RESOLVED, Status.CLOSED}:
            case_transition(
                case=case, to=Status.REOPENED, actor=None, reason=_("Consumer wrote again")
            )
        elif case.status == Status.WAITING_CONSUMER:
            case_transition(case=case, to=Status.OPEN, actor=None, reason=_("Consumer answered"))
        sla_on_inbound(case=case)
    return message


def message_reply(*, case: Case, agent: Any, body: str, channel: str | None = None) -> Message:
    """An agent's reply to the consumer, sent under the agent's alias."""
    if not agent.alias:
        raise CaseActionError(_("Set a public alias before replying to consumers."))
    if not body.strip():
        raise CaseActionError(_("The reply is empty."))
    with transaction.atomic():
        now = timezone.now()
        fields: dict[str, Any] = {}
        if case.first_responded_at is None:
            fields["first_responded_at"] = now
        message = _message_create(
            case=case,
            kind=Message.Kind.OUTBOUND,
            body=body,
            channel=channel or (case.channel if case.channel != Channel.WEB else Channel.EMAIL),
            author=agent,
            at=now,
            touch=True,
            **fields,
        )
        if case.status in {Status.NEW, Status.REOPENED}:
            case_transition(case=case, to=Status.OPEN, actor=agent)
        sla_on_reply(case=case)
        from kalm.followups.actions import commitments_propose

        commitments_propose(message=message)  # dated promises become proposed follow-ups
        transaction.on_commit(lambda: _deliver(message))
    return message


def _deliver(message: Message) -> None:
    # Answer on the channel the consumer used (email, chat, social...): kalm.channels.delivery.
    from kalm.channels.delivery import reply_deliver

    reply_deliver(message)


def note_add(*, case: Case, agent: Any, body: str) -> Message:
    if not body.strip():
        raise CaseActionError(_("The note is empty."))
    with transaction.atomic():
        message = _message_create(
            case=case,
            kind=Message.Kind.NOTE,
            body=body,
            channel=case.channel,
            author=agent,
            touch=True,
        )
    return message


PHONE_MOODS = ("calm", "worried", "upset", "angry", "satisfied")


def phone_note_add(
    *,
    case: Case,
    agent: Any,
    body: str,
    direction: str = "inbound",
    kind: str = "call",
    number: str = "",
    duration_seconds: int | None = None,
    mood: str = "",
    next_step: str = "",
    follow_up: date | None = None,
) -> Message:
    """Notes of a phone call (inbound or outbound) or an in-person visit (``kind="visit"``).

    The structured facts (number, duration, mood, next step) go into the PHONE_CALL dossier
    entry's payload; an agreed next step or follow-up date is also set through next_step_set.
    """
    if not body.strip():
        raise CaseActionError(_("The call notes are empty."))
    if kind not in {"call", "visit"}:
        raise CaseActionError(_("Unknown kind of contact."))
    if direction not in {"inbound", "outbound"}:
        raise CaseActionError(_("Unknown call direction."))
    if mood and mood not in PHONE_MOODS:
        raise CaseActionError(_("Unknown mood."))
    if duration_seconds is not None and duration_seconds < 0:
        raise CaseActionError(_("A duration cannot be negative."))
    if kind == "visit":
        prefix, channel = _("In-person visit"), Channel.IN_PERSON
    else:
        prefix = _("Incoming call") if direction == "inbound" else _("Outgoing call")
        channel = Channel.PHONE
    with transaction.atomic():
        message = Message.objects.create(
            case=case,
            kind=Message.Kind.PHONE,
            channel=channel,
            body=f"{prefix}: {body}",
            author=agent,
            author_alias=(agent.alias or "") if agent is not None else "",
        )
        entry_append(
            case=case,
            kind=EntryKind.PHONE_CALL,
            summary=f"{prefix}: {body.strip().splitlines()[0][:180]}",
            actor=agent,
            payload={
                "message_id": message.pk,
                "channel": channel,
                "body": message.body,
                "contact": kind,
                "direction": direction if kind == "call" else "",
                "number": number.strip(),
                "duration_seconds": duration_seconds,
                "mood": mood,
                "next_step": next_step.strip(),
                "follow_up": follow_up.isoformat() if follow_up else None,
            },
        )
        _touch(case, extra_text=body)
        if next_step.strip() or follow_up:
            next_step_set(
                case=case,
                actor=agent,
                text=next_step.strip() or case.next_step or _("We will contact you again."),
                due=follow_up,
            )
    return message


def case_transition(*, case: Case, to: str, actor: Any, reason: str = "") -> Case:
    """Move a case to another status, refusing moves the workflow table does not allow."""
    with transaction.atomic():
        current = Case.objects.select_for_update().values_list("status", flat=True).get(pk=case.pk)
        check_transition(current, to)
        now = timezone.now()
        fields: dict[str, Any] = {"status": to}
        if to == Status.RESOLVED:
            fields["resolved_at"] = now
        elif to == Status.CLOSED:
            fields["closed_at"] = now
        elif to == Status.REOPENED:
            fields["resolved_at"] = None
            fields["closed_at"] = None
        _touch(case, **fields)
        entry_append(
            case=case,
            kind=EntryKind.STATUS,
            summary=_("Status: %(from)s → %(to)s")
            % {"from": Status(current).label, "to": Status(to).label},
            actor=actor,
            payload={"from": current, "to": to, "reason": reason},
            public=True,
        )
        sla_on_status(case=case, status=to)
    return case


def case_assign(*, case: Case, actor: Any, assignee: Any = None, team: Any = None) -> Case:
    """Assign or transfer a case to an agent and/or team (None unassigns)."""
    if assignee is not None and not assignee.is_desk_member:
        raise CaseActionError(_("Cases can only be assigned to active agents."))
    with transaction.atomic():
        entry = _assigned_entry(actor=actor, assignee=assignee, team=team)
        _touch_with(case, [entry], assignee=assignee, team=team)
    return case


def _assigned_entry(*, actor: Any, assignee: Any, team: Any) -> NewEntry:
    return NewEntry(
        kind=EntryKind.ASSIGNED,
        summary=_("Assigned to %(who)s / %(team)s")
        % {
            "who": assignee.internal_name if assignee else _("nobody"),
            "team": team.name if team else _("no team"),
        },
        actor=actor,
        payload={
            "assignee_id": assignee.pk if assignee else None,
            "assignee": assignee.internal_name if assignee else "",
            "team_id": team.pk if team else None,
            "team": team.name if team else "",
        },
    )


def case_set_priority(*, case: Case, actor: Any, priority: str) -> Case:
    if priority not in Priority.values:
        raise CaseActionError(_("Unknown priority."))
    with transaction.atomic():
        entry = _priority_entry(actor=actor, old=case.priority, new=priority)
        _touch_with(case, [entry], priority=priority)
    return case


def _priority_entry(*, actor: Any, old: str, new: str) -> NewEntry:
    return NewEntry(
        kind=EntryKind.PRIORITY,
        summary=_("Priority: %(from)s → %(to)s")
        % {"from": Priority(old).label, "to": Priority(new).label},
        actor=actor,
        payload={"from": old, "to": new},
    )


_KEEP: Any = object()


def case_route(
    *,
    case: Case,
    entries: Sequence[NewEntry],
    priority: str = "",
    team: Any = None,
    assignee: Any = _KEEP,
) -> Case:
    """What a routing rule does to a locked case, in one write: ``entries`` (the rule's own),
    then a raise to ``priority`` and a transfer to ``team`` (with ``assignee``, who may be
    None), each with the entry case_set_priority and case_assign write, by the system. One
    append and one UPDATE of the case row instead of three of each."""
    if priority and priority not in Priority.values:
        raise CaseActionError(_("Unknown priority."))
    if assignee is not _KEEP and assignee is not None and not assignee.is_desk_member:
        raise CaseActionError(_("Cases can only be assigned to active agents."))
    entries = list(entries)
    fields: dict[str, Any] = {}
    if priority:
        entries.append(_priority_entry(actor=None, old=case.priority, new=priority))
        fields["priority"] = priority
    if team is not None:
        who = case.assignee if assignee is _KEEP else assignee
        entries.append(_assigned_entry(actor=None, assignee=who, team=team))
        fields.update(assignee=who, team=team)
    with transaction.atomic():
        if fields:
            _touch_with(case, entries, **fields)
        else:
            entries_append(case=case, entries=entries)
    return case


# The subject and this much of the first message are what the topic is read from: enough to say
# what the case is about (the matcher reads at most 1,000 characters).
TOPIC_TEXT_CHARS = 1000


def _topic_text(case: Case) -> str:
    """What the case is about: its subject and the consumer's first message (or, for a case an
    agent took in by phone or at the desk, the notes of that first contact)."""
    first = (
        Message.objects.filter(case=case, kind__in=[Message.Kind.INBOUND, Message.Kind.PHONE])
        .order_by("created_at", "id")
        .values_list("body", flat=True)
        .first()
    )
    return _topic_text_of(case, first or "")


def _topic_name(topic: Any) -> str:
    if topic is None:
        return _("no topic")
    return topic.name(page_language())


def _topic_write(
    case: Case,
    *,
    old_id: int | None,
    topic: Any,
    source: str,
    actor: Any,
    extra: dict | None = None,
) -> None:
    """Set the topic and write its dossier entry; the caller holds the case's row lock."""
    from kalm.kb.models import Category

    old = Category.objects.filter(pk=old_id).first() if old_id is not None else None
    _touch(case, topic=topic, topic_source=source)
    summary = (
        _("Topic recognised: %(to)s") % {"to": _topic_name(topic)}
        if source == TopicSource.AUTO
        else _("Topic: %(from)s → %(to)s") % {"from": _topic_name(old), "to": _topic_name(topic)}
    )
    entry_append(
        case=case,
        kind=EntryKind.TOPIC,
        summary=summary,
        actor=actor,
        payload={
            "from": old.slug if old else None,
            "to": topic.slug if topic else None,
            "topic_id": topic.pk if topic else None,
            "source": source,
            **(extra or {}),
        },
    )


def case_topic_detect(*, case: Case) -> Case:
    """Set the topic from what the consumer wrote: the category of the knowledge-base article the
    answer bot would answer the subject and first message with, when the bot is as sure as it
    must be to answer (kalm.kb.bot.best_article; decision 0010), its lead counted over articles
    of other categories only. The intake job runs this once.

    Nothing changes when the bot is not sure, or when the topic was set before: an agent's choice
    (their "no topic" too) is never overwritten, and a second run changes nothing. Drill cases
    are read like real ones; the dashboards leave drills out."""
    from django.core.cache import cache as shared_cache

    from kalm.kb.bot import best_article

    if case.topic_source:  # the job loads the case fresh; the lock below settles any race
        return case
    if shared_cache.delete(_TOPIC_READ % case.pk):  # read by its intake batch: case_topics_detect
        return case
    # The matcher runs before the lock: it may load the encoder, and nobody should wait on that.
    article, confidence = best_article(_topic_text(case), language=case.language, by_category=True)
    if article is None:
        return case
    with transaction.atomic():
        locked = (
            Case.objects.select_for_update().only("id", "topic_id", "topic_source").get(pk=case.pk)
        )
        if locked.topic_source:  # an agent chose while the matcher ran
            return case
        _topic_auto_write(case, locked, article, confidence)
    return case


# A case whose topic case_topics_detect read, for case_topic_detect to skip (in the shared
# cache: a worker that does not share it, or a job that runs later than this, reads again, which
# changes nothing).
_TOPIC_READ = "kalm:cases:topic-read:%s"
_TOPIC_READ_SECONDS = 3600


def case_topics_detect(*, messages: Sequence[Message]) -> list[int]:
    """case_topic_detect for the cases that these inbound messages opened, at once: the intake
    job that analyses a batch of waiting messages (kalm.empathy.actions.messages_analyse_pending)
    reads their topics too, so the jobs of those cases find them read. A message that did not
    open its case (a reply) is left out, and so is a case whose topic was set. One read of the
    cases and of which message opened each, one pass of the matcher for all texts
    (kalm.kb.bot.best_articles), one transaction for the topics found.

    Returns the ids of the cases read, whatever the matcher said; case_topic_detect skips each
    of them once."""
    from django.core.cache import cache as shared_cache

    from kalm.kb.bot import best_articles

    bodies = {m.pk: m.body for m in messages}
    cases = list(
        Case.objects.filter(pk__in={m.case_id for m in messages}, topic_source="").order_by("pk")
    )
    if not cases:
        return []
    first: dict[int, int] = {}  # case id -> its opening message's id, as _topic_text finds it
    for case_id, message_id in (
        Message.objects.filter(case__in=cases, kind__in=[Message.Kind.INBOUND, Message.Kind.PHONE])
        .order_by("case_id", "created_at", "id")
        .values_list("case_id", "id")
    ):
        first.setdefault(case_id, message_id)
    opened = [case for case in cases if first.get(case.pk) in bodies]
    texts = [_topic_text_of(case, bodies[first[case.pk]]) for case in opened]
    matches = best_articles(texts, languages=[c.language for c in opened], by_category=True)
    found = {case.pk: match for case, match in zip(opened, matches, strict=True) if match[0]}
    if found:
        with transaction.atomic():
            locked = {
                row.pk: row
                for row in Case.objects.select_for_update()
                .only("id", "topic_id", "topic_source")
                .filter(pk__in=found)
                .order_by("pk")
            }
            for case in opened:
                if case.pk in found and case.pk in locked and not locked[case.pk].topic_source:
                    _topic_auto_write(case, locked[case.pk], *found[case.pk])
    # A case with a topic now is skipped by its job anyway; the others are remembered, once the
    # reading is committed (a caller's transaction that rolls back leaves nothing to skip).
    unset = {_TOPIC_READ % case.pk: 1 for case in opened if not case.topic_source}
    if unset:
        transaction.on_commit(lambda: shared_cache.set_many(unset, _TOPIC_READ_SECONDS))
    return [case.pk for case in opened]


def _topic_text_of(case: Case, first: str) -> str:
    """_topic_text with the first message's body at hand."""
    return f"{case.subject}\n{first}".strip()[:TOPIC_TEXT_CHARS]


def _topic_auto_write(case: Case, locked: Case, article: Any, confidence: float) -> None:
    _topic_write(
        case,
        old_id=locked.topic_id,
        topic=article.category,
        source=TopicSource.AUTO,
        actor=None,
        extra={"article_id": article.pk, "article": article.title, "confidence": confidence},
    )


def case_set_topic(*, case: Case, actor: Any, topic: Any) -> Case:
    """An agent sets, changes or clears (None) the topic, a knowledge-base category. From then on
    the topic is theirs: the intake matcher leaves it alone."""
    from kalm.kb.models import Category

    if topic is not None and not isinstance(topic, Category):
        raise CaseActionError(_("Unknown topic."))
    with transaction.atomic():
        locked = (
            Case.objects.select_for_update().only("id", "topic_id", "topic_source").get(pk=case.pk)
        )
        new_id = topic.pk if topic is not None else None
        if locked.topic_id == new_id and locked.topic_source == TopicSource.AGENT:
            return case  # saved twice: nothing new for the dossier
        _topic_write(
            case, old_id=locked.topic_id, topic=topic, source=TopicSource.AGENT, actor=actor
        )
    return case


def next_step_set(*, case: Case, actor: Any, text: str, due: date | None = None) -> Case:
    """Tell the consumer what happens next and when: shown on their status page."""
    with transaction.atomic():
        _touch(case, next_step=text.strip()[:300], next_step_due=due)
        entry_append(
            case=case,
            kind=EntryKind.NEXT_STEP,
            summary=text.strip()[:200],
            actor=actor,
            payload={"text": text.strip(), "due": due.isoformat() if due else None},
            public=True,
        )
    return case


def solution_propose(*, case: Case, agent: Any, text: str) -> Solution:
    """Propose a solution; the consumer is asked whether they are satisfied with it."""
    if not text.strip():
        raise CaseActionError(_("Describe the proposed solution."))
    with transaction.atomic():
        Solution.objects.filter(case=case, response=Solution.Response.PENDING).update(
            response=Solution.Response.WITHDRAWN
        )
        solution = Solution.objects.create(case=case, text=text.strip(), proposed_by=agent)
        entry_append(
            case=case,
            kind=EntryKind.SOLUTION_PROPOSED,
            summary=text.strip()[:200],
            actor=agent,
            payload={"solution_id": solution.pk, "text": solution.text},
            public=True,
        )
        if case.status != Status.SOLUTION_PROPOSED:
            case_transition(case=case, to=Status.SOLUTION_PROPOSED, actor=agent)
        if case.first_responded_at is None:
            _touch(case, first_responded_at=solution.proposed_at)
        if case.consumer.email:
            transaction.on_commit(lambda: _send_solution_email(case.pk, solution.pk))
    return solution


def solution_answer(*, solution: Solution, accepted: bool, comment: str = "") -> Solution:
    """The consumer's answer: satisfied with the proposed solution or not.

    "No" reopens the case with the consumer's reason (a proposed, resolved or closed case goes
    to REOPENED; a case the team already took back stays where it is). "Yes" leaves the case at
    SOLUTION_PROPOSED: the team still carries the solution out and then resolves the case, and
    the status page says so."""
    comment = comment.strip()
    with transaction.atomic():
        # Locked and read again: two clicks (the email's link and the status page) answer once.
        locked = Solution.objects.select_for_update().get(pk=solution.pk)
        if locked.response == Solution.Response.WITHDRAWN:
            raise CaseActionError(
                _("This proposal was withdrawn; your status page shows the current one.")
            )
        if locked.response != Solution.Response.PENDING:
            raise CaseActionError(_("This proposal has already been answered."))
        case = solution.case
        solution.response = Solution.Response.ACCEPTED if accepted else Solution.Response.REJECTED
        solution.response_comment = comment
        solution.responded_at = timezone.now()
        solution.save(update_fields=["response", "response_comment", "responded_at"])
        entry_append(
            case=case,
            kind=EntryKind.SOLUTION_ANSWERED,
            summary=_("Consumer is satisfied with the solution")
            if accepted
            else _("Consumer is not satisfied with the solution"),
            actor_type=ActorType.CONSUMER,
            payload={"solution_id": solution.pk, "accepted": accepted, "comment": comment},
            public=True,
        )
        _touch(case, extra_text=comment)
        status = Case.objects.values_list("status", flat=True).get(pk=case.pk)
        if not accepted and status in {Status.SOLUTION_PROPOSED, Status.RESOLVED, Status.CLOSED}:
            reason = (
                _("Solution not accepted: %(reason)s") % {"reason": comment[:400]}
                if comment
                else _("Solution not accepted")
            )
            case_transition(case=case, to=Status.REOPENED, actor=None, reason=reason)
    return solution


EXPECTATION_SOURCES = ("agent", "suggested")


def case_expectations_set(
    *,
    case: Case,
    actor: Any,
    options: Iterable[ExpectationOption],
    other: str = "",
    source: str = "agent",
    cues: Sequence[str] = (),
) -> Case:
    """Record what the consumer expects, for cases that came in without (email, chat, phone,
    API) or to correct them. ``source`` says whether the agent kept the suggestion from the
    consumer's words ("suggested", with those ``cues``) or chose themselves ("agent")."""
    chosen = list(options)
    other = other.strip()[:500]
    if source not in EXPECTATION_SOURCES:
        raise CaseActionError(_("Unknown source of the expectations."))
    if not chosen and not other:
        raise CaseActionError(_("Choose at least one expectation."))
    if any(option.asks_for_text for option in chosen) and not other:
        raise CaseActionError(_("Describe in a few words what the consumer would like."))
    with transaction.atomic():
        previous = sorted(case.expectations.values_list("code", flat=True))
        previous_other = case.expectation_other
        case.expectations.set(chosen)
        _touch(case, expectation_other=other)
        labels = [str(option.label) for option in chosen if not option.asks_for_text]
        if other:
            labels.append(other)
        entry_append(
            case=case,
            kind=EntryKind.EXPECTATIONS,
            summary=_("Expects: %(list)s") % {"list": ", ".join(labels)},
            actor=actor,
            payload={
                "expectations": [option.code for option in chosen],
                "other": other,
                "source": source,
                "cues": [str(cue) for cue in cues] if source == "suggested" else [],
                "previous": previous,
                "previous_other": previous_other,
            },
            # The consumer sees their expectations on the status page; the record may show too.
            public=True,
        )
    return case


_CURRENCY = re.compile(r"^[A-Z]{3}$")
GOODWILL_MAX_COST = Decimal("99999999.99")


def goodwill_record(
    *,
    case: Case,
    actor: Any,
    kind: str,
    cost: Decimal | int | str,
    description: str = "",
    currency: str = "EUR",
    given_at: datetime | None = None,
) -> GoodwillGesture:
    """Record a goodwill gesture (a voucher, flowers, a personal call...) and what it cost.

    Internal: the dossier entry is not shown to the consumer, who only sees the gesture itself."""
    if kind not in GoodwillGesture.Kind.values:
        raise CaseActionError(_("Unknown kind of goodwill gesture."))
    try:
        amount = Decimal(str(cost).strip().replace(",", "."))
    except InvalidOperation:
        raise CaseActionError(_("Enter the cost as an amount, for example 12.50.")) from None
    if not amount.is_finite():
        raise CaseActionError(_("Enter the cost as an amount, for example 12.50."))
    if amount < 0:
        raise CaseActionError(_("The cost of a gesture cannot be negative."))
    amount = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if amount > GOODWILL_MAX_COST:
        raise CaseActionError(_("That cost is not plausible."))
    currency = currency.strip().upper()
    if not _CURRENCY.match(currency):
        raise CaseActionError(_("Use a three-letter currency code, such as EUR."))
    description = description.strip()[:500]
    if kind == GoodwillGesture.Kind.OTHER and not description:
        raise CaseActionError(_("Describe the gesture."))
    with transaction.atomic():
        gesture = GoodwillGesture.objects.create(
            case=case,
            kind=kind,
            description=description,
            cost=amount,
            currency=currency,
            given_by=actor,
            given_at=given_at or timezone.now(),
        )
        entry_append(
            case=case,
            kind=EntryKind.GOODWILL,
            summary=_("Goodwill gesture: %(kind)s (%(cost)s %(currency)s)")
            % {"kind": gesture.get_kind_display(), "cost": amount, "currency": currency},
            actor=actor,
            payload={
                "gesture_id": gesture.pk,
                "kind": kind,
                "description": description,
                "cost": str(amount),
                "currency": currency,
                "given_at": gesture.given_at.isoformat(),
            },
            public=False,
        )
        _touch(case, extra_text=description)
    return gesture


def case_merge(*, source: Case, target: Case, actor: Any) -> Case:
    """Merge a duplicate into another case: the duplicate is closed and points to the target.

    Messages stay in the duplicate's dossier (its chain is never rewritten); the target's
    dossier records the merge and the desk shows both timelines on the target."""
    if source.pk == target.pk:
        raise CaseActionError(_("A case cannot be merged into itself."))
    if target.merged_into_id:
        raise CaseActionError(
            _("The target case was itself merged; merge into %(ref)s instead.")
            % {"ref": target.merged_into.reference}
        )
    with transaction.atomic():
        entry_append(
            case=source,
            kind=EntryKind.MERGED,
            summary=_("Merged into %(ref)s") % {"ref": target.reference},
            actor=actor,
            payload={"into": target.reference},
            public=True,
        )
        entry_append(
            case=target,
            kind=EntryKind.MERGED,
            summary=_("%(ref)s merged into this case") % {"ref": source.reference},
            actor=actor,
            payload={"from": source.reference},
        )
        _touch(source, merged_into=target)
        _touch(target, extra_text=source.search_document[:5000])
        if source.status != Status.CLOSED:
            case_transition(case=source, to=Status.CLOSED, actor=actor, reason="merged")
    return target


def case_link(*, case: Case, other: Case, actor: Any) -> CaseLink:
    if case.pk == other.pk:
        raise CaseActionError(_("A case cannot be linked to itself."))
    a, b = sorted([case, other], key=lambda c: c.pk)
    with transaction.atomic():
        link, created = CaseLink.objects.get_or_create(
            from_case=a, to_case=b, defaults={"created_by": actor}
        )
        if created:
            for one, two in ((case, other), (other, case)):
                entry_append(
                    case=one,
                    kind=EntryKind.LINKED,
                    summary=_("Linked to %(ref)s") % {"ref": two.reference},
                    actor=actor,
                    payload={"other": two.reference},
                )
    return link


def portal_link_create(*, case: Case, actor: Any = None) -> tuple[PortalLink, str]:
    """Create a private status link; returns the link row and the token for the URL.

    Only the SHA-256 of the secret is stored, and the token is signed with SECRET_KEY, so a
    database leak does not reveal working links and tampered tokens are refused early."""
    with transaction.atomic():
        link, token = _portal_link_new(case)
        entries_append(case=case, entries=[_portal_link_entry(link, actor=actor)])
    return link, token


def _portal_link_new(case: Case) -> tuple[PortalLink, str]:
    secret = secrets.token_urlsafe(24)
    link = PortalLink.objects.create(
        case=case, secret_hash=hashlib.sha256(secret.encode()).hexdigest()
    )
    return link, signing.Signer(salt=PORTAL_SALT).sign(f"{link.pk}.{secret}")


def _portal_link_entry(link: PortalLink, *, actor: Any) -> NewEntry:
    return NewEntry(
        kind=EntryKind.PORTAL_LINK,
        summary=_("Private status link created"),
        actor=actor,
        payload={"link_id": link.pk, "action": "created"},
    )


def portal_link_revoke(*, link: PortalLink, actor: Any) -> PortalLink:
    with transaction.atomic():
        if link.revoked_at is None:
            link.revoked_at = timezone.now()
            link.save(update_fields=["revoked_at"])
            entry_append(
                case=link.case,
                kind=EntryKind.PORTAL_LINK,
                summary=_("Private status link revoked"),
                actor=actor,
                payload={"link_id": link.pk, "action": "revoked"},
            )
    return link


def portal_url(token: str) -> str:
    from django.urls import reverse

    return settings.SITE_URL + reverse("portal:status", kwargs={"token": token})


# --- email -----------------------------------------------------------------------------------
# Emails are built in kalm.channels.email.outbound and sent by the worker (kalm.cases.tasks).
# Each email's Message-ID is drawn when it is queued and is its delivery id: a retried task
# that finds an EMAIL_SENT entry with that id does not send it again.


def case_confirmation_queue(*, case: Case, token: str) -> None:
    """Queue the confirmation email with the reference and private link, after commit (in a
    batch of intake, kalm.cases.tasks.intake_gathered, with the batch's others in one job)."""
    from kalm.cases.tasks import intake_gathered_for, send_case_email

    if not case.consumer.email:
        return
    url = portal_url(token)
    gathering = intake_gathered_for()
    if gathering is not None:
        transaction.on_commit(lambda: gathering.emails.append(_confirmation(case, url)))
    else:
        transaction.on_commit(lambda: send_case_email(*_confirmation(case, url)))


def _confirmation(case: Case, url: str) -> tuple:
    """send_case_email's arguments for a case's confirmation. The case as it was just
    committed, with its consumer: nothing to read again."""
    with override(case.language):
        subject = _("We received your message [%(ref)s]") % {"ref": case.reference}
    return _email_arguments(
        case, subject, "cases/email/confirmation.txt", {"status_url": url}, auto=True
    )


def reply_email_queue(*, message: Message) -> None:
    """Queue the email that carries an agent's reply to the consumer, if they have an address."""
    case = message.case
    if not case.consumer.email:
        return
    with override(case.language):
        subject = _("Reply to your message [%(ref)s]") % {"ref": case.reference}
    _email_queue(
        case,
        subject,
        "cases/email/reply.txt",
        {"message_id": message.pk},
        from_alias=message.author_alias,
        status_link=True,
    )


def solution_answer_url(token: str, solution_id: int, answer: str) -> str:
    """The one-click link in the solution email: it opens a page to confirm "yes" or "no"."""
    from django.urls import reverse

    return settings.SITE_URL + reverse(
        "portal:solution_answer",
        kwargs={"token": token, "solution_id": solution_id, "answer": answer},
    )


def _send_solution_email(case_id: int, solution_id: int) -> None:
    case = Case.objects.select_related("consumer", "team").get(pk=case_id)
    with override(case.language):
        subject = _("A proposed solution for [%(ref)s]") % {"ref": case.reference}
    # Its own fresh status link, as every email has; the yes/no links are made from the same
    # token, so revoking this email's link also disables its answer links.
    _link, token = portal_link_create(case=case)
    _email_queue(
        case,
        subject,
        "cases/email/solution.txt",
        {
            "solution_id": solution_id,
            "status_url": portal_url(token),
            "answer_yes_url": solution_answer_url(token, solution_id, "yes"),
            "answer_no_url": solution_answer_url(token, solution_id, "no"),
        },
    )


def _email_queue(
    case: Case,
    subject: str,
    template: str,
    context: dict,
    *,
    from_alias: str = "",
    status_link: bool = False,
) -> None:
    """Hand one email to the worker. ``status_link`` creates a fresh private link for it: each
    email carries its own link, so revoking one (e.g. a forwarded email) leaves the others."""
    from kalm.cases.tasks import send_case_email

    if status_link:
        _link, token = portal_link_create(case=case)
        context = {**context, "status_url": portal_url(token)}
    send_case_email(*_email_arguments(case, subject, template, context, from_alias=from_alias))


def _email_arguments(
    case: Case,
    subject: str,
    template: str,
    context: dict,
    *,
    from_alias: str = "",
    auto: bool = False,
) -> tuple:
    """send_case_email's arguments, in order, with the email's Message-ID drawn now."""
    from kalm.channels.email.outbound import message_id_new

    return case.pk, subject, template, context, from_alias, message_id_new(case), auto


def case_email_deliver(
    *,
    case: Case,
    subject: str,
    template: str,
    context: dict,
    from_alias: str = "",
    email_id: str = "",
    auto: bool = False,
    connection: Any = None,
) -> Any:
    """Render and send one email to the case's consumer, and record it in the dossier and as an
    outbound EmailRef (so the consumer's answer threads back onto the case). ``connection``: a
    mail backend connection to send it with (a batch's, kept open), else a new one.

    Idempotent per ``email_id`` (the Message-ID): when the dossier already has an EMAIL_SENT
    entry for it, nothing is sent and that entry is returned."""
    from kalm.channels.actions import email_ref_record
    from kalm.channels.email.outbound import bracketed, email_build, message_id_new
    from kalm.dossier.models import DossierEntry

    email_id = bracketed(email_id or message_id_new(case))
    sent = DossierEntry.objects.filter(
        case=case, kind=EntryKind.EMAIL_SENT, payload__message_id=email_id
    ).first()
    if sent is not None:
        return sent
    ctx = dict(context)
    message = None
    if "message_id" in context:
        message = Message.objects.get(pk=context["message_id"], case=case)
        ctx["message"] = message
    if "solution_id" in context:
        ctx["solution"] = Solution.objects.get(pk=context["solution_id"], case=case)
    email = email_build(
        case=case,
        subject=subject,
        template=template,
        context={**ctx, "subject": subject},
        message_id=email_id,
        from_alias=from_alias,
        auto=auto,
    )
    if connection is not None:
        email.connection = connection
    email.send()
    with transaction.atomic():
        entry = entry_append(
            case=case,
            kind=EntryKind.EMAIL_SENT,
            summary=subject,
            payload={
                "to": case.consumer.email,
                "subject": subject,
                "from": email.from_email,
                "message_id": email_id,
                "in_reply_to": email.extra_headers.get("In-Reply-To", ""),
                "auto": auto,
            },
        )
        email_ref_record(message_id=email_id, case=case, message=message, direction="out")
    return entry
