"""`kalm analyse_messages [--missing|--all] [--case REF]`: (re)analyse consumers' messages.

``--missing`` (the default) analyses inbound messages that have no analysis yet: after the
worker was down, or for data imported without the hook. ``--all`` analyses every inbound message
again with the current engine (routing rules still act at most once per case, and only on open
cases)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from kalm.cases.models import Case, Message
from kalm.empathy.actions import BATCH_SIZE, analyses_create_many


class Command(BaseCommand):
    help = "Analyse consumers' messages that have no analysis yet (--missing) or all of them."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--missing", action="store_true", help="Only unanalysed (default).")
        which.add_argument(
            "--all", dest="everything", action="store_true", help="Analyse every message again."
        )
        parser.add_argument("--case", metavar="REF", help="Only the messages of this case.")

    def handle(self, *args, everything: bool, case: str | None, **options):
        messages = Message.objects.filter(kind=Message.Kind.INBOUND).order_by("id")
        if case:
            found = Case.objects.filter(reference__iexact=case.strip()).first()
            if found is None:
                raise CommandError(f"No case with reference {case!r}.")
            messages = messages.filter(case=found)
        if not everything:
            messages = messages.filter(analysis__isnull=True)
        done = 0
        last_id = 0
        while True:  # keyset batches: memory stays flat on a large table
            batch = list(messages.filter(id__gt=last_id)[: BATCH_SIZE * 4])
            if not batch:
                break
            last_id = batch[-1].pk
            done += len(analyses_create_many(messages=batch, replace=everything))
        self.stdout.write(f"Analysed {done} message(s).")
