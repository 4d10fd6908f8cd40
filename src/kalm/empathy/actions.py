"""Every write of the empathy app: storing the engine's analysis of an inbound message, applying
the admin's routing rules to the case, legal holds, and the call-back an agent plans when emotion
runs high.

The engine runs outside any transaction (it is CPU work that should not hold row locks); storing
its results, the dossier entries and the routing happen in one transaction per batch of messages
(one per message for a re-analysis), with the case rows locked so two messages of one case
analysed at once cannot both apply the same rule. Emails are queued with
``transaction.on_commit``."""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from django.conf import settings
from django.core.cache import cache as shared_cache
from django.db import IntegrityError, transaction
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from kalm.accounts.models import Role, User
from kalm.cases.actions import case_route
from kalm.cases.models import Case, Message, Priority
from kalm.core.prepared import prepared_list
from kalm.dossier.actions import NewEntry, entries_append, entry_append
from kalm.dossier.models import EntryKind, LegalHold
from kalm.drills.mail import staff_mail_send
from kalm.empathy.models import (
    HIGH_EMOTIONS,
    HIGH_SENTIMENT,
    MessageAnalysis,
    RoutingDecision,
    RoutingRule,
    Signal,
    emotion_label,
    signal_label,
)
from kalm.followups.models import FollowUp
from kalm.sla.models import BusinessCalendar, SlaPolicy

log = logging.getLogger(__name__)

PRIORITY_RANK = {Priority.LOW: 0, Priority.NORMAL: 1, Priority.HIGH: 2, Priority.URGENT: 3}
CALLBACK_WITHIN = timedelta(hours=2)  # business time: a call-back is made the same day if we can
BATCH_SIZE = 128  # messages per engine call in analyses_create_many
# Messages one intake job takes (messages_analyse_pending): enough that a burst is read in a few
# engine calls and lock turns, few enough that one job holds the lock for about a second.
PENDING_BATCH = 64
PENDING_LOCK = "kalm:empathy:analysis-batch"
PENDING_LOCK_SECONDS = 120  # a worker that dies holding the lock holds it no longer than this


class EmpathyActionError(ValueError):
    """An empathy action refused for a reason the agent can fix; the message is translated."""


@cache
def engine_version() -> str:
    """Which classifiers read the message: the backend and when its models were trained."""
    from kalm.empathy import model

    try:
        trained = str(model.read_meta().get("trained_at", ""))
    except (OSError, ValueError, KeyError):
        trained = ""
    return f"{model.DEFAULT_BACKEND} {trained}".strip()[:100]


# --- analysis --------------------------------------------------------------------------------


def message_analyse(*, message: Message) -> MessageAnalysis:
    """Analyse one inbound message, store the result, record it and apply the routing rules.
    Idempotent: a message analysed before returns its stored analysis (and routes nothing)."""
    existing = MessageAnalysis.objects.filter(message_id=message.pk).first()
    if existing is not None:
        return existing
    if message.kind != Message.Kind.INBOUND:
        raise EmpathyActionError(_("Only messages from the consumer are analysed."))
    from kalm.empathy.engine import analyse

    return _store(message, analyse(message.body))


def analyses_create_many(
    *, messages: Iterable[Message], replace: bool = False
) -> list[MessageAnalysis]:
    """Analyse many inbound messages in batches (the engine is much faster on a batch): for the
    demo loader and ``kalm analyse_messages``. Messages analysed before are skipped, or with
    ``replace`` analysed again (a rule that already acted on a case does not act again)."""
    from kalm.empathy.engine import analyse_many

    todo = [m for m in messages if m.kind == Message.Kind.INBOUND]
    if not replace:
        done = set(
            MessageAnalysis.objects.filter(message_id__in=[m.pk for m in todo]).values_list(
                "message_id", flat=True
            )
        )
        todo = [m for m in todo if m.pk not in done]
    stored: list[MessageAnalysis] = []
    for start in range(0, len(todo), BATCH_SIZE):
        batch = todo[start : start + BATCH_SIZE]
        results = analyse_many([m.body for m in batch])
        rules = _active_rules()  # read once per batch: a second of staleness at most
        if replace:
            stored.extend(
                _store(m, result, replace=True, rules=rules)
                for m, result in zip(batch, results, strict=True)
            )
        else:
            stored.extend(_store_many(batch, results, rules=rules))
    return stored


