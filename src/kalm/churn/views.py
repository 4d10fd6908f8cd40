"""The churn pages of the desk: the consumers at risk (with a CSV of the list), the consumers
marked as lost, and one POST view per action — plan the suggested follow-up, mark as lost,
withdraw a mark. Every desk member may use them. A refused action says why in a message; a
refused mark keeps what was typed on its own small page."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kalm.churn import actions, selectors
from kalm.churn.forms import LossForm, RiskFilterForm
from kalm.consumers.models import Consumer
from kalm.consumers.selectors import access_consumer
from kalm.core.csv import csv_cell, csv_response
from kalm.desk.access import desk_member_required
from kalm.followups.actions import FollowUpActionError

PAGE_SIZE = 50


def _back(request: HttpRequest, default: str) -> str:
    """Where a POST returns to: the page it came from (``next``), if it is ours."""
    url = request.POST.get("next", "")
    safe = url and url_has_allowed_host_and_scheme(
        url, {request.get_host()}, require_https=request.is_secure()
    )
    return url if safe else default


@desk_member_required
@require_GET
def risk_list(request: HttpRequest) -> HttpResponse:
    form = RiskFilterForm(request.GET or None)
    page = Paginator(selectors.at_risk(**form.filters()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": selectors.rows(page.object_list),
        "status": selectors.method_status(),
        "filter_query": query.urlencode(),
        "nav": "churn",
    }
    return render(request, "churn/list.html", context)


@desk_member_required
@require_GET
def risk_export(request: HttpRequest) -> HttpResponse:
    """The whole filtered list (every page) as CSV, ';'-separated like the dashboards' exports
    (Dutch Excel splits on semicolons); risk as a whole percentage, so no decimal separator."""
    form = RiskFilterForm(request.GET or None)
    scores = selectors.at_risk(**form.filters()).iterator(chunk_size=2000)
    header = [
        _("Consumer number"),
        _("Name"),
        _("Kind"),
        _("Risk (%)"),
        _("Band"),
        _("Method"),
        _("Reasons"),
        _("Suggested action"),
        _("Follow-up planned"),
        _("Computed"),
    ]
    rows = (
        [
            row.consumer.pk,
            csv_cell(row.consumer.name),
            csv_cell(row.consumer.get_kind_display()),
            row.percent,
            csv_cell(row.score.get_band_display()),
            csv_cell(row.score.get_method_display()),
            csv_cell("; ".join([*row.reasons.raising, *filter(None, [row.reasons.lowering])])),
            csv_cell(row.score.get_action_display() if row.score.action else ""),
            _("yes") if row.score.planned_case else _("no"),
            timezone.localtime(row.score.computed_at).isoformat(timespec="minutes"),
        ]
        for row in map(selectors.row, scores)
    )
    filename = f"kalm-churn-risk-{timezone.localdate().isoformat()}.csv"
    return csv_response(filename, header, rows, delimiter=";")


@desk_member_required
@require_GET
def lost_list(request: HttpRequest) -> HttpResponse:
    withdrawn = request.GET.get("withdrawn") == "1"
    page = Paginator(selectors.losses(withdrawn=withdrawn), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "withdrawn": withdrawn,
        "status": selectors.method_status(),
        "nav": "churn",
    }
    return render(request, "churn/lost.html", context)


@desk_member_required
@require_POST
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    consumer = access_consumer(request.user, pk)
    try:
        followup = actions.risk_followup_plan(consumer=consumer, actor=request.user)
    except (actions.ChurnActionError, FollowUpActionError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Follow-up planned for you, due tomorrow: %(title)s") % {"title": followup.title},
        )
    return redirect(_back(request, reverse("churn:list")))


def _mark_page(request: HttpRequest, consumer: Consumer, form: LossForm) -> HttpResponse:
    context = {"consumer": consumer, "form": form, "nav": "churn"}
    return render(request, "churn/mark_lost.html", context, status=400)


@desk_member_required
@require_POST
def mark_lost(request: HttpRequest, pk: int) -> HttpResponse:
    consumer = access_consumer(request.user, pk)
    form = LossForm(request.POST)
    if not form.is_valid():
        return _mark_page(request, consumer, form)
    try:
        loss = actions.loss_mark(
            consumer=consumer,
            actor=request.user,
            lost_at=form.lost_at(),
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
    except actions.ChurnActionError as exc:
        messages.error(request, str(exc))
        return _mark_page(request, consumer, form)
    messages.success(
        request,
        _("%(name)s is marked as lost. Their score leaves the at-risk list.")
        % {"name": loss.consumer.name},
    )
    return redirect(_back(request, reverse("desk:consumer", args=[loss.consumer_id])))


@desk_member_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    loss = selectors.access_loss(request.user, pk)
    try:
        actions.loss_withdraw(loss=loss, actor=request.user)
    except actions.ChurnActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("The lost mark of %(name)s is withdrawn; the mark stays on record.")
            % {"name": loss.consumer.name},
        )
    return redirect(_back(request, reverse("churn:lost")))
