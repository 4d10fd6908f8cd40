"""The desk macro: the published reply text, and the block on the page of a linked case."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from kalm.core.testing import make_case
from kalm.crisis.actions import crisis_case_decide, crisis_status_set
from kalm.crisis.models import CrisisCase, CrisisStatus, PublishChannel
from kalm.crisis.selectors import case_statements, current_statement_text
from kalm.crisis.tests.conftest import open_crisis
from kalm.crisis.tests.statements import approved, published, team

C = PublishChannel
TAG = Template("{% load crisis_tags %}{% crisis_statement case %}")


@pytest.fixture
def crisis(clock, team_lead):
    return open_crisis(team_lead)


def _link(crisis, case, team_lead, *, confirm: bool = True) -> CrisisCase:
    link = CrisisCase.objects.create(crisis=crisis, case=case)
    return crisis_case_decide(link=link, actor=team_lead, confirm=confirm)


def test_it_has_no_text_before_the_desk_macro_is_published(crisis, team_lead):
    spokes, legal = team(team_lead)
    assert current_statement_text(crisis, "nl") is None
    published(crisis, spokes, legal, channels=[C.PUBLIC_PAGE])
    assert current_statement_text(crisis, "nl") is None  # the public page is another channel


def test_it_returns_the_published_macro_text_in_the_language(crisis, team_lead):
    spokes, legal = team(team_lead)
    published(crisis, spokes, legal, channels=[C.DESK_MACRO])
    published(
        crisis,
        spokes,
        legal,
        language="en",
        channels=[C.DESK_MACRO],
        what_happened="Bottles of batch L2611 may burst.",
    )
    approved(crisis, spokes, legal, what_happened="Nog niet gepubliceerd.")
    dutch = current_statement_text(crisis, "nl")
    assert "Flessen uit batch L2611 kunnen barsten." in dutch
    assert "Nog niet gepubliceerd" not in dutch
    assert "Bottles of batch L2611 may burst." in current_statement_text(crisis, "en")
    assert "What happened" in current_statement_text(crisis, "en")


def test_it_falls_back_to_the_other_language(crisis, team_lead):
    spokes, legal = team(team_lead)
    published(crisis, spokes, legal, channels=[C.DESK_MACRO])
    assert "Flessen uit batch L2611" in current_statement_text(crisis, "en")


def test_the_case_page_block_shows_the_text_for_a_confirmed_case_of_an_open_crisis(
    crisis, team_lead
):
    spokes, legal = team(team_lead)
    published(crisis, spokes, legal)
    case = make_case()
    proposed_only = make_case(email="piet@example.nl", name="Piet")
    CrisisCase.objects.create(crisis=crisis, case=proposed_only)
    assert TAG.render(Context({"case": case})).strip() == ""
    _link(crisis, case, team_lead)
    html = TAG.render(Context({"case": case}))
    assert "Flessen uit batch L2611 kunnen barsten." in html
    assert crisis.title in html
    assert TAG.render(Context({"case": proposed_only})).strip() == ""
    crisis_status_set(crisis=crisis, actor=team_lead, status=CrisisStatus.CLOSED)
    assert case_statements(case) == []
