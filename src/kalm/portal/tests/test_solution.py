"""Answering a proposed solution at ``/c/<token>/solution/<id>/``."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from kalm.cases.actions import solution_propose
from kalm.cases.models import Solution, Status


def _url(token: str, solution: Solution) -> str:
    return reverse("portal:solution", kwargs={"token": token, "solution_id": solution.pk})


def test_it_records_a_yes(client, case, token, agent):
    solution = solution_propose(case=case, agent=agent, text="Een nieuwe fles")
    response = client.post(_url(token, solution), {"answer": "yes", "comment": "Dank u"})
    assert response.status_code == 302 and response["Location"].endswith("#solution")
    solution.refresh_from_db()
    assert solution.response == Solution.Response.ACCEPTED
    assert solution.response_comment == "Dank u"


def test_it_records_a_no_and_moves_the_case_back_to_us(client, case, token, agent):
    solution = solution_propose(case=case, agent=agent, text="Een tegoedbon van 2 euro")
    client.post(_url(token, solution), {"answer": "no", "comment": "Te weinig"})
    solution.refresh_from_db()
    case.refresh_from_db()
    assert solution.response == Solution.Response.REJECTED
    assert case.status == Status.REOPENED


def test_it_needs_a_yes_or_no(client, case, token, agent):
    solution = solution_propose(case=case, agent=agent, text="Een nieuwe fles")
    response = client.post(_url(token, solution), {"comment": "Mijn opmerking"})
    assert response.status_code == 200
    body = response.content.decode()
    assert gettext("Choose yes or no.") in body and "Mijn opmerking" in body
    solution.refresh_from_db()
    assert solution.response == Solution.Response.PENDING


def test_it_refuses_a_second_answer(client, case, token, agent):
    solution = solution_propose(case=case, agent=agent, text="Een nieuwe fles")
    client.post(_url(token, solution), {"answer": "yes"})
    response = client.post(_url(token, solution), {"answer": "no"}, follow=True)
    solution.refresh_from_db()
    assert solution.response == Solution.Response.ACCEPTED
    assert gettext("This proposal has already been answered.") in response.content.decode()


def test_it_refuses_another_cases_solution(client, token, other_case, agent):
    foreign = solution_propose(case=other_case, agent=agent, text="Iets voor een ander")
    assert client.post(_url(token, foreign), {"answer": "yes"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.response == Solution.Response.PENDING


def test_it_refuses_a_forged_token(client, case, token, agent, outsider):
    solution = solution_propose(case=case, agent=agent, text="Een nieuwe fles")
    client.force_login(outsider)
    assert client.post(_url(token[:-1], solution), {"answer": "yes"}).status_code == 404
    solution.refresh_from_db()
    assert solution.response == Solution.Response.PENDING


def test_it_enforces_csrf(case, token, agent):
    solution = solution_propose(case=case, agent=agent, text="Een nieuwe fles")
    client = Client(enforce_csrf_checks=True)
    assert client.post(_url(token, solution), {"answer": "yes"}).status_code == 403
    solution.refresh_from_db()
    assert solution.response == Solution.Response.PENDING


def test_after_accepting_the_page_says_what_happens_next(client, case, agent):
    from kalm.cases.actions import portal_link_create, solution_answer, solution_propose
    from kalm.portal.selectors import portal_status_page

    solution = solution_propose(case=case, agent=agent, text="Nieuwe fles")
    solution_answer(solution=solution, accepted=True)
    case.refresh_from_db()
    with translation.override("en"):
        page = portal_status_page(case)
        assert str(page.status_explanation) == "Thank you for accepting the proposed solution."
        assert "carrying out the solution" in str(page.next_step)
    _link, token = portal_link_create(case=case)
    assert client.get(f"/c/{token}/").status_code == 200
