"""The consumer in the desk: their page (addresses, whole journey), calls from an unknown case,
and the merge proposals agents confirm or reject."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kalm.cases.actions import CaseActionError, case_open
from kalm.cases.models import Channel
from kalm.cases.selectors import access_case
from kalm.consumers.actions import (
    ConsumerActionError,
    consumer_resolve,
    identity_add,
    merge_proposal_decide,
)
from kalm.consumers.forms import CallCaseForm, CallerForm, IdentityForm, MergeDecisionForm
from kalm.consumers.models import ConsumerMergeProposal
from kalm.consumers.selectors import (
    access_consumer,
    consumer_journey,
    consumers_by_phone,
    merge_proposals_open,
)
from kalm.desk.access import desk_member_required
from kalm.desk.forms import PhoneNoteForm
from kalm.drills.selectors import desk_drill_id


def _render_consumer(request: HttpRequest, consumer, form: IdentityForm, status: int = 200):
    journey = consumer_journey(consumer, page=request.GET.get("page", 1))
    context = {"consumer": consumer, "journey": journey, "form": form}
    return render(request, "desk/consumers/detail.html", context, status=status)


@desk_member_required
@require_GET
def consumer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consumer = access_consumer(request.user, pk)
    return _render_consumer(request, consumer, IdentityForm(auto_id="id_identity_%s"))


@desk_member_required
@require_POST
def identity_new(request: HttpRequest, pk: int) -> HttpResponse:
    consumer = access_consumer(request.user, pk)
    form = IdentityForm(request.POST, auto_id="id_identity_%s")
    if form.is_valid():
        try:
            identity_add(consumer=consumer, actor=request.user, **form.cleaned_data)
        except ConsumerActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Address added."))
            return redirect("desk:consumer", pk=consumer_resolve(consumer).pk)
    return _render_consumer(request, consumer, form, status=400)


@desk_member_required
@require_http_methods(["GET", "POST"])
def call_new(request: HttpRequest) -> HttpResponse:
    """Log a call before knowing the case: find the caller by number, or open a phone case."""
    new_case = CallCaseForm(request.POST or None, auto_id="id_newcase_%s")
    if request.method == "POST" and new_case.is_valid():
        try:
            case = case_open(
                channel=Channel.PHONE,
                opened_by=request.user,
                drill_id=desk_drill_id(request),
                **new_case.cleaned_data,
            )
        except CaseActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Case %(ref)s opened.") % {"ref": case.reference})
            return redirect("desk:case", pk=case.pk)
    phone = request.POST.get("phone") or request.GET.get("phone", "")
    caller = CallerForm({"phone": phone} if phone else None, auto_id="id_caller_%s")
    found = (
        consumers_by_phone(caller.cleaned_data["phone"], drill_id=desk_drill_id(request))
        if caller.is_valid()
        else []
    )
    if request.method == "GET":
        only = found[0] if len(found) == 1 else None
        new_case = CallCaseForm(
            initial={
                "phone": phone,
                "name": only.name if only else "",
                "email": only.email if only else "",
            },
            auto_id="id_newcase_%s",
        )
    target = None
    if request.GET.get("case", "").isdigit():
        target = access_case(request.user, int(request.GET["case"]))
    context = {
        "caller": caller,
        "searched": caller.is_bound or request.method == "POST",
        "found": found,
        "new_case": new_case,
        "target": target,
        "phone_form": PhoneNoteForm(initial={"number": phone}, auto_id="id_phone_%s"),
    }
    return render(
        request, "desk/consumers/call_new.html", context, status=400 if new_case.errors else 200
    )


@desk_member_required
@require_GET
def merge_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "desk/consumers/merges.html",
        {"proposals": merge_proposals_open(drill_id=desk_drill_id(request))},
    )


@desk_member_required
@require_POST
def merge_decide(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(ConsumerMergeProposal.objects.select_related("a", "b"), pk=pk)
    form = MergeDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was saved: please check the form."))
        return redirect("desk:consumer_merges")
    accept = form.cleaned_data["decision"] == "accept"
    keep_id = form.cleaned_data["keep"] or proposal.a_id
    keep = proposal.b if keep_id == proposal.b_id else proposal.a
    try:
        merge_proposal_decide(proposal=proposal, accept=accept, actor=request.user, keep=keep)
    except ConsumerActionError as exc:
        messages.error(request, str(exc))
        return redirect("desk:consumer_merges")
    if accept:
        messages.success(request, _("Merged into %(name)s.") % {"name": keep.name})
        return redirect(reverse("desk:consumer", args=[keep.pk]))
    messages.success(request, _("Kept apart: the proposal was rejected."))
    return redirect("desk:consumer_merges")
