"""Every write to follow-ups. Each action records what happened in the case dossier (a NOTE entry
with a ``followup`` payload) in the same transaction; emails are queued on commit."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from kalm.cases.models import Case, Message, Status
from kalm.dossier.actions import entry_append
from kalm.dossier.models import EntryKind
from kalm.drills.mail import staff_mail_send
from kalm.followups.commitments import LANGUAGES, find_commitments
from kalm.followups.models import AfterCareRule, FollowUp

State = FollowUp.Status
Source = FollowUp.Source

# Which status a follow-up may go to from where it is. Done and cancelled are final.
MOVES: dict[str, frozenset[str]] = {
    State.PROPOSED: frozenset({State.OPEN, State.CANCELLED}),
    State.OPEN: frozenset({State.DONE, State.CANCELLED}),
    State.DONE: frozenset(),
    State.CANCELLED: frozenset(),
}

# Resolved cases older than this are not given after-care when the rule appears later: turning a
# rule on must not flood the desk with follow-ups for last year's cases.
AFTERCARE_LOOKBACK = timedelta(days=30)


class FollowUpActionError(ValueError):
    """A follow-up action refused for a reason the agent can fix; the message is translated."""


def _record(followup: FollowUp, *, event: str, summary: str, actor: Any = None) -> None:
    entry_append(
        case=followup.case,
        kind=EntryKind.NOTE,
        summary=summary,
        actor=actor,
        payload={
            "followup": {
                "id": followup.pk,
                "event": event,
                "title": followup.title,
                "due_at": followup.due_at.isoformat(),
                "owner_id": followup.owner_id,
                "owner": followup.owner.internal_name if followup.owner else "",
                "source": followup.source,
                "status": followup.status,
            }
        },
    )


def _check_owner(owner: Any) -> None:
    if owner is not None and not owner.is_desk_member:
        raise FollowUpActionError(_("Follow-ups can only be given to active agents."))


def _move(followup: FollowUp, to: str) -> FollowUp:
    """Lock the row and refuse a move the table does not allow."""
    locked = FollowUp.objects.select_for_update().get(pk=followup.pk)
    if to not in MOVES[locked.status]:
        raise FollowUpActionError(
            _("This follow-up is already %(status)s.") % {"status": locked.get_status_display()}
        )
    followup.status = locked.status
    return followup


def followup_create(
    *,
    case: Case,
    title: str,
    due_at: datetime,
    owner: Any = None,
    created_by: Any = None,
    source: str = Source.MANUAL,
    source_message: Message | None = None,
    source_phrase: str = "",
    status: str = State.OPEN,
    message: str = "",
    resolution_at: datetime | None = None,
) -> FollowUp:
    """A follow-up on a case; ``owner`` None leaves it to the case's team."""
    title = title.strip()
    if not title:
        raise FollowUpActionError(_("Say what has to be done."))
    if status not in {State.OPEN, State.PROPOSED}:
        raise FollowUpActionError(_("A new follow-up is open or proposed."))
    _check_owner(owner)
    with transaction.atomic():
        followup = FollowUp.objects.create(
            case=case,
            title=title[:300],
            message=message,
            due_at=due_at,
            owner=owner,
            created_by=created_by,
            source=source,
            source_message=source_message,
            source_phrase=source_phrase[:200],
            resolution_at=resolution_at,
            status=status,
        )
        summary = (
            _("Follow-up proposed: %(title)s")
            if status == State.PROPOSED
            else _("Follow-up: %(title)s")
        ) % {"title": followup.title}
        _record(
            followup,
            event="proposed" if status == State.PROPOSED else "created",
            summary=summary,
            actor=created_by,
        )
    return followup


def followup_confirm(
    *, followup: FollowUp, actor: Any, due_at: datetime | None = None, owner: Any = None
) -> FollowUp:
    """The agent agrees a proposed follow-up is a promise to keep: it becomes open."""
    _check_owner(owner)
    with transaction.atomic():
        _move(followup, State.OPEN)
        followup.status = State.OPEN
        followup.due_at = due_at or followup.due_at
        followup.owner = owner if owner is not None else (followup.owner or actor)
        followup.save(update_fields=["status", "due_at", "owner"])
        _record(
            followup,
            event="confirmed",
            summary=_("Follow-up confirmed: %(title)s") % {"title": followup.title},
            actor=actor,
        )
    return followup


