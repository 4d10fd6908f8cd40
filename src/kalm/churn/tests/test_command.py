"""kalm churn_refresh [--train]."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from kalm.churn.actions import loss_mark
from kalm.churn.models import Model, Score
from kalm.churn.tests.conftest import high_risk, low_risk, medium_risk
from kalm.churn.tests.helpers import answered, case_at, days_ago, resolved
from kalm.consumers.models import Consumer

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("churn_refresh", *args, stdout=out)
    return out.getvalue()


def test_it_scores_everyone_and_prints_the_bands(agent):
    high_risk("Hanna Hoog", "hoog@example.nl")
    medium_risk("Mila Midden", "midden@example.nl")
    medium_risk("Mo Midden", "mo@example.nl")
    low_risk(agent, "Lars Laag", "laag@example.nl")
    Score.objects.all().delete()
    assert _run() == "scored 4 consumers (rules): 1 high, 2 medium\n"
    assert Score.objects.count() == 4


def test_train_says_why_there_is_no_model_below_the_threshold(agent, settings):
    settings.KALM_CHURN_MIN_LOST = 3
    lost = high_risk("Weg", "weg@example.nl")
    loss_mark(consumer=lost, actor=agent, lost_at=days_ago(1), reason="stopped")
    medium_risk("Mila Midden", "midden@example.nl")
    assert _run("--train").splitlines() == [
        "no model: 1 consumers marked as lost, 3 needed (and as many kept)",
        "scored 1 consumers (rules): 0 high, 1 medium",
    ]


def _history(agent, *, lost_tenure_days: int, kept_tenure_days: int) -> None:
    """Six lost and six kept consumers with one answered, resolved case each; only their tenure
    tells them apart."""
    for n in range(12):
        gone = n < 6
        case = case_at(days_ago(40), name=f"Klant {n}", email=f"klant{n}@example.nl")
        resolved(answered(case, agent, after=timedelta(hours=1)), agent, at=days_ago(39))
        tenure = lost_tenure_days if gone else kept_tenure_days
        Consumer.objects.filter(pk=case.consumer_id).update(created_at=days_ago(tenure))
        if gone:
            loss_mark(consumer=case.consumer, actor=agent, lost_at=days_ago(2), reason="stopped")


def test_train_forces_a_new_model_that_scores_when_it_beats_the_rules(agent, settings):
    settings.KALM_CHURN_MIN_LOST = 3
    # The long-standing customers left: the rules, which trust tenure, rank them last.
    _history(agent, lost_tenure_days=2000, kept_tenure_days=60)
    assert "(model)" in _run()  # the hourly path trains once the marks exist
    before = Model.objects.get(active=True)
    lines = _run("--train").splitlines()
    after = Model.objects.get(active=True)
    assert after.pk != before.pk
    assert lines[0].startswith("trained on 6 lost / 6 kept consumers: cross-validated AUC ")
    assert lines[0].endswith("; it scores now")
    assert lines[1].startswith("scored 6 consumers (model): ")


def test_train_says_when_the_rules_rank_better(agent, settings):
    settings.KALM_CHURN_MIN_LOST = 3
    # The new customers left: the rules already rank them first.
    _history(agent, lost_tenure_days=60, kept_tenure_days=2000)
    lines = _run("--train").splitlines()
    assert "(rules 1.00)" in lines[0]
    assert lines[0].endswith("; the rule index ranks better and goes on")
    assert lines[1].startswith("scored 6 consumers (rules): ")
    assert not Model.objects.filter(active=True).exists()
