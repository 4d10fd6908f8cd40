"""Churn test helpers: consumers with a history, built through the real actions."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from kalm.cases.actions import case_transition, message_reply
from kalm.cases.models import Case, Status
from kalm.core.testing import make_case


def case_at(when: datetime, **overrides: Any) -> Case:
    """A case opened through case_open, then moved back in time to ``when``."""
    case = make_case(**overrides)
    Case.objects.filter(pk=case.pk).update(created_at=when, updated_at=when)
    case.refresh_from_db()
    return case


def answered(case: Case, agent: Any, *, after: timedelta) -> Case:
    message_reply(case=case, agent=agent, body="Wat vervelend, we zoeken het uit.")
    Case.objects.filter(pk=case.pk).update(first_responded_at=case.created_at + after)
    case.refresh_from_db()
    return case


def resolved(case: Case, agent: Any, *, at: datetime | None = None) -> Case:
    case_transition(case=case, to=Status.RESOLVED, actor=agent)
    if at is not None:
        Case.objects.filter(pk=case.pk).update(resolved_at=at)
    case.refresh_from_db()
    return case


def days_ago(n: float) -> datetime:
    return timezone.now() - timedelta(days=n)