def followup_dismiss(*, followup: FollowUp, actor: Any) -> FollowUp:
    """A proposed follow-up that was not a promise (the recogniser was wrong)."""
    with transaction.atomic():
        locked = FollowUp.objects.select_for_update().get(pk=followup.pk)
        if locked.status != State.PROPOSED:
            raise FollowUpActionError(_("Only a proposed follow-up can be dismissed."))
        return _close(followup, State.CANCELLED, actor, event="dismissed")


def followup_complete(*, followup: FollowUp, actor: Any) -> FollowUp:
    with transaction.atomic():
        _move(followup, State.DONE)
        return _close(followup, State.DONE, actor, event="done")


def followup_cancel(*, followup: FollowUp, actor: Any) -> FollowUp:
    with transaction.atomic():
        _move(followup, State.CANCELLED)
        return _close(followup, State.CANCELLED, actor, event="cancelled")


def _close(followup: FollowUp, status: str, actor: Any, *, event: str) -> FollowUp:
    followup.status = status
    followup.done_at = timezone.now()
    followup.done_by = actor
    followup.save(update_fields=["status", "done_at", "done_by"])
    summaries = {
        "done": _("Follow-up done: %(title)s"),
        "cancelled": _("Follow-up cancelled: %(title)s"),
        "dismissed": _("Proposed follow-up dismissed: %(title)s"),
    }
    _record(
        followup, event=event, summary=summaries[event] % {"title": followup.title}, actor=actor
    )
    return followup


def followup_reschedule(*, followup: FollowUp, actor: Any, due_at: datetime) -> FollowUp:
    """A new due date; the owner is reminded again when it comes."""
    with transaction.atomic():
        locked = FollowUp.objects.select_for_update().get(pk=followup.pk)
        if locked.status not in {State.OPEN, State.PROPOSED}:
            raise FollowUpActionError(
                _("This follow-up is already %(status)s.") % {"status": locked.get_status_display()}
            )
        followup.due_at = due_at
        followup.reminded_at = None
        followup.claimed_at = None
        followup.save(update_fields=["due_at", "reminded_at", "claimed_at"])
        _record(
            followup,
            event="rescheduled",
            summary=_("Follow-up moved to %(due)s: %(title)s")
            % {
                "due": timezone.localtime(due_at).strftime("%Y-%m-%d %H:%M"),
                "title": followup.title,
            },
            actor=actor,
        )
    return followup


# --- commitments in replies -----------------------------------------------------------------


def commitments_propose(*, message: Message) -> list[FollowUp]:
    """Propose a follow-up for every dated promise in an agent's reply (called by
    ``kalm.cases.actions.message_reply`` inside its transaction). The case's language is tried
    first; when it finds nothing, the other languages (agents answer in the consumer's language,
    which is not always the case's)."""
    case = message.case
    first = (case.language or "nl")[:2]
    order = [first, *[code for code in LANGUAGES if code != first]]
    now = timezone.localtime(message.created_at)  # "donderdag" is a day in our time zone
    commitments = []
    for language in order:
        commitments = find_commitments(message.body, language=language, now=now)
        if commitments:
            break
    return [
        followup_create(
            case=case,
            title=commitment.sentence(message.body),
            due_at=commitment.due_at,
            owner=message.author if message.author and message.author.is_desk_member else None,
            created_by=message.author,
            source=Source.COMMITMENT,
            source_message=message,
            source_phrase=commitment.phrase,
            status=State.PROPOSED,
        )
        for commitment in commitments
    ]


# --- reminders -------------------------------------------------------------------------------


def reminder_recipients(followup: FollowUp) -> list[Any]:
    """The owner; without one the case team's members; without a team the case's assignee."""
    if followup.owner is not None:
        people = [followup.owner]
    elif followup.case.team_id is not None:
        people = list(followup.case.team.members.all())
    else:
        people = [followup.case.assignee] if followup.case.assignee else []
    return [p for p in people if p.is_desk_member and p.email]


