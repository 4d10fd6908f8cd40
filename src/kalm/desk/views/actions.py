"""One thin POST view per case action. Each calls exactly one action from kalm.cases.actions
(or kalm.dossier.evidence); refusals become a translated message and the typed text is kept."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRefresh

from kalm.cases import actions
from kalm.cases.expectations import case_expectation_suggestions, case_solution_comparison
from kalm.cases.models import Case, PortalLink, Solution, Status
from kalm.cases.selectors import access_case, access_case_by_reference, goodwill_for_case
from kalm.cases.workflow import IllegalTransition
from kalm.desk.access import desk_member_required
from kalm.desk.forms import (
    AssignForm,
    EvidenceForm,
    ExpectationsForm,
    GoodwillForm,
    NextStepForm,
    NoteForm,
    PhoneNoteForm,
    PortalLinkRevokeForm,
    PriorityForm,
    ReferenceForm,
    ReplyForm,
    SolutionForm,
    TopicForm,
    TransitionForm,
)
from kalm.desk.views.case import render_case
from kalm.dossier.evidence import EvidenceRefused, evidence_attach

# Where the page scrolls back to after each action.
ANCHORS = {
    "reply": "composer",
    "note": "composer",
    "phone": "composer",
    "evidence": "evidence",
    "merge": "relations",
    "link": "relations",
    "portal_link": "status-link",
    "expectations": "expectations",
    "goodwill": "solution",
}


class _Refused(Exception):
    """A refusal that is already phrased for the agent."""


def _refusal_text(exc: Exception) -> str:
    if isinstance(exc, IllegalTransition):
        return _("A case cannot go from “%(from)s” to “%(to)s”.") % {
            "from": Status(exc.current).label,
            "to": Status(exc.target).label,
        }
    if isinstance(exc, EvidenceRefused):
        return _("%(name)s was not kept: %(reason)s.") % {
            "name": exc.original_name,
            "reason": exc.reason,
        }
    return str(exc)


def _case_url(case: Case, key: str) -> str:
    return f"{reverse('desk:case', args=[case.pk])}#{ANCHORS.get(key, 'details')}"


def _perform(
    request: HttpRequest,
    case: Case,
    key: str,
    form: forms.Form,
    act: Callable[[dict[str, Any]], Any],
    success: str | Callable[[Any], str],
) -> HttpResponse:
    if form.is_valid():
        try:
            result = act(form.cleaned_data)
        except (actions.CaseActionError, IllegalTransition, EvidenceRefused, _Refused) as exc:
            messages.error(request, _refusal_text(exc))
        else:
            messages.success(request, success(result) if callable(success) else success)
            url = _case_url(case, key)
            return HttpResponseClientRefresh() if request.htmx else redirect(url)
    else:
        messages.error(request, _("Nothing was saved: please check the form."))
    return _failed(request, case, key, form)


def _failed(request: HttpRequest, case: Case, key: str, form: forms.Form) -> HttpResponse:
    """Show the form again, with the error and everything that was typed."""
    case = access_case(request.user, case.pk)  # fresh: a refused action changed nothing
    if request.htmx:
        return render(
            request,
            f"desk/forms/{key}.html",
            {"case": case, "form": form, "show_messages": True},
        )
    return render_case(request, case, bound={key: form}, status=400 if form.errors else 200)


def _reference_target(request: HttpRequest, reference: str) -> Case:
    try:
        return access_case_by_reference(request.user, reference)
    except Http404 as exc:
        raise _Refused(_("There is no case with reference %(ref)s.") % {"ref": reference}) from exc


@desk_member_required
@require_POST
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(request.user, pk)
    form = ReplyForm(request.POST, auto_id="id_reply_%s")
    return _perform(
        request,
        case,
        "reply",
        form,
        lambda d: actions.message_reply(case=case, agent=request.user, body=d["body"]),
        lambda m: _("Reply sent to the consumer as %(alias)s.") % {"alias": m.author_alias},
    )


@desk_member_required
@require_POST
def note(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(request.user, pk)
    form = NoteForm(request.POST, auto_id="id_note_%s")
    return _perform(
        request,
        case,
        "note",
        form,
        lambda d: actions.note_add(case=case, agent=request.user, body=d["body"]),
        _("Internal note added."),
    )


@desk_member_required
@require_POST
def phone_note(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(request.user, pk)
    form = PhoneNoteForm(request.POST, auto_id="id_phone_%s")
    return _perform(
        request,
        case,
        "phone",
        form,
        lambda d: actions.phone_note_add(
            case=case,
            agent=request.user,
            body=d["body"],
            direction=d["direction"],
            kind=d["kind"],
            number=d["number"],
            duration_seconds=d["duration"],
            mood=d["mood"],
            next_step=d["next_step"],
            follow_up=d["follow_up"],
        ),
        lambda m: _("Visit notes added.") if m.channel == "in_person" else _("Call notes added."),
    )


@desk_member_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(request.user, pk)
    form = AssignForm(request.POST)
    to_me = "to_me" in request.POST
    return _perform(
        request,
        case,
        "assign",
        form,
        lambda d: actions.case_assign(
            case=case,
            actor=request.user,
            assignee=request.user if to_me else d["assignee"],
            team=d["team"],
        ),
        _("Assignment saved."),
    )


@desk_member_required
@require_POST
def transition(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(request.user, pk)
    form = TransitionForm(request.POST, auto_id="id_status_%s")
    return _perform(
        request,
        case,
        "status",
        form,
        lambda d: actions.case_transition(
            case=case, to=d["to"], actor=request.user, reason=d["reason"]
        ),
        lambda c: _("Status is now “%(status)s”.") % {"status": c.get_status_display()},
    )


@desk_member_required
@require_POST
def priority(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(request.user, pk)
    form = PriorityForm(request.POST, auto_id="id_priority_%s")
    return _perform(
        request,
        case,
        "priority",
        form,
        lambda d: actions.case_set_priority(case=case, actor=request.user, priority=d["priority"]),
        _("Priority saved."),
    )


@desk_member_required
@require_POST
def topic(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(request.user, pk)
    form = TopicForm(request.POST, auto_id="id_topic_%s")
    return _perform(
        request,
        case,
        "topic",
        form,
        lambda d: actions.case_set_topic(case=case, actor=request.user, topic=d["topic"]),
        _("Topic saved."),
    )


@desk_member_required
@require_POST
def next_step(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(request.user, pk)
    form = NextStepForm(request.POST, auto_id="id_next_%s")
    return _perform(
        request,
        case,
        "next_step",
        form,
        lambda d: actions.next_step_set(
            case=case, actor=request.user, text=d["text"], due=d["due"]
        ),
        _("Next step saved; the consumer sees it on their status page."),
    )


@desk_member_required
@require_POST
def solution(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(request.user, pk)
    form = SolutionForm(request.POST, auto_id="id_solution_%s")
    return _perform(
        request,
        case,
        "solution",
        form,
        lambda d: actions.solution_propose(case=case, agent=request.user, text=d["text"]),
        _("Solution proposed; the consumer is asked whether they are satisfied."),
    )


@desk_member_required
@require_POST
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(request.user, pk)
    form = ReferenceForm(request.POST, auto_id="id_merge_%s")
    return _perform(
        request,
        case,
        "merge",
        form,
        lambda d: actions.case_merge(
            source=case, target=_reference_target(request, d["reference"]), actor=request.user
        ),
        lambda target: _("Merged into %(ref)s.") % {"ref": target.reference},
    )


@desk_member_required
@require_POST
def link(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(request.user, pk)
    form = ReferenceForm(request.POST, auto_id="id_link_%s")
    return _perform(
        request,
        case,
        "link",
        form,
        lambda d: actions.case_link(
            case=case, other=_reference_target(request, d["reference"]), actor=request.user
        ),
        _("Cases linked."),
    )


@desk_member_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(request.user, pk)
    form = EvidenceForm(request.POST, request.FILES, auto_id="id_evidence_%s")
    return _perform(
        request,
        case,
        "evidence",
        form,
        lambda d: evidence_attach(case=case, upload=d["file"], actor=request.user),
        lambda ev: _("%(name)s added to the dossier.") % {"name": ev.original_name},
    )


@desk_member_required
@require_POST
def portal_link_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Shows the new link once, in this response: only its hash is stored."""
    case = access_case(request.user, pk)
    _link, token = actions.portal_link_create(case=case, actor=request.user)
    url = actions.portal_url(token)
    if request.htmx:
        active = PortalLink.objects.filter(case=case, revoked_at__isnull=True)
        return render(
            request,
            "desk/forms/portal_link.html",
            {"case": case, "new_url": url, "active_links": active},
        )
    return render_case(request, case, new_portal_url=url)


