"""The one-click answers from the solution email: ``/c/<token>/solution/<id>/yes|no/``.

A GET (what mail scanners do) only shows a page to confirm; the POST answers."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext

from kalm.cases.actions import portal_link_revoke, solution_answer, solution_propose
from kalm.cases.models import PortalLink, Solution, Status
from kalm.dossier.models import EntryKind
from kalm.portal.tests.conftest import status_url


def _url(token: str, solution: Solution, answer: str) -> str:
    return reverse(
        "portal:solution_answer",
        kwargs={"token": token, "solution_id": solution.pk, "answer": answer},
    )


def _unchanged(case, solution) -> None:
    solution.refresh_from_db()
    case.refresh_from_db()
    assert solution.response == Solution.Response.PENDING
    assert case.status == Status.SOLUTION_PROPOSED
    assert not case.dossier.filter(kind=EntryKind.SOLUTION_ANSWERED).exists()


def test_a_get_only_shows_the_chosen_answer(client, case, token, agent):
    solution = solution_propose(case=case, agent=agent, text="Een nieuwe fles")
    for answer, button in (
        ("yes", "Confirm: yes, this solves it"),
        ("no", "Send: this does not solve it"),
    ):
        for _scanner_visit in range(2):
            response = client.get(_url(token, solution, answer))
            assert response.status_code == 200
            body = response.content.decode()
            assert gettext(button) in body and "Een nieuwe fles" in body
            assert 'method="post"' in body
            assert "no-cache" in response["Cache-Control"]
    _unchanged(case, solution)


def test_a_yes_is_confirmed_by_post(client, case, token, agent):
    solution = solution_propose(case=case, agent=agent, text="Een nieuwe fles")
    response = client.post(_url(token, solution, "yes"), {})
    assert response.status_code == 302
    assert response["Location"] == status_url(token) + "#solution"
    solution.refresh_from_db()
    assert solution.response == Solution.Response.ACCEPTED
    page = client.get(response["Location"]).content.decode()
    assert gettext("Thank you for your answer.") in page


def test_a_no_needs_what_would_solve_it(client, case, token, agent):
    solution = solution_propose(case=case, agent=agent, text="Een tegoedbon van 2 euro")
    page = client.get(_url(token, solution, "no")).content.decode()
    assert gettext("What would solve it for you?") in page
    response = client.post(_url(token, solution, "no"), {"comment": "  "})
    assert response.status_code == 200
    assert gettext("Tell us in a few words what would solve it for you.") in (
        response.content.decode()
    )
    _unchanged(case, solution)


def test_a_no_reopens_the_case_with_the_reason(client, case, token, agent):
    solution = solution_propose(case=case, agent=agent, text="Een tegoedbon van 2 euro")
    response = client.post(_url(token, solution, "no"), {"comment": "Mijn geld terug graag"})
    assert response.status_code == 302
    solution.refresh_from_db()
    case.refresh_from_db()
    assert solution.response == Solution.Response.REJECTED
    assert solution.response_comment == "Mijn geld terug graag"
    assert case.status == Status.REOPENED
    status = case.dossier.filter(kind=EntryKind.STATUS).latest("seq")
    assert "Mijn geld terug graag" in status.payload["reason"]
    assert (
        case.dossier.get(kind=EntryKind.SOLUTION_ANSWERED).payload["comment"]
        == "Mijn geld terug graag"
    )


def test_an_answered_proposal_says_so_instead_of_answering_again(client, case, token, agent):
    solution = solution_propose(case=case, agent=agent, text="Een nieuwe fles")
    solution_answer(solution=solution, accepted=True)
    for method in (client.get, client.post):
        response = method(_url(token, solution, "no"), {"comment": "Toch niet"})
        assert response.status_code == 200
        body = response.content.decode()
        assert gettext("You have already answered this proposal.") in body
        assert gettext("Your answer: yes, you are satisfied with this solution.") in body
    solution.refresh_from_db()
    case.refresh_from_db()
    assert solution.response == Solution.Response.ACCEPTED
    assert case.status == Status.SOLUTION_PROPOSED


def test_a_withdrawn_proposal_points_to_the_status_page(client, case, token, agent):
    first = solution_propose(case=case, agent=agent, text="Eerste voorstel")
    solution_propose(case=case, agent=agent, text="Beter voorstel")
    response = client.post(_url(token, first, "yes"))
    assert response.status_code == 200
    body = response.content.decode()
    assert gettext("This proposal is no longer current.") in body
    assert status_url(token) in body
    first.refresh_from_db()
    assert first.response == Solution.Response.WITHDRAWN


def test_a_revoked_link_says_it_no_longer_works(client, case, token, agent):
    solution = solution_propose(case=case, agent=agent, text="Een nieuwe fles")
    link = PortalLink.objects.get(case=case)
    portal_link_revoke(link=link, actor=agent)
    for method in (client.get, client.post):
        response = method(_url(token, solution, "yes"))
        assert response.status_code == 404
        assert gettext("This link no longer works") in response.content.decode()
    _unchanged(case, solution)


def test_a_forged_token_is_refused_even_for_a_logged_in_outsider(
    client, case, token, agent, outsider
):
    solution = solution_propose(case=case, agent=agent, text="Een nieuwe fles")
    client.force_login(outsider)
    response = client.post(_url(token[:-2], solution, "yes"))
    assert response.status_code == 404
    _unchanged(case, solution)


def test_another_cases_proposal_is_not_found(client, token, other_case, other_token, agent):
    foreign = solution_propose(case=other_case, agent=agent, text="Iets voor een ander")
    response = client.post(_url(token, foreign, "yes"))
    assert response.status_code == 404
    assert gettext("We could not find this proposal") in response.content.decode()
    foreign.refresh_from_db()
    assert foreign.response == Solution.Response.PENDING


def test_only_yes_and_no_are_answers(client, case, token, agent):
    solution = solution_propose(case=case, agent=agent, text="Een nieuwe fles")
    path = f"/c/{token}/solution/{solution.pk}/maybe/"
    assert client.post(path).status_code == 404


def test_it_enforces_csrf(case, token, agent):
    solution = solution_propose(case=case, agent=agent, text="Een nieuwe fles")
    strict = Client(enforce_csrf_checks=True)
    assert strict.get(_url(token, solution, "yes")).status_code == 200
    assert strict.post(_url(token, solution, "yes")).status_code == 403
    _unchanged(case, solution)
