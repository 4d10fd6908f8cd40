"""The consumer's survey pages behind a private status link: /c/<token>/survey/<invitation>/.

The email's one-click links (/c/<token>/survey/<invitation>/<item>/<value>/) are opened by mail
scanners too (docs/decisions/0007-one-click-answers.md), so their GET records nothing: it shows
the survey with that answer chosen, and a small script posts it on load in a person's browser
(without script the consumer presses "Send"). Only a POST records."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kalm.surveys.actions import SurveyError, response_submit
from kalm.surveys.forms_public import COMMENT_MAX_LENGTH, SurveyForm
from kalm.surveys.items import ITEMS
from kalm.surveys.links import survey_path
from kalm.surveys.models import Invitation
from kalm.surveys.selectors import access_invitation

TEMPLATE = "surveys/public/survey.html"
GONE_TEMPLATE = "surveys/public/link_gone.html"


def _language(request: HttpRequest, invitation: Invitation) -> str:
    """The language the consumer chose with the page's switch, else the case's language (the
    one they wrote to us in), not the browser's."""
    languages = dict(settings.LANGUAGES)
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if chosen in languages:
        return chosen
    return invitation.language if invitation.language in languages else settings.LANGUAGE_CODE


def _current_answers(invitation: Invitation) -> dict[str, str]:
    """The answers given so far, as strings (the response's fields are named after the items)."""
    try:
        response = invitation.response
    except ObjectDoesNotExist:
        return {}
    answers = {}
    for code in invitation.survey.items:
        value = getattr(response, code, None)
        if value is not None and value != "":
            answers[code] = str(value)
    return answers


def _render(
    request: HttpRequest, token: str, invitation: Invitation, form: SurveyForm, **extra: Any
) -> HttpResponse:
    language = translation.get_language()
    context = {
        "token": token,
        "invitation": invitation,
        "case": invitation.case,
        "intro": invitation.survey.intro(language),
        "form": form,
        "rows": form.rows(),
        "comment_max_length": COMMENT_MAX_LENGTH,
        "survey_path": survey_path(token, invitation.pk),
        "status_path": reverse("portal:status", kwargs={"token": token}),
        **extra,
    }
    response = render(request, TEMPLATE, context)
    response["Content-Language"] = language  # LocaleMiddleware would name the browser's
    return response


def _gone(request: HttpRequest) -> HttpResponse:
    return render(request, GONE_TEMPLATE, status=404)


@never_cache
@require_http_methods(["GET", "POST"])
def survey_page(request: HttpRequest, token: str, invitation_id: int) -> HttpResponse:
    try:
        invitation = access_invitation(token, invitation_id)
    except Http404:
        return _gone(request)
    with translation.override(_language(request, invitation)):
        current = _current_answers(invitation)
        posted = request.method == "POST"
        items = invitation.survey.item_list()
        form = SurveyForm(items, request.POST if posted else None, initial=current)
        if posted and form.is_valid():
            try:
                response_submit(invitation=invitation, answers=form.answers())
            except SurveyError as exc:
                form.add_error(None, str(exc))
            else:
                return redirect(survey_path(token, invitation.pk) + "?saved=1#thanks")
        saved = not posted and request.GET.get("saved") == "1" and bool(current)
        return _render(request, token, invitation, form, saved=saved)


@never_cache
@require_http_methods(["GET", "POST"])
def answer_one_click(
    request: HttpRequest, token: str, invitation_id: int, item: str, value: str
) -> HttpResponse:
    try:
        invitation = access_invitation(token, invitation_id)
    except Http404:
        return _gone(request)
    found = ITEMS.get(item)
    if item not in invitation.survey.items or found is None or found.kind == "text":
        raise Http404
    if not found.valid(value):
        raise Http404
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    with translation.override(_language(request, invitation)):
        error = ""
        if request.method == "POST":
            try:
                response_submit(invitation=invitation, answers={item: value})
            except SurveyError as exc:
                if wants_json:
                    return JsonResponse({"saved": False, "error": str(exc)}, status=400)
                error = str(exc)
            else:
                if wants_json:
                    return JsonResponse({"saved": True})
                return redirect(survey_path(token, invitation.pk) + "?saved=1#thanks")
        initial = {**_current_answers(invitation), item: value}
        form = SurveyForm(invitation.survey.item_list(), initial=initial)
        if error:  # shown above the form; the chosen answer stays chosen for "Send"
            return _render(request, token, invitation, form, error=error)
        one_click = {"item": item, "value": value, "path": request.path}
        return _render(request, token, invitation, form, one_click=one_click)
