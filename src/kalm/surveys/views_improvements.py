"""'You said, we did': the feedback page (survey comments and low answers of a period, linked to
improvements), the improvements in the desk, and the public page on the portal.

Every desk member reads; leads and admins link feedback and write improvements (the actions
refuse anyone else too). Every POST is one action and a redirect. The public page shows only
published improvements, in the page's language, with how many customers gave that feedback:
never a comment, never a name."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kalm.core.i18n import page_language
from kalm.desk.access import desk_member_required
from kalm.surveys import improvement_actions as actions
from kalm.surveys.actions import SCALE_FIELDS, reason_label
from kalm.surveys.forms_improvements import (
    FeedbackFilterForm,
    ImprovementForm,
    LinkForm,
    feedback_responses,
)
from kalm.surveys.items import ITEMS
from kalm.surveys.models import Improvement, Response

FEEDBACK_PAGE_SIZE = 50


def _require_lead(request: HttpRequest) -> None:
    if not request.user.is_lead:
        raise PermissionDenied


# --- Reads ------------------------------------------------------------------------------------


def answers_in_short(response: Response) -> list[dict[str, Any]]:
    """The scored answers in short ("satisfaction 2/5", "Below what I expected"), low ones
    marked."""
    low = set(response.low_reasons or [])
    rows = []
    for code in SCALE_FIELDS:
        value = getattr(response, code)
        if value is not None:
            text = f"{reason_label(code)} {value}/{ITEMS[code].values[-1]}"
            rows.append({"text": text, "low": code in low})
    if response.expectation:
        rows.append({"text": response.get_expectation_display(), "low": "expectation" in low})
    return rows


def feedback_queryset(form: FeedbackFilterForm) -> QuerySet[Response]:
    """Answers with a comment or a low score in the form's period and filters, newest first,
    with their case, team and improvements (three queries however many)."""
    since, until = form.period()
    zone = timezone.get_current_timezone()
    start = datetime.combine(since, time.min, tzinfo=zone)
    end = datetime.combine(until + timedelta(days=1), time.min, tzinfo=zone)
    responses = feedback_responses().filter(created_at__gte=start, created_at__lt=end)
    data = form.cleaned_data if form.is_valid() else {}
    if data.get("low"):
        responses = responses.exclude(low_reasons=[])
    if data.get("team"):
        responses = responses.filter(team=data["team"])
    if data.get("language"):
        responses = responses.filter(language=data["language"])
    return (
        responses.select_related("case", "team")
        .prefetch_related(
            Prefetch("improvements", queryset=Improvement.objects.only("id", "said_nl", "said_en"))
        )
        .order_by("-created_at", "-id")
    )


def improvements_with_counts() -> QuerySet[Improvement]:
    return Improvement.objects.select_related("team").annotate(feedback_count=Count("responses"))


def public_improvements(language: str) -> dict[str, list[Improvement]]:
    """Published improvements by status (done, in progress, planned), each with ``said_text``,
    ``did_text``, ``shown_language`` and ``customer_count`` (distinct consumers whose answers
    led to it), in ``language`` or else the other one; one query."""
    improvements = Improvement.objects.filter(published=True).annotate(
        customer_count=Count("responses__invitation__consumer", distinct=True)
    )
    groups: dict[str, list[Improvement]] = {status: [] for status in PUBLIC_ORDER}
    for improvement in improvements:
        shown = improvement.shown_language(language)
        if not shown:
            continue  # published before the rule, or edited in the admin: nothing to show
        improvement.shown_in = shown
        improvement.said_text = improvement.said(shown)
        improvement.did_text = improvement.did(shown)
        groups[improvement.status].append(improvement)
    return groups


PUBLIC_ORDER = (
    Improvement.Status.DONE,
    Improvement.Status.IN_PROGRESS,
    Improvement.Status.PLANNED,
)


# --- The feedback page ------------------------------------------------------------------------


@desk_member_required
@require_GET
def feedback(request: HttpRequest) -> HttpResponse:
    form = FeedbackFilterForm(request.GET or None)
    page = Paginator(feedback_queryset(form), FEEDBACK_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"response": r, "answers": answers_in_short(r)} for r in page.object_list]
    since, until = form.period()
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "since": since,
        "until": until,
        "query": query.urlencode(),
        "can_edit": request.user.is_lead,
        "improvements": list(Improvement.objects.all()) if request.user.is_lead else [],
        "nav": "surveys",
    }
    return render(request, "surveys/desk/improvements/feedback.html", context)


def _back(request: HttpRequest, url: str) -> str:
    safe = url and url_has_allowed_host_and_scheme(url, {request.get_host()})
    return url if safe else reverse("surveys:feedback")


@desk_member_required
@require_POST
def feedback_link(request: HttpRequest) -> HttpResponse:
    _require_lead(request)
    form = LinkForm(request.POST)
    if not form.is_valid():
        for error in [e for errors in form.errors.values() for e in errors]:
            messages.error(request, error)
        return redirect(_back(request, request.POST.get("next", "")))
    responses = list(form.cleaned_data["responses"])
    if form.cleaned_data["new"]:
        query = urlencode({"response": [r.pk for r in responses]}, doseq=True)
        return redirect(f"{reverse('surveys:improvement_new')}?{query}")
    improvement = form.cleaned_data["improvement"]
    try:
        actions.improvement_link(improvement=improvement, responses=responses, actor=request.user)
    except actions.ImprovementError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("%(count)d answers linked to “%(name)s”.")
            % {"count": len(responses), "name": improvement},
        )
    return redirect(_back(request, form.cleaned_data["next"]))


# --- Improvements in the desk -----------------------------------------------------------------


@desk_member_required
@require_GET
def improvement_list(request: HttpRequest) -> HttpResponse:
    context = {
        "improvements": list(improvements_with_counts()),
        "can_edit": request.user.is_lead,
        "nav": "surveys",
    }
    return render(request, "surveys/desk/improvements/list.html", context)


def _form_page(
    request: HttpRequest,
    form: ImprovementForm,
    improvement: Improvement | None = None,
    linked: Any = (),
    status: int = 200,
) -> HttpResponse:
    context = {"form": form, "improvement": improvement, "linked": linked, "nav": "surveys"}
    return render(request, "surveys/desk/improvements/edit.html", context, status=status)


@desk_member_required
@require_http_methods(["GET", "POST"])
def improvement_new(request: HttpRequest) -> HttpResponse:
    _require_lead(request)
    if request.method == "POST":
        picked_ids = _ids(request.POST.getlist("responses"))
        form = ImprovementForm(request.POST)
    else:
        # Answers picked on the feedback page: linked when saved, shown beside the texts (which
        # stay empty: the public text is written in the lead's words, never copied).
        picked = feedback_responses().filter(pk__in=_ids(request.GET.getlist("response")))
        picked_ids = [r.pk for r in picked]
        teams = {r.team_id for r in picked}
        initial = {"responses": picked_ids, "team": teams.pop() if len(teams) == 1 else None}
        form = ImprovementForm(initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            improvement = actions.improvement_create(
                actor=request.user,
                responses=form.cleaned_data["responses"],
                **form.action_fields(),
            )
        except actions.ImprovementError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Improvement “%(name)s” added.") % {"name": improvement})
            return redirect("surveys:improvements")
    linked = feedback_responses().filter(pk__in=picked_ids).select_related("case")
    return _form_page(request, form, linked=linked, status=400 if form.is_bound else 200)


@desk_member_required
@require_http_methods(["GET", "POST"])
def improvement_edit(request: HttpRequest, improvement_id: int) -> HttpResponse:
    _require_lead(request)
    improvement = get_object_or_404(Improvement, pk=improvement_id)
    form = ImprovementForm(request.POST or None, improvement=improvement)
    if request.method == "POST" and form.is_valid():
        try:
            improvement = actions.improvement_update(
                improvement=improvement, actor=request.user, **form.action_fields()
            )
        except actions.ImprovementError as exc:
            form.add_error(None, str(exc))
            improvement.refresh_from_db()
        else:
            messages.success(request, _("Improvement “%(name)s” saved.") % {"name": improvement})
            return redirect("surveys:improvements")
    linked = improvement.responses.select_related("case").order_by("-created_at", "-id")
    return _form_page(request, form, improvement, linked, status=400 if form.is_bound else 200)


@desk_member_required
@require_POST
def improvement_unlink(request: HttpRequest, improvement_id: int) -> HttpResponse:
    _require_lead(request)
    improvement = get_object_or_404(Improvement, pk=improvement_id)
    responses = improvement.responses.filter(pk__in=_ids(request.POST.getlist("response")))
    try:
        actions.improvement_unlink(
            improvement=improvement, responses=list(responses), actor=request.user
        )
    except actions.ImprovementError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Unlinked."))
    return redirect("surveys:improvement_edit", improvement.pk)


def _ids(values: Any) -> list[int]:
    return [int(value) for value in values if str(value).isdigit()]


# --- The public page --------------------------------------------------------------------------


@require_GET
def you_said(request: HttpRequest) -> HttpResponse:
    language = page_language()
    groups = public_improvements(language)
    sections = [
        {"status": status, "title": Improvement.Status(status).label, "items": groups[status]}
        for status in PUBLIC_ORDER
        if groups[status]
    ]
    context = {"sections": sections, "language": language}
    return render(request, "surveys/public/you_said.html", context)