@contextmanager
def _pending_lock() -> Iterator[None]:
    """One batch at a time across the workers that share the cache. Waited for rather than
    skipped: the holder is most likely reading our message, and when this job ends its message
    must be analysed (or the job failed and is retried). Past the timeout the lock has expired
    and the next worker takes it: a crashed holder delays analysis, it never stops it."""
    token = secrets.token_hex(8)
    deadline = time.monotonic() + PENDING_LOCK_SECONDS
    while not shared_cache.add(PENDING_LOCK, token, PENDING_LOCK_SECONDS):
        if time.monotonic() > deadline:  # pragma: no cover - only when the cache is broken
            break
        time.sleep(0.02)
    try:
        yield
    finally:
        if shared_cache.get(PENDING_LOCK) == token:
            shared_cache.delete(PENDING_LOCK)


def messages_analyse_pending(
    *, message_id: int, limit: int = PENDING_BATCH
) -> list[MessageAnalysis]:
    """The worker's analysis of one inbound message, done for up to ``limit`` at once: the
    message and the later inbound messages still without an analysis (their own jobs are queued
    behind this one and then find them done) go to the engine in one batch. Those later jobs
    then cost a check instead of an engine call, a case lock and the routing rules' read each.
    Returns the analyses stored; [] when the message was analysed by an earlier batch or is gone.

    The batch also reads the topic of each case that one of its messages opened
    (kalm.cases.actions.case_topics_detect), so the intake jobs of those cases
    (kalm.cases.tasks.read_new_case) find both done. A topic that cannot be read here is left
    to the case's own job.

    Batches are taken under a lock shared by the workers, so two workers never read the same
    message; should one anyway (a cache not shared between worker machines), the message's
    unique analysis row keeps the first result and the second is dropped (see _store)."""
    waiting = Message.objects.filter(kind=Message.Kind.INBOUND, analysis__isnull=True)
    with _pending_lock():
        # Most jobs find their message read by an earlier batch: one cheap check, not a batch
        # (compiled once per connection, kalm.core.prepared).
        if not prepared_list(
            "empathy.waiting",
            lambda pk: waiting.filter(pk=pk).values_list("pk", flat=True)[:1],
            values=[message_id],
        ):
            return []
        todo = prepared_list(
            ("empathy.todo", limit),
            lambda pk: waiting.filter(pk__gte=pk).order_by("pk")[:limit],
            values=[message_id],
        )
        if not todo or todo[0].pk != message_id:  # pragma: no cover - read between the queries
            return []
        try:
            stored = analyses_create_many(messages=todo)
        except Exception:
            if len(todo) == 1:
                raise
            # A message the engine cannot read must not fail the jobs of the others in its
            # batch: this job does its own message alone (and fails, to be retried and kept as
            # a FailedTask, if that is the one); the rest are left to their own jobs.
            log.warning("Analysis batch from message %s failed; analysing it alone", message_id)
            stored = analyses_create_many(messages=todo[:1])
        _read_topics(stored)
        return stored


@dataclass
class Read:
    """What messages_analyse did: the analyses it stored, the cases whose topics it read
    (kalm.cases.actions.case_topics_detect), and the first error, raised by the caller once the
    rest is done."""

    stored: list[MessageAnalysis] = field(default_factory=list)
    topics_read: set[int] = field(default_factory=set)
    failed: Exception | None = None


