"""The consumer's pages: the complaint form and the private status page behind a signed link."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kalm.accounts.models import User
from kalm.cases.actions import (
    CaseActionError,
    case_confirmation_queue,
    case_open_linked,
    message_receive,
    solution_answer,
)
from kalm.cases.models import Case, Channel, Solution
from kalm.core.i18n import page_language
from kalm.crisis.selectors import public_crisis_page
from kalm.dossier.evidence import EvidenceRefused, evidence_attach, evidence_open
from kalm.portal.forms import (
    ComplaintForm,
    MessageForm,
    SolutionAnswerForm,
    SolutionConfirmForm,
)
from kalm.portal.selectors import (
    portal_case_from_token,
    portal_evidence,
    portal_item,
    portal_solution,
    portal_status_page,
)

_RECEIVED = "portal_received"


def _attach_all(case: Case, files: list, message: Any) -> list[dict[str, str]]:
    """Attach each file; a refused file is reported and the others are still kept."""
    refused = []
    for upload in files:
        try:
            evidence_attach(case=case, upload=upload, from_consumer=True, message=message)
        except EvidenceRefused as exc:
            refused.append({"name": exc.original_name, "reason": str(exc.reason)})
    return refused


@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = ComplaintForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():  # the case, its link and its confirmation, or nothing
            opened = case_open_linked(
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                subject=data["subject"],
                body=data["body"],
                channel=Channel.WEB,
                language=page_language(),
                product=data["product"],
                batch_number=data["batch_number"],
                expectations=list(data["expectations"]),
                expectation_other=data["expectation_other"],
            )
            case, token = opened.case, opened.status_token
            case_confirmation_queue(case=case, token=token)
        # Files are checked one by one after the case exists, so a refused file loses nothing.
        refused = _attach_all(case, data["files"], opened.message)
        request.session[_RECEIVED] = {"case": case.pk, "refused": refused}
        return redirect("portal:status", token=token)
    return render(request, "portal/complaint.html", {"form": form})


@never_cache
@require_GET
def status(request: HttpRequest, token: str) -> HttpResponse:
    case = portal_case_from_token(token)
    return _render_status(request, token, case)


def _render_status(request: HttpRequest, token: str, case: Case, **forms: Any) -> HttpResponse:
    received = request.session.get(_RECEIVED)
    if received and received.get("case") == case.pk:
        del request.session[_RECEIVED]
    else:
        received = None
    context = {
        "token": token,
        "page": portal_status_page(case),
        "received": received,
        "message_form": forms.get("message_form") or MessageForm(),
        "solution_form": forms.get("solution_form") or SolutionAnswerForm(),
    }
    return render(request, "portal/status.html", context)


@never_cache
@require_POST
def message_add(request: HttpRequest, token: str) -> HttpResponse:
    case = portal_case_from_token(token)
    form = MessageForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_status(request, token, case, message_form=form)
    body = form.cleaned_data["body"].strip()
    message = message_receive(case=case, body=body, channel=Channel.WEB) if body else None
    refused = _attach_all(case, form.cleaned_data["files"], message)
    for item in refused:
        messages.error(request, _("%(name)s was not added: %(reason)s.") % item)
    added = len(form.cleaned_data["files"]) - len(refused)
    if body or added:
        messages.success(request, _("Thank you, we have received it."))
    return redirect(reverse("portal:status", kwargs={"token": token}) + "#conversation")


@never_cache
@require_POST
def solution_respond(request: HttpRequest, token: str, solution_id: int) -> HttpResponse:
    case = portal_case_from_token(token)
    solution = portal_solution(case, solution_id)
    form = SolutionAnswerForm(request.POST)
    if not form.is_valid():
        return _render_status(request, token, case, solution_form=form)
    try:
        solution_answer(
            solution=solution,
            accepted=form.cleaned_data["answer"],
            comment=form.cleaned_data["comment"],
        )
    except CaseActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Thank you for your answer."))
    return redirect(reverse("portal:status", kwargs={"token": token}) + "#solution")


_ANSWER_TEMPLATE = "portal/solution_answer.html"


@never_cache
@require_http_methods(["GET", "POST"])
def solution_answer_confirm(
    request: HttpRequest, token: str, solution_id: int, answer: str
) -> HttpResponse:
    """The page behind the email's "yes" and "no" links. Mail scanners open every link, so the
    GET only shows the chosen answer with one button to confirm; the POST answers."""
    accepted = answer == "yes"
    try:
        case = portal_case_from_token(token)
    except Http404:
        return render(request, _ANSWER_TEMPLATE, {"state": "link_gone"}, status=404)
    try:
        solution = portal_solution(case, solution_id)
    except Http404:
        context = {"state": "not_found", "token": token, "case": case}
        return render(request, _ANSWER_TEMPLATE, context, status=404)
    context: dict[str, Any] = {
        "token": token,
        "case": case,
        "solution": solution,
        "accepted": accepted,
    }
    if solution.response != Solution.Response.PENDING:
        return render(request, _ANSWER_TEMPLATE, {**context, "state": solution.response})
    posted = request.method == "POST"
    form = SolutionConfirmForm(request.POST if posted else None, accepted=accepted)
    if posted and form.is_valid():
        try:
            solution_answer(
                solution=solution, accepted=accepted, comment=form.cleaned_data["comment"]
            )
        except CaseActionError:  # answered or withdrawn meanwhile, e.g. in another tab
            solution.refresh_from_db()
            return render(request, _ANSWER_TEMPLATE, {**context, "state": solution.response})
        messages.success(
            request,
            _("Thank you for your answer.")
            if accepted
            else _("Thank you for telling us. Your case is back with our team."),
        )
        return redirect(reverse("portal:status", kwargs={"token": token}) + "#solution")
    return render(request, _ANSWER_TEMPLATE, {**context, "state": "confirm", "form": form})


@never_cache
@require_GET
def evidence_download(request: HttpRequest, token: str, evidence_id: int) -> FileResponse:
    case = portal_case_from_token(token)
    evidence = portal_evidence(case, evidence_id)
    inline = request.GET.get("inline") == "1" and (evidence.is_image or evidence.is_video)
    response = FileResponse(
        evidence_open(evidence),
        as_attachment=not inline,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; media-src 'self'"
    return response


@never_cache
@require_GET
def item_receipt(request: HttpRequest, token: str, item_id: int) -> HttpResponse:
    case = portal_case_from_token(token)
    item = portal_item(case, item_id)
    from kalm.dossier.receipts import receipt_pdf  # built separately; imported when used

    response = HttpResponse(receipt_pdf(item), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="receipt-{item.receipt_number}.pdf"'
    return response


_AVATAR_KEY = re.compile(r"^[0-9a-f]{64}\.png$")


@require_GET
def avatar(request: HttpRequest, key: str) -> HttpResponse:
    """An agent's public avatar. Only files that are someone's current avatar are served."""
    name = f"avatars/{key}"
    if not _AVATAR_KEY.match(key) or not User.objects.filter(alias_avatar=name).exists():
        raise Http404
    response = FileResponse(default_storage.open(name, "rb"), content_type="image/png")
    response["Cache-Control"] = "public, max-age=31536000, immutable"  # named by content hash
    return response


@never_cache
@require_GET
def crisis_page(request: HttpRequest, key: str) -> HttpResponse:
    """The public crisis page: no login, the consumer's language, only published text. Not
    cached, so a new publication shows at once."""
    # A drill's page is shown to desk members only (they work the drill), marked as a drill.
    desk = bool(getattr(request.user, "is_desk_member", False))
    page = public_crisis_page(key, page_language(), include_drills=desk)
    return render(request, "portal/crisis.html", {"page": page, "is_drill": page.crisis.drill_id})
