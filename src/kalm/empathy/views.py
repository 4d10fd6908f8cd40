"""The empathy card on the case page: refresh it, plan a call-back, set or release a legal hold.

With htmx each POST answers with the card it changed; without it, a redirect back to the case.
A refusal says why (a flash message) and changes nothing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kalm.cases.models import Case
from kalm.cases.selectors import access_case
from kalm.desk.access import desk_member_required
from kalm.empathy import actions, selectors
from kalm.empathy.forms import LegalHoldForm


def _card(request: HttpRequest, case: Case, **extra: Any) -> HttpResponse:
    """The card (htmx), or back to the case page, where a flash message says what happened."""
    if not request.htmx:
        return redirect(f"{reverse('desk:case', args=[case.pk])}#empathy")
    context = {"case": case, "empathy": selectors.case_empathy(case), "show_messages": True}
    return render(request, "empathy/partials/card.html", {**context, **extra})


@desk_member_required
@require_GET
def card(request: HttpRequest, case_id: int) -> HttpResponse:
    return _card(request, access_case(request.user, case_id))


@desk_member_required
@require_POST
def callback(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id)
    latest = selectors.latest_analysis(case)
    try:
        actions.callback_create(
            case=case, agent=request.user, message=latest.message if latest else None
        )
    except actions.EmpathyActionError as exc:
        messages.error(request, str(exc))
        return _card(request, case)
    messages.success(request, _("Call-back planned: it is in your follow-ups."))
    return _card(request, case, refresh_followups=True)


@desk_member_required
@require_POST
def legal_hold_set(request: HttpRequest, case_id: int) -> HttpResponse:
    selectors.access_legal_hold(request.user)
    case = access_case(request.user, case_id)
    form = LegalHoldForm(request.POST)
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        return _act(
            request,
            case,
            lambda: actions.legal_hold_set(case=case, reason=reason, actor=request.user),
            _("The dossier is on legal hold."),
        )
    messages.error(request, _("Nothing was saved: please check the form."))
    return _card(request, case, hold_form=form)


@desk_member_required
@require_POST
def legal_hold_release(request: HttpRequest, case_id: int) -> HttpResponse:
    selectors.access_legal_hold(request.user)
    case = access_case(request.user, case_id)
    return _act(
        request,
        case,
        lambda: actions.legal_hold_release(case=case, actor=request.user),
        _("The legal hold is released."),
    )


def _act(request: HttpRequest, case: Case, act: Any, done: str) -> HttpResponse:
    try:
        act()
    except actions.EmpathyActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return _card(request, case)