def messages_analyse(*, message_ids: Sequence[int]) -> Read:
    """The analysis of the inbound messages a batch job was given (kalm.cases.tasks
    .read_new_cases, the job of a batch of intake the worker opened together), those of them
    still without one, oldest first, in engine batches of BATCH_SIZE; then the topics of the
    cases they opened, read together.

    Unlike messages_analyse_pending it takes no later messages and no lock. Each batch job has
    messages of its own, so two workers reading at once read different messages, and neither
    waits for the other. Taking the messages of jobs queued behind it (as the per-message jobs
    do) made two worker processes read the same messages at once and drop one result: their
    lock lives in a cache that worker processes do not share unless it is Redis. Should a
    per-message job read one of these messages at the same time, its unique analysis row keeps
    the first result (_store_many).

    A batch the engine or the store cannot take is read one message at a time, so a message
    that cannot be read does not stop the others; the first error is returned in ``failed``."""
    read = Read()
    todo = list(
        Message.objects.filter(
            pk__in=message_ids, kind=Message.Kind.INBOUND, analysis__isnull=True
        ).order_by("pk")
    )
    for start in range(0, len(todo), BATCH_SIZE):
        batch = todo[start : start + BATCH_SIZE]
        try:
            read.stored.extend(analyses_create_many(messages=batch))
            continue
        except Exception as exc:
            if len(batch) == 1:
                read.failed = read.failed or exc
                continue
            log.warning("Analysis of %s messages failed; one at a time", len(batch), exc_info=True)
        for message in batch:
            try:
                read.stored.extend(analyses_create_many(messages=[message]))
            except Exception as exc:
                log.warning("Analysis of message %s failed", message.pk, exc_info=True)
                read.failed = read.failed or exc
    if read.stored:
        from kalm.cases.actions import case_topics_detect

        try:
            read.topics_read = set(
                case_topics_detect(messages=[analysis.message for analysis in read.stored])
            )
        except Exception:  # the caller reads each case's topic (and fails and retries there)
            log.warning("Reading the topics of a batch failed", exc_info=True)
    return read


def _read_topics(stored: Sequence[MessageAnalysis]) -> None:
    """The topics of the cases these analysed messages opened. Inside the batch lock: a job that
    waited for it and finds its message analysed also finds its case's topic read."""
    from kalm.cases.actions import case_topics_detect

    if not stored:
        return
    try:
        case_topics_detect(messages=[analysis.message for analysis in stored])
    except Exception:  # each case's own job reads its topic (and fails and retries there)
        log.warning("Reading the topics of a batch failed; left to each case's job", exc_info=True)


def _fields(result: Any) -> dict[str, Any]:
    return {
        "language": result.language,
        "sentiment": float(result.sentiment),
        "sentiment_label": result.sentiment_label,
        "emotion": result.emotion,
        "signals": {name: float(p) for name, p in result.signals.items()},
        "fired": sorted(result.fired(), key=lambda name: -result.signals[name]),
        "evidence": {
            name: [[int(s), int(e), str(w)] for s, e, w in spans]
            for name, spans in result.evidence.items()
        },
        "priority": result.priority if result.priority in PRIORITY_RANK else "",
        "engine": engine_version(),
    }


def _store(
    message: Message,
    result: Any,
    *,
    replace: bool = False,
    rules: Sequence[RoutingRule] | None = None,
) -> MessageAnalysis:
    fields = _fields(result)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=message.case_id)
        previous = MessageAnalysis.objects.filter(message_id=message.pk).first()
        if previous is not None and not replace:
            return previous
        if previous is None:
            try:
                with transaction.atomic():
                    analysis = MessageAnalysis.objects.create(
                        message=message, case_id=message.case_id, **fields
                    )
            except IntegrityError:  # another worker stored it first
                return MessageAnalysis.objects.get(message_id=message.pk)
            changed = True
        else:
            changed = (previous.fired, previous.emotion) != (fields["fired"], fields["emotion"])
            for key, value in fields.items():
                setattr(previous, key, value)
            previous.save(update_fields=list(fields))
            analysis = previous
        if changed and _worth_recording(analysis):
            _record_analysis(case, analysis, again=previous is not None)
        routing_apply(analysis=analysis, case=case, rules=rules)
    return analysis


def _store_many(
    messages: Sequence[Message], results: Sequence[Any], *, rules: Sequence[RoutingRule]
) -> list[MessageAnalysis]:
    """_store for a batch of messages never analysed before (analyses_create_many), in one
    transaction with the reads done once for the batch: the cases locked in one query (in id
    order, as every multi-row lock must be taken), the analyses and routing decisions already
    there, one insert for the analyses. Messages whose case is gone are skipped, as are messages
    analysed meanwhile. A rule acts once per case, also on two messages of one case in a batch.

    Under the case locks nobody else can write these analyses or decisions, so there are no
    savepoints to retry a unique row. Should anything fail anyway (a worker that does not share
    the lock, a failing rule action), the batch is rolled back and the messages are stored one by
    one by _store, which handles a row written meanwhile; an error then fails its message and
    the ones after it (left to their own jobs), as before batches were stored together."""
    try:
        with transaction.atomic():
            return _store_batch(messages, results, rules)
    except Exception:
        if len(messages) > 1:
            log.warning(
                "Storing a batch of %s analyses failed; one by one", len(messages), exc_info=True
            )
        return [_store(m, result, rules=rules) for m, result in zip(messages, results, strict=True)]


