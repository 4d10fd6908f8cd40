from kalm.accounts.models import Team
from kalm.api.tests.conftest import assert_problem
from kalm.cases.models import Case
from kalm.dossier.models import DossierEntry, EntryKind


def test_it_changes_status_assignee_team_and_priority(api, agent, team_lead, case):
    Team.objects.create(name="Kwaliteit", slug="kwaliteit")
    response = api.patch(
        f"/api/v1/cases/{case.reference}",
        {"status": "open", "assignee": "lead", "team": "kwaliteit", "priority": "urgent"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["assignee"], body["team"], body["priority"]) == (
        "open",
        "lead",
        "kwaliteit",
        "urgent",
    )
    kinds = set(DossierEntry.objects.filter(case=case, actor=agent).values_list("kind", flat=True))
    assert {EntryKind.STATUS, EntryKind.ASSIGNED, EntryKind.PRIORITY} <= kinds


def test_it_keeps_fields_left_out_and_clears_nulls(api, agent, case):
    api.patch(f"/api/v1/cases/{case.reference}", {"assignee": "agent"})
    api.patch(f"/api/v1/cases/{case.reference}", {"priority": "low"})
    case.refresh_from_db()
    assert case.assignee == agent
    api.patch(f"/api/v1/cases/{case.reference}", {"assignee": None})
    case.refresh_from_db()
    assert case.assignee is None and case.priority == "low"


def test_it_refuses_an_illegal_status_change_and_changes_nothing(api, case):
    Case.objects.filter(pk=case.pk).update(status="closed")
    body = assert_problem(
        api.patch(f"/api/v1/cases/{case.reference}", {"status": "open", "priority": "high"}), 409
    )
    assert body["type"].endswith("illegal-transition")
    case.refresh_from_db()
    assert case.priority == "normal"


def test_it_refuses_unknown_values(api, outsider, case):
    assert_problem(api.patch(f"/api/v1/cases/{case.reference}", {"status": "asleep"}), 422)
    body = assert_problem(
        api.patch(f"/api/v1/cases/{case.reference}", {"assignee": "outsider"}), 422
    )
    assert body["errors"][0]["pointer"] == "/assignee"
    assert_problem(api.patch(f"/api/v1/cases/{case.reference}", {"team": "nope"}), 422)


def test_it_needs_the_write_scope(make_api, case):
    api = make_api(scopes=["cases:read"])
    assert_problem(api.patch(f"/api/v1/cases/{case.reference}", {"priority": "high"}), 403)
