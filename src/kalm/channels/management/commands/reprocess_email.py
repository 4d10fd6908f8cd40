"""``kalm reprocess_email <id>``: run a stored inbound email through ingest again (after a fix)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from kalm.channels.actions import inbound_email_reprocess
from kalm.channels.models import InboundEmail


class Command(BaseCommand):
    help = "Process a stored (quarantined or failed) inbound email again and print the outcome."

    def add_arguments(self, parser) -> None:
        parser.add_argument("ids", nargs="+", type=int, help="InboundEmail id(s)")
        parser.add_argument(
            "--force", action="store_true", help="Also re-run messages that were not quarantined."
        )

    def handle(self, *args, **options) -> None:
        for pk in options["ids"]:
            inbound = InboundEmail.objects.filter(pk=pk).first()
            if inbound is None:
                raise CommandError(f"no inbound email with id {pk}")
            try:
                result = inbound_email_reprocess(inbound=inbound, force=options["force"])
            except ValueError as exc:
                raise CommandError(f"#{pk}: {exc}") from exc
            self.stdout.write(f"#{pk} {result.line}")
