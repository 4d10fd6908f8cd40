"""The one gate in front of every desk view: logged in, and a member of the desk."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django_htmx.http import HttpResponseClientRedirect


def desk_member_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous people go to the login page; logged-in non-members get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            if getattr(request, "htmx", False):
                # A swapped-in login form inside the inbox table would be confusing: reload.
                login = resolve_url(settings.LOGIN_URL)
                return HttpResponseClientRedirect(
                    f"{login}?{urlencode({'next': request.get_full_path()})}"
                )
            return redirect_to_login(request.get_full_path())
        if not user.is_desk_member:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
