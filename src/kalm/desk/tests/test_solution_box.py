"""The solution card's box (``case_solution_box``) and the live comparison of a draft
(``case_solution_preview``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext

from kalm.cases.actions import solution_propose
from kalm.cases.models import ExpectationOption
from kalm.core.testing import make_case
from kalm.desk.tests.conftest import assert_refused

HTMX = {"HX-Request": "true"}


def _box(case) -> str:
    return reverse("desk:case_solution_box", args=[case.pk])


def _preview(case) -> str:
    return reverse("desk:case_solution_preview", args=[case.pk])


def _case_expecting(*codes: str):
    return make_case(expectations=list(ExpectationOption.objects.filter(code__in=codes)))


def test_it_refuses_anonymous_and_outsiders(client, outsider, case):
    assert_refused(client, "get", _box(case), outsider)
    client.logout()
    assert_refused(client, "post", _preview(case), outsider, {"text": "Geld terug"})


def test_it_compares_the_last_solution_with_the_expectations(agent_client, agent, db):
    case = _case_expecting("refund", "apology")
    solution_propose(case=case, agent=agent, text="Wij storten het aankoopbedrag terug.")
    response = agent_client.get(_box(case), headers=HTMX)
    assert response.status_code == 200
    statuses = {c.code: c.status for c in response.context["box"]["comparison"].checks}
    assert statuses == {"refund": "met", "apology": "not_addressed"}
    body = response.content.decode()
    assert "✓" in body and gettext("not addressed") in body


def test_a_solution_that_goes_beyond_says_so(agent_client, agent, db):
    case = _case_expecting("refund")
    solution_propose(case=case, agent=agent, text="We betalen u terug en sturen een waardebon.")
    body = agent_client.get(_box(case), headers=HTMX).content.decode()
    assert gettext("Goes beyond what was asked:") in body


def test_without_htmx_the_box_is_on_the_case_page(agent_client, agent, db):
    case = _case_expecting("refund")
    solution_propose(case=case, agent=agent, text="Wij storten het aankoopbedrag terug.")
    response = agent_client.get(_box(case))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="solution-box"' in body and 'id="form-goodwill"' in body and "✓" in body


def test_a_draft_is_compared_while_typing(agent_client, db):
    case = _case_expecting("replacement", "apology")
    response = agent_client.post(
        _preview(case), {"text": "Onze excuses, we sturen u een nieuwe fles."}, headers=HTMX
    )
    assert response.status_code == 200
    assert response.context["comparison"].all_met
    assert gettext("This draft and the expectations") in response.content.decode()


def test_a_draft_on_a_case_without_expectations_asks_to_record_them(agent_client, case):
    response = agent_client.post(_preview(case), {"text": "Geld terug"}, headers=HTMX)
    assert gettext("No expectations recorded: record them above to compare.") in (
        response.content.decode()
    )
    assert agent_client.get(_preview(case)).status_code == 405
