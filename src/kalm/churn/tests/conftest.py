"""Desk clients for the churn pages, and consumers whose history puts them in a known band."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from kalm.churn.actions import consumer_rescore
from kalm.churn.factors import CODES
from kalm.churn.models import Model
from kalm.churn.tests.helpers import case_at, days_ago, resolved
from kalm.consumers.models import Consumer


@pytest.fixture
def agent_client(client: Client, agent) -> Client:
    client.force_login(agent)
    return client


def high_risk(name: str, email: str, *, kind: str = Consumer.Kind.PERSON) -> Consumer:
    """Three complaints in two months, all open, the last two waiting days for an answer: a
    high score whose strongest reason is the open complaints (call back)."""
    case_at(days_ago(60), name=name, email=email)
    case_at(timezone.now() - timedelta(hours=80), name=name, email=email)
    consumer = case_at(days_ago(2), name=name, email=email).consumer
    return _scored(consumer, kind, "high")


def medium_risk(name: str, email: str, *, kind: str = Consumer.Kind.PERSON) -> Consumer:
    """A new consumer with one complaint two days old, not answered yet: medium."""
    consumer = case_at(days_ago(2), name=name, email=email).consumer
    return _scored(consumer, kind, "medium")


def low_risk(agent: Any, name: str, email: str) -> Consumer:
    """One complaint, resolved more than a year ago: low, nothing to do."""
    case = resolved(case_at(days_ago(500), name=name, email=email), agent, at=days_ago(499))
    return _scored(case.consumer, Consumer.Kind.PERSON, "low")


def _scored(consumer: Consumer, kind: str, band: str) -> Consumer:
    if kind != consumer.kind:
        Consumer.objects.filter(pk=consumer.pk).update(kind=kind)
        consumer.refresh_from_db()
    score = consumer_rescore(consumer=consumer)
    assert score is not None and score.band == band, (score and score.score, band)
    return consumer


def model_params(**overrides: Any) -> dict[str, Any]:
    """A model's parameters as plain numbers: here only open complaints count, calibrated to a
    plain logistic curve."""
    return {
        "features": list(CODES),
        "mean": [0.0] * len(CODES),
        "scale": [1.0] * len(CODES),
        "coef": [1.5 if code == "open_complaints" else 0.0 for code in CODES],
        "intercept": -1.0,
        "calib_a": -1.0,
        "calib_b": 0.0,
    } | overrides


def trained_model(**overrides: Any) -> Model:
    """An active model as churn_train leaves one, with its cross-validated quality."""
    values = {
        "created_at": datetime(2026, 11, 25, 10, 0, tzinfo=UTC),
        "lost": 64,
        "kept": 3100,
        "auc": 0.78,
        "brier": 0.09,
        "params": model_params(),
        "active": True,
    } | overrides
    return Model.objects.create(**values)
