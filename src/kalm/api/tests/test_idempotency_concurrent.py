import threading

import pytest
from django.db import connection, connections

from kalm.api.tests.conftest import ApiClient
from kalm.cases.models import Case

PAYLOAD = {"consumer": {"email": "sanne@example.nl"}, "subject": "Fles", "body": "Ontploft."}


@pytest.mark.postgres_only
def test_concurrent_duplicates_create_one_case(transactional_db, make_api):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's in-memory test database is one connection shared by all threads")
    secret = make_api().secret
    barrier = threading.Barrier(6)
    results: list = []

    def send() -> None:
        try:
            client = ApiClient(secret)
            barrier.wait()
            response = client.post("/api/v1/cases", PAYLOAD, headers={"Idempotency-Key": "race"})
            results.append((response.status_code, response.json()["reference"]))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Case.objects.count() == 1
    assert {result for result in results} == {(201, Case.objects.get().reference)}
    assert len(results) == 6