def followup_remind(*, followup_id: int, now: datetime | None = None) -> FollowUp | None:
    """Remind the owner of one due follow-up, exactly once: the row is claimed with a
    conditional update, so a second worker (or a second run) finds nothing to do. Returns the
    follow-up when this call reminded it, None otherwise."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = FollowUp.objects.filter(
            pk=followup_id,
            status=State.OPEN,
            due_at__lte=now,
            reminded_at=None,
            claimed_at=None,
        ).update(claimed_at=now, reminded_at=now)
        if claimed != 1:
            return None
        followup = FollowUp.objects.select_related(
            "case", "case__team", "case__assignee", "owner"
        ).get(pk=followup_id)
        recipients = reminder_recipients(followup)
        names = ", ".join(p.internal_name for p in recipients) or _(
            "nobody (no owner, team or assignee)"
        )
        _record(
            followup,
            event="reminded",
            summary=_("Follow-up due, reminded %(who)s: %(title)s")
            % {"who": names, "title": followup.title},
        )
        if recipients:
            from kalm.followups.tasks import send_followup_reminder

            ids = [p.pk for p in recipients]
            transaction.on_commit(lambda: send_followup_reminder(followup.pk, ids))
    return followup


def followup_reminder_email_send(*, followup: FollowUp, recipients: list[Any]) -> int:
    """One email per recipient, in their own language. Returns how many were sent."""
    url = settings.SITE_URL + reverse("desk:case", args=[followup.case_id])
    sent = 0
    for person in recipients:
        with override(person.preferred_language or settings.LANGUAGE_CODE):
            context = {"followup": followup, "case": followup.case, "person": person, "url": url}
            subject = _("Follow-up due: %(reference)s %(title)s") % {
                "reference": followup.case.reference,
                "title": followup.title[:80],
            }
            body = render_to_string("followups/email/reminder.txt", context)
        sent += staff_mail_send(subject, body, [person.email], drill_id=followup.case.drill_id)
    return sent


def followups_due_remind(*, now: datetime | None = None) -> list[FollowUp]:
    """Remind every due, not yet reminded follow-up; safe with several workers at once."""
    now = now or timezone.now()
    due = FollowUp.objects.filter(
        status=State.OPEN, due_at__lte=now, reminded_at=None, claimed_at=None
    ).values_list("pk", flat=True)[:500]
    reminded = [followup_remind(followup_id=pk, now=now) for pk in list(due)]
    return [f for f in reminded if f is not None]


# --- after-care ------------------------------------------------------------------------------


def aftercare_rule_for(case: Case, rules: list[AfterCareRule]) -> AfterCareRule | None:
    """The most specific active rule for the case: product+channel, product, channel, any."""
    best: tuple[int, AfterCareRule] | None = None
    for rule in rules:
        if rule.product_id is not None and rule.product_id != case.product_id:
            continue
        if rule.channel and rule.channel != case.channel:
            continue
        score = (2 if rule.product_id else 0) + (1 if rule.channel else 0)
        if best is None or score > best[0]:
            best = (score, rule)
    return best[1] if best else None


def aftercare_schedule(*, now: datetime | None = None) -> list[FollowUp]:
    """Give every recently resolved case an after-care follow-up for its case owner, once per
    resolution. The message is a suggestion an agent sends: Kalm never writes to a consumer under
    an agent's alias by itself."""
    now = now or timezone.now()
    rules = list(AfterCareRule.objects.filter(active=True))
    if not rules:
        return []
    cases = (
        Case.objects.filter(
            status__in=[Status.RESOLVED, Status.CLOSED],
            resolved_at__gte=now - AFTERCARE_LOOKBACK,
            resolved_at__lte=now,
            merged_into=None,
        )
        .filter(
            ~Exists(
                FollowUp.objects.filter(
                    case=OuterRef("pk"),
                    source=Source.AFTER_RESOLUTION,
                    resolution_at=OuterRef("resolved_at"),
                )
            )
        )
        .select_related("assignee")
    )
    created = []
    for case in cases:
        rule = aftercare_rule_for(case, rules)
        if rule is None:
            continue
        owner = case.assignee if case.assignee and case.assignee.is_desk_member else None
        try:
            with transaction.atomic():
                created.append(
                    followup_create(
                        case=case,
                        title=_("Ask whether everything is all right now"),
                        message=rule.message_for(case.language),
                        due_at=case.resolved_at + timedelta(days=rule.delay_days),
                        owner=owner,
                        source=Source.AFTER_RESOLUTION,
                        resolution_at=case.resolved_at,
                    )
                )
        except IntegrityError:
            continue  # another worker scheduled this resolution's after-care first
    return created


def followups_sweep(*, now: datetime | None = None) -> dict[str, int]:
    """The periodic sweep: schedule after-care for resolved cases, then remind what is due."""
    now = now or timezone.now()
    scheduled = aftercare_schedule(now=now)
    reminded = followups_due_remind(now=now)
    return {"scheduled": len(scheduled), "reminded": len(reminded)}
