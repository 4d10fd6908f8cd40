"""The visitor's side of the answer bot, inside the chat page and widget: ask, rate an answer,
and ask for a person. Every POST works without JavaScript (a redirect back to the chat page);
assistant.js sends ``X-Kalm-Fragment`` and gets the rendered turn back instead."""

from __future__ import annotations

from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kalm.assistant import actions, selectors
from kalm.assistant.actions import AssistantError
from kalm.assistant.forms import AskForm, FeedbackForm
from kalm.assistant.models import Conversation, Turn
from kalm.chat.framing import chat_frameable
from kalm.chat.selectors import visitor_session_or_none
from kalm.chat.views.common import set_visitor_cookie
from kalm.core.i18n import page_language
from kalm.kb.selectors import crisis_pins


def _embed(request: HttpRequest) -> bool:
    return request.GET.get("embed") == "1" or request.POST.get("embed") == "1"


def _chat_url(request: HttpRequest, *, person: bool = False, anchor: str = "") -> str:
    query = [name for name, on in (("embed=1", _embed(request)), ("person=1", person)) if on]
    return reverse("chat:start") + ("?" + "&".join(query) if query else "") + anchor


def _bot_on(view):
    """The bot's endpoints exist only while the bot is on (KALM_ANSWER_BOT)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not selectors.bot_enabled():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _fragment(request: HttpRequest) -> bool:
    return request.headers.get("X-Kalm-Fragment") == "1"


def page(
    request: HttpRequest, *, ask_form: AskForm | None = None, status: int = 200
) -> HttpResponse:
    """The chat's first page with the bot: crisis notices on top, the conversation so far, the
    question box, and "talk to a person" always in reach."""
    conversation = selectors.visitor_conversation(request)
    current = visitor_session_or_none(request)
    context = {
        "pins": crisis_pins(page_language()),
        "turns": selectors.conversation_turns(conversation),
        "ask_form": ask_form or AskForm(),
        "current": current if current and current.is_open else None,
        "embed": _embed(request),
        "reasons": Turn.Reason.choices,
    }
    return render(request, "assistant/page.html", context, status=status)


@never_cache
@chat_frameable
@require_POST
@_bot_on
def ask(request: HttpRequest) -> HttpResponse:
    form = AskForm(request.POST)
    conversation = selectors.visitor_conversation(request)
    secret = ""
    error = ""
    turn = None
    if form.is_valid():
        if conversation is None:
            conversation, secret = actions.conversation_start(language=page_language())
        try:
            turn = actions.conversation_ask(
                conversation=conversation,
                question=form.cleaned_data["question"],
                page_language=page_language(),
            )
        except AssistantError as exc:
            error = str(exc)
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    if _fragment(request):
        if turn is None:
            response = render(request, "assistant/_error.html", {"error": error}, status=400)
        else:
            response = render(request, "assistant/_turn.html", _turn_context(request, turn))
    elif turn is None:
        if form.is_valid():  # the form was fine, the action refused: say why above the box
            form.add_error(None, error)
        response = page(request, ask_form=form, status=400)
    else:
        response = redirect(_chat_url(request, anchor=f"#turn-{turn.pk}"))
    if secret:
        set_visitor_cookie(response, selectors.COOKIE_NAME, secret)
    return response


def _turn_context(request: HttpRequest, turn: Turn) -> dict[str, object]:
    return {
        "turn": turn,
        "embed": _embed(request),
        "reasons": Turn.Reason.choices,
        "person_body": turn.question,
    }


@never_cache
@chat_frameable
@require_POST
@_bot_on
def feedback(request: HttpRequest, turn_id: int) -> HttpResponse:
    turn = selectors.visitor_turn(request, turn_id)
    form = FeedbackForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            turn = actions.turn_feedback(
                turn=turn, helpful=form.cleaned_data["helpful"], reason=form.cleaned_data["reason"]
            )
        except AssistantError as exc:
            error = str(exc)
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    if _fragment(request):
        context = {**_turn_context(request, turn), "error": error}
        return render(request, "assistant/_turn.html", context, status=400 if error else 200)
    return redirect(_chat_url(request, anchor=f"#turn-{turn.pk}"))


@never_cache
@chat_frameable
@require_POST
@_bot_on
def person(request: HttpRequest) -> HttpResponse:
    """ "Talk to a person": noted on the conversation, then the chat's own start form, with the
    last question already in the message box."""
    conversation = selectors.visitor_conversation(request)
    if conversation is not None and conversation.status == Conversation.Status.OPEN:
        actions.conversation_handoff_request(conversation=conversation)
    return redirect(_chat_url(request, person=True))
