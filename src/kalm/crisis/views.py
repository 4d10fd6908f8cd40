"""The crisis room in the desk: the list, opening a crisis, the room, and one POST per action.

Every desk member sees crises and ticks the tasks they own; leads and admins open and steer
them. With htmx a POST answers with the section it changed; without it, a redirect back."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kalm.crisis import actions, selectors
from kalm.crisis.forms import (
    CrisisForm,
    DecisionForm,
    PublishForm,
    ReviewForm,
    RoleForm,
    StatementForm,
    StatusForm,
)
from kalm.crisis.models import Crisis
from kalm.desk.access import desk_member_required
from kalm.drills.selectors import desk_drill_id


def _room_url(crisis_id: int, anchor: str = "") -> str:
    return reverse("crisis:detail", args=[crisis_id]) + (f"#{anchor}" if anchor else "")


@desk_member_required
@require_GET
def crisis_list(request: HttpRequest) -> HttpResponse:
    context = {
        "crises": list(selectors.crisis_list(drill_id=desk_drill_id(request))),
        "alerts": selectors.open_alerts(drill_id=desk_drill_id(request)),
        "can_manage": selectors.can_manage_crises(request.user),
        "nav": "crisis",
    }
    return render(request, "crisis/list.html", context)


@never_cache
@desk_member_required
@require_GET
def badge(request: HttpRequest) -> HttpResponse:
    context = {
        "crises": selectors.active_crisis_count(drill_id=desk_drill_id(request)),
        "alerts": selectors.open_alert_count(drill_id=desk_drill_id(request)),
    }
    return render(request, "crisis/partials/badge.html", context)


def _prefill(alert) -> dict:
    initial = {
        "alert": alert.pk,
        "title": alert.label,
        "scenario": selectors.scenario_guess(alert),
        "window_start": alert.start,
    }
    if alert.product_id:
        initial["products"] = [alert.product_id]
    if alert.batch:
        initial["batches"] = alert.batch
    return initial


@desk_member_required
@require_http_methods(["GET", "POST"])
def crisis_new(request: HttpRequest) -> HttpResponse:
    selectors.require_crisis_manager(request.user)
    alert_id = request.POST.get("alert") or request.GET.get("alert")
    alert = selectors.alert_for_prefill(request.user, alert_id, desk_drill_id(request))
    if request.method == "POST":
        form = CrisisForm(request.POST)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "alert"}
            try:
                crisis = actions.crisis_open(
                    actor=request.user, alert=alert, drill=desk_drill_id(request), **data
                )
            except actions.CrisisActionError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Crisis opened; the playbook has started."))
                return redirect(_room_url(crisis.pk))
        status = 400
    else:
        form = CrisisForm(initial=_prefill(alert) if alert else None)
        status = 200
    context = {"form": form, "alert": alert, "nav": "crisis"}
    return render(request, "crisis/new.html", context, status=status)


def _room(request: HttpRequest, crisis: Crisis, *, status: int = 200, **forms) -> HttpResponse:
    context = {
        "room": selectors.crisis_room(crisis),
        "crisis": crisis,
        "can_manage": selectors.can_manage_crises(request.user),
        "my_roles": selectors.user_roles(request.user, crisis),
        "status_form": forms.get("status_form") or StatusForm(),
        "decision_form": forms.get("decision_form") or DecisionForm(),
        "role_form": forms.get("role_form") or RoleForm(),
        "statements": selectors.statement_panel(crisis, request.user),
        "statement_form": forms.get("statement_form")
        or StatementForm(initial={"language": crisis.language}),
        "allowed_targets": actions.allowed_targets(crisis.status),
        "nav": "crisis",
    }
    return render(request, "crisis/detail.html", context, status=status)


def _section(request: HttpRequest, crisis: Crisis, template: str, anchor: str) -> HttpResponse:
    """htmx: the changed section of the room; otherwise back to the room."""
    if not request.htmx:
        return redirect(_room_url(crisis.pk, anchor))
    context = {
        "room": selectors.crisis_room(crisis),
        "crisis": crisis,
        "can_manage": selectors.can_manage_crises(request.user),
        "show_messages": True,
    }
    return render(request, template, context)


@desk_member_required
@require_GET
def crisis_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _room(request, selectors.access_crisis(request.user, pk))


@desk_member_required
@require_POST
def task_complete(request: HttpRequest, task_id: int) -> HttpResponse:
    task = selectors.access_task(request.user, task_id)
    try:
        actions.crisis_task_complete(task=task, actor=request.user)
    except actions.CrisisActionError as exc:
        messages.error(request, str(exc))
    return _section(request, task.crisis, "crisis/partials/checklist.html", "checklist")


@desk_member_required
@require_POST
def link_decide(request: HttpRequest, link_id: int) -> HttpResponse:
    link = selectors.access_link(request.user, link_id)
    try:
        actions.crisis_case_decide(
            link=link, actor=request.user, confirm=request.POST.get("confirm") == "1"
        )
    except actions.CrisisActionError as exc:
        messages.error(request, str(exc))
    return _section(request, link.crisis, "crisis/partials/cases.html", "cases")


@desk_member_required
@require_POST
def links_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    crisis = selectors.access_crisis(request.user, pk, manage=True)
    ids = [int(i) for i in request.POST.getlist("link") if i.isdigit()]
    confirmed = actions.crisis_cases_confirm(crisis=crisis, actor=request.user, link_ids=ids)
    messages.success(request, _("%(count)d cases confirmed.") % {"count": len(confirmed)})
    return _section(request, crisis, "crisis/partials/cases.html", "cases")


@desk_member_required
@require_POST
def status_set(request: HttpRequest, pk: int) -> HttpResponse:
    crisis = selectors.access_crisis(request.user, pk, manage=True)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            actions.crisis_status_set(crisis=crisis, actor=request.user, **form.cleaned_data)
        except actions.CrisisActionError as exc:
            messages.error(request, str(exc))
            return _room(request, crisis, status=400, status_form=form)
        messages.success(request, _("Status changed."))
        return redirect(_room_url(crisis.pk))
    return _room(request, crisis, status=400, status_form=form)


@desk_member_required
@require_POST
def decision_add(request: HttpRequest, pk: int) -> HttpResponse:
    crisis = selectors.access_crisis(request.user, pk, manage=True)
    form = DecisionForm(request.POST)
    if form.is_valid():
        actions.crisis_event_add(crisis=crisis, actor=request.user, **form.cleaned_data)
        return _section(request, crisis, "crisis/partials/timeline.html", "timeline")
    return _room(request, crisis, status=400, decision_form=form)


@desk_member_required
@require_POST
def role_assign(request: HttpRequest, pk: int) -> HttpResponse:
    crisis = selectors.access_crisis(request.user, pk, manage=True)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            actions.crisis_role_assign(
                actor=request.user,
                user=form.cleaned_data["user"],
                role=form.cleaned_data["role"],
                crisis=None if form.cleaned_data["everywhere"] else crisis,
            )
        except actions.CrisisActionError as exc:
            messages.error(request, str(exc))
            return _room(request, crisis, status=400, role_form=form)
        messages.success(request, _("Role assigned."))
        return redirect(_room_url(crisis.pk, "team"))
    return _room(request, crisis, status=400, role_form=form)


@desk_member_required
@require_POST
def role_remove(request: HttpRequest, pk: int, role_id: int) -> HttpResponse:
    crisis = selectors.access_crisis(request.user, pk, manage=True)
    assignment = selectors.access_role_assignment(request.user, crisis, role_id)
    actions.crisis_role_remove(actor=request.user, assignment=assignment)
    messages.success(request, _("Role removed."))
    return redirect(_room_url(crisis.pk, "team"))


# --- Statements: every desk member sees them; the protocol decides who drafts, reviews and
# publishes (inside the actions), so a refusal is a message, not a missing button alone.


@desk_member_required
@require_POST
def statement_draft(request: HttpRequest, pk: int) -> HttpResponse:
    crisis = selectors.access_crisis(request.user, pk)
    form = StatementForm(request.POST)
    if form.is_valid():
        try:
            actions.statement_draft(crisis=crisis, actor=request.user, **form.cleaned_data)
        except actions.CrisisActionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Draft saved."))
            return redirect(_room_url(crisis.pk, "statements"))
    return _room(request, crisis, status=400, statement_form=form)


def _statement_step(request: HttpRequest, version: Any, act: Any, done: str, **kwargs: Any):
    """Run one statement action for the request's user: its success or its refusal as a
    message, then back to the room's statements."""
    try:
        act(version=version, actor=request.user, **kwargs)
        messages.success(request, done)
    except actions.CrisisActionError as exc:
        messages.error(request, str(exc))
    return redirect(_room_url(version.statement.crisis_id, "statements"))


@desk_member_required
@require_POST
def statement_submit(request: HttpRequest, version_id: int) -> HttpResponse:
    version = selectors.access_statement_version(request.user, version_id)
    return _statement_step(request, version, actions.statement_submit, _("Submitted for review."))


@desk_member_required
@require_POST
def statement_review(request: HttpRequest, version_id: int) -> HttpResponse:
    version = selectors.access_statement_version(request.user, version_id)
    form = ReviewForm(request.POST)
    form.is_valid()  # both fields are optional; the action says what is missing
    data = form.cleaned_data
    review = actions.statement_approve if data.get("approve") else actions.statement_reject
    return _statement_step(request, version, review, _("Review saved."), note=data.get("note", ""))


@desk_member_required
@require_POST
def statement_publish(request: HttpRequest, version_id: int) -> HttpResponse:
    version = selectors.access_statement_version(request.user, version_id)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose at least one channel."))
        return redirect(_room_url(version.statement.crisis_id, "statements"))
    channels = form.cleaned_data["channels"]
    return _statement_step(
        request, version, actions.statement_publish, _("Published."), channels=channels
    )
