"""The report's figures on a drill worked through the real actions, on a fixed clock."""

from __future__ import annotations

from datetime import timedelta

from kalm.bursts.models import BurstAlert
from kalm.cases.actions import message_reply
from kalm.cases.models import Case
from kalm.crisis.actions import crisis_open, statement_publish
from kalm.crisis.models import PublishChannel, Scenario
from kalm.crisis.tests.statements import approved, team
from kalm.drills.actions import drill_tick
from kalm.drills.report import drill_report, minutes
from kalm.drills.scenarios import onset_seconds


def _at_script(drill, clock, seconds: float) -> None:
    clock.move_to(drill.started_at + timedelta(seconds=seconds / drill.speed))


def test_report_figures_on_a_worked_drill(bottles, clock, team_lead, agent, english):
    onset = onset_seconds(bottles.script)
    _at_script(bottles, clock, onset)  # the wave's first complaint arrives
    drill_tick(drill=bottles)
    onset_case = Case.objects.get(pk=next(e for e in bottles.script if e["kind"] == "wave")["case"])
    t0 = onset_case.created_at

    clock.move_to(t0 + timedelta(minutes=15))  # three script hours later: the wave is rolling
    drill_tick(drill=bottles)
    alert = BurstAlert.objects.filter(drill=bottles).order_by("detected_at", "pk").first()
    assert alert is not None and alert.detected_at == t0 + timedelta(minutes=15)
    tipped = next(e for e in bottles.script if alert.pk in e.get("alerts", []))

    clock.move_to(t0 + timedelta(minutes=18))
    crisis = crisis_open(
        actor=team_lead, title="Flessen", scenario=Scenario.PRODUCT_SAFETY, severity=3, alert=alert
    )
    assert crisis.drill_id == bottles.pk
    wave_cases = [e["case"] for e in bottles.script[: bottles.played] if e["kind"] == "wave"]
    clock.move_to(t0 + timedelta(minutes=20))
    message_reply(case=Case.objects.get(pk=wave_cases[0]), agent=agent, body="We zoeken het uit.")
    spokes, legal = team(team_lead)
    clock.move_to(t0 + timedelta(minutes=25))
    version = approved(crisis, spokes, legal)
    clock.move_to(t0 + timedelta(minutes=26))
    statement_publish(version=version, actor=spokes, channels=[PublishChannel.PUBLIC_PAGE])

    report = drill_report(bottles)
    assert report.onset_real == t0
    assert report.detect.real == timedelta(minutes=15)
    assert report.detect.script == timedelta(seconds=tipped["at"] - onset)
    assert report.statement.real == timedelta(minutes=25)
    assert report.statement.script == timedelta(minutes=25 * bottles.speed)
    assert report.reply.real == timedelta(minutes=20)
    assert report.reply.script == timedelta(hours=4)
    assert report.crisis == crisis
    public = [c for c in report.channels if c.label == str(PublishChannel.PUBLIC_PAGE.label)]
    assert public and not public[0].behind and public[0].shown == version.number
    assert any(c.behind for c in report.channels)  # the desk macro never got it
    assert report.consistent is False

    missed = {g.key: g for g in report.missed}
    played = [e for e in bottles.script[: bottles.played] if e.get("case")]
    assert missed["unanswered"].total == len(played) - 1
    urgent = {e["case"] for e in played if e["injury"] or e["threat"]} - {wave_cases[0]}
    assert urgent and {i.case.pk for i in missed["urgent"].items} >= urgent
    assert str(PublishChannel.PUBLIC_PAGE.label) not in [i.text for i in missed["channels"].items]
    assert str(PublishChannel.DESK_MACRO.label) in [i.text for i in missed["channels"].items]
    informed = {e["case"] for e in played if e["informed"]} - {wave_cases[0]}
    assert informed and {i.case.pk for i in missed["informed"].items} >= informed

    text = report.as_text()
    assert "Time to detect: 15 min" in text
    assert "Time to first reply: 20 min (scenario: 4 h 0 min)" in text


def test_an_untouched_drill_reports_what_was_not_reached(bottles, english):
    report = drill_report(bottles)
    assert not report.detect.measured and not report.reply.measured
    assert report.consistent is None
    assert "not reached" in report.as_text()
    assert minutes(None) == "-" and minutes(timedelta(minutes=65)) == "1 h 5 min"
