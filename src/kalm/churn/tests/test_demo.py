"""The demo's lost consumers (kalm.core.demo.loader): a handful, below the training threshold."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from kalm.churn.actions import min_lost
from kalm.churn.models import Loss, Model, Score
from kalm.churn.selectors import method_status
from kalm.core.demo.loader import DEMO_LOSSES

pytestmark = pytest.mark.django_db


def test_the_demo_marks_a_few_consumers_lost_and_scores_the_rest():
    call_command("load_demo", cases=80, stdout=StringIO())
    losses = list(Loss.objects.select_related("marked_by"))
    assert 0 < len(losses) <= len(DEMO_LOSSES) < min_lost()
    assert {loss.marked_by.username for loss in losses} == {"lead"}
    assert len({loss.reason for loss in losses}) > 1
    for loss in losses:
        assert loss.lost_at < loss.marked_at <= timezone.now()
        assert not Score.objects.filter(consumer=loss.consumer).exists()
    assert Score.objects.filter(band__in=["high", "medium"]).exists()
    assert not Model.objects.exists()
    assert method_status().method == "rules"
    # A second load changes nothing.
    call_command("load_demo", cases=80, stdout=StringIO())
    assert Loss.objects.count() == len(losses)
