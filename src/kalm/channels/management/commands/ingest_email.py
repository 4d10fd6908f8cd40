"""``kalm ingest_email < message.eml``: for an MTA pipe (Postfix ``pipe``, Exim transport).

Prints one line saying where the message went and exits 0 for every outcome, so the MTA never
bounces or retries a message Kalm has stored. Exits non-zero only for empty input or when the
raw message could not even be stored (the MTA then keeps and retries it).

Postfix, for example (``master.cf``; route the support address to this transport)::

    kalm  unix  -  n  n  -  4  pipe
      flags=Rq user=kalm argv=/srv/kalm/.venv/bin/kalm ingest_email --source pipe

``--team <slug>`` sends new cases from that address to a team.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from kalm.accounts.models import Team
from kalm.channels.email.ingest import ingest_raw


class Command(BaseCommand):
    help = "Ingest one raw email message from standard input."
    stealth_options = ("stdin",)

    def add_arguments(self, parser) -> None:
        parser.add_argument("--source", default="pipe", help="Recorded source (default: pipe).")
        parser.add_argument("--team", default="", help="Slug of the team new cases go to.")

    def handle(self, *args, **options) -> None:
        stream = options.get("stdin") or sys.stdin.buffer
        raw = stream.read()
        if not raw:
            raise CommandError("empty input: no message on standard input")
        team = None
        if options["team"]:
            team = Team.objects.filter(slug=options["team"]).first()
            if team is None:
                raise CommandError(f"unknown team {options['team']!r}")
        try:
            result = ingest_raw(raw, source=options["source"], team=team)
        except Exception as exc:  # the raw message could not be stored: let the MTA retry
            raise CommandError(f"could not store the message: {exc}") from exc
        self.stdout.write(result.line)
