from kalm.api.tests.conftest import assert_problem
from kalm.core.testing import make_case


def test_it_lists_consumers_with_identities_and_cases(api):
    case = make_case(phone="0612345678")
    make_case(email="bram@example.nl", name="Bram")
    response = api.get("/api/v1/consumers", {"limit": 1})
    assert response.status_code == 200
    page = response.json()
    assert [c["name"] for c in page["items"]] == ["Bram"]
    second = api.get("/api/v1/consumers", {"limit": 1, "cursor": page["next"]}).json()
    sanne = second["items"][0]
    assert second["next"] is None
    assert sanne["cases"] == [case.reference]
    assert {(i["kind"], i["value"]) for i in sanne["identities"]} == {
        ("email", "sanne@example.nl"),
        ("phone", "+31612345678"),
    }


def test_it_finds_a_consumer_by_address(api):
    make_case()
    make_case(email="bram@example.nl", name="Bram")
    items = api.get("/api/v1/consumers", {"q": "BRAM@"}).json()["items"]
    assert [c["name"] for c in items] == ["Bram"]


def test_it_needs_the_consumers_scope(make_api):
    assert_problem(make_api(scopes=["cases:read"]).get("/api/v1/consumers"), 403)
