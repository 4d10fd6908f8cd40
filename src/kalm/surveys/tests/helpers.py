"""Survey test helpers: a survey, a resolved case and its invitation, through the real actions."""

from __future__ import annotations

from typing import Any

from kalm.cases.actions import case_transition
from kalm.cases.models import Case, Status
from kalm.core.testing import make_case
from kalm.surveys.models import Survey, Trigger

ITEMS = ["csat", "expectation", "interested", "comment"]


def make_survey(**fields: Any) -> Survey:
    params = {
        "name": "Na afhandeling",
        "trigger": Trigger.RESOLVED,
        "delay_hours": 2,
        "items": ITEMS,
        "intro_nl": "Hoe hebben we het gedaan?",
        "intro_en": "How did we do?",
    }
    params.update(fields)
    return Survey.objects.create(**params)


def resolved_case(actor: Any, **overrides: Any) -> Case:
    case = make_case(**overrides)
    case_transition(case=case, to=Status.RESOLVED, actor=actor)
    case.refresh_from_db()
    return case