@desk_member_required
@require_POST
def portal_link_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(request.user, pk)
    form = PortalLinkRevokeForm(request.POST)
    if not form.is_valid():
        raise Http404
    link_row = get_object_or_404(PortalLink, pk=form.cleaned_data["link"], case=case)
    actions.portal_link_revoke(link=link_row, actor=request.user)
    messages.success(request, _("The status link was revoked; it no longer opens the case."))
    url = _case_url(case, "portal_link")
    return HttpResponseClientRefresh() if request.htmx else redirect(url)


# --- expectations, the solution's comparison with them, and goodwill gestures --------------
# The case page loads these boxes with htmx (hx-trigger="load"); without htmx the same GET
# renders the whole case page with the box in place.


def _expectations_form(case: Case, data: Any = None) -> ExpectationsForm:
    """The form with what is recorded, or else pre-checked from the consumer's first words."""
    chosen = [option.code for option in case.expectations.all()]
    if chosen or case.expectation_other:
        initial = {"options": chosen, "other": case.expectation_other}
        return ExpectationsForm(data, initial=initial, auto_id="id_expect_%s")
    suggestions = case_expectation_suggestions(case)
    codes = [s.code for s in suggestions]
    other = next((", ".join(s.words) for s in suggestions if s.code == "other"), "")
    initial = {
        "options": codes,
        "other": other,
        "suggested": ",".join(codes),
    }
    return ExpectationsForm(data, initial=initial, suggestions=suggestions, auto_id="id_expect_%s")


