"""The inbox's crisis lane: open cases linked to open crises, above the list, and the
``lane=crisis`` filter."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from kalm.cases.actions import case_transition
from kalm.cases.models import Status
from kalm.core.testing import ProductFactory, make_case
from kalm.crisis.actions import crisis_case_decide, crisis_open, crisis_status_set
from kalm.crisis.models import CrisisStatus, Scenario
from kalm.desk.selectors import LANE_SIZE, crisis_lane
from kalm.drills.models import Drill
from kalm.drills.selectors import SESSION_KEY

URL = reverse("desk:inbox")


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read English labels (see kalm.core.testing.english)."""


@pytest.fixture
def cola(db):
    return ProductFactory(name="Cola 1L")


def _crisis(actor, products, **kwargs):
    params = {"title": "Fles gebarsten", "scenario": Scenario.RECALL, "severity": 3}
    params.update(kwargs)
    return crisis_open(actor=actor, products=products, **params)


def _lane(response):
    return [case.reference for case in response.context["lane"].cases]


def test_it_shows_open_crisis_cases_oldest_waiting_first(agent_client, team_lead, cola):
    with time_machine.travel("2026-11-20 09:00", tick=False) as clock:
        old = make_case(product=cola, email="oud@example.nl")
        clock.shift(3600)
        new = make_case(product=cola, email="nieuw@example.nl")
        clock.shift(3600)
        plain = make_case(email="gewoon@example.nl", subject="Gewone vraag")
        crisis = _crisis(team_lead, [cola])
    crisis_case_decide(link=crisis.links.get(case=new), actor=team_lead, confirm=True)
    response = agent_client.get(URL)
    assert _lane(response) == [old.reference, new.reference]
    body = response.content.decode()
    assert "Crisis lane" in body
    assert reverse("crisis:detail", args=[crisis.pk]) in body and crisis.title in body
    assert f'href="{URL}?lane=crisis"' in body
    # The normal list is still all open cases.
    assert plain in response.context["page"].cases


def test_cases_waiting_on_the_consumer_come_last(agent_client, team_lead, cola, agent):
    with time_machine.travel("2026-11-20 09:00", tick=False) as clock:
        waiting = make_case(product=cola, email="wacht@example.nl")
        case_transition(case=waiting, actor=agent, to=Status.WAITING_CONSUMER)
        clock.shift(3600)
        ours = make_case(product=cola, email="ons@example.nl")
        _crisis(team_lead, [cola])
    # Waiting longer, but on the consumer: after the case waiting on us.
    assert _lane(agent_client.get(URL)) == [ours.reference, waiting.reference]


def test_rejected_closed_and_unlinked_cases_stay_out(agent_client, team_lead, cola):
    rejected = make_case(product=cola, email="nee@example.nl")
    crisis = _crisis(team_lead, [cola])
    crisis_case_decide(link=crisis.links.get(case=rejected), actor=team_lead, confirm=False)
    make_case(product=cola, email="later@example.nl")  # fits the scope, never linked
    assert agent_client.get(URL).context["lane"].cases == []
    body = agent_client.get(URL).content.decode()
    assert "lane-title" not in body


def test_a_closed_crisis_has_no_lane(agent_client, team_lead, cola):
    make_case(product=cola)
    crisis = _crisis(team_lead, [cola])
    crisis_status_set(crisis=crisis, actor=team_lead, status=CrisisStatus.CLOSED)
    assert agent_client.get(URL).context["lane"].cases == []


def test_a_closed_case_leaves_the_lane(agent_client, team_lead, cola, agent):
    case = make_case(product=cola)
    _crisis(team_lead, [cola])
    case_transition(case=case, actor=agent, to=Status.CLOSED)
    assert agent_client.get(URL).context["lane"].cases == []


def test_it_shows_a_few_and_says_there_are_more(agent_client, team_lead, cola):
    for i in range(LANE_SIZE + 2):
        make_case(product=cola, email=f"c{i}@example.nl")
    _crisis(team_lead, [cola])
    lane = agent_client.get(URL).context["lane"]
    assert len(lane.cases) == LANE_SIZE and lane.more
    assert "Show all cases in the crisis lane" in agent_client.get(URL).content.decode()


