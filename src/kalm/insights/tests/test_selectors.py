"""The dashboard reads, on a small desk whose every figure is known.

The desk (times in Amsterdam; early March is UTC+1):

    case  opened (local)     channel  team    product  agent  first reply  resolved
    c1    Mon 2 Mar 10:00    email    Drinks  Cola     Eva    +2 h         +24 h
    c2    Mon 2 Mar 00:30    web      Drinks  Crisps   Noor   +4 h         -
    c3    Wed 4 Mar 09:00    chat     Snacks  -        Eva    -            -
    c4    Sun 8 Mar 23:30    email    Snacks  Cola     -      -            +1.5 h
    c5    Mon 9 Mar 00:15    email    -       -        -      (after the week; UTC still 8 Mar)
    c6    Sun 1 Mar 00:30    web      -       -        -      (before the week; UTC 28 Feb)
    c7    Sun 1 Feb 10:00    web      -       -        -      (open for over four weeks)
    c8    Tue 10 Mar 11:30   web      -       -        -      (open for half an hour)
    plus a drill case and a merged duplicate in the week, which never count.

The week is Mon 2 .. Sun 8 March 2026; "now" is Tue 10 March 12:00. Every case runs under one
SLA policy (1 h first reply, 8 h resolution, Mon-Fri 9-17); the sweep has stamped c3's first
reply and c2's resolution as breached. The clocks of the week's cases, by the rule of
selectors._sla_met / _sla_late:

    case  first reply due   verdict                      resolution due   verdict
    c1    Mon 2 Mar 11:00   late (12:00, never stamped)  Tue 3 Mar 10:00  met (10:00, just)
    c2    Mon 2 Mar 10:00   met (04:30)                  Tue 3 Mar 09:00  late (stamped)
    c3    Wed 4 Mar 10:00   late (stamped)               Thu 5 Mar 09:00  late (due, unstamped)
    c4    Mon 9 Mar 10:00   late (resolved, no reply)    Tue 10 Mar 09:00 met (01:00)

Answers (CSAT, NPS, CES, expectation):

    r1  c1  Tue 3 Mar 11:00   5  10  7  surprised
    r2  c2  Tue 3 Mar 15:00   2   6  3  below
    r3  c3  Thu 5 Mar 10:00   4   8  5  as expected
    r4  c4  Sun 8 Mar 20:00   3   9  -  as expected
    plus an answer on c5 (9 March), after the week.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kalm.cases.actions import case_assign, case_merge, case_transition, message_reply
from kalm.cases.models import Case, Message, Status
from kalm.core.testing import ProductFactory, TeamFactory, UserFactory, make_case
from kalm.crisis.models import Crisis, CrisisStatus, Scenario
from kalm.drills.models import Drill
from kalm.empathy.models import MessageAnalysis
from kalm.insights import selectors
from kalm.insights.forms import period_bounds
from kalm.insights.types import Filters
from kalm.sla.actions import sla_breach
from kalm.sla.models import BusinessCalendar, CaseSla, SlaPolicy
from kalm.surveys.actions import (
    invitation_create,
    invitations_schedule,
    invitations_send_due,
    response_submit,
)
from kalm.surveys.models import Invitation, Response
from kalm.surveys.tests.helpers import make_survey, resolved_case

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=AMS)
WEEK = Filters(start=date(2026, 3, 2), end=date(2026, 3, 8))
DAYS = [f"2026-03-0{d}" for d in range(2, 9)]


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=AMS)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def desk(db, clock, agent, team_lead):
    """The desk of the module docstring."""
    noor = UserFactory(username="noor", alias="Noor", first_name="Nora", last_name="Bakker")
    drinks = TeamFactory(name="Drinks", slug="drinks")
    snacks = TeamFactory(name="Snacks", slug="snacks")
    cola = ProductFactory(name="Cola", brand="Kalm")
    crisps = ProductFactory(name="Crisps", brand="Kalm")
    calendar = BusinessCalendar.objects.create(name="Office")
    # The desk's one policy: the per-priority defaults of the migrations would otherwise win
    # (a priority match is more specific than none) with their 8 h first reply.
    SlaPolicy.objects.update(active=False)
    SlaPolicy.objects.create(
        name="Everything",
        calendar=calendar,
        first_response=timedelta(hours=1),
        next_response=timedelta(hours=4),
        resolution=timedelta(hours=8),
    )
    drill = Drill.objects.create(scenario="bottles", title="Oefening", started_by=team_lead)

    def open_case(when: datetime, n: int, channel: str, team=None, product=None, assignee=None):
        clock.move_to(when)
        case = make_case(
            email=f"consumer{n}@example.nl",
            channel=channel,
            team=team,
            product=product,
            created_at=when,
        )
        if assignee is not None:
            case_assign(case=case, actor=team_lead, assignee=assignee, team=team)
        return case

    def reply(case: Case, when: datetime, who) -> None:
        clock.move_to(when)
        message_reply(case=case, agent=who, body="Dank je, we zoeken het uit.")

    def resolve(case: Case, when: datetime) -> None:
        clock.move_to(when)
        case_transition(case=case, to=Status.RESOLVED, actor=team_lead)

    c1 = open_case(at(2, 10), 1, "email", drinks, cola, agent)
    c2 = open_case(at(2, 0, 30), 2, "web", drinks, crisps, noor)
    c3 = open_case(at(4, 9), 3, "chat", snacks, None, agent)
    c4 = open_case(at(8, 23, 30), 4, "email", snacks, cola)
    c5 = open_case(at(9, 0, 15), 5, "email")
    c6 = open_case(at(1, 0, 30), 6, "web")
    c7 = open_case(at(1, 10, month=2), 7, "web")
    reply(c1, at(2, 12), agent)
    reply(c2, at(2, 4, 30), noor)
    resolve(c1, at(3, 10))
    resolve(c4, at(9, 1))

    clock.move_to(at(3, 9))
    drilled = make_case(
        name="Oefen Klant",
        email=f"klant@drill-{drill.pk}.invalid",
        channel="email",
        team=drinks,
        product=cola,
        created_at=at(3, 9),
    )
    case_assign(case=drilled, actor=team_lead, assignee=agent, team=drinks)
    duplicate = open_case(at(3, 9, 30), 9, "email", drinks, cola, agent)

    # The sweep's verdicts: c3 got no first reply in time, c2 was not resolved in time.
    clock.move_to(at(6, 12))
    assert sla_breach(sla=c3.sla, target="first_response")
    assert sla_breach(sla=c2.sla, target="resolution")

    # Answers, through the action that copies team, agent, channel and product.
    survey = make_survey(items=["csat", "nps", "ces", "expectation"])

    def answer(case: Case, when: datetime, **answers: str) -> Response:
        clock.move_to(when)
        invitation = invitation_create(
            survey=survey, case=case, occasion=f"test:{case.pk}", at=when
        )
        return response_submit(invitation=invitation, answers=answers)

    answer(c1, at(3, 11), csat="5", nps="10", ces="7", expectation="surprised")
    answer(c2, at(3, 15), csat="2", nps="6", ces="3", expectation="below")
    answer(c3, at(5, 10), csat="4", nps="8", ces="5", expectation="as_expected")
    answer(c4, at(8, 20), csat="3", nps="9", expectation="as_expected")
    answer(c5, at(9, 10), csat="1", nps="0", ces="1", expectation="below")

    clock.move_to(at(7, 9))
    case_merge(source=duplicate, target=c1, actor=team_lead)

    # What the empathy engine read in the consumers' first messages.
    def analysed(case: Case, when: datetime, sentiment: float) -> None:
        message = Message.objects.filter(case=case).order_by("created_at", "id").first()
        MessageAnalysis.objects.create(
            message=message,
            case=case,
            language="nl",
            sentiment=sentiment,
            sentiment_label="negative" if sentiment < 0 else "positive",
            emotion="neutral",
            created_at=when,
        )

    analysed(c1, at(2, 10, 1), -0.6)
    analysed(c2, at(2, 0, 31), 0.4)
    analysed(c3, at(4, 9, 1), -0.2)
    analysed(drilled, at(3, 9, 1), -0.9)
    analysed(duplicate, at(3, 9, 31), -0.9)

    clock.move_to(at(10, 11, 30))
    c8 = open_case(at(10, 11, 30), 8, "web")
    clock.move_to(NOW)
    return SimpleNamespace(
        duplicate=duplicate,
        answer=answer,
        **{"c1": c1, "c2": c2, "c3": c3, "c4": c4, "c5": c5, "c6": c6, "c7": c7, "c8": c8},
        eva=agent,
        noor=noor,
        drinks=drinks,
        snacks=snacks,
        cola=cola,
        crisps=crisps,
        drill=drill,
        lead=team_lead,
    )


def week(**filters) -> Filters:
    return Filters(start=WEEK.start, end=WEEK.end, **filters)


# --- Buckets --------------------------------------------------------------------------------


def test_the_bucket_grows_with_the_period():
    assert selectors.bucket_size(Filters(date(2026, 1, 1), date(2026, 3, 3))) == "day"  # 62
    assert selectors.bucket_size(Filters(date(2026, 1, 1), date(2026, 3, 4))) == "week"  # 63
    assert selectors.bucket_size(Filters(date(2026, 1, 1), date(2026, 7, 9))) == "week"  # 190
    assert selectors.bucket_size(Filters(date(2026, 1, 1), date(2026, 7, 10))) == "month"


@pytest.mark.parametrize("today", [date(2026, 1, 1), date(2026, 2, 28), date(2026, 12, 31)])
def test_the_filter_forms_last_12_months_is_drawn_in_months(today):
    # The shortest "Last 12 months" starts on the 1st eleven months back and ends on the 1st.
    start, end = period_bounds("12m", today)
    assert 334 <= (end - start).days + 1 <= 365
    assert selectors.bucket_size(Filters(start, end)) == "month"


# --- Volumes --------------------------------------------------------------------------------


def test_volume_counts_local_days_every_day_of_the_week_and_only_real_cases(desk):
    series = selectors.volume_series(WEEK)
    assert series.bucket == "day"
    assert series.labels == DAYS
    assert series.datasets == {
        "web": [1, 0, 0, 0, 0, 0, 0],
        "email": [1, 0, 0, 0, 0, 0, 1],
        "chat": [0, 0, 1, 0, 0, 0, 0],
        "total": [2, 0, 1, 0, 0, 0, 1],
    }


def test_weeks_start_on_monday_in_the_desks_time_zone(desk):
    series = selectors.volume_series(Filters(date(2026, 1, 1), date(2026, 3, 31)))
    assert series.bucket == "week"
    assert series.labels[0] == "2025-12-29" and series.labels[-1] == "2026-03-30"
    assert len(series.labels) == 14
    total = dict(zip(series.labels, series.datasets["total"], strict=True))
    # c6 (Sunday 1 March) ends the week of 23 February; c5 (Monday 9 March, 00:15 here but
    # still Sunday in UTC) starts the next week; c7 is on Sunday 1 February.
    assert total["2026-01-26"] == 1
    assert total["2026-02-23"] == 1
    assert total["2026-03-02"] == 4
    assert total["2026-03-09"] == 2
    assert sum(total.values()) == 8


def test_months_are_local_months(desk):
    series = selectors.volume_series(Filters(date(2025, 1, 1), date(2026, 3, 31)))
    assert series.bucket == "month"
    assert series.labels[0] == "2025-01-01" and series.labels[-1] == "2026-03-01"
    assert len(series.labels) == 15
    total = dict(zip(series.labels, series.datasets["total"], strict=True))
    # c6 opened on 1 March at 00:30 here, which is still February in UTC.
    assert total["2026-02-01"] == 1
    assert total["2026-03-01"] == 7
    assert sum(total.values()) == 8


def test_volume_filters_by_team_product_channel_and_agent(desk):
    def total(f: Filters) -> list:
        return selectors.volume_series(f).datasets["total"]

    assert total(week(team_id=desk.drinks.pk)) == [2, 0, 0, 0, 0, 0, 0]
    assert total(week(product_id=desk.cola.pk)) == [1, 0, 0, 0, 0, 0, 1]
    assert total(week(channel="chat")) == [0, 0, 1, 0, 0, 0, 0]
    assert total(week(agent_id=desk.eva.pk)) == [1, 0, 1, 0, 0, 0, 0]
    assert set(selectors.volume_series(week(channel="chat")).datasets) == {"chat", "total"}


def test_volume_table_by_channel_product_and_team(desk, english):
    by_channel = selectors.volume_table(WEEK, "channel")
    assert by_channel.key == "volume_channel"
    assert [c[0] for c in by_channel.columns] == ["name", "cases", "share"]
    assert by_channel.rows == [
        {"name": "Email", "cases": 2, "share": 50.0},
        {"name": "Live chat", "cases": 1, "share": 25.0},
        {"name": "Web form", "cases": 1, "share": 25.0},
    ]
    assert selectors.volume_table(WEEK, "product").rows == [
        {"name": "Kalm Cola", "cases": 2, "share": 50.0},
        {"name": "Kalm Crisps", "cases": 1, "share": 25.0},
        {"name": "No product", "cases": 1, "share": 25.0},
    ]
    assert selectors.volume_table(week(agent_id=desk.eva.pk), "team").rows == [
        {"name": "Drinks", "cases": 1, "share": 50.0},
        {"name": "Snacks", "cases": 1, "share": 50.0},
    ]
    with pytest.raises(ValueError):
        selectors.volume_table(WEEK, "agent")


def test_an_empty_period_gives_zeros_and_no_shares(desk):
    empty = Filters(date(2024, 6, 1), date(2024, 6, 3))
    assert selectors.volume_series(empty).datasets == {"total": [0, 0, 0]}
    assert selectors.volume_table(empty, "channel").rows == []


# --- Times and service levels ---------------------------------------------------------------


def test_response_times_are_means_per_day_of_opening(desk):
    series = selectors.response_time_series(WEEK)
    assert series.labels == DAYS
    assert series.datasets == {
        "first_response_hours": [3.0, None, None, None, None, None, None],
        "resolution_hours": [24.0, None, None, None, None, None, 1.5],
    }
    mine = selectors.response_time_series(week(agent_id=desk.eva.pk))
    assert mine.datasets["first_response_hours"][0] == 2.0


def sla_rows(table) -> list[tuple]:
    return [
        (r["name"], r["cases"], r["first_response_met"], r["resolution_met"], r["running"])
        for r in table.rows
    ]


def test_sla_table_per_team_with_a_total(desk, english):
    table = selectors.sla_table(WEEK)
    assert table.key == "sla"
    assert table.columns[-1] == ("running", "Still running")
    # See the module docstring for each clock's verdict.
    assert sla_rows(table) == [
        ("Drinks", 2, 50.0, 50.0, 0),
        ("Snacks", 2, 0.0, 50.0, 0),
        ("Total", 4, 25.0, 50.0, 0),
    ]
    # Cases without an SLA do not count.
    CaseSla.objects.filter(case=desk.c3).delete()
    assert selectors.sla_table(week(team_id=desk.snacks.pk)).rows[-1]["cases"] == 1


def test_a_reply_after_the_due_time_is_late_before_the_sweep_stamps_it(desk):
    sla = CaseSla.objects.get(case=desk.c1)
    assert sla.first_response_breached_at is None
    assert sla.first_response_due < sla.first_response_met_at  # 11:00, answered at 12:00
    assert (
        selectors.sla_table(week(team_id=desk.drinks.pk, agent_id=desk.eva.pk)).rows[0][
            "first_response_met"
        ]
        == 0.0
    )
    # Answered on time, it would have been met.
    CaseSla.objects.filter(pk=sla.pk).update(first_response_met_at=sla.first_response_due)
    assert selectors.headline(week(agent_id=desk.eva.pk))["sla_first_response_met"] == 50.0


def test_a_running_clock_counts_in_neither_share_until_it_is_due(desk, clock, english):
    today = Filters(NOW.date(), NOW.date())  # c8: opened at 11:30, first reply due at 12:30
    assert sla_rows(selectors.sla_table(today)) == [
        ("No team", 1, None, None, 1),
        ("Total", 1, None, None, 1),
    ]
    assert selectors.headline(today)["sla_first_response_met"] is None
    # At 13:00 the first reply is late (no sweep has stamped it); the resolution still runs.
    later = NOW + timedelta(hours=1)
    assert sla_rows(selectors.sla_table(today, now=later))[-1] == ("Total", 1, 0.0, None, 1)
    assert selectors.headline(today, now=later)["sla_first_response_met"] == 0.0
    # Answered at 12:15: the first reply is met, the resolution clock still runs.
    clock.move_to(NOW + timedelta(minutes=15))
    message_reply(case=desk.c8, agent=desk.eva, body="We kijken ernaar.")
    assert sla_rows(selectors.sla_table(today, now=later))[-1] == ("Total", 1, 100.0, None, 1)
    # Once both clocks are settled the case no longer runs.
    assert sla_rows(selectors.sla_table(today, now=NOW + timedelta(days=2)))[-1] == (
        "Total", 1, 100.0, 0.0, 0,
    )  # fmt: skip


def test_a_case_closed_without_a_reply_is_late_once_its_first_reply_was_due(desk, clock, english):
    clock.move_to(at(10, 11, 40))
    closed = make_case(email="stil@example.nl", channel="web", created_at=at(10, 11, 40))
    case_transition(case=closed, to=Status.CLOSED, actor=desk.lead)
    sla = CaseSla.objects.get(case=closed)
    assert sla.first_response_met_at is None and sla.resolution_met_at is not None
    today = Filters(NOW.date(), NOW.date())
    # Not due yet at 12:00 (12:40): still running, like c8's.
    assert sla_rows(selectors.sla_table(today, now=NOW))[-1] == ("Total", 2, None, 100.0, 2)
    # The sweep never stamps a closed case; from 12:40 on its first reply is late all the same.
    after = at(10, 12, 45)
    assert sla_rows(selectors.sla_table(today, now=after))[-1] == ("Total", 2, 0.0, 100.0, 1)
    assert CaseSla.objects.get(case=closed).first_response_breached_at is None


def test_backlog_by_age_now_whatever_the_period(desk, english):
    table = selectors.backlog_table(Filters(date(2020, 1, 1), date(2020, 1, 2)))
    assert table.key == "backlog"
    assert [c[0] for c in table.columns] == ["age", "cases", "overdue"]
    assert [(r["age"], r["cases"], r["overdue"]) for r in table.rows] == [
        ("Less than 1 day", 1, 0),  # c8: its first reply is due at 12:30
        ("1-3 days", 1, 1),  # c5
        ("3-7 days", 1, 1),  # c3
        ("1-4 weeks", 2, 1),  # c2 (answered), c6
        ("More than 4 weeks", 1, 1),  # c7
    ]
    mine = selectors.backlog_table(
        Filters(date(2020, 1, 1), date(2020, 1, 2), agent_id=desk.eva.pk)
    )
    assert [r["cases"] for r in mine.rows] == [0, 0, 1, 0, 0]
    drinks = selectors.backlog_table(week(team_id=desk.drinks.pk))
    assert [(r["cases"], r["overdue"]) for r in drinks.rows][3] == (1, 0)
    assert sum(r["cases"] for r in drinks.rows) == 1


# --- Satisfaction ---------------------------------------------------------------------------


def test_satisfaction_per_day(desk):
    series = selectors.satisfaction_series(WEEK)
    assert series.labels == DAYS
    assert series.datasets == {
        "csat": [None, 3.5, None, 4.0, None, None, 3.0],
        # 3 March: a promoter (10) and a detractor (6) cancel out; 8 is passive; 9 promotes.
        "nps": [None, 0.0, None, 0.0, None, None, 100.0],
        "ces": [None, 5.0, None, 5.0, None, None, None],
        "answers": [None, 2, None, 1, None, None, 1],
    }


def test_answers_follow_the_team_and_agent_they_were_given_for(desk):
    assert selectors.satisfaction_series(week(team_id=desk.snacks.pk)).datasets["answers"] == [
        None, None, None, 1, None, None, 1,
    ]  # fmt: skip
    # Moving a case to another team later does not move its answer.
    case_assign(case=desk.c3, actor=desk.lead, assignee=desk.noor, team=desk.drinks)
    assert selectors.satisfaction_series(week(agent_id=desk.eva.pk)).datasets["answers"] == [
        None, 1, None, 1, None, None, None,
    ]  # fmt: skip
    assert selectors.headline(week(channel="web"))["answers"] == 1
    assert selectors.headline(week(product_id=desk.cola.pk))["answers"] == 2


def test_an_answer_on_a_case_merged_later_still_counts(desk):
    # Given on the duplicate on 4 March, before it was merged into c1 on 7 March: a real
    # opinion of a real consumer about Eva, on Drinks, by email, about Cola.
    desk.answer(desk.duplicate, at(4, 13), csat="1", nps="0", ces="1", expectation="below")
    assert selectors.satisfaction_series(WEEK).datasets["answers"] == [
        None, 2, 1, 1, None, None, 1,
    ]  # fmt: skip
    figures = selectors.headline(week(agent_id=desk.eva.pk))
    assert (figures["answers"], figures["csat"], figures["nps"]) == (3, 3.33, 0.0)
    assert selectors.expectation_split(week(team_id=desk.drinks.pk))["n"] == 3
    # The duplicate itself still never counts as a case.
    assert selectors.headline(WEEK)["cases"] == 4


def test_satisfaction_by_agent_shows_aliases_in_name_order(desk, english):
    table = selectors.satisfaction_table(WEEK, "agent")
    assert table.key == "satisfaction_agent"
    assert [c[0] for c in table.columns] == ["name", "answers", "csat", "nps", "ces", "surprised"]
    assert table.rows == [
        {"name": "Eva", "answers": 2, "csat": 4.5, "nps": 50.0, "ces": 6.0, "surprised": 50.0},
        {"name": "Noor", "answers": 1, "csat": 2.0, "nps": -100.0, "ces": 3.0, "surprised": 0.0},
        {"name": "Unassigned", "answers": 1, "csat": 3.0, "nps": 100.0, "ces": None, "surprised": 0.0},
    ]  # fmt: skip
    names = " ".join(row["name"] for row in table.rows)
    for real in ("Evelien", "Jansen", "Nora", "Bakker", "agent", "noor"):
        assert real not in names
    mine = selectors.satisfaction_table(week(agent_id=desk.eva.pk), "agent")
    assert [row["name"] for row in mine.rows] == ["Eva"]


def test_satisfaction_by_team_channel_and_product(desk, english):
    def rows(by: str) -> list:
        return [
            (r["name"], r["answers"], r["nps"]) for r in selectors.satisfaction_table(WEEK, by).rows
        ]

    assert rows("team") == [("Drinks", 2, 0.0), ("Snacks", 2, 50.0)]
    assert rows("channel") == [("Email", 2, 100.0), ("Live chat", 1, 0.0), ("Web form", 1, -100.0)]
    assert rows("product") == [
        ("Kalm Cola", 2, 100.0),
        ("Kalm Crisps", 1, -100.0),
        ("No product", 1, 0.0),
    ]
    with pytest.raises(ValueError):
        selectors.satisfaction_table(WEEK, "language")


def test_expectation_next_to_the_national_figures(desk):
    assert selectors.expectation_split(WEEK) == {
        "n": 4,
        "below": 25.0,
        "as_expected": 50.0,
        "surprised": 25.0,
        "national": {"below": 37.0, "as_expected": 59.0, "surprised": 4.0},
    }
    nobody = selectors.expectation_split(Filters(date(2024, 1, 1), date(2024, 1, 2)))
    assert nobody["n"] == 0 and nobody["below"] is None


def test_nps_is_promoters_minus_detractors_of_those_who_answered_it(desk):
    # One more answer without an NPS changes nothing; two more detractors do.
    survey = make_survey(name="Kort", items=["csat", "nps"])
    for n, answers in enumerate(({"csat": "4"}, {"nps": "0"}, {"nps": "5"})):
        case = make_case(email=f"extra{n}@example.nl", created_at=at(5, 8))
        invitation = invitation_create(survey=survey, case=case, occasion=f"x:{n}", at=at(5, 8))
        Response.objects.create(
            invitation=invitation,
            case=case,
            survey=survey,
            trigger=survey.trigger,
            created_at=at(6, 9),
            csat=int(answers.get("csat", 0)) or None,
            nps=int(answers["nps"]) if "nps" in answers else None,
        )
    figures = selectors.headline(WEEK)
    # nps answers: 10, 6, 8, 9, 0, 5 -> promoters 2, detractors 3 of 6: (2 - 3) / 6 = -16.7%
    assert figures["nps"] == -16.7
    assert figures["answers"] == 7
    assert figures["csat"] == round((5 + 2 + 4 + 3 + 4) / 5, 2)


# --- Sentiment and crises -------------------------------------------------------------------


def test_sentiment_per_day_of_analysis(desk):
    series = selectors.sentiment_series(WEEK)
    assert series.datasets == {
        "sentiment": [-0.1, None, -0.2, None, None, None, None],
        "negative_share": [50.0, None, 100.0, None, None, None, None],
    }
    snacks = selectors.sentiment_series(week(team_id=desk.snacks.pk))
    assert snacks.datasets["sentiment"] == [None, None, -0.2, None, None, None, None]


def test_crisis_periods_are_real_crises_open_during_the_period(desk):
    def crisis(title: str, opened: datetime, closed: datetime | None, drill=None) -> Crisis:
        return Crisis.objects.create(
            title=title,
            scenario=Scenario.RECALL,
            status=CrisisStatus.CLOSED if closed else CrisisStatus.ACTIVE,
            opened_by=desk.lead,
            opened_at=opened,
            closed_at=closed,
            drill=drill,
        )

    crisis("Recall cola", at(5, 9), at(6, 17))
    crisis("Still open", at(20, 8, month=2), None)
    crisis("Over before", at(20, 8, month=2), at(1, 12))
    crisis("After", at(9, 8), None)
    crisis("Drill", at(4, 8), at(4, 12), drill=desk.drill)
    # A crisis still open has no end: the page says "now", a chart draws it to its last day.
    assert selectors.crisis_periods(WEEK) == [
        {"start": "2026-02-20T08:00:00+01:00", "end": None, "title": "Still open"},
        {
            "start": "2026-03-05T09:00:00+01:00",
            "end": "2026-03-06T17:00:00+01:00",
            "title": "Recall cola",
        },
    ]


# --- Headline, the agent's view, and the whole survey path -----------------------------------


def test_headline_of_the_week(desk):
    assert selectors.headline(WEEK) == {
        "cases": 4,
        "first_response_hours": 3.0,
        "resolution_hours": 12.75,
        "sla_first_response_met": 25.0,  # only c2 answered in time
        "csat": 3.5,
        "nps": 25.0,  # promoters 10 and 9, detractor 6, of four: (2 - 1) / 4
        "ces": 5.0,
        "surprised": 25.0,
        "answers": 4,
    }


def test_the_agents_own_view(desk):
    assert selectors.headline(week(agent_id=desk.eva.pk)) == {
        "cases": 2,
        "first_response_hours": 2.0,
        "resolution_hours": 24.0,
        "sla_first_response_met": 0.0,  # c1 answered late, c3 never
        "csat": 4.5,
        "nps": 50.0,
        "ces": 6.0,
        "surprised": 50.0,
        "answers": 2,
    }


def test_an_answer_through_the_survey_sweep_reaches_the_dashboard(db, clock, agent):
    make_survey(items=["csat", "nps"], delay_hours=2)
    case = resolved_case(agent, email="klant@example.nl")
    case_assign(case=case, actor=agent, assignee=agent, team=None)
    assert invitations_schedule() == 1
    clock.move_to(NOW + timedelta(hours=3))
    assert invitations_send_due() == 1
    invitation = Invitation.objects.get(case=case)
    response_submit(invitation=invitation, answers={"csat": "1"})
    response_submit(invitation=invitation, answers={"nps": "3"})  # completed later: one answer
    today = Filters(NOW.date(), NOW.date(), agent_id=agent.pk)
    figures = selectors.headline(today)
    assert (figures["cases"], figures["resolution_hours"]) == (1, 0.0)
    assert (figures["answers"], figures["csat"], figures["nps"]) == (1, 1.0, -100.0)
    assert selectors.satisfaction_table(today, "agent").rows[0]["name"] == agent.alias


# --- Queries --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("read", "queries"),
    [
        (lambda f: selectors.volume_series(f), 1),
        (lambda f: selectors.volume_table(f, "product"), 1),
        (lambda f: selectors.response_time_series(f), 1),
        (lambda f: selectors.sla_table(f), 2),  # the counts, then the teams' names
        (lambda f: selectors.backlog_table(f), 1),
        (lambda f: selectors.satisfaction_series(f), 1),
        (lambda f: selectors.satisfaction_table(f, "agent"), 1),
        (lambda f: selectors.expectation_split(f), 1),
        (lambda f: selectors.sentiment_series(f), 1),
        (lambda f: selectors.crisis_periods(f), 1),
        # The period's cases, answers and SLA clocks: the three reads a page shares.
        (lambda f: selectors.headline(f), 3),
    ],
)
def test_each_read_is_a_fixed_number_of_queries(desk, read, queries):
    for f in (WEEK, Filters(date(2025, 1, 1), date(2026, 3, 31), team_id=desk.drinks.pk)):
        with CaptureQueriesContext(connection) as captured:
            read(f)
        assert len(captured) == queries


# --- One read per source for a whole page ----------------------------------------------------


@pytest.mark.parametrize(
    "filters",
    [
        lambda desk: WEEK,
        lambda desk: week(agent_id=desk.eva.pk),
        lambda desk: week(team_id=desk.snacks.pk),
        # Weeks, then months: a mean over the period adds up buckets, not their means.
        lambda desk: Filters(date(2026, 1, 1), date(2026, 3, 31)),
        lambda desk: Filters(date(2025, 1, 1), date(2026, 3, 31), channel="email"),
    ],
)
def test_the_figures_a_page_makes_of_one_read_per_source_are_the_selectors_own(desk, filters):
    f = filters(desk)
    desk.answer(desk.duplicate, at(4, 13), csat="1", nps="0", expectation="below")
    with CaptureQueriesContext(connection) as captured:
        cases = selectors.case_rollup(f)
        answers = selectors.answer_rollup(f)
        sla = selectors.sla_counts(f, now=NOW)
    assert len(captured) == 3
    with CaptureQueriesContext(connection) as captured:
        made = [
            selectors.volume_series(f, rollup=cases),
            selectors.response_time_series(f, rollup=cases),
            selectors.satisfaction_series(f, rollup=answers),
            selectors.expectation_split(f, rollup=answers),
            selectors.headline_of(cases=cases, answers=answers, sla=sla),
        ]
    assert len(captured) == 0
    assert made == [
        selectors.volume_series(f),
        selectors.response_time_series(f),
        selectors.satisfaction_series(f),
        selectors.expectation_split(f),
        selectors.headline(f, now=NOW),
    ]
    with CaptureQueriesContext(connection) as captured:
        table = selectors.sla_table(f, counts=sla)
    assert len(captured) <= 1  # the teams' names, when there are teams
    assert table == selectors.sla_table(f, now=NOW)


def test_a_period_mean_weighs_every_case_not_every_bucket(desk, clock):
    # Three first replies in two buckets: c1 (2 h) and c2 (4 h) on 2 March, c3 (9 h) on 4 March.
    # The mean of the buckets' means would be (3 + 9) / 2 = 6 h; the mean of the cases is 5 h.
    clock.move_to(at(4, 18))
    message_reply(case=desk.c3, agent=desk.eva, body="Dank voor het wachten.")
    clock.move_to(NOW)
    cases = selectors.case_rollup(WEEK)
    series = selectors.response_time_series(WEEK, rollup=cases)
    assert series.datasets["first_response_hours"][:3] == [3.0, None, 9.0]
    answers = selectors.answer_rollup(WEEK)
    figures = selectors.headline_of(cases=cases, answers=answers, sla=[])
    assert figures["first_response_hours"] == selectors.headline(WEEK)["first_response_hours"]
    assert figures["first_response_hours"] == 5.0


def test_every_day_of_the_longest_daily_chart_ends_at_local_midnight(db, clock):
    # 62 days (the most drawn in days) across the switch to summer time on 29 March: a case at
    # the first and at the last minute of every other day lands on its own local day.
    period = Filters(date(2026, 2, 1), date(2026, 4, 3))
    assert selectors.bucket_size(period) == "day"
    days = [period.start + timedelta(days=n) for n in range(0, 62, 2)]
    assert date(2026, 3, 29) in days
    for n, day in enumerate(days):
        for hour, minute in ((0, 0), (23, 59)):
            when = datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMS)
            make_case(email=f"dag{n}-{hour}@example.nl", channel="web", created_at=when)
    series = selectors.volume_series(period)
    counts = dict(zip(series.labels, series.datasets["total"], strict=True))
    assert len(counts) == 62
    assert {label for label, n in counts.items() if n} == {day.isoformat() for day in days}
    assert set(counts.values()) == {0, 2}
