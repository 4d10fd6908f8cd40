"""The consumer's answer to a proposed solution (``solution_answer``) and the solution email."""

from __future__ import annotations

import re

import pytest

from kalm.cases.actions import (
    CaseActionError,
    case_transition,
    solution_answer,
    solution_propose,
)
from kalm.cases.models import Solution, Status
from kalm.cases.workflow import allowed_targets
from kalm.dossier.models import EntryKind


def test_no_reopens_the_case_with_the_reason(case, agent):
    solution = solution_propose(case=case, agent=agent, text="Een tegoedbon van 2 euro")
    solution_answer(solution=solution, accepted=False, comment="Ik wil mijn geld terug")
    case.refresh_from_db()
    assert case.status == Status.REOPENED
    status = case.dossier.filter(kind=EntryKind.STATUS).latest("seq")
    assert status.payload["from"] == Status.SOLUTION_PROPOSED
    assert status.payload["to"] == Status.REOPENED
    assert "Ik wil mijn geld terug" in status.payload["reason"]
    answer = case.dossier.get(kind=EntryKind.SOLUTION_ANSWERED)
    assert answer.payload == {
        "solution_id": solution.pk,
        "accepted": False,
        "comment": "Ik wil mijn geld terug",
    }


def test_reopening_from_solution_proposed_is_in_the_workflow():
    assert Status.REOPENED in allowed_targets(Status.SOLUTION_PROPOSED)


def test_no_on_a_resolved_case_reopens_it_too(case, agent):
    solution = solution_propose(case=case, agent=agent, text="Nieuwe fles")
    case_transition(case=case, to=Status.RESOLVED, actor=agent)
    solution_answer(solution=solution, accepted=False, comment="Nooit ontvangen")
    case.refresh_from_db()
    assert case.status == Status.REOPENED and case.resolved_at is None


def test_no_leaves_a_case_the_team_already_took_back(case, agent):
    solution = solution_propose(case=case, agent=agent, text="Nieuwe fles")
    case_transition(case=case, to=Status.WAITING_US, actor=agent)
    solution_answer(solution=solution, accepted=False, comment="Liever geld")
    case.refresh_from_db()
    assert case.status == Status.WAITING_US


def test_yes_keeps_the_case_at_solution_proposed_until_the_team_resolves(case, agent):
    solution = solution_propose(case=case, agent=agent, text="Nieuwe fles")
    solution_answer(solution=solution, accepted=True)
    case.refresh_from_db()
    solution.refresh_from_db()
    assert case.status == Status.SOLUTION_PROPOSED
    assert solution.response == Solution.Response.ACCEPTED


def test_a_withdrawn_proposal_cannot_be_answered(case, agent, english):
    first = solution_propose(case=case, agent=agent, text="A")
    solution_propose(case=case, agent=agent, text="B")
    with pytest.raises(CaseActionError, match="withdrawn"):
        solution_answer(solution=first, accepted=True)
    first.refresh_from_db()
    assert first.response == Solution.Response.WITHDRAWN


def test_the_email_carries_a_yes_and_a_no_link(
    case, agent, mailoutbox, django_capture_on_commit_callbacks, client
):
    with django_capture_on_commit_callbacks(execute=True):
        solution = solution_propose(case=case, agent=agent, text="Wij sturen een nieuwe fles.")
    (sent,) = mailoutbox
    yes = re.search(rf"https?://\S+/c/(\S+)/solution/{solution.pk}/yes/", sent.body)
    no = re.search(rf"https?://\S+/c/(\S+)/solution/{solution.pk}/no/", sent.body)
    assert yes and no and yes.group(1) == no.group(1)
    assert f"/c/{yes.group(1)}/\n" in sent.body  # the status page, from the same token
    html = sent.alternatives[0][0]
    assert f'href="{yes.group(0)}"' in html and f'href="{no.group(0)}"' in html
    # The link in the email really opens the confirmation page of this solution.
    path = yes.group(0).split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    assert response.status_code == 200 and response.context["solution"] == solution
