from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kalm.drills.models import Drill


def _run(*args: str) -> str:
    out = StringIO()
    call_command("drill", *args, stdout=out)
    return out.getvalue()


def test_scenarios_start_advance_report(clock, team_lead, english):
    listed = _run("scenarios")
    assert "tampering" in listed and "flights" in listed and "bottles" in listed
    started = _run("start", "flights", "--speed", "30", "--volume", "2", "--seed", "5")
    drill = Drill.objects.get()
    assert f"drill #{drill.pk} started" in started
    assert (drill.speed, drill.volume, drill.seed, drill.started_by) == (30, 2.0, 5, team_lead)
    advanced = _run("advance", str(drill.pk), "--minutes", "240")
    drill.refresh_from_db()
    assert drill.played > 0 and f"{drill.played}/{len(drill.script)}" in advanced
    report = _run("report", str(drill.pk))
    assert f"Drill report: {drill.title} (#{drill.pk})" in report
    assert "Time to detect" in report and "Cases without any reply" in report
    _run("finish", str(drill.pk))
    drill.refresh_from_db()
    assert not drill.is_running


def test_errors_are_clear(clock, team_lead, english):
    with pytest.raises(CommandError):
        _run("report", "999")
    with pytest.raises(CommandError, match="between 1"):
        _run("start", "bottles", "--speed", "0")
    assert not Drill.objects.exists()
