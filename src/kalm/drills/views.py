"""Desk pages for drills: the list and start form, one drill (join, fast-forward, finish),
leaving drill mode, and the drill report."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kalm.desk.access import desk_member_required
from kalm.drills import actions, selectors
from kalm.drills.forms import AdvanceForm, StartForm
from kalm.drills.report import drill_report
from kalm.drills.scenarios import SCENARIOS, onset_seconds
from kalm.drills.selectors import SESSION_KEY


@desk_member_required
@require_GET
def drills(request: HttpRequest) -> HttpResponse:
    can_run = selectors.can_run_drills(request.user)
    context = {
        "drills": list(selectors.drills_list()[:50]),
        "scenarios": list(SCENARIOS.values()),
        "form": StartForm() if can_run else None,
        "can_run": can_run,
        "nav": "drills",
    }
    return render(request, "drills/list.html", context)


@desk_member_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    if not selectors.can_run_drills(request.user):
        raise PermissionDenied
    form = StartForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            drill = actions.drill_start(
                scenario=data["scenario"],
                actor=request.user,
                speed=data["speed"],
                volume=data["volume"],
                angry_share=data["angry_share"] / 100,
                threat_share=data["threat_share"] / 100,
                channels=data["channels"],
                languages=data["languages"],
                seed=data["seed"],
            )
        except actions.DrillError as exc:
            form.add_error(None, str(exc))
        else:
            request.session[SESSION_KEY] = drill.pk
            return redirect("drills:detail", pk=drill.pk)
    context = {
        "drills": list(selectors.drills_list()[:50]),
        "scenarios": list(SCENARIOS.values()),
        "form": form,
        "can_run": True,
        "nav": "drills",
    }
    return render(request, "drills/list.html", context, status=400)


@desk_member_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    drill = selectors.access_drill(request.user, pk)
    onset = onset_seconds(drill.script)
    context = {
        "drill": drill,
        "scenario": SCENARIOS.get(drill.scenario),
        "script_minutes": int(drill.script_time() // 60),
        "onset_minutes": onset // 60 if onset is not None else None,
        "joined": selectors.desk_drill_id(request) == drill.pk,
        "can_run": selectors.can_run_drills(request.user),
        "advance_form": AdvanceForm(),
        "nav": "drills",
    }
    return render(request, "drills/detail.html", context)


@desk_member_required
@require_POST
def join(request: HttpRequest, pk: int) -> HttpResponse:
    drill = selectors.access_drill(request.user, pk)
    request.session[SESSION_KEY] = drill.pk
    messages.success(request, _("You are in drill mode: the desk shows only this drill."))
    return redirect("desk:inbox")


@desk_member_required
@require_POST
def leave(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    messages.success(request, _("Drill mode is off: the desk shows real work again."))
    return redirect("desk:inbox")


@desk_member_required
@require_POST
def advance(request: HttpRequest, pk: int) -> HttpResponse:
    drill = selectors.access_drill(request.user, pk, manage=True)
    form = AdvanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the minutes to fast-forward."))
    else:
        try:
            actions.drill_advance(drill=drill, minutes=form.cleaned_data["minutes"])
        except actions.DrillError as exc:
            messages.error(request, str(exc))
    return redirect("drills:detail", pk=drill.pk)


@desk_member_required
@require_POST
def finish(request: HttpRequest, pk: int) -> HttpResponse:
    drill = selectors.access_drill(request.user, pk, manage=True)
    try:
        actions.drill_finish(drill=drill, actor=request.user)
    except actions.DrillError as exc:
        messages.error(request, str(exc))
    return redirect("drills:report", pk=drill.pk)


@desk_member_required
@require_GET
def report(request: HttpRequest, pk: int) -> HttpResponse:
    drill = selectors.access_drill(request.user, pk)
    context = {"drill": drill, "report": drill_report(drill), "nav": "drills"}
    return render(request, "drills/report.html", context)
