"""The surveys in the desk: the list with how often each was sent and answered, and the form to
compose one. Every desk member reads the list; leads and admins add and change surveys (the
actions refuse anyone else too). Every POST is one action and a redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kalm.desk.access import desk_member_required
from kalm.surveys import actions
from kalm.surveys.forms_desk import SurveyForm
from kalm.surveys.models import Invitation, Survey


def surveys_with_counts() -> QuerySet[Survey]:
    """Every survey with its team and its invitations sent and answered, in one query. An
    invitation answered on the status page before its email went out counts as sent: the
    consumer was asked."""
    answered = Q(invitations__status=Invitation.Status.ANSWERED)
    sent = Q(invitations__sent_at__isnull=False) | answered
    return Survey.objects.select_related("team").annotate(
        sent_count=Count("invitations", filter=sent),
        answered_count=Count("invitations", filter=answered),
    )


def _require_lead(request: HttpRequest) -> None:
    if not request.user.is_lead:
        raise PermissionDenied


@desk_member_required
@require_GET
def survey_list(request: HttpRequest) -> HttpResponse:
    surveys = list(surveys_with_counts())
    for survey in surveys:
        survey.answer_rate = (
            round(100 * survey.answered_count / survey.sent_count) if survey.sent_count else None
        )
    context = {"surveys": surveys, "can_edit": request.user.is_lead, "nav": "surveys"}
    return render(request, "surveys/desk/list.html", context)


def _form_page(
    request: HttpRequest, form: SurveyForm, survey: Survey | None = None, status: int = 200
) -> HttpResponse:
    context = {"form": form, "survey": survey, "nav": "surveys"}
    return render(request, "surveys/desk/edit.html", context, status=status)


@desk_member_required
@require_http_methods(["GET", "POST"])
def survey_new(request: HttpRequest) -> HttpResponse:
    _require_lead(request)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = actions.survey_create(actor=request.user, **form.action_fields())
        except actions.SurveyError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Survey “%(name)s” added.") % {"name": survey.name})
            return redirect("surveys:list")
    return _form_page(request, form, status=400 if form.is_bound else 200)


@desk_member_required
@require_http_methods(["GET", "POST"])
def survey_edit(request: HttpRequest, survey_id: int) -> HttpResponse:
    _require_lead(request)
    survey = get_object_or_404(Survey, pk=survey_id)
    form = SurveyForm(request.POST or None, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            survey = actions.survey_update(
                survey=survey, actor=request.user, **form.action_fields()
            )
        except actions.SurveyError as exc:
            form.add_error(None, str(exc))
            survey.refresh_from_db()  # the heading shows the saved name, not the refused one
        else:
            messages.success(request, _("Survey “%(name)s” saved.") % {"name": survey.name})
            return redirect("surveys:list")
    return _form_page(request, form, survey, status=400 if form.is_bound else 200)
