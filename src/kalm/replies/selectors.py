"""Reads for replies: the conversation a draft answers, how the consumer feels, the values a
template's variables take, the templates suggested for a case, and the access checks."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from kalm.cases.models import Case, Channel, Message, Priority
from kalm.replies import phrases
from kalm.replies.models import ReplyTemplate, Situation
from kalm.replies.names import name_parts
from kalm.replies.variables import Rendered, render

log = logging.getLogger(__name__)

NEGATIVE_SENTIMENT = -0.2
# A consumer's message unanswered for longer than this has waited long: thank them for it.
LONG_WAIT = timedelta(days=1)
# {next_step_date} when the case has no (future) date: the promise a first reply can keep.
DEFAULT_NEXT_STEP_WORKING_DAYS = 2
MOOD_CACHE_SECONDS = 24 * 3600


# --- access --------------------------------------------------------------------------------------


def _require_member(user: Any) -> None:
    if not getattr(user, "is_authenticated", False) or not user.is_desk_member:
        raise PermissionDenied


def reply_templates(user: Any) -> QuerySet[ReplyTemplate]:
    """What the templates page lists: everything for leads, the active ones for agents."""
    _require_member(user)
    qs = ReplyTemplate.objects.all()
    return qs if user.is_lead else qs.filter(active=True)


def access_reply_template_editing(user: Any) -> None:
    """Only team leads and administrators write templates."""
    _require_member(user)
    if not user.is_lead:
        raise PermissionDenied


def access_reply_template(user: Any, template_id: Any, *, for_edit: bool = False) -> ReplyTemplate:
    """The template, if this user may use it (desk members: active ones) or edit it (leads)."""
    if for_edit:
        access_reply_template_editing(user)
    _require_member(user)
    try:
        return reply_templates(user).get(pk=int(template_id))
    except (TypeError, ValueError, ReplyTemplate.DoesNotExist) as exc:
        raise Http404 from exc


# --- the conversation ----------------------------------------------------------------------------


@dataclass
class Conversation:
    inbound: list[Message] = field(default_factory=list)  # oldest first
    unanswered: list[Message] = field(default_factory=list)  # inbound since our last reply
    replied: bool = False  # we have answered at least once

    @property
    def latest_inbound(self) -> Message | None:
        return self.inbound[-1] if self.inbound else None


def conversation(case: Case) -> Conversation:
    qs = case.messages.filter(kind__in=[Message.Kind.INBOUND, Message.Kind.OUTBOUND])
    messages = list(qs.select_related("analysis").order_by("created_at", "id"))
    result = Conversation()
    for message in messages:
        if message.kind == Message.Kind.OUTBOUND:
            result.replied = True
            result.unanswered = []
        else:
            result.inbound.append(message)
            result.unanswered.append(message)
    return result


# --- how the consumer feels ----------------------------------------------------------------------


@dataclass(frozen=True)
class Mood:
    negative: bool
    sentiment: float | None
    emotion: str
    fired: tuple[str, ...]
    source: str  # "stored" (the empathy app's MessageAnalysis), "engine" or "lexicon"


def _stored(message: Message) -> Any:
    # MessageAnalysis (kalm.empathy.models) is a OneToOne "analysis" on Message, filled in after
    # the message arrives; it may not exist yet for this message. getattr's default also covers
    # RelatedObjectDoesNotExist, which is an AttributeError.
    analysis = getattr(message, "analysis", None)
    if analysis is None or getattr(analysis, "sentiment", None) is None:
        return None
    return analysis


def _mood(sentiment: float, label: str, emotion: str, fired: list[str], source: str) -> Mood:
    negative = label == "negative" or sentiment <= NEGATIVE_SENTIMENT or bool(fired)
    return Mood(negative, round(float(sentiment), 3), emotion or "", tuple(fired), source)


def _lexicon_fired(text: str) -> list[str]:
    from kalm.empathy import lexicon

    hits = lexicon.match(text, lexicon.LANGUAGES)
    return [name for name, found in hits.items() if any(h.level == "strong" for h in found)]


def message_mood(message: Message) -> Mood:
    """How the consumer sounds in ``message``: the stored analysis when there is one, else the
    engine (cached per message text), else, should the engine fail, its lexicon alone."""
    stored = _stored(message)
    if stored is not None:
        fired = list(stored.fired)
        return _mood(stored.sentiment, stored.sentiment_label, stored.emotion, fired, "stored")
    digest = hashlib.sha1(message.body.encode(), usedforsecurity=False).hexdigest()[:16]
    key = f"replies:mood:{message.pk}:{digest}"
    cached = cache.get(key)
    if cached is None:
        try:
            from kalm.empathy.engine import analyse

            found = analyse(message.body)
        except Exception:  # the check is advice: a broken model must not break the desk
            log.exception("empathy engine failed; falling back to the lexicon")
            fired = _lexicon_fired(message.body)
            return Mood(bool(fired), None, "", tuple(fired), "lexicon")
        cached = (found.sentiment, found.sentiment_label, found.emotion, found.fired())
        cache.set(key, cached, MOOD_CACHE_SECONDS)
    sentiment, label, emotion, fired = cached
    return _mood(sentiment, label, emotion, list(fired), "engine")


def message_signals(message: Message) -> set[str]:
    """The escalation signals in ``message``, cheaply: stored analysis, else the lexicon."""
    stored = _stored(message)
    if stored is not None:
        return set(stored.fired)
    return set(_lexicon_fired(message.body))


# --- waiting -------------------------------------------------------------------------------------


def waiting_mentions(messages: list[Message]) -> list[str]:
    """The words in which the consumer says they have been waiting."""
    pattern = phrases.any_language(phrases.WAITING)
    found: list[str] = []
    for message in messages:
        for match in pattern.finditer(message.body.replace("\u2019", "'")):
            if match.group(0) not in found:
                found.append(match.group(0))
    return found


def waited_reasons(case: Case, talk: Conversation, now: datetime) -> list[str]:
    """Why this consumer has waited long (translated), or nothing when they have not."""
    reasons: list[str] = []
    due = case.first_response_due_at
    if case.first_responded_at is None and due is not None and due < now:
        reasons.append(_("the first answer is later than promised"))
    if talk.unanswered and now - talk.unanswered[0].created_at > LONG_WAIT:
        reasons.append(_("the consumer's message has waited more than a day for an answer"))
    words = waiting_mentions(talk.unanswered)
    if words:
        reasons.append(
            _("the consumer mentions waiting (“%(words)s”)") % {"words": "”, “".join(words[:3])}
        )
    return reasons


# --- template variables --------------------------------------------------------------------------


def reply_goes_by_email(case: Case) -> bool:
    """Whether the reply is emailed: the email then greets the consumer by name and carries a
    status link itself (cases/email/reply.txt)."""
    from kalm.channels.delivery import deliverer_for

    if not case.consumer.email:
        return False
    channel = case.channel if case.channel != Channel.WEB else Channel.EMAIL
    email = deliverer_for(Channel.EMAIL)
    return email is not None and deliverer_for(channel) is email


def long_date(day: date, language: str) -> str:
    with translation.override(language):
        return formats.date_format(day, "l j F Y")


def next_step_day(case: Case, today: date) -> date:
    if case.next_step_due and case.next_step_due >= today:
        return case.next_step_due
    from kalm.followups.calendar import add_working_days

    country = "BE" if case.language.lower().endswith("be") else "NL"
    return add_working_days(today, DEFAULT_NEXT_STEP_WORKING_DAYS, country)


_FALLBACKS = {
    "product": {"nl": "uw product", "en": "your product", "fr": "votre produit"},
    "next_step": {
        "nl": "wij onderzoeken uw melding zorgvuldig en bekijken wat wij voor u kunnen doen",
        "en": "we are looking carefully into your report and what we can do for you",
        "fr": "nous examinons attentivement votre demande et ce que nous pouvons faire",
    },
    "alias": {"nl": "de klantenservice", "en": "customer service", "fr": "le service client"},
    # Templates open with the name; without one (a phone number stands in), a polite address.
    "consumer_name": {"nl": "Beste klant", "en": "Dear customer", "fr": "Madame, Monsieur"},
}
_STATUS_HINT = {
    "email": {
        "nl": "Onder dit bericht vindt u een persoonlijke link waarmee u de stand van zaken "
        "altijd kunt bekijken.",
        "en": "Below this message you will find a personal link to follow your case at any time.",
        "fr": "Sous ce message, vous trouverez un lien personnel pour suivre votre dossier.",
    },
    "link": {
        "nl": "U kunt de stand van zaken altijd bekijken via de persoonlijke link die wij u "
        "eerder stuurden.",
        "en": "You can follow your case at any time through the personal link we sent you.",
        "fr": "Vous pouvez suivre votre dossier grâce au lien personnel que nous vous avons "
        "envoyé.",
    },
    "none": {
        "nl": "Wilt u de stand van zaken online volgen? Laat het ons weten, dan sturen wij u een "
        "persoonlijke link.",
        "en": "Would you like to follow your case online? Let us know and we will send you a "
        "personal link.",
        "fr": "Vous souhaitez suivre votre dossier en ligne ? Dites-le-nous et nous vous "
        "enverrons un lien personnel.",
    },
}


def _pick(table: dict[str, str], language: str) -> str:
    return table.get(language) or table["en"]


def template_values(
    case: Case, *, agent: Any, language: str, today: date | None = None
) -> dict[str, str]:
    """What each variable stands for in a reply on ``case`` written in ``language``."""
    from kalm.core.selectors import organisation

    language = (language or "nl")[:2].lower()
    today = today or timezone.localdate()
    consumer = case.consumer
    parts = name_parts(consumer.name, organisation=consumer.kind == "organisation")
    if reply_goes_by_email(case):
        hint = "email"
    elif case.portal_links.filter(revoked_at=None).exists():
        hint = "link"
    else:
        hint = "none"
    next_step = (case.next_step or "").strip().rstrip(".!;: ")
    return {
        "consumer_name": parts.full or _pick(_FALLBACKS["consumer_name"], language),
        "first_name": parts.first or parts.full or _pick(_FALLBACKS["consumer_name"], language),
        "alias": getattr(agent, "alias", None) or _pick(_FALLBACKS["alias"], language),
        "reference": case.reference,
        "product": str(case.product) if case.product else _pick(_FALLBACKS["product"], language),
        "next_step": next_step or _pick(_FALLBACKS["next_step"], language),
        "next_step_date": long_date(next_step_day(case, today), language),
        "date": long_date(today, language),
        "status_link_hint": _pick(_STATUS_HINT[hint], language),
        "organisation": organisation().name,
    }


def template_render(template: ReplyTemplate, *, case: Case, agent: Any) -> Rendered:
    values = template_values(case, agent=agent, language=template.language)
    return render(template.body, values)


# --- which templates fit this case ---------------------------------------------------------------

_SIGNAL_SITUATIONS = [
    ("injury", Situation.INJURY_FIRST),
    ("legal", Situation.LEGAL_THREAT),
    ("aggression", Situation.AGGRESSION),
    ("vulnerability", Situation.VULNERABILITY),
]


def suggested_situations(case: Case, *, now: datetime | None = None) -> list[str]:
    """Situations that fit the case, best first: its signals (injury, legal threat, aggression,
    vulnerability; an urgent case counts as an injury), a long wait, a refund wish, and a first
    reply to a complaint."""
    now = now or timezone.now()
    talk = conversation(case)
    recent = talk.unanswered or talk.inbound[-1:]
    signals: set[str] = set()
    for message in recent:
        signals |= message_signals(message)
    found: list[str] = [situation for signal, situation in _SIGNAL_SITUATIONS if signal in signals]
    if case.priority == Priority.URGENT and Situation.INJURY_FIRST not in found:
        found.append(Situation.INJURY_FIRST)
    if talk.replied and waited_reasons(case, talk, now):
        found.append(Situation.DELAY)
    if case.expectations.filter(code="refund").exists():
        found.append(Situation.REFUND)
    if not talk.replied:
        if case.first_response_due_at and case.first_response_due_at < now:
            found.append(Situation.DELAY)
        found.append(Situation.COMPLAINT_FIRST)
    return list(dict.fromkeys(found))


@dataclass
class PickerGroup:
    label: str
    templates: list[ReplyTemplate]
    suggested: bool = False


def template_picker(case: Case) -> list[PickerGroup]:
    """The active templates for the reply box: those suggested for the case first (in the case's
    language), then every template by language, the case's language first."""
    templates = list(ReplyTemplate.objects.filter(active=True))
    if not templates:
        return []
    language = (case.language or "nl")[:2]
    situations = suggested_situations(case)
    rank = {situation: i for i, situation in enumerate(situations)}
    suggested = sorted(
        (t for t in templates if t.situation in rank and t.language == language),
        key=lambda t: (rank[t.situation], t.position, t.name),
    )
    groups = [PickerGroup(_("Suggested for this case"), suggested, True)] if suggested else []
    languages = sorted({t.language for t in templates}, key=lambda code: (code != language, code))
    names = {"nl": _("Dutch"), "en": _("English"), "fr": _("French")}
    for code in languages:
        groups.append(
            PickerGroup(names.get(code, code.upper()), [t for t in templates if t.language == code])
        )
    return groups
