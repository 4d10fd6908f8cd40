"""The reply check's crisis check: a reply on a case in an open crisis follows the published
statement and claims nothing (cause, compensation, timing) the statement does not say."""

from __future__ import annotations

import pytest

from kalm.core.testing import make_case
from kalm.crisis.actions import crisis_case_decide
from kalm.crisis.models import CrisisCase, PublishChannel
from kalm.crisis.tests.conftest import open_crisis
from kalm.crisis.tests.statements import published, team
from kalm.replies.check import check_reply

FOLLOWS = (
    "Beste mevrouw, flessen uit batch L2611 kunnen barsten. We halen batch L2611 uit de "
    "winkels. Open de fles niet en breng hem terug."
)


def crisis_result(draft: str, case):
    return next(r for r in check_reply(draft=draft, case=case) if r.code == "crisis")


@pytest.fixture
def linked_case(team_lead):
    crisis = open_crisis(team_lead)
    case = make_case(batch_number="L2611")
    link = CrisisCase.objects.create(crisis=crisis, case=case)
    crisis_case_decide(link=link, actor=team_lead, confirm=True)
    spokes, legal = team(team_lead)
    published(crisis, spokes, legal, channels=[PublishChannel.DESK_MACRO])
    return case


def test_it_does_not_apply_to_a_case_outside_any_crisis(case, english):
    result = crisis_result("Beste mevrouw, wij zoeken het uit.", case)
    assert result.passed and not result.applies


def test_a_reply_that_follows_the_statement_passes(linked_case, english):
    result = crisis_result(FOLLOWS, linked_case)
    assert result.applies and result.passed
    assert "version 1" in result.explanation


def test_a_claim_about_the_cause_the_statement_does_not_make_is_flagged(linked_case, english):
    draft = FOLLOWS + " De oorzaak is een fout in de vulmachine van de fabriek."
    result = crisis_result(draft, linked_case)
    assert not result.passed
    [detail] = result.details
    assert detail.text.startswith("De oorzaak is een fout")
    assert draft[detail.start : detail.end].strip().startswith("De oorzaak")


def test_a_promise_of_compensation_not_in_the_statement_is_flagged(linked_case, english):
    result = crisis_result(FOLLOWS + " U krijgt een schadevergoeding van 500 euro.", linked_case)
    assert not result.passed and len(result.details) == 1


def test_a_reply_that_ignores_the_statement_is_told_to_use_it(linked_case, english):
    result = crisis_result("Beste mevrouw, dank voor uw bericht over uw bestelling.", linked_case)
    assert not result.passed and not result.details
    assert "does not use its published statement" in result.explanation


def test_repeating_the_statements_own_timing_is_not_a_new_claim(linked_case, english):
    result = crisis_result(FOLLOWS + " Voor vrijdag 12:00 is alles terug.", linked_case)
    assert result.passed
