"""The desk's follow-ups: what is due today, the case page's box, and one POST view per action.

With htmx each POST answers with the piece it changed (a row of the due list, or the case box);
without it, a redirect back. A refusal keeps what was typed and says why."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from kalm.cases.models import Case
from kalm.cases.selectors import access_case
from kalm.desk.access import desk_member_required
from kalm.drills.selectors import desk_drill_id
from kalm.followups import actions, selectors
from kalm.followups.forms import FollowUpForm, RescheduleForm
from kalm.followups.models import FollowUp


def _scope(request: HttpRequest) -> str:
    scope = request.GET.get("scope", "mine")
    return scope if scope in selectors.SCOPES else "mine"


@desk_member_required
@require_GET
def due(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    followups = list(
        selectors.due_followups(request.user, scope=scope, drill_id=desk_drill_id(request))
    )
    template = "followups/partials/due_table.html" if request.htmx else "followups/due.html"
    context = {"followups": followups, "scope": scope, "nav": "followups"}
    return render(request, template, context)


@never_cache
@desk_member_required
@require_GET
def badge(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "followups/partials/badge.html",
        {"count": selectors.due_count(request.user, drill_id=desk_drill_id(request))},
    )


def _box(
    request: HttpRequest, case: Case, form: forms.Form | None = None, status: int = 200
) -> HttpResponse:
    context = {
        "case": case,
        "followups": list(selectors.case_followups(case)),
        "form": form or FollowUpForm(auto_id="id_followup_%s"),
        "show_messages": True,
    }
    template = "followups/partials/case_box.html" if request.htmx else "followups/case_page.html"
    return render(request, template, context, status=status)


@desk_member_required
@require_GET
def case_box(request: HttpRequest, case_id: int) -> HttpResponse:
    return _box(request, access_case(request.user, case_id))


@desk_member_required
@require_POST
def create(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id)
    form = FollowUpForm(request.POST, auto_id="id_followup_%s")
    if form.is_valid():
        try:
            actions.followup_create(case=case, created_by=request.user, **form.cleaned_data)
        except actions.FollowUpActionError as exc:
            messages.error(request, str(exc))
            return _box(request, case, form, status=200 if request.htmx else 400)
        messages.success(request, _("Follow-up added."))
        return _box(request, case) if request.htmx else redirect(_case_url(case))
    messages.error(request, _("Nothing was saved: please check the form."))
    return _box(request, case, form, status=200 if request.htmx else 400)


def _case_url(case: Case) -> str:
    return f"{reverse('desk:case', args=[case.pk])}#followups"


def _after(
    request: HttpRequest, followup: FollowUp, form: forms.Form | None = None
) -> HttpResponse:
    """Answer a row action: the changed row (due list) or the case box, or a redirect."""
    where = request.POST.get("from", "list")
    if where == "case":
        if request.htmx:
            return _box(request, access_case(request.user, followup.case_id))
        return redirect(_case_url(followup.case))
    if request.htmx:
        context = {"followup": followup, "reschedule_form": form, "show_messages": True}
        return render(request, "followups/partials/due_row.html", context)
    return redirect("followups:due")


def _act(
    request: HttpRequest, followup_id: int, act: Callable[[FollowUp], Any], done: str
) -> HttpResponse:
    followup = selectors.access_followup(request.user, followup_id)
    try:
        followup = act(followup)
    except actions.FollowUpActionError as exc:
        messages.error(request, str(exc))
        followup.refresh_from_db()
    else:
        messages.success(request, done)
    return _after(request, followup)


@desk_member_required
@require_POST
def complete(request: HttpRequest, followup_id: int) -> HttpResponse:
    return _act(
        request,
        followup_id,
        lambda f: actions.followup_complete(followup=f, actor=request.user),
        _("Follow-up done."),
    )


@desk_member_required
@require_POST
def cancel(request: HttpRequest, followup_id: int) -> HttpResponse:
    return _act(
        request,
        followup_id,
        lambda f: actions.followup_cancel(followup=f, actor=request.user),
        _("Follow-up cancelled."),
    )


@desk_member_required
@require_POST
def confirm(request: HttpRequest, followup_id: int) -> HttpResponse:
    return _act(
        request,
        followup_id,
        lambda f: actions.followup_confirm(followup=f, actor=request.user),
        _("Follow-up confirmed: you will be reminded when it is due."),
    )


@desk_member_required
@require_POST
def dismiss(request: HttpRequest, followup_id: int) -> HttpResponse:
    return _act(
        request,
        followup_id,
        lambda f: actions.followup_dismiss(followup=f, actor=request.user),
        _("Proposed follow-up dismissed."),
    )


@desk_member_required
@require_POST
def reschedule(request: HttpRequest, followup_id: int) -> HttpResponse:
    followup = selectors.access_followup(request.user, followup_id)
    form = RescheduleForm(request.POST, auto_id=f"id_reschedule{followup.pk}_%s")
    if not form.is_valid():
        messages.error(request, _("Nothing was saved: please check the date."))
        if request.htmx:
            return _after(request, followup, form)
        if request.POST.get("from") == "case":
            return _box(request, followup.case, status=400)
        context = {"followups": [followup], "scope": "mine", "nav": "followups"}
        return render(request, "followups/due.html", context, status=400)
    return _act(
        request,
        followup_id,
        lambda f: actions.followup_reschedule(
            followup=f, actor=request.user, due_at=form.cleaned_data["due_at"]
        ),
        _("Follow-up moved."),
    )
