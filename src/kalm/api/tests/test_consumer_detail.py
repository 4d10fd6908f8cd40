from kalm.api.tests.conftest import assert_problem


def test_it_reads_a_consumer(api, case):
    response = api.get(f"/api/v1/consumers/{case.consumer_id}")
    assert response.status_code == 200
    assert response.json()["cases"] == [case.reference]


def test_it_answers_404_for_an_unknown_consumer(api):
    assert_problem(api.get("/api/v1/consumers/999999"), 404)
    assert_problem(api.get("/api/v1/consumers/abc"), 422)


def test_it_needs_the_consumers_scope(make_api, case):
    api = make_api(scopes=["cases:read"])
    assert_problem(api.get(f"/api/v1/consumers/{case.consumer_id}"), 403)
