"""``kalm run_huey``: huey's consumer, with the NLP models loaded before the workers fork.

The same command and options as ``huey.contrib.djhuey``'s (this one takes its place: kalm.core
comes before huey.contrib.djhuey in INSTALLED_APPS). With ``-k process`` each worker process
would otherwise load the models on its first batch: a few seconds of CPU each, taken from the
intake it should be reading, and its own copy in memory. Loaded in the consumer before it starts
its processes, the forked workers share the parent's pages (copy on write). Threads and
greenlets share one process anyway: nothing changes for them.
"""

from __future__ import annotations

from typing import Any

from django.db import connections
from huey.contrib.djhuey.management.commands.run_huey import Command as HueyCommand


class Command(HueyCommand):
    help = "Run the queue consumer (with -k process: NLP models loaded once, before the fork)."

    def handle(self, *args: Any, **options: Any) -> None:
        if options.get("worker_type") == "process":
            models_preload()
        super().handle(*args, **options)


def models_preload() -> None:
    """Load what reading a message needs (the classifiers and the sentence encoder: one
    analysis of a short text), then close any database connection, which a forked process must
    not share with its parent."""
    from kalm.empathy.engine import analyse_many

    analyse_many(["Preload: the worker's models, loaded before its processes start."])
    connections.close_all()
