"""A case belongs to its consumer's drill: drill work never lands on a real person, and real
work never on a drill's consumer."""

from __future__ import annotations

import pytest

from kalm.cases.actions import CaseActionError, case_open
from kalm.drills.models import Drill


@pytest.fixture
def drill(db, team_lead):
    return Drill.objects.create(scenario="bottles", title="Oefening", started_by=team_lead)


def test_a_drill_consumers_case_is_a_drill_case(drill):
    case = case_open(
        name="Oefen Klant",
        email=f"klant@drill-{drill.pk}.invalid",
        subject="Fles",
        body="De fles is ontploft.",
    )
    assert case.drill_id == drill.pk and case.consumer.drill_id == drill.pk


def test_a_real_consumers_case_is_real(db):
    case = case_open(name="Sanne", email="sanne@example.nl", subject="Fles", body="Kapot.")
    assert case.drill_id is None


def test_in_a_drill_a_real_caller_gets_no_case(drill, english):
    case_open(name="Sanne", phone="0612345678", email="sanne@example.nl", subject="x", body="y")
    with pytest.raises(CaseActionError, match="drill's own consumers"):
        case_open(
            name="Sanne",
            phone="0612345678",
            subject="Gebeld",
            body="Belt over de fles.",
            drill_id=drill.pk,
        )


def test_in_a_drill_a_drill_caller_gets_a_drill_case(drill):
    case = case_open(
        name="Oefen Klant",
        email=f"klant@drill-{drill.pk}.invalid",
        subject="Gebeld",
        body="Belt over de fles.",
        drill_id=drill.pk,
    )
    assert case.drill_id == drill.pk
