from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine

from kalm.cases.actions import case_transition, message_receive, message_reply
from kalm.cases.models import Channel, Priority, Status
from kalm.core.testing import TeamFactory, make_case
from kalm.sla.models import BusinessCalendar, CaseSla, SlaPolicy
from kalm.sla.selectors import policy_for

AMS = ZoneInfo("Europe/Amsterdam")
WEDNESDAY_10 = datetime(2026, 11, 25, 10, tzinfo=AMS)


def _policy(name, **kw) -> SlaPolicy:
    defaults = {
        "calendar": BusinessCalendar.objects.get(name="Office hours NL"),
        "first_response": timedelta(hours=1),
        "next_response": timedelta(hours=2),
        "resolution": timedelta(hours=8),
    }
    return SlaPolicy.objects.create(name=name, **{**defaults, **kw})


def test_the_defaults_cover_every_priority(db):
    for priority in Priority.values:
        assert policy_for(priority=priority, channel=Channel.WEB).priority == priority


def test_the_most_specific_policy_wins_team_over_channel_over_priority(db):
    team = TeamFactory()
    by_channel = _policy("Chat", channel=Channel.CHAT)
    by_team = _policy("Safety team", team=team)
    by_both = _policy("Safety chat", team=team, channel=Channel.CHAT, order=500)
    assert policy_for(priority="normal", channel=Channel.CHAT) == by_channel
    assert policy_for(priority="urgent", channel=Channel.CHAT) == by_channel
    assert policy_for(priority="urgent", channel=Channel.EMAIL, team=team) == by_team
    assert policy_for(priority="low", channel=Channel.CHAT, team=team) == by_both
    by_both.active = False
    by_both.save()
    assert policy_for(priority="low", channel=Channel.CHAT, team=team) == by_team


def test_opening_a_case_starts_the_clocks_in_business_time(db):
    with time_machine.travel(WEDNESDAY_10, tick=False):
        case = make_case(priority=Priority.NORMAL)
    sla = CaseSla.objects.get(case=case)
    assert sla.policy.name == "Normal (default)"
    assert sla.first_response_due == datetime(2026, 11, 26, 10, tzinfo=AMS)
    assert case.first_response_due_at == sla.first_response_due
    # 40 business hours: Monday 30 November 10:00.
    assert sla.resolution_due == datetime(2026, 12, 2, 10, tzinfo=AMS)
    assert sla.next_response_due is None


def test_without_a_matching_policy_the_organisation_hours_apply(db):
    SlaPolicy.objects.update(active=False)
    with time_machine.travel(WEDNESDAY_10, tick=False):
        case = make_case(priority=Priority.NORMAL)
    assert not CaseSla.objects.filter(case=case).exists()
    assert case.first_response_due_at == WEDNESDAY_10 + timedelta(hours=24)


def test_a_reply_meets_the_first_response_and_the_next_message_starts_the_next_clock(db, agent):
    with time_machine.travel(WEDNESDAY_10, tick=False):
        case = make_case(priority=Priority.URGENT)
    with time_machine.travel(WEDNESDAY_10 + timedelta(minutes=30), tick=False):
        message_reply(case=case, agent=agent, body="Wat vervelend, we kijken ernaar.")
    sla = CaseSla.objects.get(case=case)
    assert sla.first_response_met_at == WEDNESDAY_10 + timedelta(minutes=30)
    with time_machine.travel(datetime(2026, 11, 25, 16, 30, tzinfo=AMS), tick=False):
        message_receive(case=case, body="Nog een vraag")
    sla.refresh_from_db()
    # Urgent: next response within 2 business hours: 30 minutes today, 90 tomorrow.
    assert sla.next_response_due == datetime(2026, 11, 26, 10, 30, tzinfo=AMS)
    with time_machine.travel(datetime(2026, 11, 26, 9, 5, tzinfo=AMS), tick=False):
        message_reply(case=case, agent=agent, body="Hier is het antwoord.")
    sla.refresh_from_db()
    assert sla.next_response_met_at is not None


def test_the_clock_stops_while_waiting_on_the_consumer(db, agent):
    with time_machine.travel(WEDNESDAY_10, tick=False):
        case = make_case(priority=Priority.NORMAL)
        message_reply(case=case, agent=agent, body="Kunt u een foto sturen?")
        case_transition(case=case, to=Status.WAITING_CONSUMER, actor=agent)
    sla = CaseSla.objects.get(case=case)
    assert sla.paused_at == WEDNESDAY_10
    resolution_due = sla.resolution_due
    # The consumer answers a week later, Wednesday 2 December 10:00: 40 hours still left.
    with time_machine.travel(WEDNESDAY_10 + timedelta(days=7), tick=False):
        message_receive(case=case, body="Hierbij de foto")
    sla.refresh_from_db()
    case.refresh_from_db()
    assert case.status == Status.OPEN
    assert sla.paused_at is None
    assert sla.resolution_due == resolution_due + timedelta(days=7)
    assert sla.next_response_due == datetime(2026, 12, 4, 10, tzinfo=AMS)  # 16 business hours


def test_resolving_stops_and_reopening_restarts_the_resolution_clock(db, agent):
    with time_machine.travel(WEDNESDAY_10, tick=False):
        case = make_case(priority=Priority.HIGH)
        message_reply(case=case, agent=agent, body="Opgelost")
        case_transition(case=case, to=Status.RESOLVED, actor=agent)
    sla = CaseSla.objects.get(case=case)
    assert sla.resolution_met_at == WEDNESDAY_10
    with time_machine.travel(datetime(2026, 11, 30, 9, tzinfo=AMS), tick=False):
        message_receive(case=case, body="Toch niet")
    sla.refresh_from_db()
    assert sla.resolution_met_at is None
    assert sla.resolution_due == datetime(2026, 12, 3, 9, tzinfo=AMS)  # 24 business hours
