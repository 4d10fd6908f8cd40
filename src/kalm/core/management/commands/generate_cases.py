"""kalm generate_cases --cases N --seed S: fill the configured database with generated cases."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from kalm.core.generate import GenerateRefused, generate_cases, long_dossier_references
from kalm.core.generate.plan import anchor_for


class Command(BaseCommand):
    help = (
        "Fill the configured database (DATABASE_URL: SQLite or PostgreSQL) with N realistic "
        "generated cases for benchmarks: consumers (0.3 per case), Dutch and English messages "
        "(about 5 per case), hash-chained dossier entries, evidence records, statuses and dates "
        "spread over two years. Same --cases, --seed, --agents, --teams and --anchor: same data. "
        "Run again on a database that already holds generated cases, it adds the missing ones "
        "up to N (never removes any). A database holding cases that were not generated is "
        "refused unless --force; nothing existing is ever changed. Run 'kalm migrate' first."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--cases", type=int, required=True, help="generated cases the database should hold"
        )
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument("--agents", type=int, default=50, help="generated agents (default 50)")
        parser.add_argument(
            "--teams", type=int, default=5, help="teams the agents work in (default 5)"
        )
        parser.add_argument(
            "--anchor",
            metavar="YYYY-MM-DD",
            help="the day the generated two years end (default today, UTC)",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="add generated cases even though the database holds other cases",
        )

    def handle(self, *args, **options) -> None:
        try:
            anchor = anchor_for(options["anchor"])
        except ValueError as exc:
            raise CommandError(f"--anchor must be a date like 2026-01-31: {exc}") from exc
        try:
            result = generate_cases(
                cases=options["cases"],
                seed=options["seed"],
                agents=options["agents"],
                teams=options["teams"],
                force=options["force"],
                anchor=anchor,
                progress=self.stdout.write,
            )
        except GenerateRefused as exc:
            raise CommandError(str(exc)) from exc
        long_refs = result.long_references or long_dossier_references()
        if long_refs:
            self.stdout.write(f"Cases with 50+ dossier entries: {', '.join(long_refs)}")
        self.stdout.write(
            f"Generated {result.cases:,} cases ({result.total_cases:,} in total), "
            f"{result.consumers:,} consumers, {result.messages:,} messages, "
            f"{result.entries:,} dossier entries, {result.evidence:,} evidence "
            f"in {result.seconds:,.1f}s"
        )
