"""Every write of the answer bot: a visitor's conversation, their questions and feedback, the
hand-off to a person (with the conversation so far on the case), and the clean-up.

The bot never writes a sentence of its own about facts: an answer is a passage of a published
article or of the current crisis statement, with its link (kalm.kb.bot). What the bot itself
says ("I am not sure", "a colleague takes over") is interface text, in the templates.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kalm.assistant import handoff
from kalm.assistant.models import Conversation, Gap, Turn
from kalm.chat.actions import chat_start
from kalm.chat.models import ChatSession
from kalm.chat.selectors import token_hash
from kalm.dossier.actions import entry_append
from kalm.dossier.models import ActorType, EntryKind
from kalm.kb import bot
from kalm.kb.search import LANGUAGES

MAX_QUESTION_CHARS = 1000
# A conversation this long is not going anywhere with a bot: offer the person instead.
MAX_TURNS = 40
# A question of this many words is long enough to trust language identification over the page.
DETECT_LANGUAGE_FROM_WORDS = 4


class AssistantError(ValueError):
    """A bot action refused for a reason the visitor can act on; the message is translated."""


def _language(code: str) -> str:
    return code if code in LANGUAGES else LANGUAGES[0]


def conversation_start(*, language: str) -> tuple[Conversation, str]:
    """A visitor asks their first question: a conversation, and the secret for their cookie
    (only its hash is stored)."""
    secret = secrets.token_urlsafe(32)
    now = timezone.now()  # called, not a field default: the demo back-dates through it
    conversation = Conversation.objects.create(
        token_hash=token_hash(secret),
        language=_language(language),
        started_at=now,
        last_activity_at=now,
    )
    return conversation, secret


def question_language(question: str, page_language: str) -> str:
    """The language to answer in: the page's, unless a question of a few words is clearly in
    the other language we answer in (a Dutch page, an English question: an English answer)."""
    if len(question.split()) < DETECT_LANGUAGE_FROM_WORDS:
        return _language(page_language)
    from kalm.empathy.engine import detect_language

    detected = detect_language(question)
    return detected if detected in LANGUAGES else _language(page_language)


def _clean(question: str) -> str:
    text = " ".join((question or "").split())
    if not text:
        raise AssistantError(_("Type your question first."))
    if len(text) > MAX_QUESTION_CHARS:
        raise AssistantError(
            _("Please keep your question under %(n)d characters, or talk to a person.")
            % {"n": MAX_QUESTION_CHARS}
        )
    return text


def _shown(result: bot.BotAnswer) -> dict[str, Any]:
    """What the visitor sees of a bot answer, frozen on the turn."""
    title = ""
    if result.article is not None:
        title = result.article.title
    elif result.crisis is not None:
        title = result.crisis.title
    return {
        "article": result.article,
        "crisis": result.crisis,
        "title": title[:300],
        "passage": result.passage,
        "url": result.url[:500],
        "confidence": result.confidence,
        "alternatives": [
            {"id": a.pk, "title": a.title, "url": bot.article_url(a)} for a in result.alternatives
        ],
    }


def conversation_ask(*, conversation: Conversation, question: str, page_language: str) -> Turn:
    """The visitor asks a question; the bot answers, says it is not sure, or hands over.

    An upset or endangered visitor (kalm.assistant.handoff) gets a person at once; the bot still
    shows a matching article or crisis update underneath, for while they wait."""
    from kalm.assistant.gaps import gap_record, question_terms

    text = _clean(question)
    if conversation.status != Conversation.Status.OPEN:
        raise AssistantError(_("This conversation is with a colleague now."))
    language = question_language(text, page_language)
    check = handoff.check(text)
    result = bot.answer(text, language=language)
    now = timezone.now()
    with transaction.atomic():
        # Locked and re-read: a second question from another tab, or the hand-over to a chat,
        # may have happened while the bot was reading this one.
        conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if conversation.status != Conversation.Status.OPEN:
            raise AssistantError(_("This conversation is with a colleague now."))
        if conversation.turns.count() >= MAX_TURNS:
            raise AssistantError(
                _("This conversation has become long. A colleague can help you further.")
            )
        changed = ["last_activity_at"]
        if check:
            shown = _shown(result) if result.kind in ("article", "crisis") else {}
            turn = Turn.objects.create(
                conversation=conversation,
                question=text,
                language=language,
                kind=Turn.Kind.HANDOFF,
                signals=check.reasons,
                created_at=now,
                **shown,
            )
            conversation.handoff_reason = Conversation.Reason.SIGNAL
            conversation.handoff_signals = list(
                dict.fromkeys([*conversation.handoff_signals, *check.words])
            )
            conversation.handoff_requested_at = now
            changed += ["handoff_reason", "handoff_signals", "handoff_requested_at"]
        else:
            turn = Turn.objects.create(
                conversation=conversation,
                question=text,
                language=language,
                kind=result.kind,
                created_at=now,
                **_shown(result),
            )
            # A question with no words to group by ("?", "hallo") is no gap in the knowledge.
            if result.kind == "unsure" and question_terms(text, language):
                gap_record(turn=turn, reason="unanswered")
        conversation.last_activity_at = now
        conversation.save(update_fields=changed)
    return turn


def turn_feedback(*, turn: Turn, helpful: bool, reason: str = "") -> Turn:
    """The visitor says whether an answer helped; an answer that did not becomes a gap."""
    from kalm.assistant.gaps import gap_record

    if turn.kind not in (Turn.Kind.ARTICLE, Turn.Kind.CRISIS):
        raise AssistantError(_("There is no answer to rate here."))
    if reason and reason not in Turn.Reason.values:
        raise AssistantError(_("Choose one of the reasons."))
    if turn.feedback_at is not None and (turn.helpful is helpful) and not reason:
        return turn  # the same click twice
    with transaction.atomic():
        locked = Turn.objects.select_for_update().get(pk=turn.pk)
        if locked.helpful is False and helpful:
            raise AssistantError(_("You already told us this answer did not help."))
        locked.helpful = helpful
        locked.feedback_reason = "" if helpful else (reason or locked.feedback_reason)
        locked.feedback_at = timezone.now()
        locked.save(update_fields=["helpful", "feedback_reason", "feedback_at"])
        if not helpful:
            gap_record(turn=locked, reason="unhelpful")
        Conversation.objects.filter(pk=turn.conversation_id).update(
            last_activity_at=locked.feedback_at
        )
    return locked


def conversation_handoff_request(*, conversation: Conversation) -> Conversation:
    """The visitor clicks "talk to a person". A hand-off the bot already started for signals
    keeps that reason: it says more to the agent."""
    if conversation.status != Conversation.Status.OPEN:
        return conversation
    if not conversation.handoff_reason:
        last = conversation.turns.order_by("-id").first()
        conversation.handoff_reason = (
            Conversation.Reason.UNSURE
            if last is not None and (last.kind == Turn.Kind.UNSURE or last.helpful is False)
            else Conversation.Reason.ASKED
        )
    conversation.handoff_requested_at = timezone.now()
    conversation.last_activity_at = conversation.handoff_requested_at
    conversation.save(update_fields=["handoff_reason", "handoff_requested_at", "last_activity_at"])
    return conversation


def transcript(conversation: Conversation) -> list[dict[str, Any]]:
    """The conversation as the dossier keeps it: every question and what the visitor was shown."""
    return [
        {
            "at": turn.created_at.isoformat(),
            "question": turn.question,
            "language": turn.language,
            "kind": turn.kind,
            "title": turn.title,
            "passage": turn.passage,
            "url": turn.url,
            "alternatives": [a.get("title", "") for a in turn.alternatives],
            "signals": turn.signals,
            "helpful": turn.helpful,
            "feedback_reason": turn.feedback_reason,
        }
        for turn in conversation.turns.all()  # Turn's ordering: created_at, id (prefetchable)
    ]


def conversation_hand_over(*, conversation: Conversation, session: ChatSession) -> Conversation:
    """Link the conversation to the chat that takes over, and put it in the case's dossier."""
    if conversation.status != Conversation.Status.OPEN:
        return conversation
    now = timezone.now()
    with transaction.atomic():
        claimed = Conversation.objects.filter(
            pk=conversation.pk, status=Conversation.Status.OPEN
        ).update(
            status=Conversation.Status.HANDED_OFF,
            handed_off_at=now,
            case=session.case,
            chat_session=session,
            handoff_reason=conversation.handoff_reason or Conversation.Reason.ASKED,
        )
        if claimed != 1:
            return conversation
        conversation.refresh_from_db()
        turns = transcript(conversation)
        if turns:
            entry_append(
                case=session.case,
                kind=EntryKind.BOT_CONVERSATION,
                summary=ngettext(
                    "Before the chat: %(n)d question to the answer bot",
                    "Before the chat: %(n)d questions to the answer bot",
                    len(turns),
                )
                % {"n": len(turns)},
                actor_type=ActorType.CONSUMER,
                payload={
                    "conversation_id": conversation.pk,
                    "reason": conversation.handoff_reason,
                    "words": conversation.handoff_signals,
                    "turns": turns,
                },
            )
    return conversation


