"""Helpers for API tests: tokens with chosen scopes, and a client that sends them."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from kalm.api.actions import api_token_create
from kalm.api.models import Scope

ALL_SCOPES = list(Scope.values)


class ApiClient:
    """Django's test client with a bearer token and JSON bodies."""

    def __init__(self, secret: str | None) -> None:
        self.client = Client()
        self.secret = secret

    def _headers(self, extra: dict[str, str] | None) -> dict[str, str]:
        headers = dict(extra or {})
        if self.secret is not None:
            headers.setdefault("Authorization", f"Bearer {self.secret}")
        return headers

    def get(self, path: str, params: dict | None = None, headers: dict | None = None):
        return self.client.get(path, params or {}, headers=self._headers(headers))

    def post(self, path: str, body: Any = None, headers: dict | None = None, **kwargs: Any):
        if "data" in kwargs:  # multipart
            return self.client.post(path, kwargs["data"], headers=self._headers(headers))
        return self.client.post(
            path, json.dumps(body), content_type="application/json", headers=self._headers(headers)
        )

    def patch(self, path: str, body: Any, headers: dict | None = None):
        return self.client.patch(
            path, json.dumps(body), content_type="application/json", headers=self._headers(headers)
        )


@pytest.fixture
def make_api(agent):
    """``make_api(scopes=[...], user=...)`` -> ApiClient with a fresh token."""

    def factory(scopes: list[str] | None = None, user: Any = None) -> ApiClient:
        _token, secret = api_token_create(
            name="Shop", user=user or agent, scopes=scopes or ALL_SCOPES
        )
        return ApiClient(secret)

    return factory


@pytest.fixture
def api(make_api) -> ApiClient:
    return make_api()


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    for field in ("type", "title", "detail", "instance"):
        assert isinstance(body[field], str) and body[field]
    return body


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read English messages (see kalm.core.testing.english)."""
