"""Desk pages for burst alerts: the list (open first), one alert with its evidence, dismiss."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_POST

from kalm.bursts import actions, selectors
from kalm.bursts.chart import hourly_bars
from kalm.bursts.forms import DismissForm
from kalm.desk.access import desk_member_required
from kalm.drills.selectors import desk_drill_id


def _crisis_url(alert_pk: int) -> str:
    """The crisis app's "new crisis" page, or "" while that app has no such page."""
    try:
        return f"{reverse('crisis:new')}?alert={alert_pk}"
    except NoReverseMatch:
        return ""


@desk_member_required
@require_GET
def alerts(request: HttpRequest) -> HttpResponse:
    rows = selectors.alerts_list(drill_id=desk_drill_id(request))
    context = {"alerts": list(rows[:200]), "nav": "bursts"}
    return render(request, "bursts/alerts.html", context)


@desk_member_required
@require_GET
def alert(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.access_alert(request.user, pk, drill_id=desk_drill_id(request))
    hours = max((found.detected_at - found.start).total_seconds() / 3600, 1.0)
    context = {
        "alert": found,
        "cases": selectors.alert_sample_cases(found),
        "chart": hourly_bars(
            found.series, start=found.start, expected_per_hour=found.expected / hours
        ),
        "crisis_url": _crisis_url(found.pk),
        "form": DismissForm(),
        "nav": "bursts",
    }
    return render(request, "bursts/alert.html", context)


@desk_member_required
@require_POST
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.access_alert(request.user, pk, drill_id=desk_drill_id(request))
    form = DismissForm(request.POST)
    if form.is_valid():
        try:
            actions.alert_dismiss(
                alert=found, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except actions.BurstActionError as exc:
            messages.error(request, str(exc))
    return redirect("bursts:alert", pk=found.pk)
