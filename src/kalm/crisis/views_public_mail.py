"""The unsubscribe link of the crisis email updates: /crisis/unsubscribe/<token>/.

Mail scanners open every link in an email (docs/decisions/0007-one-click-answers.md), so a GET
only asks to confirm; a POST unsubscribes. Mail providers' one-click unsubscribe (RFC 8058) is a
POST of ``List-Unsubscribe=One-Click`` to the same address from their servers, without our
session or CSRF cookie: the view is CSRF-exempt, and the unguessable token in the address is what
authorises it (all it can do is stop the updates for that one address)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from kalm.crisis.mailing import subscription_unsubscribe
from kalm.crisis.selectors import subscription_by_token

TEMPLATE = "crisis/unsubscribe.html"


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscription = subscription_by_token(token)
    except Http404:
        return render(request, TEMPLATE, {"state": "link_gone"}, status=404)
    one_click = request.POST.get("List-Unsubscribe") == "One-Click"
    with translation.override(subscription.language):
        if request.method == "POST":
            subscription = subscription_unsubscribe(subscription=subscription, one_click=one_click)
            state = "done"
        else:
            state = "already" if subscription.unsubscribed_at else "confirm"
        context = {"state": state, "subscription": subscription, "crisis": subscription.crisis}
        return render(request, TEMPLATE, context)
