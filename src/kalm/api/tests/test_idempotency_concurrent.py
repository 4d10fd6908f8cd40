from functools import partial

import pytest
from django.db import connection

from kalm.api.tests.conftest import ApiClient
from kalm.cases.models import Case
from kalm.core.testing import run_together

PAYLOAD = {"consumer": {"email": "sanne@example.nl"}, "subject": "Fles", "body": "Ontploft."}


@pytest.mark.postgres_only
def test_concurrent_duplicates_create_one_case(transactional_db, make_api):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's in-memory test database is one connection shared by all threads")
    secret = make_api().secret
    results: list = []
    clients = [ApiClient(secret) for _ in range(6)]

    def send(client: ApiClient) -> None:
        response = client.post("/api/v1/cases", PAYLOAD, headers={"Idempotency-Key": "race"})
        results.append((response.status_code, response.json()["reference"]))

    run_together(*(partial(send, client) for client in clients))
    assert Case.objects.count() == 1
    assert {result for result in results} == {(201, Case.objects.get().reference)}
    assert len(results) == 6
