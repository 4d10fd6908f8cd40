"""The topic dimension of the dashboards: cases and answers by knowledge-base category, and the
topic filter, on a small desk whose every figure is known.

The week is Mon 2 .. Sun 8 March 2026 (Amsterdam); "now" is Tue 10 March 12:00.

    case  opened        channel  team    topic                              answer (CSAT, NPS)
    c1    Mon 2 Mar     email    Drinks  Delivery (recognised at intake)    5, 10
    c2    Tue 3 Mar     web      Drinks  Delivery (agent)                   3, 6
    c3    Wed 4 Mar     email    Snacks  Returns (agent)                    4, 9
    c4    Thu 5 Mar     chat     Snacks  -                                  1, 0
    plus a drill case and a merged duplicate about Delivery, which never count, and c1 moved to
    Returns after its answer (the answer keeps Delivery, the case counts under Returns).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from kalm.cases.actions import case_assign, case_merge, case_set_topic, case_topic_detect
from kalm.cases.models import Case, TopicSource
from kalm.core.testing import TeamFactory, make_case
from kalm.drills.models import Drill
from kalm.insights import selectors
from kalm.insights.forms import FilterForm
from kalm.insights.types import Filters
from kalm.kb.search import search_index_invalidate
from kalm.kb.tests.conftest import CategoryFactory, make_published
from kalm.surveys.actions import invitation_create, response_submit
from kalm.surveys.tests.helpers import make_survey

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=AMS)
WEEK = Filters(start=date(2026, 3, 2), end=date(2026, 3, 8))
LEAD_URL = reverse("insights:dashboard")
MY_URL = reverse("insights:mine")
WEEK_QUERY = {"period": "custom", "start": "2026-03-02", "end": "2026-03-08"}


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=AMS)


def week(**filters) -> Filters:
    return Filters(start=WEEK.start, end=WEEK.end, **filters)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def desk(db, clock, agent, team_lead):
    search_index_invalidate()
    drinks = TeamFactory(name="Drinks", slug="drinks")
    snacks = TeamFactory(name="Snacks", slug="snacks")
    delivery = CategoryFactory(slug="bezorgen", name_nl="Bezorging", name_en="Delivery")
    returns = CategoryFactory(slug="retour", name_nl="Retourneren", name_en="Returns")
    make_published(
        category=delivery,
        title="Waar blijft mijn pakket?",
        summary="Volg uw pakket met de track-and-tracecode uit de verzendmail.",
        keywords="levering, bezorging, track en trace, pakket",
        body="Met de track-and-tracecode in uw verzendbevestiging volgt u uw pakket. Is het na "
        "vijf werkdagen nog niet bezorgd, neem dan contact met ons op.",
    )
    search_index_invalidate()
    survey = make_survey(items=["csat", "nps"])
    drill = Drill.objects.create(scenario="bottles", title="Oefening", started_by=team_lead)

    def case(when, n, channel, team, topic=None, **overrides) -> Case:
        clock.move_to(when)
        params = {"email": f"c{n}@example.nl", **overrides}
        opened = make_case(channel=channel, team=team, created_at=when, **params)
        if topic is not None:
            case_set_topic(case=opened, actor=agent, topic=topic)
        return opened

    def answer(opened: Case, when: datetime, **answers: str) -> None:
        clock.move_to(when)
        invitation = invitation_create(
            survey=survey, case=opened, occasion=f"t{opened.pk}", at=when
        )
        response_submit(invitation=invitation, answers=answers)

    c1 = case(
        at(2, 10),
        1,
        "email",
        drinks,
        subject="Mijn pakket is niet bezorgd",
        body="Het pakket is na een week nog steeds niet bezorgd en de track-and-tracecode doet "
        "niets. Waar blijft mijn pakket?",
    )
    case_topic_detect(case=c1)  # what the intake job does after commit
    c1.refresh_from_db()
    assert (c1.topic, c1.topic_source) == (delivery, TopicSource.AUTO)
    c2 = case(at(3, 10), 2, "web", drinks, delivery)
    c3 = case(at(4, 10), 3, "email", snacks, returns)
    c4 = case(at(5, 10), 4, "chat", snacks)
    case(
        at(3, 9),
        5,
        "email",
        drinks,
        delivery,
        name="Oefen Klant",
        email=f"k@drill-{drill.pk}.invalid",
    )
    duplicate = case(at(3, 11), 6, "email", drinks, delivery)
    case_merge(source=duplicate, target=c2, actor=team_lead)

    answer(c1, at(6, 10), csat="5", nps="10")
    answer(c2, at(6, 11), csat="3", nps="6")
    answer(c3, at(7, 10), csat="4", nps="9")
    answer(c4, at(7, 11), csat="1", nps="0")
    clock.move_to(at(8, 9))
    case_set_topic(case=c1, actor=team_lead, topic=returns)  # after its answer
    clock.move_to(NOW)
    search_index_invalidate()
    return {"delivery": delivery, "returns": returns, "drinks": drinks, "c4": c4}


# --- The tables -----------------------------------------------------------------------------


def test_volume_by_topic_counts_the_cases_topic_now(desk, english, django_assert_num_queries):
    with django_assert_num_queries(1):
        table = selectors.volume_table(WEEK, "topic")
    assert table.key == "volume_topic"
    assert table.title == "Cases by topic"
    assert table.columns[0] == ("name", "Topic")
    assert table.rows == [
        {"name": "Returns", "cases": 2, "share": 50.0},
        {"name": "Delivery", "cases": 1, "share": 25.0},
        {"name": "No topic", "cases": 1, "share": 25.0},
    ]


def test_topics_are_named_in_the_readers_language(desk):
    # Dutch is the desk's default language.
    names = [row["name"] for row in selectors.volume_table(WEEK, "topic").rows]
    assert names[:2] == ["Retourneren", "Bezorging"]


def test_satisfaction_by_topic_follows_the_topic_copied_when_answered(
    desk, english, django_assert_num_queries
):
    with django_assert_num_queries(1):
        table = selectors.satisfaction_table(WEEK, "topic")
    assert table.key == "satisfaction_topic"
    assert table.title == "Satisfaction by topic"
    assert table.columns[0] == ("name", "Topic")
    # c1 was answered under Delivery; moving it to Returns afterwards does not move its answer.
    assert [(r["name"], r["answers"], r["csat"], r["nps"]) for r in table.rows] == [
        ("Delivery", 2, 4.0, 0.0),
        ("No topic", 1, 1.0, -100.0),
        ("Returns", 1, 4.0, 100.0),
    ]


# --- The filter -----------------------------------------------------------------------------


def test_the_topic_filter_narrows_cases_and_answers(desk):
    delivery, returns = desk["delivery"].pk, desk["returns"].pk
    assert selectors.headline(week(topic_id=returns))["cases"] == 2
    assert selectors.headline(week(topic_id=delivery))["cases"] == 1
    assert selectors.volume_series(week(topic_id=returns)).datasets["total"] == [
        1, 0, 1, 0, 0, 0, 0,
    ]  # fmt: skip
    assert selectors.headline(week(topic_id=delivery))["answers"] == 2
    assert selectors.satisfaction_series(week(topic_id=returns)).datasets["answers"] == [
        None, None, None, None, None, 1, None,
    ]  # fmt: skip
    assert selectors.volume_table(week(topic_id=returns), "channel").rows == [
        {"name": "E-mail", "cases": 2, "share": 100.0}
    ]
    # With the other filters: Drinks has one Returns case (c1), Snacks one (c3).
    assert selectors.headline(week(topic_id=returns, team_id=desk["drinks"].pk))["cases"] == 1


def test_the_topic_filter_applies_to_the_backlog(desk):
    backlog = selectors.backlog_table(week(topic_id=desk["returns"].pk))
    assert sum(row["cases"] for row in backlog.rows) == 2
    assert sum(row["cases"] for row in selectors.backlog_table(week()).rows) == 4


def test_the_form_turns_a_topic_into_a_filter(desk, english):
    form = FilterForm({**WEEK_QUERY, "topic": desk["returns"].pk})
    assert form.is_valid(), form.errors
    assert form.filters().topic_id == desk["returns"].pk
    assert dict(form.fields["topic"].choices)[""] == "Every topic"
    assert "Returns" in [label for _value, label in form.fields["topic"].choices]
    unknown = FilterForm({**WEEK_QUERY, "topic": 999999})
    assert not unknown.is_valid() and "topic" in unknown.errors
    assert unknown.filters().topic_id is None


# --- The pages ------------------------------------------------------------------------------


def test_the_lead_dashboard_shows_and_exports_the_topic_tables(client, team_lead, desk, english):
    client.force_login(team_lead)
    response = client.get(LEAD_URL, WEEK_QUERY)
    tables = response.context["tables"]
    assert tables["volume_topic"]["headers"][0] == "Topic"
    assert tables["satisfaction_topic"]["rows"][0]["cells"][:2] == ["Delivery", "2"]
    html = response.content.decode()
    assert 'id="table-volume_topic"' in html and 'id="table-satisfaction_topic"' in html
    assert 'name="topic"' in html

    export = client.get(LEAD_URL, {**WEEK_QUERY, "export": "volume_topic"})
    assert export["Content-Disposition"] == (
        'attachment; filename="kalm-volume_topic-2026-03-02-2026-03-08.csv"'
    )
    rows = export.content.decode("utf-8")[1:].splitlines()
    assert rows == ["Topic;Cases;Share (%)", "Returns;2;50", "Delivery;1;25", "No topic;1;25"]
    export = client.get(LEAD_URL, {**WEEK_QUERY, "export": "satisfaction_topic"})
    assert export.content.decode("utf-8")[1:].splitlines()[1].startswith("Delivery;2;4;0")


def test_the_topic_filter_narrows_the_page(client, team_lead, desk):
    client.force_login(team_lead)
    response = client.get(LEAD_URL, {**WEEK_QUERY, "topic": desk["delivery"].pk})
    assert response.context["filters"].topic_id == desk["delivery"].pk
    tiles = {tile["key"]: tile["value"] for tile in response.context["tiles"]}
    assert (tiles["cases"], tiles["answers"]) == ("1", "2")


def test_an_agent_sees_their_own_cases_by_topic(client, agent, desk, english):
    # Topics rank nobody: the agent's own page has them too, for the cases assigned to them.
    case_assign(case=desk["c4"], actor=agent, assignee=agent, team=None)
    client.force_login(agent)
    response = client.get(MY_URL, WEEK_QUERY)
    assert response.status_code == 200
    assert response.context["tables"]["volume_topic"]["rows"] == [
        {"cells": ["No topic", "1", "100.0"], "total": False}
    ]
    assert client.get(MY_URL, {**WEEK_QUERY, "export": "satisfaction_topic"}).status_code == 200
