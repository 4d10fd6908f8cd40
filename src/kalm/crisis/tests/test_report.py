"""The figures of the post-crisis report (kalm.crisis.report) on a crisis built through the real
actions: cases opened, answered and resolved over two days, a statement published, email
updates sent, solutions answered, follow-ups left open."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from kalm.cases.actions import case_transition, message_reply, solution_answer, solution_propose
from kalm.cases.models import Case, Channel, Status
from kalm.core.testing import make_case
from kalm.crisis.actions import crisis_case_decide, crisis_cases_propose, crisis_task_complete
from kalm.crisis.mailing import subscription_ensure
from kalm.crisis.models import Crisis, CrisisMailing, CrisisSubscription, PublishChannel
from kalm.crisis.report import (
    DASH,
    Bucket,
    bar_chart,
    crisis_report,
    duration_text,
    percentile,
)
from kalm.crisis.tests.conftest import AMS, NOW, open_crisis
from kalm.crisis.tests.statements import draft, published, team
from kalm.empathy.models import MessageAnalysis
from kalm.followups.actions import followup_complete, followup_create

REPORT_AT = NOW + timedelta(hours=3)


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=AMS)


def analyse(case: Case, *, label: str, emotion: str, fired: tuple[str, ...] = ()) -> None:
    """The engine's verdict on the case's first message, fixed so the figures are known (the
    engine itself is tested in the empathy app)."""
    message = case.messages.order_by("created_at", "id").first()
    MessageAnalysis.objects.create(
        message=message,
        case=case,
        language=case.language,
        sentiment=-0.7 if label == "negative" else 0.0,
        sentiment_label=label,
        emotion=emotion,
        signals={name: 0.9 for name in fired},
        fired=list(fired),
    )


def mail(crisis: Crisis, version: Any, case: Case, status: str) -> CrisisMailing:
    subscription = subscription_ensure(
        crisis=crisis, consumer=case.consumer, case=case, source=CrisisSubscription.Source.CASE
    )
    return CrisisMailing.objects.create(
        crisis=crisis, version=version, subscription=subscription, status=status
    )


@dataclass
class Built:
    crisis: Crisis
    a: Case  # web, nl: answered in 2 h, resolved
    b: Case  # email, en: answered late (27 h 30), solution accepted
    c: Case  # web, nl: answered by a solution in 2 h 30, solution rejected (reopened)
    d: Case  # rejected link: never counted
    e: Case  # proposed, never decided: never counted
    spokes: Any
    legal: Any


def build(clock: Any, team_lead: Any, agent: Any, cola: Any) -> Built:
    """The crisis of these tests; the clock ends at REPORT_AT."""
    clock.move_to(local(24, 8))
    a = make_case(product=cola, email="a@example.nl", subject="Fles ontploft in keuken")
    clock.move_to(local(24, 9))
    b = make_case(
        product=cola,
        email="b@example.com",
        channel=Channel.EMAIL,
        language="en",
        subject="Bottle burst",
    )
    clock.move_to(local(24, 10))
    message_reply(case=a, agent=agent, body="Wat vervelend, we zoeken het uit.")
    clock.move_to(local(25, 12))
    c = make_case(product=cola, email="c@example.nl", subject="Glas in de fles")
    d = make_case(product=cola, email="d@example.nl", channel=Channel.CHAT, subject="Andere cola")
    e = make_case(product=cola, email="e@example.nl", subject="Nog niet beslist")
    clock.move_to(local(25, 12, 30))
    message_reply(case=b, agent=agent, body="Sorry for the wait, we are on it.")
    clock.move_to(NOW)
    crisis = open_crisis(team_lead, products=[cola])
    for case, confirm in ((a, True), (b, True), (c, True), (d, False)):
        crisis_case_decide(link=crisis.links.get(case=case), actor=team_lead, confirm=confirm)
    case_transition(case=a, to=Status.RESOLVED, actor=agent)
    analyse(a, label="negative", emotion="anger", fired=("injury", "media"))
    analyse(b, label="neutral", emotion="neutral", fired=("legal", "vulnerability"))
    analyse(c, label="negative", emotion="sadness", fired=("injury", "aggression"))
    analyse(d, label="negative", emotion="anger", fired=("injury",))

    clock.move_to(local(25, 14, 30))
    accepted = solution_propose(case=b, agent=agent, text="Een nieuwe krat.")
    solution_answer(solution=accepted, accepted=True)
    rejected = solution_propose(case=c, agent=agent, text="Een tegoedbon.")
    solution_answer(solution=rejected, accepted=False, comment="Ik wil mijn geld terug.")
    followup_create(
        case=c, title="Bel terug over de terugbetaling", due_at=NOW + timedelta(hours=1)
    )
    done = followup_create(case=b, title="Krat nagaan", due_at=NOW + timedelta(hours=1))
    followup_complete(followup=done, actor=agent)
    followup_create(case=d, title="Niet van de crisis", due_at=NOW + timedelta(hours=1))
    crisis_task_complete(task=crisis.tasks.order_by("position").first(), actor=team_lead)

    spokes, legal = team(team_lead)
    clock.move_to(NOW + timedelta(hours=1))
    version = published(crisis, spokes, legal)
    draft(crisis, spokes, language="en")
    mail(crisis, version, a, CrisisMailing.Status.SENT)
    mail(crisis, version, b, CrisisMailing.Status.SENT)
    mail(crisis, version, c, CrisisMailing.Status.FAILED)
    clock.move_to(REPORT_AT)
    crisis.refresh_from_db()
    return Built(crisis, a, b, c, d, e, spokes, legal)


@pytest.fixture
def built(clock, team_lead, agent, cola) -> Built:
    return build(clock, team_lead, agent, cola)


def test_volumes_count_only_confirmed_cases_per_day_hour_channel_and_language(built):
    volumes = crisis_report(built.crisis).volumes
    assert volumes.total == 3
    assert [(b.start, b.count) for b in volumes.by_day] == [
        (date(2026, 11, 24), 2),
        (date(2026, 11, 25), 1),
    ]
    # From the first case's hour (24 Nov 08:00) to the hour of the last one (25 Nov 12:00).
    assert len(volumes.by_hour) == 29
    assert [b.count for b in volumes.by_hour[:2]] == [1, 1]
    assert volumes.by_hour[28].count == 1 and sum(b.count for b in volumes.by_hour) == 3
    assert volumes.by_hour[0].label.endswith("08:00") and volumes.by_hour[1].label == "09:00"
    assert [(s.key, s.count, s.percent) for s in volumes.by_channel] == [
        ("web", 2, 67),
        ("email", 1, 33),
    ]
    assert [(s.key, s.label, s.count) for s in volumes.by_language] == [
        ("nl", "Dutch", 2),
        ("en", "English", 1),
    ]
    assert volumes.peak_day.start == date(2026, 11, 24)


def test_response_times_use_the_first_response_and_its_deadline(built):
    response = crisis_report(built.crisis).response
    first = response.first_response
    # 2 h (a), 2 h 30 (c, by the solution) and 27 h 30 (b): nearest-rank median and p90.
    assert first.count == 3
    assert first.median == timedelta(hours=2, minutes=30)
    assert first.p90 == timedelta(hours=27, minutes=30)
    assert first.median_text == "2 h 30 min" and first.p90_text == "1 d 3 h"
    assert (response.sla_met, response.sla_missed, response.sla_running) == (2, 1, 0)
    assert response.sla_percent == 67
    assert response.awaiting_first_response == 0
    assert response.resolution.count == 1
    assert response.resolution.median == timedelta(hours=30)
    assert response.still_open == 2


def test_an_unanswered_case_counts_as_missed_only_once_its_deadline_passed(clock, team_lead, cola):
    clock.move_to(NOW)
    late = make_case(product=cola, email="late@example.nl")
    fresh = make_case(product=cola, email="fresh@example.nl")
    crisis = open_crisis(team_lead, products=[cola])
    for case in (late, fresh):
        crisis_case_decide(link=crisis.links.get(case=case), actor=team_lead, confirm=True)
    Case.objects.filter(pk=late.pk).update(first_response_due_at=NOW - timedelta(minutes=1))
    response = crisis_report(crisis).response
    assert (response.sla_met, response.sla_missed, response.sla_running) == (0, 1, 1)
    assert response.awaiting_first_response == 2 and response.first_response.median is None
    assert response.first_response.median_text == DASH


def test_statements_list_every_version_with_its_channels_and_email_updates(built):
    rows = crisis_report(built.crisis).statements
    assert [(r.language, r.number, r.state) for r in rows] == [
        ("en", 1, "draft"),
        ("nl", 1, "approved"),
    ]
    english, dutch = rows
    assert english.publications == [] and english.published_at is None
    assert (english.mails_sent, english.mails_failed) == (0, 0)
    assert dutch.drafted_by == built.spokes.internal_name
    assert dutch.reviewed_by == built.legal.internal_name and dutch.reviewed_at is not None
    assert dutch.published_by == built.spokes.internal_name
    assert dutch.published_at == NOW + timedelta(hours=1)
    assert {p.channel for p in dutch.publications} == {
        PublishChannel.PUBLIC_PAGE,
        PublishChannel.DESK_MACRO,
    }
    assert dutch.channels_text == "Public crisis page, Reply macro in the desk"
    assert (dutch.mails_sent, dutch.mails_failed, dutch.mails_pending) == (2, 1, 0)


def test_sentiment_per_day_counts_negative_or_angry_messages_and_signals(built):
    sentiment = crisis_report(built.crisis).sentiment
    assert sentiment.signal_labels == ["Injury/safety", "Legal", "Aggression", "Media"]
    first, second = sentiment.days
    # The rejected case's angry message is not part of the crisis.
    assert (first.day, first.messages, first.negative, first.signals) == (
        date(2026, 11, 24),
        2,
        1,
        (1, 1, 0, 1),
    )
    assert (second.day, second.messages, second.negative, second.signals) == (
        date(2026, 11, 25),
        1,
        1,
        (1, 0, 1, 0),
    )
    assert first.negative_percent == 50
    assert (sentiment.messages, sentiment.negative, sentiment.negative_percent) == (3, 2, 67)
    assert dict(sentiment.signal_totals)["Injury/safety"] == 2


def test_satisfaction_counts_answers_and_says_there_are_no_survey_answers(built):
    satisfaction = crisis_report(built.crisis).satisfaction
    assert (satisfaction.accepted, satisfaction.rejected, satisfaction.awaiting) == (1, 1, 0)
    assert satisfaction.accepted_percent == 50
    assert (
        satisfaction.cases_satisfied,
        satisfaction.cases_not_satisfied,
        satisfaction.cases_without_answer,
    ) == (1, 1, 1)
    assert satisfaction.survey_answers is None


def test_open_actions_list_tasks_cases_and_follow_ups_with_overdue_flagged(built):
    actions = crisis_report(built.crisis).open_actions
    tasks = built.crisis.tasks.all()
    assert len(actions.tasks) == tasks.count() - 1
    overdue = tasks.filter(done_at=None, due_at__lt=REPORT_AT).count()
    assert overdue and actions.overdue_tasks == overdue
    assert [t.due_at for t in actions.tasks] == sorted(t.due_at for t in actions.tasks)
    assert [c.reference for c in actions.cases] == [built.b.reference, built.c.reference]
    assert actions.cases_total == 2
    assert [(f.case_reference, f.overdue) for f in actions.followups] == [(built.c.reference, True)]
    assert actions.followups_total == 1 and not actions.nothing_open


def test_header_and_timeline(built, team_lead):
    report = crisis_report(built.crisis)
    assert report.ongoing and report.duration == timedelta(hours=3)
    assert report.duration_text == "3 h 0 min"
    assert report.products == ["Kalm Foods Cola 1L"]
    assert ("Products", "Kalm Foods Cola 1L") in report.scope
    assert ("Batches", DASH) in report.scope
    assert report.timeline[0].kind == "opened" and report.timeline[0].actor == (
        team_lead.internal_name
    )
    texts = [row.text for row in report.timeline]
    assert f"Case {built.a.reference} confirmed as affected" in texts
    assert [row.at for row in report.timeline] == sorted(row.at for row in report.timeline)


def test_a_closed_crisis_reports_its_duration_until_closing(built, team_lead):
    from kalm.crisis.actions import crisis_status_set

    crisis = crisis_status_set(crisis=built.crisis, actor=team_lead, status="closed")
    crisis.refresh_from_db()
    report = crisis_report(crisis, now=REPORT_AT + timedelta(days=3))
    assert not report.ongoing and report.duration == crisis.closed_at - crisis.opened_at


def test_an_empty_crisis_reports_zeros_without_failing(clock, team_lead):
    report = crisis_report(open_crisis(team_lead))
    assert report.volumes.total == 0 and report.volumes.by_day == []
    assert report.volumes.by_hour == [] and report.volumes.peak_day is None
    assert report.response.sla_percent is None and report.response.still_open == 0
    assert report.sentiment.days == [] and report.sentiment.negative_percent is None
    assert report.satisfaction.accepted_percent is None
    assert report.statements == []
    assert report.open_actions.cases_total == 0 and report.open_actions.tasks


def test_its_queries_do_not_grow_with_the_cases(
    built, team_lead, agent, cola, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        crisis_report(built.crisis)
    more = [make_case(product=cola, email=f"more{n}@example.nl") for n in range(4)]
    crisis_cases_propose(crisis=built.crisis, actor=team_lead)
    for case in more:
        link = built.crisis.links.get(case=case)
        crisis_case_decide(link=link, actor=team_lead, confirm=True)
        analyse(case, label="negative", emotion="anger", fired=("injury",))
        solution_propose(case=case, agent=agent, text="Geld terug.")
        followup_create(case=case, title="Nabellen", due_at=NOW)
    with django_assert_max_num_queries(len(before.captured_queries)):
        report = crisis_report(built.crisis)
    assert report.volumes.total == 7 and report.open_actions.followups_total == 5
    assert len(before.captured_queries) <= 12


def test_duration_text_and_percentile():
    assert duration_text(None) == DASH
    assert duration_text(timedelta(seconds=30)) == "under a minute"
    assert duration_text(timedelta(minutes=45)) == "45 min"
    assert duration_text(timedelta(hours=3, minutes=20)) == "3 h 20 min"
    assert duration_text(timedelta(days=2, hours=4, minutes=59)) == "2 d 4 h"
    values = [timedelta(minutes=m) for m in (10, 1, 7, 3, 5)]
    assert percentile(values, 0.5) == timedelta(minutes=5)
    assert percentile(values, 0.9) == timedelta(minutes=10)
    assert percentile([], 0.5) is None


def test_the_bar_chart_scales_to_a_round_axis_top():
    buckets = [Bucket(start=date(2026, 11, d), label=str(d), count=n) for d, n in ((1, 3), (2, 7))]
    chart = bar_chart(buckets, width=100, height=100, left=10, bottom=20, max_labels=12)
    low, high = chart.bars
    # 7 rounds up to an axis top of 10: the bars reach 30% and 70% of the way to the top tick.
    assert [t.value for t in chart.ticks] == [0, 5, 10]
    plot = chart.baseline - chart.ticks[-1].y
    assert high.height == pytest.approx(plot * 0.7) and low.height == pytest.approx(plot * 0.3)
    assert high.y + high.height == pytest.approx(chart.baseline) and high.value_y > 0
    assert chart.left <= low.x < high.x and high.x + high.width <= chart.plot_right
    many = [Bucket(start=date(2026, 1, 1), label=str(i), count=i % 3) for i in range(48)]
    shown = [bar for bar in bar_chart(many).bars if bar.show_label]
    assert len(shown) == 12 and not bar_chart(many).show_values
