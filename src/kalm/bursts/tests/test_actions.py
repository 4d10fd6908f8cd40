from __future__ import annotations

from datetime import timedelta

import pytest

from kalm.bursts.actions import BurstActionError, alert_dismiss, alert_mark_crisis, alerts_detect
from kalm.bursts.models import BurstAlert
from kalm.bursts.selectors import open_alert_count
from kalm.bursts.tests.conftest import NOW, ONSET


def test_it_stores_one_alert_per_burst_with_its_evidence(burst_cases):
    cola, burst = burst_cases
    created = alerts_detect(now=NOW)
    batch = BurstAlert.objects.get(key="batch:L2611")
    assert batch in created
    assert batch.dimension == "batch"
    assert batch.batch == "L2611"
    assert batch.product == cola  # every case of the burst is about this product
    assert batch.channel == "email"
    assert batch.start == ONSET
    assert ONSET < batch.detected_at <= NOW
    assert batch.count == 6
    assert batch.expected < 1
    assert set(batch.cases.all()) == set(burst)
    assert sum(count for _, count in batch.series) == 6
    keys = [alert.key for alert in created]
    assert len(keys) == len(set(keys))
    assert open_alert_count() == len(created)


def test_a_rerun_does_not_duplicate_and_refreshes_the_open_alert(burst_cases):
    first = alerts_detect(now=NOW)
    again = alerts_detect(now=NOW + timedelta(minutes=5))
    assert first and again == []
    assert BurstAlert.objects.count() == len(first)


def test_a_dismissed_burst_is_not_raised_again(burst_cases, agent):
    alerts_detect(now=NOW)
    alert = BurstAlert.objects.get(key="batch:L2611")
    alert_dismiss(alert=alert, actor=agent, reason="Bekend, al teruggeroepen")
    alerts_detect(now=NOW + timedelta(minutes=10))
    assert BurstAlert.objects.filter(key="batch:L2611").count() == 1
    alert.refresh_from_db()
    assert alert.status == "dismissed"
    assert alert.note == "Bekend, al teruggeroepen"
    assert alert.handled_by == agent


def test_nothing_is_raised_without_a_burst(db, burst_cases):
    assert alerts_detect(now=NOW - timedelta(hours=4)) == []


def test_mark_crisis_and_refusals(burst_cases, agent, english):
    alerts_detect(now=NOW)
    alert = BurstAlert.objects.get(key="batch:L2611")
    marked = alert_mark_crisis(alert=alert, actor=agent)
    assert marked.status == "crisis" and marked.handled_at is not None
    with pytest.raises(BurstActionError, match="already handled: Crisis opened"):
        alert_dismiss(alert=alert, actor=agent)


def test_the_periodic_task_runs_the_detector(burst_cases, time_machine):
    from kalm.bursts.tasks import detect_bursts_task

    time_machine.move_to(NOW, tick=False)
    detect_bursts_task.call_local()
    assert BurstAlert.objects.filter(key="batch:L2611").exists()
