"""kalm churn_refresh [--train]: score every consumer now (what the hourly job does), printing
one line of counts; ``--train`` retrains the classifier first even when no mark changed, and
says how it did against the rule index."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kalm.churn.actions import churn_refresh, churn_train, min_lost
from kalm.churn.models import Loss, Model


def _number(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


class Command(BaseCommand):
    help = (
        "Recompute every consumer's churn risk (retraining when lost marks changed) and print "
        "how many are high and medium."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--train",
            action="store_true",
            help="retrain the model first, even when no consumer was marked or withdrawn",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["train"]:
            self._train()
        result = churn_refresh()
        self.stdout.write(
            f"scored {result['scored']} consumers ({result['method']}): "
            f"{result['high']} high, {result['medium']} medium"
        )

    def _train(self) -> None:
        before = Model.objects.values_list("pk", flat=True).first()
        churn_train(force=True)
        model = Model.objects.first()
        if model is None or model.pk == before:
            lost = Loss.objects.filter(withdrawn_at=None, consumer__drill_id=None).count()
            self.stdout.write(
                f"no model: {lost} consumers marked as lost, {min_lost()} needed (and as many kept)"
            )
            return
        verdict = "it scores now" if model.active else "the rule index ranks better and goes on"
        self.stdout.write(
            f"trained on {model.lost} lost / {model.kept} kept consumers: cross-validated AUC "
            f"{_number(model.auc, 2)} (rules {_number(model.rules_auc, 2)}), "
            f"Brier {_number(model.brier, 3)}; {verdict}"
        )
