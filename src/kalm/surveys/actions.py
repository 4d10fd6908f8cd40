"""Every write of the surveys: composing them, the sweep that invites consumers after a
resolution, a chat or a crisis, sending, the answers, and closing the loop on a low answer.

The sweep is a periodic job, not a signal: it finds occasions by looking (resolved cases, ended
chats, closed crises of the last days) so nothing is missed after downtime, and the unique
(case, occasion) constraint makes two workers harmless.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from kalm.cases.models import Case, Status
from kalm.dossier.actions import entry_append
from kalm.dossier.models import ActorType, EntryKind
from kalm.surveys.items import FIRST_ITEMS, ITEMS
from kalm.surveys.models import Invitation, Response, Survey, Trigger

# Occasions older than this are not surveyed any more (a survey about last month is noise).
LOOKBACK = timedelta(days=7)
SEND_ATTEMPTS = 3
MAX_DELAY_HOURS = 24 * 60
# A comment at or below this sentiment (or angry, distressed, threatening) counts as low.
ANGRY_COMMENT = -0.5


class SurveyError(ValueError):
    """A survey action refused for a reason the person can act on; the message is translated."""


# --- Composing -----------------------------------------------------------------------------


def _clean_survey(fields: dict[str, Any]) -> dict[str, Any]:
    items = [str(code) for code in fields.get("items") or []]
    if not items:
        raise SurveyError(_("Choose at least one question."))
    unknown = [code for code in items if code not in ITEMS]
    if unknown:
        raise SurveyError(_("Unknown question: %(codes)s.") % {"codes": ", ".join(unknown)})
    if len(set(items)) != len(items):
        raise SurveyError(_("Each question can be asked once."))
    if items[0] not in FIRST_ITEMS:
        raise SurveyError(
            _(
                "The first question is answered in the email with one click: choose satisfaction, "
                "recommendation, effort or expectation."
            )
        )
    if fields.get("trigger") not in Trigger.values:
        raise SurveyError(_("Choose when the survey is sent."))
    delay = int(fields.get("delay_hours") or 0)
    if not 0 <= delay <= MAX_DELAY_HOURS:
        raise SurveyError(
            _("Send it at most %(days)d days after the occasion.") % {"days": MAX_DELAY_HOURS // 24}
        )
    name = (fields.get("name") or "").strip()
    if not name:
        raise SurveyError(_("Give the survey a name."))
    return {**fields, "items": items, "delay_hours": delay, "name": name[:120]}


def _require_lead(actor: Any) -> None:
    if not getattr(actor, "is_authenticated", False) or not actor.is_lead:
        raise SurveyError(_("Only team leads and admins compose surveys."))


def survey_create(
    *,
    actor: Any,
    name: str,
    trigger: str,
    delay_hours: int,
    items: list[str],
    intro_nl: str = "",
    intro_en: str = "",
    team: Any = None,
    active: bool = True,
) -> Survey:
    _require_lead(actor)
    fields = _clean_survey(
        {
            "name": name,
            "trigger": trigger,
            "delay_hours": delay_hours,
            "items": items,
            "intro_nl": intro_nl,
            "intro_en": intro_en,
            "team": team,
            "active": active,
        }
    )
    return Survey.objects.create(**fields, created_by=actor)


SURVEY_FIELDS = (
    "name",
    "trigger",
    "delay_hours",
    "items",
    "intro_nl",
    "intro_en",
    "team",
    "active",
)


def survey_update(*, survey: Survey, actor: Any, **fields: Any) -> Survey:
    _require_lead(actor)
    unknown = set(fields) - set(SURVEY_FIELDS)
    if unknown:
        raise TypeError(f"unknown survey fields: {sorted(unknown)}")
    current = {name: getattr(survey, name) for name in SURVEY_FIELDS}
    cleaned = _clean_survey({**current, **fields})
    for name, value in cleaned.items():
        setattr(survey, name, value)
    survey.save(update_fields=list(SURVEY_FIELDS))
    return survey


# --- Inviting -------------------------------------------------------------------------------

# At most this many new occasions per trigger and sweep: a backlog is worked off in turns.
SWEEP_BATCH = 2000


def occasion_key(trigger: str, *, case: Case | None = None, ref: Any = None) -> str:
    """What an invitation is about, unique per case: the resolution (its time), the chat
    session or the crisis."""
    if trigger == Trigger.RESOLVED:
        assert case is not None and case.resolved_at is not None
        return f"resolved:{case.resolved_at.isoformat()}"
    return f"{trigger}:{ref}"


def _survey_for(surveys: list[Survey], case: Case) -> Survey | None:
    """The survey of the case's team, else the one for every team."""
    own = [s for s in surveys if s.team_id is not None and s.team_id == case.team_id]
    every = [s for s in surveys if s.team_id is None]
    return (own or every or [None])[0]


