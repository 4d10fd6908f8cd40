"""The API never shows a drill's cases or consumers: not in lists, not by reference or id."""

from __future__ import annotations

import pytest

from kalm.cases.models import Case
from kalm.core.testing import make_case
from kalm.drills.actions import drill_start
from kalm.drills.selectors import drill_address


@pytest.fixture
def drill_case(db, team_lead):
    drill = drill_start(scenario="bottles", actor=team_lead, seed=3, history_days=0)
    case = make_case(name="Oefen Klant", email=drill_address(drill.pk, "klant"))
    Case.objects.filter(pk=case.pk).update(drill=drill)
    return case


def test_case_list_shows_only_real_cases(api, drill_case):
    real = make_case(email="echt@example.nl")
    response = api.get("/api/v1/cases")
    assert response.status_code == 200
    refs = [item["reference"] for item in response.json()["items"]]
    assert refs == [real.reference]
    search = api.get("/api/v1/cases", {"q": "Oefen"})
    assert search.json()["items"] == []


def test_a_drill_case_is_not_found_by_reference(api, drill_case):
    assert api.get(f"/api/v1/cases/{drill_case.reference}").status_code == 404


def test_consumer_list_and_detail_hide_drill_consumers(api, drill_case):
    real = make_case(name="Echte Klant", email="echt@example.nl").consumer
    response = api.get("/api/v1/consumers")
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [real.pk]
    assert api.get(f"/api/v1/consumers/{drill_case.consumer_id}").status_code == 404
