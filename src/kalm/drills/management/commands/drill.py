"""kalm drill: run crisis drills from the command line.

kalm drill scenarios
kalm drill start <scenario> [--speed N] [--volume X] [--seed S] [--angry 0.3]
                 [--threat 0.05] [--channels web,email] [--languages nl,en] [--user NAME]
kalm drill advance <id> --minutes M
kalm drill tick                      (what the worker does every minute)
kalm drill finish <id> [--user NAME]
kalm drill report <id>
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kalm.accounts.models import User
from kalm.drills.actions import (
    DrillError,
    drill_advance,
    drill_finish,
    drill_start,
    drills_tick,
)
from kalm.drills.models import Drill
from kalm.drills.report import drill_report
from kalm.drills.scenarios import SCENARIOS, onset_seconds


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


class Command(BaseCommand):
    help = "Crisis drills: list scenarios, start, fast-forward, finish, and print the report."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("scenarios", help="the scenarios a drill can play")
        start = sub.add_parser("start", help="start a drill")
        start.add_argument("scenario", choices=sorted(SCENARIOS))
        start.add_argument("--speed", type=int, default=12, help="script minutes per real minute")
        start.add_argument("--volume", type=float, default=1.0, help="x the scenario's wave")
        start.add_argument("--seed", type=int, default=None)
        start.add_argument("--angry", type=float, default=0.3, help="share, 0..1")
        start.add_argument("--threat", type=float, default=0.05, help="share, 0..1")
        start.add_argument("--channels", type=_csv, default=None, help="web,email,chat,...")
        start.add_argument("--languages", type=_csv, default=None, help="nl,en")
        start.add_argument("--user", default="", help="facilitator (a lead); default: first admin")
        advance = sub.add_parser("advance", help="fast-forward a running drill")
        advance.add_argument("drill", type=int)
        advance.add_argument("--minutes", type=float, required=True, help="script minutes")
        sub.add_parser("tick", help="play due complaints and detect, for every running drill")
        finish = sub.add_parser("finish", help="end a drill")
        finish.add_argument("drill", type=int)
        finish.add_argument("--user", default="")
        report = sub.add_parser("report", help="print the drill report")
        report.add_argument("drill", type=int)

    def _user(self, username: str) -> User:
        if username:
            user = User.objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"no user {username!r}")
            return user
        user = (
            User.objects.filter(is_active=True, role__in=["admin", "lead"]).order_by("pk").first()
        )
        if user is None:
            raise CommandError("no lead or admin to run the drill; pass --user")
        return user

    def _drill(self, pk: int) -> Drill:
        drill = Drill.objects.filter(pk=pk).first()
        if drill is None:
            raise CommandError(f"no drill #{pk}")
        return drill

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            getattr(self, f"do_{action}")(options)
        except DrillError as exc:
            raise CommandError(str(exc)) from exc

    def do_scenarios(self, options: dict) -> None:
        for scenario in SCENARIOS.values():
            self.stdout.write(
                f"{scenario.key:<10} {scenario.title} — {scenario.product_name}, "
                f"batch {scenario.batch}, about {scenario.length_minutes} script minutes"
            )

    def do_start(self, options: dict) -> None:
        drill = drill_start(
            scenario=options["scenario"],
            actor=self._user(options["user"]),
            speed=options["speed"],
            volume=options["volume"],
            seed=options["seed"],
            angry_share=options["angry"],
            threat_share=options["threat"],
            channels=options["channels"],
            languages=options["languages"],
        )
        onset = onset_seconds(drill.script)
        self.stdout.write(
            f"drill #{drill.pk} started: {drill.title}, seed {drill.seed}, "
            f"{len(drill.script)} complaints, wave from script minute "
            f"{onset // 60 if onset is not None else '-'}"
        )

    def do_advance(self, options: dict) -> None:
        drill = drill_advance(drill=self._drill(options["drill"]), minutes=options["minutes"])
        self.stdout.write(
            f"drill #{drill.pk}: script minute {int(drill.script_time() // 60)}, "
            f"{drill.played}/{len(drill.script)} complaints played"
        )

    def do_tick(self, options: dict) -> None:
        self.stdout.write(f"{drills_tick()} complaints played")

    def do_finish(self, options: dict) -> None:
        drill = drill_finish(drill=self._drill(options["drill"]), actor=self._user(options["user"]))
        self.stdout.write(f"drill #{drill.pk} finished")

    def do_report(self, options: dict) -> None:
        self.stdout.write(drill_report(self._drill(options["drill"])).as_text())
