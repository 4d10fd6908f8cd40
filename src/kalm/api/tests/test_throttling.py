from kalm.api.models import ApiToken, IdempotencyRecord
from kalm.api.tests.conftest import assert_problem


def test_it_answers_429_over_the_tokens_rate(api):
    ApiToken.objects.update(rate_per_minute=2)
    assert api.get("/api/v1/cases").status_code == 200
    assert api.get("/api/v1/cases").status_code == 200
    response = api.get("/api/v1/cases")
    assert_problem(response, 429)
    assert 0 < int(response["Retry-After"]) <= 60


def test_it_counts_each_token_apart(make_api):
    first, second = make_api(), make_api()
    ApiToken.objects.update(rate_per_minute=1)
    assert first.get("/api/v1/cases").status_code == 200
    assert second.get("/api/v1/cases").status_code == 200
    assert_problem(first.get("/api/v1/cases"), 429)


def test_a_throttled_post_keeps_no_idempotency_key(api):
    ApiToken.objects.update(rate_per_minute=0)
    body = {"consumer": {"email": "a@example.nl"}, "body": "x"}
    assert_problem(api.post("/api/v1/cases", body, headers={"Idempotency-Key": "k"}), 429)
    assert not IdempotencyRecord.objects.exists()
