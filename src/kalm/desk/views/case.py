"""The case page: header, the whole dossier as one timeline, and every action's form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kalm.cases.models import Case, Status
from kalm.cases.selectors import access_case
from kalm.cases.workflow import allowed_targets
from kalm.desk.access import desk_member_required
from kalm.desk.forms import (
    AssignForm,
    EvidenceForm,
    NextStepForm,
    NoteForm,
    PhoneNoteForm,
    PriorityForm,
    ReferenceForm,
    ReplyForm,
    SolutionForm,
    TopicForm,
    TransitionForm,
)
from kalm.desk.selectors import case_page_data
from kalm.drills.selectors import desk_drill_id

COMPOSER_TABS = ("reply", "note", "phone")


def default_forms(case: Case) -> dict[str, forms.Form]:
    return {
        "reply": ReplyForm(auto_id="id_reply_%s"),
        "note": NoteForm(auto_id="id_note_%s"),
        "phone": PhoneNoteForm(auto_id="id_phone_%s"),
        "assign": AssignForm(initial={"assignee": case.assignee_id, "team": case.team_id}),
        "status": TransitionForm(auto_id="id_status_%s"),
        "priority": PriorityForm(initial={"priority": case.priority}, auto_id="id_priority_%s"),
        "topic": TopicForm(initial={"topic": case.topic_id}, auto_id="id_topic_%s"),
        "next_step": NextStepForm(
            initial={"text": case.next_step, "due": case.next_step_due}, auto_id="id_next_%s"
        ),
        "solution": SolutionForm(auto_id="id_solution_%s"),
        "merge": ReferenceForm(auto_id="id_merge_%s"),
        "link": ReferenceForm(auto_id="id_link_%s"),
        "evidence": EvidenceForm(auto_id="id_evidence_%s"),
    }


def dossier_forms(case: Case, items: list[Any]) -> dict[str, Any]:
    """The physical-item forms of the dossier app, when that app provides them."""
    try:
        from kalm.dossier.forms import PhysicalItemForm  # type: ignore[attr-defined]
    except ImportError:
        PhysicalItemForm = None
    try:
        from kalm.dossier.forms import CustodyMoveForm  # type: ignore[attr-defined]
    except ImportError:
        CustodyMoveForm = None
    return {
        "item_form": PhysicalItemForm(auto_id="id_item_%s") if PhysicalItemForm else None,
        "custody_forms": {item.pk: _custody_form(CustodyMoveForm, item) for item in items}
        if CustodyMoveForm
        else {},
    }


def _custody_form(form_class: Any, item: Any) -> forms.Form | None:
    auto_id = f"id_custody{item.pk}_%s"
    try:
        form = form_class(item=item, auto_id=auto_id)
    except TypeError:  # a form that does not depend on the item's current custody
        form = form_class(auto_id=auto_id)
    custody = form.fields.get("custody")
    # An item at the end of its journey (destroyed, returned) has no further moves.
    return None if custody is not None and not list(custody.choices) else form


def case_context(
    request: HttpRequest,
    case: Case,
    *,
    bound: dict[str, forms.Form] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    data = case_page_data(case)
    page_forms = {**default_forms(case), **(bound or {})}
    composer = next((key for key in COMPOSER_TABS if key in (bound or {})), "reply")
    items = data["items"]
    for item in items:
        item.custody_form = None
    custody = dossier_forms(case, items)
    for item in items:
        item.custody_form = custody["custody_forms"].get(item.pk)
    return {
        "case": case,
        "forms": page_forms,
        "composer": composer,
        "allowed_targets": [Status(s) for s in allowed_targets(case.status)],
        "item_form": custody["item_form"],
        **data,
        **extra,
    }


def render_case(
    request: HttpRequest,
    case: Case,
    *,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    context = case_context(request, case, bound=bound, **extra)
    return render(request, "desk/case.html", context, status=status)


@desk_member_required
@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(request.user, pk)
    if case.drill_id and desk_drill_id(request) != case.drill_id:
        # Reached from outside its drill (a link, a report): say plainly it is an exercise.
        messages.warning(
            request,
            _(
                "DRILL: this case belongs to drill #%(id)s. "
                "It is an exercise: no real consumer is behind it."
            )
            % {"id": case.drill_id},
        )
    return render_case(request, case)
