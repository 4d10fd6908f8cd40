"""Poll the IMAP mailboxes from KALM_IMAP_MAILBOXES now, without the worker.

``kalm poll_mailboxes --once`` polls each mailbox once and prints one line per mailbox
(``support: 3 fetched (2 new, 1 reply)``); without ``--once`` it repeats every ``--interval``
seconds until interrupted. Exits non-zero when a mailbox could not be polled.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kalm.channels.email.imap import MailboxError, mailbox_poll_locked


class Command(BaseCommand):
    help = "Poll the configured IMAP mailboxes and ingest their new messages."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("--once", action="store_true", help="Poll once and exit.")
        parser.add_argument("--interval", type=int, default=60, help="Seconds between polls.")
        parser.add_argument("--mailbox", action="append", help="Only this mailbox (repeatable).")

    def handle(self, *args, once: bool, interval: int, mailbox: list[str] | None, **options):  # type: ignore[no-untyped-def]
        mailboxes = [m for m in settings.KALM_IMAP_MAILBOXES if not mailbox or m.name in mailbox]
        if not mailboxes:
            raise CommandError("No mailboxes configured (KALM_IMAP_MAILBOXES).")
        while True:
            failed = self._round(mailboxes)
            if once:
                if failed:
                    raise CommandError(f"{failed} mailbox(es) could not be polled.")
                return
            time.sleep(max(interval, 1))

    def _round(self, mailboxes) -> int:  # type: ignore[no-untyped-def]
        failed = 0
        for mailbox in mailboxes:
            try:
                result = mailbox_poll_locked(mailbox)
            except MailboxError as exc:
                failed += 1
                self.stderr.write(f"{mailbox.name}: error: {exc}")
                continue
            if result is None:
                self.stdout.write(f"{mailbox.name}: skipped (being polled by another worker)")
            else:
                self.stdout.write(result.line())
        return failed
