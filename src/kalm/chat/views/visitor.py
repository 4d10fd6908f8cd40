"""The visitor's side: start a chat, the conversation, its event stream and poll fallback."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kalm.assistant.actions import conversation_chat_start
from kalm.assistant.selectors import bot_enabled, last_question, visitor_conversation
from kalm.assistant.views_visitor import page as assistant_page
from kalm.chat import actions
from kalm.chat.actions import ChatActionError
from kalm.chat.forms import ChatMessageForm, ChatStartForm
from kalm.chat.framing import chat_frameable
from kalm.chat.models import ChatSession
from kalm.chat.selectors import COOKIE_NAME, visitor_session, visitor_session_or_none
from kalm.chat.views.common import (
    history,
    poll_response,
    set_visitor_cookie,
    sse_response,
    wants_json,
)
from kalm.core.i18n import page_language


def _embed(request: HttpRequest) -> str:
    return "?embed=1" if request.GET.get("embed") == "1" else ""


@never_cache
@chat_frameable
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """The chat's front door. With the answer bot on, a GET shows the bot (kalm.assistant) and
    ``?person=1`` this form to reach a person; the bot's conversation so far goes with the chat."""
    if request.method == "GET" and bot_enabled() and request.GET.get("person") != "1":
        return assistant_page(request)
    conversation = visitor_conversation(request) if bot_enabled() else None
    initial = {"body": last_question(conversation)} if request.method == "GET" else None
    form = ChatStartForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            _session, secret = conversation_chat_start(
                conversation=conversation, **form.cleaned_data, language=page_language()
            )
        except ChatActionError as exc:
            form.add_error(None, str(exc))
        else:
            response = redirect(reverse("chat:session") + _embed(request))
            set_visitor_cookie(response, COOKIE_NAME, secret)
            return response
    current = visitor_session_or_none(request)
    context = {
        "form": form,
        "current": current if current and current.is_open else None,
        "embed": bool(_embed(request)),
        "bot": bot_enabled(),
        "conversation": conversation,
    }
    return render(request, "chat/start.html", context, status=400 if form.errors else 200)


@never_cache
@chat_frameable
@require_http_methods(["GET", "POST"])
def session(request: HttpRequest) -> HttpResponse:
    chat = visitor_session(request)
    form = ChatMessageForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.chat_consumer_message(session=chat, body=form.cleaned_data["body"])
            except ChatActionError as exc:
                form.add_error(None, str(exc))
        if wants_json(request):
            if form.errors:
                return JsonResponse({"ok": False, "errors": form.errors}, status=400)
            return JsonResponse({"ok": True})
        if not form.errors:
            return redirect(reverse("chat:session") + _embed(request))
    return render(
        request,
        "chat/session.html",
        {"chat": chat, **history(chat), "form": form, "embed": bool(_embed(request))},
        status=400 if form.errors else 200,
    )


@require_GET
def events(request: HttpRequest) -> HttpResponse:
    return sse_response(request, visitor_session(request), "consumer")


@never_cache
@require_GET
def poll(request: HttpRequest) -> HttpResponse:
    return poll_response(request, visitor_session(request), "consumer")


@require_POST
def typing(request: HttpRequest) -> HttpResponse:
    chat = visitor_session(request)
    if chat.status != ChatSession.Status.ENDED:
        actions.chat_typing(session=chat, side="consumer")
    return HttpResponse(status=204)


@require_POST
def end(request: HttpRequest) -> HttpResponse:
    actions.chat_end(session=visitor_session(request))
    return redirect(reverse("chat:session") + _embed(request))


@require_GET
def example(request: HttpRequest) -> HttpResponse:
    base = request.build_absolute_uri("/").rstrip("/")
    # The unhashed name: the snippet must keep working after the next deploy.
    widget = f"{base}{settings.STATIC_URL}chat/widget.js"
    return render(request, "chat/example.html", {"base": base, "widget_url": widget})