def invitation_create(
    *, survey: Survey, case: Case, occasion: str, at: datetime
) -> Invitation | None:
    """The invitation for one occasion of a case, due after the survey's delay; None when the
    occasion already has one."""
    try:
        with transaction.atomic():
            return Invitation.objects.create(
                survey=survey,
                case=case,
                consumer_id=case.consumer_id,
                occasion=occasion[:80],
                language=case.language or "nl",
                created_at=timezone.now(),
                due_at=at + timedelta(hours=survey.delay_hours),
            )
    except IntegrityError:
        return None  # this occasion has its invitation (another worker, an earlier sweep)


def _not_invited(prefix: str, case_ref: str, after_ref: str) -> Exists:
    """No invitation of this kind made since the occasion happened: the sweep only looks at
    what is new, so each run costs a query per trigger, not an insert per old occasion."""
    return ~Exists(
        Invitation.objects.filter(
            case=OuterRef(case_ref),
            occasion__startswith=prefix,
            created_at__gte=OuterRef(after_ref),
        )
    )


def _occasions(
    trigger: str, since: datetime, now: datetime
) -> Iterator[tuple[Case, str, datetime]]:
    """(case, occasion key, when) for what happened since ``since`` and has no invitation yet.
    Drill cases and merged cases are never surveyed."""
    real = Q(case__drill_id=None, case__merged_into=None)
    if trigger == Trigger.RESOLVED:
        cases = (
            Case.objects.filter(
                status__in=[Status.RESOLVED, Status.CLOSED],
                resolved_at__gte=since,
                resolved_at__lte=now,
                drill_id=None,
                merged_into=None,
            )
            .filter(_not_invited("resolved:", "pk", "resolved_at"))
            .select_related("consumer")
            .order_by("resolved_at")[:SWEEP_BATCH]
        )
        for case in cases.iterator(chunk_size=500):
            yield case, occasion_key(trigger, case=case), case.resolved_at
    elif trigger == Trigger.CHAT:
        from kalm.chat.models import ChatSession

        sessions = (
            ChatSession.objects.filter(
                real, status=ChatSession.Status.ENDED, ended_at__gte=since, ended_at__lte=now
            )
            .filter(_not_invited("chat:", "case_id", "ended_at"))
            .select_related("case", "case__consumer")
            .order_by("ended_at")[:SWEEP_BATCH]
        )
        for session in sessions.iterator(chunk_size=500):
            yield session.case, occasion_key(trigger, ref=session.pk), session.ended_at
    elif trigger == Trigger.CRISIS:
        from kalm.crisis.models import CrisisCase, CrisisStatus

        links = (
            CrisisCase.objects.filter(
                real,
                state=CrisisCase.State.CONFIRMED,
                crisis__status=CrisisStatus.CLOSED,
                crisis__drill_id=None,
                crisis__closed_at__gte=since,
                crisis__closed_at__lte=now,
            )
            .filter(_not_invited("crisis:", "case_id", "crisis__closed_at"))
            .select_related("case", "case__consumer", "crisis")
            .order_by("crisis__closed_at", "pk")[:SWEEP_BATCH]
        )
        for link in links.iterator(chunk_size=500):
            yield link.case, occasion_key(trigger, ref=link.crisis_id), link.crisis.closed_at


