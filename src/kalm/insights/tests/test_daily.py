"""The daily figures (kalm.insights.models, .daily, .actions): every figure a read takes from
them is the figure it gives from the live rows alone, whatever the filters, where the period
splits between rolled-up and live days, after cases change, and across summer time.

"Live" below is the same selectors with no rollup state: every read then goes to the live rows
only, as before the rollup existed (test_selectors checks those figures one by one)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext

from kalm.cases.actions import case_assign, case_set_topic, case_transition, message_reply
from kalm.cases.models import Case, Status
from kalm.core.testing import make_case
from kalm.insights import actions, daily, selectors
from kalm.insights.models import (
    DailyAnswerFigures,
    DailyCaseFigures,
    DailyFiguresState,
    DailySentimentFigures,
    DailySlaFigures,
)
from kalm.insights.tasks import rebuild_daily_figures, refresh_daily_figures
from kalm.insights.tests import test_selectors
from kalm.insights.tests.test_selectors import AMS, NOW, WEEK, at, week
from kalm.insights.types import Filters
from kalm.kb.models import Category
from kalm.surveys.actions import response_submit
from kalm.surveys.models import Invitation

# The small desk of test_selectors (its docstring says what is in it), and its clock.
desk = test_selectors.desk
clock = test_selectors.clock

YEAR = Filters(date(2025, 1, 1), date(2026, 3, 31))  # months
QUARTER = Filters(date(2026, 1, 1), date(2026, 3, 31))  # weeks
MARCH = Filters(date(2026, 3, 1), date(2026, 3, 10))  # days, the last one today


def reads(f: Filters, now: datetime = NOW) -> dict:
    """Every read the rollup stands in for, and the ones made of them."""
    cases, answers = selectors.case_rollup(f), selectors.answer_rollup(f)
    sla = selectors.sla_counts(f, now=now)
    return {
        "sla_counts": sorted(sla, key=lambda row: row["team_id"] or 0),
        "sla_table": selectors.sla_table(f, counts=sla),
        "case_rollup": cases,
        "answer_rollup": answers,
        "volume_series": selectors.volume_series(f, rollup=cases),
        "response_times": selectors.response_time_series(f, rollup=cases),
        "satisfaction": selectors.satisfaction_series(f, rollup=answers),
        "expectation": selectors.expectation_split(f, rollup=answers),
        "headline": selectors.headline_of(cases=cases, answers=answers, sla=sla),
        **{f"volume_{by}": selectors.volume_table(f, by) for by in selectors.VOLUME_BY},
        **{
            f"satisfaction_{by}": selectors.satisfaction_table(f, by)
            for by in selectors.SATISFACTION_BY
        },
        "sentiment": selectors.sentiment_series(f),
    }


def live(f: Filters, now: datetime = NOW) -> dict:
    """reads(f) from the live rows alone: the state taken away for the while."""
    saved = list(DailyFiguresState.objects.values("pk", "through", "through_at", "started_at"))
    DailyFiguresState.objects.update(through=None, through_at=None, started_at=None)
    try:
        return reads(f, now)
    finally:
        for row in saved:
            DailyFiguresState.objects.filter(pk=row.pop("pk")).update(**row)


def assert_same(filters: list[Filters], now: datetime = NOW) -> None:
    for f in filters:
        rolled, direct = reads(f, now), live(f, now)
        for name in direct:
            assert rolled[name] == direct[name], (f, name)


def filter_sets(desk, topic=None) -> list[Filters]:
    sets = [
        WEEK,
        YEAR,
        QUARTER,
        MARCH,
        week(team_id=desk.drinks.pk),
        week(team_id=desk.snacks.pk),
        week(channel="email"),
        week(product_id=desk.cola.pk),
        week(agent_id=desk.eva.pk),  # no grain: live rows only
        Filters(YEAR.start, YEAR.end, team_id=desk.drinks.pk),
        Filters(QUARTER.start, QUARTER.end, channel="web"),
        Filters(MARCH.start, MARCH.end, product_id=desk.crisps.pk, team_id=desk.drinks.pk),
        Filters(MARCH.start, MARCH.end, channel="email", product_id=desk.cola.pk),  # no grain
    ]
    if topic is not None:
        sets += [week(topic_id=topic.pk), Filters(YEAR.start, YEAR.end, topic_id=topic.pk)]
    return sets


@pytest.fixture
def topic(desk, clock):
    drinks = Category.objects.create(slug="dranken", name_nl="Dranken", name_en="Drinks")
    clock.move_to(at(9, 8))
    case_set_topic(case=desk.c1, actor=desk.lead, topic=drinks)
    case_set_topic(case=desk.c4, actor=desk.lead, topic=drinks)
    clock.move_to(NOW)
    return drinks


def test_grains_hold_the_columns_a_read_filters_and_groups_by():
    assert daily.grain_for(WEEK, "channel") == "channel"
    assert daily.grain_for(week(team_id=1), "channel") == "channel"
    assert daily.grain_for(week(team_id=1), "product") == "product"
    assert daily.grain_for(week(product_id=1)) == "product"
    assert daily.grain_for(week(topic_id=1), "team") == "topic"
    assert daily.grain_for(WEEK, "agent") == "agent"
    # An agent's own figures by channel, or two filters of different grains: live rows only.
    assert daily.grain_for(week(agent_id=1), "channel") is None
    assert daily.grain_for(week(channel="email", product_id=1)) is None


def test_every_figure_from_the_rollup_is_the_live_figure(desk, topic, clock):
    desk.answer(desk.duplicate, at(4, 13), csat="1", nps="0", expectation="below")
    result = actions.daily_figures_refresh(now=NOW)  # the first run rebuilds everything
    assert result["rows"] > 0
    state = DailyFiguresState.objects.get()
    assert (state.through, state.through_at) == (date(2026, 3, 10), at(10, 0))
    assert DailyCaseFigures.objects.filter(day=date(2026, 3, 2)).exists()
    assert DailyAnswerFigures.objects.filter(day=date(2026, 3, 3)).exists()
    assert DailySentimentFigures.objects.filter(day=date(2026, 3, 2)).exists()
    assert DailySlaFigures.objects.filter(day=date(2026, 3, 4)).exists()
    assert not DailyCaseFigures.objects.filter(day__gte=date(2026, 3, 10)).exists()  # today
    assert_same(filter_sets(desk, topic))


@pytest.mark.parametrize("rolled_at", [at(4, 12), at(6, 23, 59), at(9, 0, 1)])
def test_a_period_split_between_rolled_up_and_live_days_adds_both(desk, clock, rolled_at):
    # The rollup holds the days before the run; the days after come from the live rows, and
    # a week or a month made of both adds them up.
    actions.daily_figures_refresh(now=rolled_at)
    assert DailyFiguresState.objects.get().through == rolled_at.date()
    assert_same(filter_sets(desk))


def test_reads_use_the_rollup_for_whole_days_and_the_live_rows_for_today(desk, clock, english):
    actions.daily_figures_refresh(now=NOW)
    # A change that leaves no trace in updated_at is not seen until the nightly rebuild:
    # proof the past days come from the rollup.
    Case.objects.filter(pk=desk.c3.pk).update(channel="phone")
    figures = selectors.volume_table(WEEK, "channel")
    assert {row["name"]: row["cases"] for row in figures.rows}["Live chat"] == 1
    # Today's cases count at once, from the live rows.
    today = Filters(date(2026, 3, 10), date(2026, 3, 10))
    before = selectors.case_rollup(today).total["n"]
    make_case(email="vandaag@example.nl", channel="web", created_at=NOW)
    assert selectors.case_rollup(today).total["n"] == before + 1
    actions.daily_figures_rebuild(now=NOW)
    figures = selectors.volume_table(WEEK, "channel")
    assert "Live chat" not in {row["name"] for row in figures.rows}
    assert_same([WEEK, MARCH])


def test_a_case_that_changes_team_status_and_agent_after_the_rollup_moves_on_the_next_run(
    desk, clock
):
    actions.daily_figures_refresh(now=NOW)
    clock.move_to(NOW + timedelta(minutes=5))
    case_assign(case=desk.c1, actor=desk.lead, assignee=desk.noor, team=desk.snacks)
    case_transition(case=desk.c3, to=Status.RESOLVED, actor=desk.lead)
    message_reply(case=desk.c4, agent=desk.eva, body="Alsnog een antwoord.")
    later = NOW + timedelta(minutes=10)
    clock.move_to(later)
    drinks = week(team_id=desk.drinks.pk)
    # Until the next run the rollup still has c1 in Drinks.
    assert selectors.case_rollup(drinks).total["n"] == 2
    result = actions.daily_figures_refresh(now=later)
    assert result["days"] == 3  # the days c1, c3 and c4 came in (and their analyses)
    assert selectors.case_rollup(drinks).total["n"] == 1
    assert selectors.case_rollup(week(team_id=desk.snacks.pk)).total["n"] == 3
    assert_same(filter_sets(desk))


def test_the_next_day_the_run_rolls_up_the_days_that_ended(desk, clock):
    actions.daily_figures_refresh(now=NOW)
    clock.move_to(at(12, 9))
    make_case(email="woensdag@example.nl", channel="email", created_at=at(11, 14))
    actions.daily_figures_refresh(now=at(12, 9))
    state = DailyFiguresState.objects.get()
    assert state.through == date(2026, 3, 12)
    assert set(
        DailyCaseFigures.objects.filter(day__gte=date(2026, 3, 10)).values_list("day", flat=True)
    ) == {date(2026, 3, 10), date(2026, 3, 11)}
    assert_same([*filter_sets(desk), Filters(date(2026, 3, 1), date(2026, 3, 12))], at(12, 9))


def test_an_answer_completed_after_the_rollup_counts_on_the_next_run(desk, clock):
    actions.daily_figures_refresh(now=NOW)
    later = NOW + timedelta(minutes=5)
    clock.move_to(later)
    # c4's consumer answers the effort question two days after the rest (8 March): the answer
    # still counts on the day it was given, which the next run recomputes.
    invitation = Invitation.objects.get(case=desk.c4)
    response_submit(invitation=invitation, answers={"ces": "2"})
    desk.answer(desk.c6, at(10, 12, 5), csat="2")  # given today: live at once
    assert selectors.answer_rollup(WEEK).total["ces_n"] == 3
    actions.daily_figures_refresh(now=later)
    assert selectors.answer_rollup(WEEK).total["ces_n"] == 4
    assert_same([MARCH, WEEK, Filters(date(2026, 2, 1), date(2026, 3, 10))])


@pytest.mark.parametrize("rolled_at", [at(2, 9), at(2, 10, 30), at(4, 9, 30), at(5, 12)])
def test_sla_clocks_pending_when_rolled_up_count_as_they_are_now(desk, clock, rolled_at):
    # Rolled up while some clocks of the week were still running (c1's first reply due at 11:00
    # on 2 March, c3's resolution on 5 March 09:00): the rollup holds only the cases whose
    # clocks were settled; the others are counted live, at whatever moment the page asks.
    actions.daily_figures_refresh(now=rolled_at)
    assert DailySlaFigures.objects.aggregate(running=Sum("running"))["running"] in (0, None)
    for now in (rolled_at, at(5, 9, 30), NOW, NOW + timedelta(days=3)):
        assert_same([WEEK, MARCH, week(team_id=desk.snacks.pk)], now=now)


def test_a_clock_that_falls_due_between_runs_is_recomputed(desk, clock):
    # c3's resolution (due Thu 5 March 09:00) was pending at the first run; the run after its
    # due time recomputes 4 March, where it is now settled (late).
    actions.daily_figures_refresh(now=at(5, 8, 55))
    clock.move_to(at(5, 9, 5))
    result = actions.daily_figures_refresh(now=at(5, 9, 5))
    assert result["days"] >= 1
    snacks = DailySlaFigures.objects.filter(grain="channel", team=desk.snacks)
    assert snacks.filter(day=date(2026, 3, 4)).get().resolution_late == 1
    assert_same([WEEK, week(team_id=desk.snacks.pk)], now=at(5, 9, 5))


def test_local_days_across_the_summer_time_change(db, clock):
    # Cases at the first and last minute of the days around both changes of 2026 (29 March,
    # 25 October): each lands on its own local day in the rollup as in the live count.
    cases = []
    days = [date(2026, 3, d) for d in (28, 29, 30)] + [date(2026, 10, d) for d in (24, 25, 26)]
    for day in days:
        for hour, minute in ((0, 0), (1, 30), (2, 30), (23, 59)):
            if day == date(2026, 3, 29) and hour == 2:
                continue  # 02:30 does not exist that night
            when = datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMS)
            cases.append(
                make_case(email=f"d{len(cases)}@example.nl", channel="web", created_at=when)
            )
    now = datetime(2026, 11, 2, 12, 0, tzinfo=AMS)
    clock.move_to(now)
    actions.daily_figures_refresh(now=now)
    days = dict(
        DailyCaseFigures.objects.filter(grain="channel").values_list("day", "n").order_by("day")
    )
    assert days == {
        date(2026, 3, 28): 4,
        date(2026, 3, 29): 3,
        date(2026, 3, 30): 4,
        date(2026, 10, 24): 4,
        date(2026, 10, 25): 4,
        date(2026, 10, 26): 4,
    }
    for f in (
        Filters(date(2026, 3, 28), date(2026, 3, 30)),
        Filters(date(2026, 3, 29), date(2026, 3, 29)),
        Filters(date(2026, 10, 25), date(2026, 10, 25)),
        Filters(date(2026, 3, 1), date(2026, 10, 31)),
    ):
        rolled, direct = reads(f, now), live(f, now)
        assert rolled == direct, f
    series = selectors.volume_series(Filters(date(2026, 10, 24), date(2026, 10, 26)))
    assert series.datasets["total"] == [4, 4, 4]


def test_each_read_is_still_one_query_with_the_rollup(desk, clock):
    actions.daily_figures_refresh(now=NOW)
    for f in (WEEK, MARCH, YEAR, week(team_id=desk.drinks.pk)):
        for read in (
            selectors.case_rollup,
            selectors.answer_rollup,
            selectors.sentiment_series,
            lambda f: selectors.volume_table(f, "product"),
            lambda f: selectors.satisfaction_table(f, "agent"),
        ):
            with CaptureQueriesContext(connection) as captured:
                read(f)
            assert len(captured) == 1


def test_the_rebuild_command_drops_days_without_rows_and_says_what_it_did(desk, clock):
    actions.daily_figures_refresh(now=NOW)
    # The only case of 1 March made a drill's, as the drill player does, in bulk.
    Case.objects.filter(pk=desk.c6.pk).update(drill=desk.drill)
    out = StringIO()
    call_command("insights_rebuild", stdout=out)
    assert out.getvalue().startswith("rebuilt ")
    assert not DailyCaseFigures.objects.filter(day=date(2026, 3, 1)).exists()
    assert_same([MARCH, YEAR])


def test_the_workers_jobs_refresh_and_rebuild_the_daily_figures(desk, clock):
    assert refresh_daily_figures.call_local()["rows"] > 0  # the first run builds everything
    assert DailyFiguresState.objects.get().through == date(2026, 3, 10)
    DailyCaseFigures.objects.all().delete()
    assert refresh_daily_figures.call_local()["days"] == 0  # nothing touched, no day ended
    rebuilt = rebuild_daily_figures.call_local()
    assert rebuilt["rows"] > 0
    assert_same([WEEK, MARCH])
