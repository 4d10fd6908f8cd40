"""Reads for the consumer's status page: only what the consumer may see, in plain words."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from kalm.cases.models import Case, Message, Solution, Status
from kalm.cases.selectors import portal_link_from_token
from kalm.dossier.models import Evidence, PhysicalItem

# The four steps of the progress bar, and the step each status stands on.
PROGRESS_STEPS = [
    ("received", _("Received")),
    ("in_progress", _("In progress")),
    ("solution_proposed", _("Solution proposed")),
    ("resolved", _("Resolved")),
]
_STEP_OF_STATUS = {
    Status.NEW: 0,
    Status.OPEN: 1,
    Status.WAITING_CONSUMER: 1,
    Status.WAITING_US: 1,
    Status.REOPENED: 1,
    Status.SOLUTION_PROPOSED: 2,
    Status.RESOLVED: 3,
    Status.CLOSED: 3,
}

# What each status means for the consumer: a short name and what it means for them.
_PLAIN_STATUS: dict[str, tuple[Any, Any]] = {
    Status.NEW: (
        _("Received"),
        _("We have received your message. A member of our team will read it soon."),
    ),
    Status.OPEN: (
        _("In progress"),
        _("A member of our team is working on your case."),
    ),
    Status.WAITING_CONSUMER: (
        _("Waiting for your reply"),
        _("We asked you something. Please answer below, so we can continue."),
    ),
    Status.WAITING_US: (
        _("Under investigation"),
        _("We are looking into your case, for example with the production site or a lab."),
    ),
    Status.SOLUTION_PROPOSED: (
        _("Solution proposed"),
        _("We have proposed a solution. Please tell us below whether you are satisfied with it."),
    ),
    Status.RESOLVED: (
        _("Resolved"),
        _(
            "We consider your case resolved. You can still write to us here if something is not right."
        ),
    ),
    Status.CLOSED: (
        _("Closed"),
        _("Your case is closed. If you write to us here, we will open it again."),
    ),
    Status.REOPENED: (
        _("Reopened"),
        _("Your case has been opened again and is back with our team."),
    ),
}

_DEFAULT_NEXT_STEP: dict[str, Any] = {
    Status.NEW: _("We read every message and will reply personally."),
    Status.OPEN: _("We will let you know here and by email as soon as we know more."),
    Status.WAITING_CONSUMER: _("As soon as we have your answer, we will continue with your case."),
    Status.WAITING_US: _(
        "An investigation can take a few days. We will tell you here as soon as there is news."
    ),
    Status.SOLUTION_PROPOSED: _(
        "Once you have answered, we will complete your case or look for another solution."
    ),
    Status.RESOLVED: _("Nothing more is needed from you."),
    Status.CLOSED: _("Nothing more is needed from you."),
    Status.REOPENED: _("We will let you know here and by email as soon as we know more."),
}


@dataclass
class StatusPage:
    """Everything the status page shows, read in a fixed number of queries."""

    case: Case
    status_name: Any
    status_explanation: Any
    step: int
    next_step: str
    next_step_due: date | None
    reply_due: datetime | None
    reply_overdue: bool = False
    messages: list[Message] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    pending_solution: Solution | None = None
    answered_solutions: list[Solution] = field(default_factory=list)
    items: list[PhysicalItem] = field(default_factory=list)

    @property
    def progress(self) -> list[dict[str, Any]]:
        return [
            {"code": code, "label": label, "done": i < self.step, "current": i == self.step}
            for i, (code, label) in enumerate(PROGRESS_STEPS)
        ]


def portal_case_from_token(token: str) -> Case:
    """The case behind a status link (404 for forged, unknown or revoked links)."""
    return portal_link_from_token(token).case


def portal_status_page(case: Case) -> StatusPage:
    public = (
        Message.objects.filter(case=case, kind__in=[Message.Kind.INBOUND, Message.Kind.OUTBOUND])
        .select_related("author")
        .prefetch_related(Prefetch("evidence", queryset=_consumer_evidence(case)))
    )
    solutions = list(
        Solution.objects.filter(case=case)
        .exclude(response=Solution.Response.WITHDRAWN)
        .select_related("proposed_by")
    )
    name, explanation = _PLAIN_STATUS.get(case.status, (case.get_status_display(), ""))
    next_step = case.next_step or str(_DEFAULT_NEXT_STEP.get(case.status, ""))
    accepted = case.status == Status.SOLUTION_PROPOSED and any(
        s.response == Solution.Response.ACCEPTED for s in solutions[:1]
    )
    if accepted:  # the newest proposal was accepted: the ball is in our court, say so
        explanation = _("Thank you for accepting the proposed solution.")
        next_step = case.next_step or str(
            _("We are carrying out the solution and will then complete your case.")
        )
    awaiting_first_reply = case.first_responded_at is None and case.is_open
    return StatusPage(
        case=case,
        status_name=name,
        status_explanation=explanation,
        step=_STEP_OF_STATUS.get(case.status, 1),
        next_step=next_step,
        next_step_due=case.next_step_due,
        reply_due=case.first_response_due_at if awaiting_first_reply else None,
        reply_overdue=awaiting_first_reply and case.is_overdue,
        messages=list(public),
        evidence=list(_consumer_evidence(case)),
        pending_solution=next(
            (s for s in solutions if s.response == Solution.Response.PENDING), None
        ),
        answered_solutions=[s for s in solutions if s.response != Solution.Response.PENDING],
        items=list(PhysicalItem.objects.filter(case=case)),
    )


def _consumer_evidence(case: Case):
    """Only the files the consumer sent: agents' working files stay inside."""
    return Evidence.objects.filter(case=case, from_consumer=True)


def portal_evidence(case: Case, evidence_id: int) -> Evidence:
    return get_object_or_404(_consumer_evidence(case), pk=evidence_id)


def portal_solution(case: Case, solution_id: int) -> Solution:
    return get_object_or_404(Solution.objects.select_related("case"), pk=solution_id, case=case)


def portal_item(case: Case, item_id: int) -> PhysicalItem:
    return get_object_or_404(PhysicalItem.objects.select_related("case"), pk=item_id, case=case)


def first_inbound_message(case: Case) -> Message | None:
    return (
        Message.objects.filter(case=case, kind=Message.Kind.INBOUND)
        .order_by("created_at", "id")
        .first()
    )