def test_a_case_in_two_crises_shows_once_with_the_most_severe(agent_client, team_lead, cola):
    case = make_case(product=cola)
    _crisis(team_lead, [cola], title="Mild", severity=1)
    severe = _crisis(team_lead, [cola], title="Ernstig", severity=4)
    lane = agent_client.get(URL).context["lane"]
    assert [c.pk for c in lane.cases] == [case.pk]
    assert (lane.cases[0].crisis_title, lane.cases[0].crisis_pk) == ("Ernstig", severe.pk)


def test_it_costs_the_inbox_one_query(agent_client, team_lead, cola, django_assert_num_queries):
    for i in range(5):
        make_case(product=cola, email=f"c{i}@example.nl")
    _crisis(team_lead, [cola])
    # The lane alone: one SELECT, its crisis chip and consumer included.
    with django_assert_num_queries(1):
        lane = crisis_lane()
        assert [(c.consumer.name, c.crisis_title) for c in lane.cases]
    agent_client.get(URL)  # warm the session
    with_lane = _count_queries(agent_client, URL)
    without = _count_queries(agent_client, f"{URL}?q=Sanne")
    assert with_lane - without <= 1


def _count_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len([q for q in queries.captured_queries if "empathy" not in q["sql"]])


def test_the_lane_is_not_shown_while_searching_or_paging(agent_client, team_lead, cola):
    make_case(product=cola)
    _crisis(team_lead, [cola])
    assert agent_client.get(URL, {"q": "Sanne"}).context["lane"] is None
    assert agent_client.get(URL, {"lane": "crisis"}).context["lane"] is None


def test_the_filter_shows_only_crisis_cases_with_their_chip(agent_client, team_lead, cola):
    linked = make_case(product=cola, email="fles@example.nl")
    crisis = _crisis(team_lead, [cola])
    plain = make_case(email="gewoon@example.nl", subject="Gewone vraag")
    response = agent_client.get(URL, {"lane": "crisis"})
    assert [c.pk for c in response.context["page"].cases] == [linked.pk]
    body = response.content.decode()
    assert plain.reference not in body
    assert crisis.title in body and reverse("crisis:detail", args=[crisis.pk]) in body
    assert response.context["form"].cleaned_data["lane"] == "crisis"


def test_the_filter_combines_with_the_other_filters(agent_client, team_lead, cola, agent):
    linked = make_case(product=cola, email="fles@example.nl")
    _crisis(team_lead, [cola])
    case_transition(case=linked, actor=agent, to=Status.CLOSED)
    assert agent_client.get(URL, {"lane": "crisis"}).context["page"].cases == []
    response = agent_client.get(URL, {"lane": "crisis", "status": "all"})
    assert [c.pk for c in response.context["page"].cases] == [linked.pk]


def test_an_unknown_lane_value_is_ignored(agent_client):
    case = make_case()
    response = agent_client.get(URL, {"lane": "vip"})
    assert response.status_code == 200
    assert "lane" in response.context["form"].errors
    assert case in response.context["page"].cases


def test_in_drill_mode_only_the_drills_crisis_cases(agent_client, team_lead, cola):
    drill = Drill.objects.create(scenario="recall", title="Oefening", started_by=team_lead)
    real = make_case(product=cola, email="echt@example.nl")
    rehearsal = make_case(product=cola, email="oefen@example.nl")
    type(rehearsal).objects.filter(pk=rehearsal.pk).update(drill=drill)
    _crisis(team_lead, [cola], title="Echt")
    _crisis(team_lead, [cola], title="Oefencrisis", drill=drill)
    assert [c.pk for c in agent_client.get(URL).context["lane"].cases] == [real.pk]
    session = agent_client.session
    session[SESSION_KEY] = drill.pk
    session.save()
    response = agent_client.get(URL)
    assert [(c.pk, c.crisis_title) for c in response.context["lane"].cases] == [
        (rehearsal.pk, "Oefencrisis")
    ]
    filtered = agent_client.get(URL, {"lane": "crisis"}).context["page"].cases
    assert [c.pk for c in filtered] == [rehearsal.pk]


def test_the_htmx_table_carries_the_lane(agent_client, team_lead, cola):
    case = make_case(product=cola)
    _crisis(team_lead, [cola])
    body = agent_client.get(URL, headers={"HX-Request": "true"}).content.decode()
    assert body.lstrip().startswith('<section id="inbox-results"')
    assert "Crisis lane" in body and case.reference in body
