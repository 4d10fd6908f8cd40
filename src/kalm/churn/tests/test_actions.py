import math
from datetime import timedelta

import pytest
from django.utils import timezone

from kalm.churn.actions import (
    ChurnActionError,
    churn_refresh,
    churn_train,
    consumer_rescore,
    loss_mark,
    loss_withdraw,
    risk_followup_plan,
)
from kalm.churn.models import Loss, Model, Score
from kalm.churn.tests.helpers import answered, case_at, days_ago, resolved
from kalm.followups.models import FollowUp

pytestmark = pytest.mark.django_db


def _consumer(n: int, when_days: float = 30):
    return case_at(days_ago(when_days), name=f"Klant {n}", email=f"klant{n}@example.nl").consumer


def test_marking_lost_records_the_outcome_and_drops_the_score(agent):
    consumer = _consumer(1)
    consumer_rescore(consumer=consumer)
    assert Score.objects.filter(consumer=consumer).exists()
    loss = loss_mark(consumer=consumer, actor=agent, lost_at=days_ago(1), reason="competitor")
    assert loss.marked_by == agent
    assert not Score.objects.filter(consumer=consumer).exists()
    with pytest.raises(ChurnActionError):
        loss_mark(consumer=consumer, actor=agent, lost_at=days_ago(1), reason="competitor")


@pytest.mark.parametrize(
    ("lost_at", "reason"),
    [
        (timezone.now() + timedelta(days=2), "competitor"),
        (timezone.now() - timedelta(days=4000), "competitor"),
        (timezone.now(), "bored"),
    ],
)
def test_marking_lost_refuses_nonsense(agent, lost_at, reason):
    consumer = _consumer(1)
    with pytest.raises(ChurnActionError):
        loss_mark(consumer=consumer, actor=agent, lost_at=lost_at, reason=reason)
    assert not Loss.objects.exists()


def test_a_withdrawn_mark_stays_on_record_and_the_score_comes_back(agent, team_lead):
    consumer = _consumer(1)
    loss = loss_mark(consumer=consumer, actor=agent, lost_at=days_ago(1), reason="stopped")
    loss_withdraw(loss=loss, actor=team_lead)
    loss.refresh_from_db()
    assert loss.withdrawn_by == team_lead
    assert Score.objects.filter(consumer=consumer).exists()
    with pytest.raises(ChurnActionError):
        loss_withdraw(loss=loss, actor=team_lead)
    # And the consumer can be marked again later.
    loss_mark(consumer=consumer, actor=agent, lost_at=days_ago(0), reason="stopped")


def test_refresh_scores_with_rules_until_enough_consumers_are_lost(agent, settings):
    settings.KALM_CHURN_MIN_LOST = 3
    for n in range(6):
        _consumer(n)
    lost = _consumer(99)
    loss_mark(consumer=lost, actor=agent, lost_at=days_ago(1), reason="competitor")
    result = churn_refresh()
    assert result["method"] == "rules"
    assert result["scored"] == 6
    assert not Score.objects.filter(consumer=lost).exists()
    assert set(Score.objects.values_list("method", flat=True)) == {"rules"}
    assert not Model.objects.exists()


def _history(agent, *, lost: int, kept: int, lost_tenure_days: int, kept_tenure_days: int):
    """Consumers with one answered, resolved case each; only their tenure tells them apart."""
    losses = []
    for n in range(lost + kept):
        gone = n < lost
        case = case_at(days_ago(40), name=f"Klant {n}", email=f"klant{n}@example.nl")
        resolved(answered(case, agent, after=timedelta(hours=1)), agent, at=days_ago(39))
        tenure = lost_tenure_days if gone else kept_tenure_days
        type(case.consumer).objects.filter(pk=case.consumer_id).update(created_at=days_ago(tenure))
        if gone:
            losses.append(
                loss_mark(
                    consumer=case.consumer, actor=agent, lost_at=days_ago(2), reason="stopped"
                )
            )
    return losses