def invitations_schedule(*, now: datetime | None = None) -> int:
    """The sweep's first half: an invitation for every new occasion of an active survey."""
    now = now or timezone.now()
    surveys = list(Survey.objects.filter(active=True))
    made = 0
    for trigger in Trigger.values:
        of_kind = [s for s in surveys if s.trigger == trigger]
        if not of_kind:
            continue
        for case, occasion, at in _occasions(trigger, now - LOOKBACK, now):
            survey = _survey_for(of_kind, case)
            if survey is not None and invitation_create(
                survey=survey, case=case, occasion=occasion, at=at
            ):
                made += 1
    return made


# --- Sending --------------------------------------------------------------------------------

# A row claimed this long ago and still "being sent" lost its worker: it is claimed again (the
# email's fixed Message-ID keeps a second attempt from sending twice).
STALE_CLAIM = timedelta(minutes=15)
RETRY_AFTER = timedelta(minutes=30)


def _settle(invitation: Invitation, **fields: Any) -> Invitation:
    """Write the outcome of a claimed send, only while this worker still holds the claim (an
    answer given meanwhile, through the status page, is never overwritten)."""
    Invitation.objects.filter(pk=invitation.pk, status=Invitation.Status.SENDING).update(**fields)
    for name, value in fields.items():
        setattr(invitation, name, value)
    return invitation


def _reason_not_to_send(invitation: Invitation, now: datetime) -> str:
    """A code from Invitation.NOTES, or "" to send."""
    case = invitation.case
    if not invitation.survey.active:
        return "inactive"
    if invitation.occasion.startswith("resolved:") and (
        case.status not in (Status.RESOLVED, Status.CLOSED)
        or invitation.occasion != occasion_key(Trigger.RESOLVED, case=case)
    ):
        return "reopened"  # reopened since; a later resolution has its own invitation
    quiet = timedelta(days=settings.KALM_SURVEY_QUIET_DAYS)
    recent = Invitation.objects.filter(
        consumer_id=invitation.consumer_id, sent_at__gte=now - quiet
    ).exclude(pk=invitation.pk)
    if recent.exists():
        return "quiet"
    if not case.consumer.email:
        return "no_email"
    return ""


