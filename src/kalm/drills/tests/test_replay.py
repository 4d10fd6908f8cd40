"""Starting a drill, and replaying it through the normal intake into drill-only rows."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kalm.cases.models import Case, Message, Status
from kalm.channels.models import InboundEmail
from kalm.consumers.models import Consumer
from kalm.desk.selectors import inbox_queryset
from kalm.drills.actions import (
    DrillError,
    drill_advance,
    drill_finish,
    drill_play,
    drill_start,
    drills_tick,
)
from kalm.drills.scenarios import onset_seconds
from kalm.drills.tests.conftest import START


def test_start_creates_the_drill_its_product_script_and_a_closed_backdated_history(bottles):
    assert bottles.is_running and bottles.played == 0 and bottles.script
    assert bottles.product.name.startswith("[DRILL] ") and not bottles.product.active
    history = Case.objects.filter(drill=bottles)
    assert history.count() > 10
    assert all(c.status == Status.CLOSED for c in history)
    assert min(c.created_at for c in history) < START - timedelta(days=8)
    assert max(c.created_at for c in history) < START
    assert not Case.objects.filter(drill__isnull=True).exists()
    assert not Consumer.objects.filter(drill__isnull=True).exists()


def test_the_same_seed_gives_the_same_script(clock, team_lead):
    one = drill_start(scenario="flights", actor=team_lead, seed=99, history_days=0)
    two = drill_start(scenario="flights", actor=team_lead, seed=99, history_days=0)
    assert one.script == two.script and one.product != two.product


@pytest.mark.parametrize(
    "params",
    [
        {"scenario": "volcano"},
        {"scenario": "bottles", "speed": 0},
        {"scenario": "bottles", "volume": -1},
        {"scenario": "bottles", "channels": ["pigeon"]},
        {"scenario": "bottles", "angry_share": 0.9, "threat_share": 0.2},
    ],
)
def test_bad_parameters_are_refused_and_nothing_is_created(clock, team_lead, params):
    from kalm.drills.models import Drill

    with pytest.raises(DrillError):
        drill_start(actor=team_lead, **params)
    assert not Drill.objects.exists()


def test_nothing_is_played_before_it_is_due(bottles, clock):
    first = bottles.script[0]["at"]
    clock.shift(timedelta(seconds=first / bottles.speed - 5))
    assert drill_play(drill=bottles) == 0
    clock.shift(timedelta(seconds=10))
    assert drill_play(drill=bottles) >= 1


def test_replay_goes_through_the_intake_of_each_channel_into_drill_only_rows(bottles, clock):
    drill_advance(drill=bottles, minutes=300)
    played = [e for e in bottles.script[: bottles.played]]
    assert len(played) > 20 and all(e.get("case") for e in played)
    cases = Case.objects.filter(pk__in=[e["case"] for e in played])
    assert cases.count() == len(played)
    assert set(cases.values_list("drill_id", flat=True)) == {bottles.pk}
    assert {c.channel for c in cases} == {"web", "email", "chat", "phone", "social"}
    for case in cases.select_related("consumer"):
        assert case.consumer.drill_id == bottles.pk
        assert case.consumer.email.endswith(f"@drill-{bottles.pk}.invalid")
        assert case.messages.filter(kind=Message.Kind.INBOUND).exists()
    # Email came in through the email ingest (stored raw, threaded, confirmed).
    assert InboundEmail.objects.filter(source=f"drill:{bottles.pk}").count() == sum(
        e["channel"] == "email" for e in played
    )
    web = cases.filter(channel="web").first()
    assert web.product == bottles.product and web.batch_number == "BV-L0319"
    # Nothing real was created, and the real inbox stays empty.
    assert not Case.objects.filter(drill__isnull=True).exists()
    assert not Consumer.objects.filter(drill__isnull=True).exists()
    assert not inbox_queryset(user=None, filters={}).exists()
    drilled = inbox_queryset(user=None, filters={}, drill_id=bottles.pk)
    assert drilled.count() == cases.count()


def test_intake_runs_the_empathy_analysis_on_drill_cases(
    bottles, clock, django_capture_on_commit_callbacks
):
    from kalm.empathy.models import MessageAnalysis

    onset = onset_seconds(bottles.script)
    with django_capture_on_commit_callbacks(execute=True):
        drill_advance(drill=bottles, minutes=onset / 60 + 30)
    cases = [e["case"] for e in bottles.script[: bottles.played]]
    analysed = MessageAnalysis.objects.filter(case_id__in=cases)
    assert analysed.count() == len(cases)


def test_the_worker_tick_plays_running_drills_only(bottles, clock, team_lead):
    clock.shift(timedelta(minutes=30))  # six script hours at 12x
    assert drills_tick() > 10
    drill_finish(drill=bottles, actor=team_lead)
    clock.shift(timedelta(minutes=10))
    assert drills_tick() == 0
    with pytest.raises(DrillError):
        drill_advance(drill=bottles, minutes=10)
    with pytest.raises(DrillError):
        drill_finish(drill=bottles, actor=team_lead)


def test_fast_forward_moves_the_script_clock(bottles, clock):
    before = bottles.script_time()
    drill_advance(drill=bottles, minutes=90)
    assert bottles.script_time() == pytest.approx(before + 90 * 60)
    for bad in (0, -5, "x", 10**9):
        with pytest.raises(DrillError):
            drill_advance(drill=bottles, minutes=bad)
