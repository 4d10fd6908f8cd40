from __future__ import annotations

from django.urls import reverse

from kalm.cases.models import Solution, Status
from kalm.desk.tests.conftest import assert_refused
from kalm.dossier.models import EntryKind


def _url(case) -> str:
    return reverse("desk:case_solution", args=[case.pk])


def test_it_refuses_anonymous_and_outsiders(client, outsider, case):
    assert_refused(client, "post", _url(case), outsider, {"text": "Nieuwe fles"})
    assert not Solution.objects.exists()


def test_it_proposes_a_solution(agent_client, case):
    response = agent_client.post(_url(case), {"text": "Wij sturen een nieuwe fles."})
    assert response.status_code == 302
    solution = Solution.objects.get(case=case)
    assert solution.text == "Wij sturen een nieuwe fles."
    assert case.dossier.get(kind=EntryKind.SOLUTION_PROPOSED).payload["solution_id"] == solution.pk
    case.refresh_from_db()
    assert case.status == Status.SOLUTION_PROPOSED
    page = agent_client.get(reverse("desk:case", args=[case.pk])).content.decode()
    assert "Wij sturen een nieuwe fles." in page


def test_an_empty_solution_is_refused(agent_client, case):
    assert agent_client.post(_url(case), {"text": " "}).status_code == 400
    assert not Solution.objects.exists()