def conversation_chat_start(
    *,
    conversation: Conversation | None,
    name: str,
    email: str = "",
    body: str,
    language: str = "nl",
) -> tuple[ChatSession, str]:
    """Start a live chat (kalm.chat.actions.chat_start) and hand the bot conversation, if any,
    over to it in the same transaction: the agent sees everything the visitor asked."""
    with transaction.atomic():
        session, secret = chat_start(name=name, email=email, body=body, language=language)
        if conversation is not None and conversation.status == Conversation.Status.OPEN:
            if not conversation.handoff_reason:
                conversation_handoff_request(conversation=conversation)
            conversation_hand_over(conversation=conversation, session=session)
    return session, secret


def conversations_purge(*, now: datetime | None = None) -> int:
    """Forget what visitors asked the bot once ``KALM_BOT_RETENTION_DAYS`` have passed without a
    person: anonymous questions are not kept longer than needed. Questions in an open knowledge
    gap stay until the gap is closed (the team is still working on them, and its counts and
    grouping are computed from them); handed-over conversations live on in the case dossier.
    Returns the number of conversations deleted."""
    limit = (now or timezone.now()) - timedelta(days=settings.KALM_BOT_RETENTION_DAYS)
    stale = Conversation.objects.filter(status=Conversation.Status.OPEN, last_activity_at__lt=limit)
    with transaction.atomic():
        Turn.objects.filter(conversation__in=stale).exclude(gap__status=Gap.Status.OPEN).delete()
        _total, per_model = stale.filter(turns__isnull=True).delete()
    return per_model.get(Conversation._meta.label, 0)