@desk_member_required
@require_GET
def expectations_box(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(request.user, pk)
    form = _expectations_form(case)
    if request.htmx:
        return render(request, "desk/forms/expectations.html", {"case": case, "form": form})
    return render_case(request, case, bound={"expectations": form})


@desk_member_required
@require_POST
def expectations(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(request.user, pk)
    form = _expectations_form(case, request.POST)
    return _perform(
        request,
        case,
        "expectations",
        form,
        lambda d: actions.case_expectations_set(
            case=case,
            actor=request.user,
            options=d["options"],
            other=d["other"],
            source=d["source"],
            cues=form.cues,
        ),
        _("Expectations saved."),
    )


def _solution_box(case: Case, form: GoodwillForm | None = None) -> dict[str, Any]:
    solution = Solution.objects.filter(case=case).order_by("-proposed_at", "-id").first()
    gestures, totals = goodwill_for_case(case)
    return {
        "solution": solution,
        "comparison": case_solution_comparison(case, solution.text) if solution else None,
        "has_expectations": case.expectations.exists() or bool(case.expectation_other),
        "gestures": gestures,
        "totals": sorted(totals.items()),
        "form": form or GoodwillForm(auto_id="id_goodwill_%s"),
    }


def _render_solution_box(
    request: HttpRequest, case: Case, form: GoodwillForm | None = None, status: int = 200
) -> HttpResponse:
    box = _solution_box(case, form)
    if request.htmx:
        context = {"case": case, "box": box, "show_messages": form is not None}
        return render(request, "desk/forms/goodwill.html", context)
    return render_case(request, case, solution_box=box, status=status)


@desk_member_required
@require_GET
def solution_box(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_solution_box(request, access_case(request.user, pk))


@desk_member_required
@require_POST
def solution_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft solution compared with the expectations while the agent types (htmx)."""
    case = access_case(request.user, pk)
    text = request.POST.get("text", "")[:5000]
    context = {
        "comparison": case_solution_comparison(case, text) if text.strip() else None,
        "has_expectations": case.expectations.exists() or bool(case.expectation_other),
        "preview": True,
    }
    return render(request, "desk/partials/expectation_check.html", context)


@desk_member_required
@require_POST
def goodwill(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(request.user, pk)
    form = GoodwillForm(request.POST, auto_id="id_goodwill_%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.goodwill_record(
                case=case,
                actor=request.user,
                kind=data["kind"],
                cost=data["cost"],
                description=data["description"],
                currency=data["currency"],
            )
        except actions.CaseActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Goodwill gesture recorded."))
            url = _case_url(case, "goodwill")
            return HttpResponseClientRefresh() if request.htmx else redirect(url)
    else:
        messages.error(request, _("Nothing was saved: please check the form."))
    return _render_solution_box(request, case, form, status=400)
