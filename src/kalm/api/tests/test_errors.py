import json

from django.test import Client, RequestFactory

from kalm.api.api import api
from kalm.api.tests.conftest import assert_problem


def test_an_unexpected_error_is_a_500_problem_without_details(db):
    request = RequestFactory().get("/api/v1/cases")
    response = api.on_exception(request, RuntimeError("secret internals"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert body["status"] == 500 and body["type"] == "about:blank"
    assert "secret internals" not in response.content.decode()


def test_an_unknown_api_address_is_a_problem_too(db):
    response = Client().get("/api/v1/nothing-here")
    assert_problem(response, 404)