def _store_batch(
    messages: Sequence[Message], results: Sequence[Any], rules: Sequence[RoutingRule]
) -> list[MessageAnalysis]:
    cases = {
        case.pk: case
        for case in Case.objects.select_for_update()
        .filter(pk__in={m.case_id for m in messages})
        .order_by("pk")
    }
    done = set(
        MessageAnalysis.objects.filter(message_id__in=[m.pk for m in messages]).values_list(
            "message_id", flat=True
        )
    )
    new: list[MessageAnalysis] = []
    for message, result in zip(messages, results, strict=True):
        if message.pk in done or message.case_id not in cases:
            continue
        done.add(message.pk)  # a message listed twice is stored once
        new.append(MessageAnalysis(message=message, case_id=message.case_id, **_fields(result)))
    if not new:
        return []
    MessageAnalysis.objects.bulk_create(new)
    routed = {
        case_id for case_id, case in cases.items() if case.is_open and not case.merged_into_id
    }
    applied: dict[int, set[int]] = {case_id: set() for case_id in routed}
    for case_id, rule_id in RoutingDecision.objects.filter(case_id__in=routed).values_list(
        "case_id", "rule_id"
    ):
        applied[case_id].add(rule_id)
    for analysis in new:
        case = cases[analysis.case_id]
        # The analysis entry goes in with the first rule's entry: one read of the chain's head.
        entries = [_analysis_entry(analysis, again=False)] if _worth_recording(analysis) else []
        if case.pk in applied:
            _route(analysis, case, rules, applied[case.pk], entries=entries, guarded=False)
        elif entries:
            entries_append(case=case, entries=entries)
    return new


def _worth_recording(analysis: MessageAnalysis) -> bool:
    # Every inbound message is analysed, but the dossier is read by people (and exported for
    # claims): only analyses that change how the case is handled go in. That is a fired signal
    # (it may route the case) or emotion running high (the desk suggests a call). A calm or mildly
    # annoyed message is visible on the desk's card without an entry of its own.
    high = analysis.emotion in HIGH_EMOTIONS and analysis.sentiment <= HIGH_SENTIMENT
    return bool(analysis.fired) or high


def _signal_text(analysis: MessageAnalysis, name: str) -> str:
    words = ", ".join(dict.fromkeys(analysis.words(name)))
    text = f"{signal_label(name)} {round(100 * float(analysis.signals.get(name, 0)))}%"
    return f"{text} ({words})" if words else text


def _record_analysis(case: Case, analysis: MessageAnalysis, *, again: bool) -> None:
    entries_append(case=case, entries=[_analysis_entry(analysis, again=again)])


def _analysis_entry(analysis: MessageAnalysis, *, again: bool) -> NewEntry:
    fired = "; ".join(_signal_text(analysis, name) for name in analysis.fired)
    summary = _("%(emotion)s, tone %(sentiment)+.2f") % {
        "emotion": emotion_label(analysis.emotion),
        "sentiment": analysis.sentiment,
    }
    if fired:
        summary += " · " + _("signals: %(signals)s") % {"signals": fired}
    return NewEntry(
        kind=EntryKind.ANALYSIS,
        summary=summary,
        payload={
            "message_id": analysis.message_id,
            "analysis_id": analysis.pk,
            "language": analysis.language,
            "sentiment": analysis.sentiment,
            "sentiment_label": analysis.sentiment_label,
            "emotion": analysis.emotion,
            "signals": analysis.signals,
            "fired": analysis.fired,
            "evidence": {name: analysis.evidence.get(name, []) for name in analysis.fired},
            "suggested_priority": analysis.priority,
            "engine": analysis.engine,
            "reanalysed": again,
        },
        public=False,
    )


