"""Only the visitor's chat pages may be shown inside another site (the widget's iframe)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.clickjacking import xframe_options_exempt


def frame_ancestors() -> str:
    origins = [o for o in getattr(settings, "KALM_CHAT_ALLOWED_ORIGINS", []) if o]
    return "frame-ancestors " + " ".join(["'self'", *origins])


def chat_frameable(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """No X-Frame-Options for this view; CSP frame-ancestors lists who may frame it instead."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Content-Security-Policy"] = frame_ancestors()
        return response

    return xframe_options_exempt(wrapper)
