"""Outreach in the crisis room: the outreach section (loaded into the room), the full list of
affected consumers, its CSV, and subscribing those who asked to be kept informed."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from kalm.crisis import outreach, selectors
from kalm.crisis.actions import CrisisActionError
from kalm.desk.access import desk_member_required


def _context(request: HttpRequest, crisis) -> dict:
    return {
        "crisis": crisis,
        "outreach": outreach.outreach_summary(crisis),
        "can_manage": selectors.can_manage_crises(request.user),
        "nav": "crisis",
    }


@never_cache
@desk_member_required
@require_GET
def outreach_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The room's outreach section; the room loads it after the page, so the room itself stays
    as fast as it was however many consumers are affected."""
    crisis = selectors.access_crisis(request.user, pk)
    return render(request, "crisis/outreach_panel.html", _context(request, crisis))


@desk_member_required
@require_GET
def affected(request: HttpRequest, pk: int) -> HttpResponse:
    crisis = selectors.access_crisis(request.user, pk)
    return render(request, "crisis/outreach_affected.html", _context(request, crisis))


@never_cache
@desk_member_required
@require_GET
def affected_csv(request: HttpRequest, pk: int) -> HttpResponse:
    crisis = selectors.access_crisis(request.user, pk)
    # A byte-order mark, so spreadsheet programs read the names' accents as UTF-8.
    body = "\ufeff" + outreach.affected_csv(outreach.affected_consumers(crisis))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="crisis-{crisis.pk}-affected.csv"'
    return response


@desk_member_required
@require_POST
def affected_subscribe(request: HttpRequest, pk: int) -> HttpResponse:
    crisis = selectors.access_crisis(request.user, pk, manage=True)
    try:
        created = outreach.affected_subscribe_informed(crisis=crisis, actor=request.user)
    except CrisisActionError as exc:
        messages.error(request, str(exc))
    else:
        count = len(created)
        messages.success(
            request,
            ngettext(
                "%(count)d consumer subscribed to email updates.",
                "%(count)d consumers subscribed to email updates.",
                count,
            )
            % {"count": count},
        )
    # Back to where the button was: the room's outreach section or the full list.
    if request.POST.get("back") == "room":
        return redirect(reverse("crisis:detail", args=[crisis.pk]) + "#outreach")
    return redirect("crisis:affected", pk=crisis.pk)