# --- routing ---------------------------------------------------------------------------------


def _active_rules() -> list[RoutingRule]:
    """The active routing rules in their order, with what applying them reads (the people a
    rule notifies are read when it applies: most batches apply none). Read for every batch
    of messages, so compiled once per connection (kalm.core.prepared)."""
    return prepared_list(
        "empathy.rules",
        lambda: RoutingRule.objects.filter(active=True).select_related(
            "team", "notify_team", "sla_policy__calendar"
        ),
    )


def routing_apply(
    *,
    analysis: MessageAnalysis,
    case: Case | None = None,
    rules: Sequence[RoutingRule] | None = None,
) -> list[RoutingDecision]:
    """Apply every active rule whose signal reached its minimum probability, once per case and
    rule. Only open cases are routed: re-analysing history must not move closed cases or email
    people about old messages. ``rules`` is _active_rules() read once for a batch of messages;
    by default they are read here."""
    with transaction.atomic():
        if case is None:
            case = Case.objects.select_for_update().get(pk=analysis.case_id)
        if not case.is_open or case.merged_into_id:
            return []
        done = set(RoutingDecision.objects.filter(case=case).values_list("rule_id", flat=True))
        candidates = _active_rules() if rules is None else rules
        return _route(analysis, case, candidates, done)


def _route(
    analysis: MessageAnalysis,
    case: Case,
    rules: Sequence[RoutingRule],
    done: set[int],
    *,
    entries: list[NewEntry] | None = None,
    guarded: bool = True,
) -> list[RoutingDecision]:
    """Apply the rules not in ``done`` (the ids of the rules applied to the open, locked case;
    updated here) whose signal reached its minimum. ``entries`` waiting for the case's dossier
    go in with the first rule's entry, or on their own when no rule acts."""
    decisions = []
    for rule in rules:
        if rule.pk in done:
            continue
        probability = float(analysis.signals.get(rule.signal, 0.0))
        if probability < rule.min_probability:
            continue
        decision = _apply(rule, case, analysis, probability, before=entries, guarded=guarded)
        entries = None
        if decision is not None:
            done.add(rule.pk)
            decisions.append(decision)
    if entries:
        entries_append(case=case, entries=entries)
    return decisions


def _apply(
    rule: RoutingRule,
    case: Case,
    analysis: MessageAnalysis,
    probability: float,
    *,
    before: Sequence[NewEntry] | None = None,
    guarded: bool = True,
) -> RoutingDecision | None:
    """Apply one rule to the locked case. ``before`` are entries to append ahead of the rule's
    own (in one read of the chain's head). ``guarded``: the decision row may have been written
    meanwhile (another transaction that did not wait for the case lock), so it is inserted in
    a savepoint and a duplicate means the rule already acted; a caller that read the decisions
    under the case lock passes False."""
    if guarded:
        try:
            with transaction.atomic():
                decision = RoutingDecision.objects.create(
                    case=case, rule=rule, analysis=analysis, probability=probability
                )
        except IntegrityError:  # applied meanwhile
            if before:
                entries_append(case=case, entries=before)
            return None
    else:
        decision = RoutingDecision.objects.create(
            case=case, rule=rule, analysis=analysis, probability=probability
        )
    raise_to = (
        rule.set_priority
        if rule.set_priority and PRIORITY_RANK[rule.set_priority] > PRIORITY_RANK[case.priority]
        else ""
    )
    team = rule.team if rule.team_id and rule.team_id != case.team_id else None
    assignee = case.assignee if case.assignee and case.assignee.is_desk_member else None
    if team is not None and assignee is not None and not assignee.teams.filter(pk=team.pk).exists():
        assignee = None  # the new team picks it up; the ASSIGNED entry names who had it
    hold = rule.legal_hold and not LegalHold.objects.filter(case=case, released_at=None).exists()
    recipients = _recipients(rule, case)
    words = analysis.words(rule.signal)
    routed = NewEntry(
        kind=EntryKind.ROUTED,
        summary=_("Rule “%(rule)s”: %(signal)s")
        % {
            "rule": rule.name,
            "signal": _signal_text(analysis, rule.signal),
        },
        payload={
            "rule_id": rule.pk,
            "rule": rule.name,
            "signal": rule.signal,
            "probability": probability,  # floats are kept as their repr (dossier hashing)
            "percent": round(100 * probability),
            "min_probability": rule.min_probability,
            "words": words,
            "message_id": analysis.message_id,
            "analysis_id": analysis.pk,
            "priority": {"from": case.priority, "to": raise_to} if raise_to else None,
            "team": {"id": team.pk, "name": team.name} if team else None,
            "legal_hold": hold,
            "sla_policy": rule.sla_policy.name if rule.sla_policy else "",
            "personal_followup_hours": rule.personal_followup_hours,
            "notified": [
                {"id": p.pk, "name": p.internal_name, "email": p.email} for p in recipients
            ],
        },
        public=False,
    )
    # The rule's entry, its priority raise and its transfer: one append, one row update.
    case_route(
        case=case,
        entries=[*(before or ()), routed],
        priority=raise_to,
        team=team,
        assignee=assignee,
    )
    if hold:
        legal_hold_set(
            case=case,
            reason=_("Rule “%(rule)s”: %(words)s")
            % {"rule": rule.name, "words": ", ".join(words) or Signal(rule.signal).label},
        )
    if rule.sla_policy is not None:
        case_sla_switch(case=case, policy=rule.sla_policy)
    if rule.personal_followup_hours is not None:
        _personal_followup(case, analysis, hours=rule.personal_followup_hours)
    if recipients:
        ids = [p.pk for p in recipients]
        transaction.on_commit(lambda: _queue_notification(decision.pk, ids))
    return decision


