from kalm.api.tests.conftest import assert_problem
from kalm.cases.actions import note_add


def test_it_lists_a_cases_messages(api, agent, case):
    note_add(case=case, agent=agent, body="Intern")
    response = api.get(f"/api/v1/cases/{case.reference}/messages")
    assert response.status_code == 200
    assert [(m["kind"], m["author"]) for m in response.json()] == [
        ("inbound", None),
        ("note", "agent"),
    ]


def test_it_needs_the_read_scope(make_api, case):
    api = make_api(scopes=["messages:write"])
    assert_problem(api.get(f"/api/v1/cases/{case.reference}/messages"), 403)
