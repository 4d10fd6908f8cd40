from kalm.api.actions import api_token_revoke
from kalm.api.models import ApiToken
from kalm.api.tests.conftest import ApiClient, assert_problem


def test_it_refuses_a_request_without_a_token(db):
    body = assert_problem(ApiClient(None).get("/api/v1/cases"), 401)
    assert body["instance"] == "/api/v1/cases"


def test_it_asks_for_a_bearer_token(db):
    response = ApiClient(None).get("/api/v1/cases")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_it_refuses_an_invalid_token(api):
    secret = api.secret
    tampered = secret[:-2] + ("AA" if not secret.endswith("AA") else "BB")
    assert_problem(ApiClient(tampered).get("/api/v1/cases"), 401)
    assert_problem(ApiClient("kalm_nope").get("/api/v1/cases"), 401)
    assert_problem(ApiClient("not-a-kalm-token").get("/api/v1/cases"), 401)


def test_it_refuses_a_revoked_token(api):
    assert api.get("/api/v1/cases").status_code == 200
    api_token_revoke(token=ApiToken.objects.get())
    assert_problem(api.get("/api/v1/cases"), 401)


def test_it_refuses_a_token_without_the_scope(make_api):
    api = make_api(scopes=["cases:read"])
    body = assert_problem(
        api.post("/api/v1/cases", {"consumer": {"email": "a@example.nl"}, "body": "x"}), 403
    )
    assert "cases:write" in body["detail"]


def test_it_refuses_a_token_whose_user_left_the_desk(make_api, agent):
    api = make_api()
    agent.is_active = False
    agent.save()
    assert_problem(api.get("/api/v1/cases"), 403)


def test_it_records_when_a_token_was_last_used(api):
    assert ApiToken.objects.get().last_used_at is None
    api.get("/api/v1/cases")
    assert ApiToken.objects.get().last_used_at is not None
