"""The agents' side: the queue of waiting chats, accepting one, and the conversation."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kalm.chat import actions, selectors
from kalm.chat.actions import ChatActionError
from kalm.chat.forms import ChatMessageForm
from kalm.chat.selectors import access_chat_session
from kalm.chat.views.common import history, poll_response, sse_response, wants_json
from kalm.desk.access import desk_member_required
from kalm.drills.selectors import desk_drill_id


@never_cache
@desk_member_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    actions.chat_presence_mark(agent=request.user)
    now = timezone.now()
    waiting = [
        (s, selectors.waiting_seconds(s, now=now))
        for s in selectors.waiting_sessions(desk_drill_id(request))
    ]
    context = {"waiting": waiting, "mine": selectors.active_sessions_of(request.user)}
    template = "chat/desk/_queue.html" if request.htmx else "chat/desk/queue.html"
    return render(request, template, {**context, "nav": "chat"})


@never_cache
@desk_member_required
@require_GET
def badge(request: HttpRequest) -> HttpResponse:
    return render(
        request, "chat/desk/_badge.html", {"count": selectors.waiting_count(desk_drill_id(request))}
    )


@desk_member_required
@require_POST
def accept(request: HttpRequest, session_id: int) -> HttpResponse:
    chat = access_chat_session(request.user, session_id)
    try:
        actions.chat_accept(session=chat, agent=request.user)
    except ChatActionError as exc:
        messages.error(request, str(exc))
        return redirect("chat:desk_queue")
    return redirect("chat:desk_session", session_id=chat.pk)


@never_cache
@desk_member_required
@require_http_methods(["GET", "POST"])
def conversation(request: HttpRequest, session_id: int) -> HttpResponse:
    chat = access_chat_session(request.user, session_id)
    form = ChatMessageForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.chat_agent_reply(
                    session=chat, agent=request.user, body=form.cleaned_data["body"]
                )
            except ChatActionError as exc:
                form.add_error(None, str(exc))
        if wants_json(request):
            if form.errors:
                return JsonResponse({"ok": False, "errors": form.errors}, status=400)
            return JsonResponse({"ok": True})
        if not form.errors:
            return redirect("chat:desk_session", session_id=chat.pk)
    context = {"chat": chat, **history(chat), "form": form, "nav": "chat"}
    return render(request, "chat/desk/session.html", context, status=400 if form.errors else 200)


@desk_member_required
@require_GET
def events(request: HttpRequest, session_id: int) -> HttpResponse:
    return sse_response(request, access_chat_session(request.user, session_id), "agent")


@never_cache
@desk_member_required
@require_GET
def poll(request: HttpRequest, session_id: int) -> HttpResponse:
    return poll_response(request, access_chat_session(request.user, session_id), "agent")


@desk_member_required
@require_POST
def typing(request: HttpRequest, session_id: int) -> HttpResponse:
    chat = access_chat_session(request.user, session_id)
    if chat.status == chat.Status.ACTIVE:
        actions.chat_typing(session=chat, side="agent")
    return HttpResponse(status=204)


@desk_member_required
@require_POST
def end(request: HttpRequest, session_id: int) -> HttpResponse:
    chat = access_chat_session(request.user, session_id)
    actions.chat_end(session=chat, agent=request.user)
    return redirect("chat:desk_session", session_id=chat.pk)
