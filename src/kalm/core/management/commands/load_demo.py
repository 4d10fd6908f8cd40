"""kalm load_demo [--cases N]: load the demo desk into an empty database (idempotent)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from kalm.core.demo.loader import DemoRefused, load_demo


class Command(BaseCommand):
    help = (
        "Load believable demo data (teams, agents, products, consumers, cases with dossiers, "
        "evidence and a running crisis) and print the demo logins. Running it again changes "
        "nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--cases", type=int, default=400, help="how many cases to write (default 400)"
        )
        parser.add_argument("--seed", type=int, default=2611, help="random seed (default 2611)")

    def handle(self, *args, **options) -> None:
        if options["cases"] < 0:
            raise CommandError("--cases must be 0 or more")
        started = time.monotonic()
        try:
            result = load_demo(
                cases=options["cases"],
                seed=options["seed"],
                progress=lambda msg: self.stdout.write(msg),
            )
        except DemoRefused as exc:
            raise CommandError(str(exc)) from exc
        if result.created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo loaded in {time.monotonic() - started:.1f}s: {result.cases} cases, "
                    f"{result.consumers} consumers, {result.evidence} evidence files, "
                    f"{result.items} physical items."
                )
            )
            if result.crisis_reference:
                self.stdout.write(
                    f"Running incident: exploding bottles, batch L2611; lead case "
                    f"{result.crisis_reference}."
                )
        else:
            self.stdout.write(f"Demo data already loaded ({result.cases} cases): nothing to do.")
        self.stdout.write("")
        self.stdout.write(f"Desk: {settings.SITE_URL}{reverse('desk:login')}")
        self.stdout.write("Demo logins (username / password / role):")
        for login in result.logins:
            self.stdout.write(f"  {login.username:<6} / {login.password:<16} / {login.role_label}")