def invitation_send(*, invitation_id: int, now: datetime | None = None) -> Invitation | None:
    """Send one due invitation by email, or note why not. Claimed with a conditional update,
    so two workers never send the same one."""
    from kalm.cases.actions import case_email_deliver, portal_link_create, portal_url
    from kalm.surveys.links import answer_links, survey_url

    now = now or timezone.now()
    claimable = Q(status=Invitation.Status.SCHEDULED) | Q(
        status=Invitation.Status.FAILED, attempts__lt=SEND_ATTEMPTS
    )
    claimable |= Q(status=Invitation.Status.SENDING, claimed_at__lt=now - STALE_CLAIM)
    claimed = Invitation.objects.filter(claimable, pk=invitation_id).update(
        status=Invitation.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if claimed != 1:
        return None
    invitation = Invitation.objects.select_related("survey", "case", "case__consumer").get(
        pk=invitation_id
    )
    why = _reason_not_to_send(invitation, now)
    if why:
        # Offered on the status page instead of by email: that counts for the quiet period.
        offered = now if why == "no_email" else None
        return _settle(invitation, status=Invitation.Status.SKIPPED, note=why, sent_at=offered)
    case, survey = invitation.case, invitation.survey
    try:
        _link, token = portal_link_create(case=case)
        first = ITEMS.get(survey.first_item) if survey.first_item else None
        with override(invitation.language):
            subject = _("How did we do? [%(ref)s]") % {"ref": case.reference}
            links = answer_links(token, invitation.pk, first.code) if first else []
        case_email_deliver(
            case=case,
            subject=subject,
            template="surveys/email/invitation.txt",
            context={
                "survey": survey,
                "intro": survey.intro(invitation.language),
                "first_item": first,
                "answer_links": links,
                "survey_url": survey_url(token, invitation.pk),
                "status_url": portal_url(token),
            },
            email_id=_email_id(case, f"survey-{invitation.pk}"),
            auto=True,
        )
    except Exception as exc:  # any failure is kept on the row and retried later
        return _settle(
            invitation,
            status=Invitation.Status.FAILED,
            note=str(exc)[:300] or exc.__class__.__name__,
            due_at=now + RETRY_AFTER * invitation.attempts,
        )
    return _settle(invitation, status=Invitation.Status.SENT, sent_at=now, note="")


def _email_id(case: Case, key: str) -> str:
    """A Message-ID fixed per email (not per attempt): a retried send finds its EMAIL_SENT entry
    and does not send twice (kalm.cases.actions.case_email_deliver)."""
    from kalm.channels.email.outbound import sender_for

    return f"<kalm-{key}@{sender_for(case).domain}>"


def invitations_send_due(*, now: datetime | None = None) -> int:
    """The sweep's second half: send what is due, oldest first; failed ones are retried later
    (at most SEND_ATTEMPTS times), and a send whose worker died is taken up again."""
    now = now or timezone.now()
    due = Invitation.objects.filter(
        Q(status=Invitation.Status.SCHEDULED, due_at__lte=now)
        | Q(status=Invitation.Status.FAILED, attempts__lt=SEND_ATTEMPTS, due_at__lte=now)
        | Q(status=Invitation.Status.SENDING, claimed_at__lt=now - STALE_CLAIM)
    ).order_by("due_at", "pk")
    sent = 0
    for pk in list(due.values_list("pk", flat=True)[:500]):
        invitation = invitation_send(invitation_id=pk, now=now)
        sent += bool(invitation and invitation.status == Invitation.Status.SENT)
    return sent


def surveys_sweep(*, now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    return {"scheduled": invitations_schedule(now=now), "sent": invitations_send_due(now=now)}


# --- Answering ------------------------------------------------------------------------------

SCALE_FIELDS = ("csat", "nps", "ces", "interested", "important", "understood")
MAX_COMMENT_CHARS = 4000


def _low_reasons(response: Response) -> list[str]:
    reasons = []
    for code in (*SCALE_FIELDS, "expectation"):
        value = getattr(response, code)
        if value not in (None, "") and str(value) in ITEMS[code].low:
            reasons.append(code)
    sentiment = response.comment_sentiment
    angry = sentiment is not None and sentiment <= ANGRY_COMMENT
    if response.comment and (angry or response.comment_signals):
        reasons.append("comment")
    return reasons


def _read_comment(text: str) -> tuple[float | None, list[str]]:
    """Sentiment of a comment (kalm.empathy.engine) and why it calls for a person: escalation
    signals with their words, anger or distress words (the answer bot's hand-off rule, which
    reads short texts from words rather than from the emotion model alone)."""
    if not text.strip():
        return None, []
    from kalm.assistant.handoff import check
    from kalm.empathy.engine import analyse

    analysis = analyse(text)
    return analysis.sentiment, check(text, analysis=analysis).reasons


def response_submit(*, invitation: Invitation, answers: dict[str, str]) -> Response:
    """Save the consumer's answers (all or some; later answers complete or change earlier ones),
    write them to the dossier, and close the loop the first time an answer is low."""
    survey = invitation.survey
    allowed = set(survey.items)
    clean: dict[str, Any] = {}
    for code, raw in answers.items():
        if code not in allowed:
            continue
        value = (raw or "").strip()
        if code == "comment":
            clean["comment"] = value[:MAX_COMMENT_CHARS]
            continue
        if value == "":
            continue
        if not ITEMS[code].valid(value):
            raise SurveyError(_("That answer is not one of the choices."))
        clean[code] = value if code == "expectation" else int(value)
    if not clean:
        raise SurveyError(_("Choose an answer first."))
    sentiment, signals = (None, [])
    if "comment" in clean:
        sentiment, signals = _read_comment(clean["comment"])
    now = timezone.now()
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().select_related("case").get(pk=invitation.pk)
        case = locked.case
        response = Response.objects.filter(invitation=locked).first()
        if response is None:
            response = Response(
                invitation=locked,
                case=case,
                survey=survey,
                team_id=case.team_id,
                agent_id=case.assignee_id,
                channel=case.channel,
                product_id=case.product_id,
                topic_id=case.topic_id,
                language=locked.language,
                trigger=survey.trigger,
                created_at=now,
            )
        before = {code: getattr(response, code) for code in clean}
        if response.pk and all(before[code] == clean[code] for code in clean):
            return response  # the same click twice, or a scanner's POST replayed
        for code, value in clean.items():
            setattr(response, code, value)
        if "comment" in clean:
            response.comment_sentiment, response.comment_signals = sentiment, signals
        response.updated_at = now
        response.low_reasons = _low_reasons(response)
        response.save()
        if locked.status != Invitation.Status.ANSWERED:
            Invitation.objects.filter(pk=locked.pk).update(
                status=Invitation.Status.ANSWERED, answered_at=now
            )
        entry_append(
            case=case,
            kind=EntryKind.SURVEY_ANSWERED,
            summary=_("Survey answered: %(answers)s") % {"answers": _summary(clean)},
            actor_type=ActorType.CONSUMER,
            payload={
                "invitation_id": locked.pk,
                "survey": survey.name,
                "answers": dict(clean),
                "low": response.low_reasons,
            },
        )
        if response.low_reasons and response.followup_id is None:
            _close_the_loop(response, response.low_reasons)
    return response


def _summary(clean: dict[str, Any]) -> str:
    parts = []
    for code, value in clean.items():
        if code == "comment":
            parts.append(_("comment"))
        elif code == "expectation":
            parts.append(str(Response.Expectation(value).label))
        else:
            parts.append(f"{reason_label(code)} {value}")
    return ", ".join(parts)[:400]


def _close_the_loop(response: Response, reasons: list[str]) -> None:
    """A low answer: a follow-up for the team lead, due within one working day, and a short
    email so the consumer hears back at once."""
    from kalm.accounts.models import Role, User
    from kalm.followups.actions import followup_create
    from kalm.followups.models import FollowUp

    case = response.case
    # The team's own lead; no team, or none: the follow-up is the team's (kalm.followups).
    owner = (
        User.objects.filter(role=Role.LEAD, is_active=True, teams=case.team_id)
        .order_by("id")
        .first()
        if case.team_id
        else None
    )
    labels = ", ".join(reason_label(code) for code in reasons)
    followup = followup_create(
        case=case,
        title=_("Call back about a low survey answer (%(why)s)") % {"why": labels},
        due_at=timezone.now() + timedelta(days=1),
        owner=owner,
        source=FollowUp.Source.SURVEY,
    )
    Response.objects.filter(pk=response.pk).update(followup=followup)
    response.followup = followup
    if case.consumer.email:
        transaction.on_commit(lambda: _queue_thanks(response.pk))


def reason_label(code: str) -> str:
    if code == "comment":
        return _("comment")
    return {
        "csat": _("satisfaction"),
        "nps": _("recommendation"),
        "ces": _("effort"),
        "expectation": _("below expectation"),
        "interested": _("interest"),
        "important": _("feeling important"),
        "understood": _("understanding"),
    }.get(code, code)


def _queue_thanks(response_id: int) -> None:
    from kalm.surveys.tasks import send_low_answer_thanks

    send_low_answer_thanks(response_id)


def low_answer_thanks_send(*, response_id: int) -> Any:
    """The consumer's short answer to a low score: we heard you, a team lead will call."""
    from kalm.cases.actions import case_email_deliver, portal_link_create, portal_url

    response = Response.objects.select_related("case", "case__consumer").get(pk=response_id)
    case = response.case
    _link, token = portal_link_create(case=case)
    with override(case.language or "nl"):
        subject = _("Thank you for your honest answer [%(ref)s]") % {"ref": case.reference}
    return case_email_deliver(
        case=case,
        subject=subject,
        template="surveys/email/thanks_low.txt",
        context={"status_url": portal_url(token)},
        email_id=_email_id(case, f"survey-thanks-{response.pk}"),
        auto=True,
    )
