"""kalm insights_rebuild: recompute the dashboards' daily figures of every day before today
from the cases, answers and analyses (what the worker does every night, and what to run after
a bulk import or a restore), printing how many days and rows."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from kalm.insights.actions import daily_figures_rebuild


class Command(BaseCommand):
    help = "Rebuild the dashboards' daily figures from the cases, answers and analyses."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        result = daily_figures_rebuild()
        self.stdout.write(
            f"rebuilt {result['days']} days ({result['rows']} rows) "
            f"in {time.monotonic() - started:.1f} s"
        )