def _team_lead(team_id: int | None) -> User | None:
    if team_id is None:
        return None
    return User.objects.filter(is_active=True, role=Role.LEAD, teams=team_id).order_by("id").first()


def _personal_followup(case: Case, analysis: MessageAnalysis, *, hours: int) -> FollowUp:
    from kalm.followups.actions import followup_create

    owner = case.assignee if case.assignee and case.assignee.is_desk_member else None
    owner = owner or _team_lead(case.team_id)
    return followup_create(
        case=case,
        title=_("Personal follow-up: ask how the consumer is doing"),
        due_at=timezone.now() + timedelta(hours=hours),
        owner=owner,
        source_message=analysis.message,
    )


def _recipients(rule: RoutingRule, case: Case) -> list[User]:
    """The rule's people, and with ``notify_team_leads`` the leads of its notify team (else the
    team it routes to, else the case's team); a team without leads means every lead is told, as
    an SLA breach does: somebody must know."""
    # Read once per rule and batch: the batch's messages share the rule objects.
    prefetch_related_objects([rule], "notify_users")
    people = {p.pk: p for p in rule.notify_users.all() if p.is_active and p.email}
    if rule.notify_team_leads:
        from kalm.sla.selectors import team_leads

        for person in team_leads(rule.notify_team_id or rule.team_id or case.team_id):
            people.setdefault(person.pk, person)
    return sorted(people.values(), key=lambda p: p.pk)


def _queue_notification(decision_id: int, user_ids: list[int]) -> None:
    from kalm.empathy.tasks import send_routing_notification

    send_routing_notification(decision_id, user_ids)


def routing_notification_send(*, decision: RoutingDecision, recipients: Sequence[User]) -> int:
    """Email the people a rule tells, each in their own language; returns how many were sent.
    Marked done afterwards, so a retried job after a complete send does not email again."""
    if decision.notified_at is not None:
        return 0
    case = decision.case
    url = settings.SITE_URL + reverse("desk:case", args=[case.pk])
    analysis = decision.analysis
    words = analysis.words(decision.rule.signal) if analysis else []
    sent = 0
    for person in recipients:
        with override(person.preferred_language or settings.LANGUAGE_CODE):
            signal = Signal(decision.rule.signal).label
            subject = _("[%(ref)s] %(signal)s: %(rule)s") % {
                "ref": case.reference,
                "signal": signal,
                "rule": decision.rule.name,
            }
            body = render_to_string(
                "empathy/email/routed.txt",
                {
                    "person": person,
                    "case": case,
                    "decision": decision,
                    "signal": signal,
                    "percent": round(100 * decision.probability),
                    "words": words,
                    "url": url,
                },
            )
        sent += staff_mail_send(subject, body, [person.email], drill_id=case.drill_id)
    RoutingDecision.objects.filter(pk=decision.pk).update(notified_at=timezone.now())
    return sent


