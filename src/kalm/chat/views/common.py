from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse

from kalm.chat.models import ChatSession
from kalm.chat.selectors import event_data, events_after
from kalm.chat.streams import event_stream, parse_after, snapshot

COOKIE_MAX_AGE = 7 * 24 * 3600


def set_visitor_cookie(response: HttpResponse, name: str, secret: str) -> None:
    """A visitor's secret (chat session, bot conversation): only for /chat/, never for scripts."""
    response.set_cookie(
        name,
        secret,
        max_age=COOKIE_MAX_AGE,
        path="/chat/",
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "") or bool(
        getattr(request, "htmx", False)
    )


def sse_response(request: HttpRequest, session: ChatSession, side: str) -> HttpResponse:
    after = parse_after(request.headers.get("Last-Event-ID") or request.GET.get("after"))
    response = StreamingHttpResponse(
        event_stream(session_id=session.pk, side=side, after=after),
        content_type="text/event-stream",
    )
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # nginx: pass each event on at once
    return response


def poll_response(request: HttpRequest, session: ChatSession, side: str) -> JsonResponse:
    state = snapshot(session_id=session.pk, side=side, after=parse_after(request.GET.get("after")))
    return JsonResponse(state)


def history(session: ChatSession) -> dict:
    """The conversation so far, for the first render of a chat page; the stream goes on from
    ``last_id``."""
    events = [event_data(e) for e in events_after(session.pk, 0)]
    return {"events": events, "last_id": events[-1]["id"] if events else 0}
