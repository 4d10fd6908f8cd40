"""Detection over a drill sees the drill's wave; real detection never sees drill cases."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kalm.bursts.actions import alerts_detect
from kalm.bursts.models import BurstAlert
from kalm.bursts.selectors import alerts_list, open_alert_count
from kalm.drills.actions import drill_advance, drill_start
from kalm.drills.scenarios import onset_seconds
from kalm.drills.selectors import SESSION_KEY
from kalm.drills.tests.conftest import clock  # noqa: F401 - fixture


@pytest.fixture
def worked(clock, team_lead):  # noqa: F811
    drill = drill_start(scenario="bottles", actor=team_lead, seed=7, history_days=10)
    drill_advance(drill=drill, minutes=onset_seconds(drill.script) / 60 + 180)
    return drill


def test_detection_over_a_drill_finds_the_burst_and_marks_it_as_the_drills(worked):
    alerts = BurstAlert.objects.filter(drill=worked)
    keys = set(alerts.values_list("key", flat=True))
    assert "batch:BV-L0319" in keys and f"product:{worked.product_id}" in keys
    batch = alerts.get(key="batch:BV-L0319")
    assert batch.count >= 4 and batch.expected < batch.count
    assert set(batch.cases.values_list("drill_id", flat=True)) == {worked.pk}
    tipped = [e for e in worked.script if batch.pk in e.get("alerts", [])]
    assert len(tipped) == 1 and tipped[0]["kind"] == "wave"
    assert tipped[0]["at"] >= onset_seconds(worked.script)


def test_real_detection_does_not_see_drill_cases(worked):
    drill_alerts = BurstAlert.objects.count()
    assert alerts_detect() == []
    assert alerts_detect(now=worked.started_at + timedelta(hours=6)) == []
    assert BurstAlert.objects.count() == drill_alerts
    assert open_alert_count() == 0
    assert open_alert_count(drill_id=worked.pk) == drill_alerts
    assert not alerts_list().exists()
    assert alerts_list(drill_id=worked.pk).count() == drill_alerts


def test_a_rerun_of_drill_detection_adds_no_duplicates(worked):
    count = BurstAlert.objects.count()
    alerts_detect(drill=worked)
    assert BurstAlert.objects.count() == count


def test_the_alerts_page_shows_drill_alerts_only_in_drill_mode(worked, client, agent):
    client.force_login(agent)
    alert = BurstAlert.objects.filter(drill=worked).first()
    page = client.get("/desk/bursts/")
    assert alert.label not in page.content.decode()
    assert client.get(f"/desk/bursts/{alert.pk}/").status_code == 404
    session = client.session
    session[SESSION_KEY] = worked.pk
    session.save()
    page = client.get("/desk/bursts/")
    assert f"/desk/bursts/{alert.pk}/" in page.content.decode()
    assert client.get(f"/desk/bursts/{alert.pk}/").status_code == 200