# --- service level ---------------------------------------------------------------------------


def case_sla_switch(*, case: Case, policy: SlaPolicy) -> Any:
    """Run the case under ``policy`` from now on (a rule's gentler SLA), recorded by the caller's
    ROUTED entry."""
    from kalm.sla.actions import sla_policy_switch

    return sla_policy_switch(case=case, policy=policy)


# --- legal hold ------------------------------------------------------------------------------


def legal_hold_set(*, case: Case, reason: str, actor: Any = None) -> LegalHold:
    """Put the case's dossier on legal hold (a rule, or a lead by hand)."""
    reason = reason.strip()
    if not reason:
        raise EmpathyActionError(_("Say why the dossier is put on legal hold."))
    if actor is not None and not actor.is_lead:
        raise EmpathyActionError(_("Only team leads and administrators set a legal hold."))
    with transaction.atomic():
        Case.objects.select_for_update().only("id").get(pk=case.pk)
        if LegalHold.objects.filter(case=case, released_at=None).exists():
            raise EmpathyActionError(_("This dossier is already on legal hold."))
        hold = LegalHold.objects.create(case=case, reason=reason[:300], set_by=actor)
        entry_append(
            case=case,
            kind=EntryKind.LEGAL_HOLD,
            summary=_("Legal hold set: %(reason)s") % {"reason": hold.reason},
            actor=actor,
            payload={"hold_id": hold.pk, "event": "set", "reason": hold.reason},
        )
    return hold


def legal_hold_release(*, case: Case, actor: Any) -> LegalHold:
    """Lift the case's active legal hold (leads and administrators)."""
    if actor is None or not actor.is_lead:
        raise EmpathyActionError(_("Only team leads and administrators release a legal hold."))
    with transaction.atomic():
        hold = LegalHold.objects.select_for_update().filter(case=case, released_at=None).first()
        if hold is None:
            raise EmpathyActionError(_("This dossier is not on legal hold."))
        hold.released_at = timezone.now()
        hold.released_by = actor
        hold.save(update_fields=["released_at", "released_by"])
        entry_append(
            case=case,
            kind=EntryKind.LEGAL_HOLD,
            summary=_("Legal hold released"),
            actor=actor,
            payload={"hold_id": hold.pk, "event": "released", "reason": hold.reason},
        )
    return hold


# --- call-back -------------------------------------------------------------------------------


def callback_due(case: Case, *, now: datetime | None = None) -> datetime:
    """Two business hours from now in the case's SLA calendar (or the first calendar): a call
    asked for in the evening is due the next morning, not at midnight."""
    now = now or timezone.now()
    from kalm.sla.calendar import add_business_time
    from kalm.sla.selectors import case_sla

    sla = case_sla(case)
    calendar = sla.policy.calendar if sla is not None else BusinessCalendar.objects.first()
    if calendar is None:
        return now + CALLBACK_WITHIN
    return add_business_time(now, CALLBACK_WITHIN, calendar)


def callback_create(*, case: Case, agent: Any, message: Message | None = None) -> FollowUp:
    """The agent takes the desk's suggestion: a call-back follow-up for themselves, because a
    written answer comes across colder than a voice when emotion runs high."""
    from kalm.followups.actions import followup_create

    if agent is None or not agent.is_desk_member:
        raise EmpathyActionError(_("Only agents plan call-backs."))
    with transaction.atomic():
        Case.objects.select_for_update().only("id").get(pk=case.pk)
        planned = FollowUp.objects.filter(
            case=case,
            source=FollowUp.Source.CALLBACK,
            status__in=[FollowUp.Status.OPEN, FollowUp.Status.PROPOSED],
        ).exists()
        if planned:
            raise EmpathyActionError(_("A call-back is already planned for this case."))
        return followup_create(
            case=case,
            title=_("Call the consumer back (emotion runs high; a call is warmer than a reply)"),
            due_at=callback_due(case),
            owner=agent,
            created_by=agent,
            source=FollowUp.Source.CALLBACK,
            source_message=message,
        )
