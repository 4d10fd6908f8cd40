"""kalm verify_dossier [--case REF]: recompute every hash chain; non-zero exit on tampering."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from kalm.cases.models import Case
from kalm.dossier.selectors import dossier_verify_all, dossier_verify_case


class Command(BaseCommand):
    help = "Recompute the dossier hash chains and report the first broken entry, if any."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--case", metavar="REF", help="verify only this case reference")

    def handle(self, *args, **options) -> None:
        if options["case"]:
            case = Case.objects.filter(reference__iexact=options["case"]).first()
            if case is None:
                raise CommandError(f"No case with reference {options['case']}")
            results = [(case, dossier_verify_case(case))]
        else:
            results = dossier_verify_all()
        checked = 0
        for _case, problem in results:
            checked += 1
            if problem is not None:
                raise CommandError(f"BROKEN {problem}")
        self.stdout.write(f"OK: {checked} case dossier(s) verified, every chain intact")