def test_enough_outcomes_train_a_model_that_takes_over_when_it_beats_the_rules(agent, settings):
    settings.KALM_CHURN_MIN_LOST = 4
    # Here the long-standing customers left: the rules (which trust tenure) rank them lowest,
    # so a model that learned it ranks better and takes over.
    losses = _history(agent, lost=8, kept=8, lost_tenure_days=2000, kept_tenure_days=60)
    model = churn_train()
    assert model is not None and model.active
    assert (model.lost, model.kept) == (8, 8)
    assert model.auc > model.rules_auc
    assert model.brier is not None
    assert model.params["base_rate"] == pytest.approx(0.5)
    assert churn_train() == model  # nothing changed: no retraining
    assert Model.objects.count() == 1
    churn_refresh()
    assert set(Score.objects.values_list("method", flat=True)) == {"model"}
    for loss in losses[:5]:
        loss_withdraw(loss=loss, actor=agent)
    assert churn_train() is None
    assert not Model.objects.filter(active=True).exists()
    churn_refresh()
    assert set(Score.objects.values_list("method", flat=True)) == {"rules"}


def test_a_model_that_does_not_beat_the_rules_stays_on_record_inactive(agent, settings):
    settings.KALM_CHURN_MIN_LOST = 4
    # The new customers left: the rules already rank them first; a model cannot do better.
    _history(agent, lost=8, kept=8, lost_tenure_days=60, kept_tenure_days=2000)
    assert churn_train() is None
    model = Model.objects.get()
    assert not model.active
    assert model.rules_auc == 1.0
    assert churn_refresh()["method"] == "rules"


def test_sampled_kept_consumers_are_corrected_for(agent, settings, monkeypatch):
    settings.KALM_CHURN_MIN_LOST = 4
    monkeypatch.setattr("kalm.churn.actions.MAX_KEPT", 6)
    _history(agent, lost=6, kept=12, lost_tenure_days=2000, kept_tenure_days=60)
    model = churn_train()
    assert model.kept == 12
    assert model.params["prior_shift"] == pytest.approx(-math.log(2))
    assert model.params["base_rate"] == pytest.approx(6 / 18)


def test_the_suggested_action_becomes_a_follow_up_on_the_latest_case(agent, english):
    old = case_at(days_ago(60))
    latest = case_at(timezone.now() - timedelta(hours=80))
    case_at(days_ago(2))  # three open complaints, days unanswered: call back
    assert old.consumer_id == latest.consumer_id
    score = consumer_rescore(consumer=latest.consumer)
    assert score.band == "high" and score.action == "call_back"
    followup = risk_followup_plan(consumer=latest.consumer, actor=agent)
    assert followup.source == FollowUp.Source.CHURN
    assert followup.owner == agent
    assert followup.case.created_at > latest.created_at
    assert followup.title.startswith("Call back: churn risk (3 complaints still open")
    with pytest.raises(ChurnActionError, match="already planned"):
        risk_followup_plan(consumer=latest.consumer, actor=agent)


def test_a_threshold_below_what_training_needs_trains_nothing(agent, settings):
    settings.KALM_CHURN_MIN_LOST = 1
    _history(agent, lost=3, kept=3, lost_tenure_days=2000, kept_tenure_days=60)
    assert churn_train() is None
    assert not Model.objects.exists()


def test_four_lost_consumers_are_enough_to_train_when_the_setting_allows(agent, settings):
    settings.KALM_CHURN_MIN_LOST = 1
    _history(agent, lost=4, kept=4, lost_tenure_days=2000, kept_tenure_days=60)
    assert churn_train() is not None


def test_the_refresh_goes_through_the_consumers_slice_by_slice(monkeypatch):
    monkeypatch.setattr("kalm.churn.actions.SLICE", 2)
    consumers = [_consumer(n) for n in range(5)]
    result = churn_refresh()
    assert result["scored"] == 5
    assert set(Score.objects.values_list("consumer_id", flat=True)) == {c.pk for c in consumers}
    # A second refresh replaces every score; a consumer whose case went away is dropped.
    consumers[0].cases.update(drill=None, merged_into=consumers[1].cases.first())
    assert churn_refresh()["scored"] == 4
    assert not Score.objects.filter(consumer=consumers[0]).exists()
