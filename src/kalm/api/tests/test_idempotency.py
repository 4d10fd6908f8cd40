from datetime import timedelta

import time_machine
from django.utils import timezone

from kalm.api.actions import idempotency_expire
from kalm.api.models import IdempotencyRecord
from kalm.api.tasks import idempotency_records_expire
from kalm.api.tests.conftest import assert_problem
from kalm.cases.models import Case, Message

PAYLOAD = {"consumer": {"email": "sanne@example.nl"}, "subject": "Fles", "body": "Ontploft."}


def test_it_replays_a_retried_create(api):
    headers = {"Idempotency-Key": "order-1"}
    first = api.post("/api/v1/cases", PAYLOAD, headers=headers)
    second = api.post("/api/v1/cases", PAYLOAD, headers=headers)
    assert first.status_code == second.status_code == 201
    assert second["Idempotent-Replayed"] == "true"
    assert not first.has_header("Idempotent-Replayed")
    assert second.json() == first.json()
    assert Case.objects.count() == 1


def test_it_refuses_a_key_reused_for_another_body(api):
    api.post("/api/v1/cases", PAYLOAD, headers={"Idempotency-Key": "k"})
    other = {**PAYLOAD, "body": "Iets anders."}
    body = assert_problem(api.post("/api/v1/cases", other, headers={"Idempotency-Key": "k"}), 422)
    assert "Idempotency-Key" in body["detail"]
    assert Case.objects.count() == 1


def test_it_keeps_keys_apart_per_token(make_api):
    one, two = make_api(), make_api()
    one.post("/api/v1/cases", PAYLOAD, headers={"Idempotency-Key": "k"})
    response = two.post("/api/v1/cases", PAYLOAD, headers={"Idempotency-Key": "k"})
    assert response.status_code == 201 and not response.has_header("Idempotent-Replayed")
    assert Case.objects.count() == 2


def test_it_replays_a_retried_reply(api, case):
    path = f"/api/v1/cases/{case.reference}/messages"
    headers = {"Idempotency-Key": "m1"}
    api.post(path, {"kind": "outbound", "body": "Hallo"}, headers=headers)
    again = api.post(path, {"kind": "outbound", "body": "Hallo"}, headers=headers)
    assert again["Idempotent-Replayed"] == "true"
    assert Message.objects.filter(case=case, kind="outbound").count() == 1


def test_it_does_not_keep_the_key_of_an_unauthorised_request(make_api):
    api = make_api(scopes=["cases:read"])
    assert_problem(api.post("/api/v1/cases", PAYLOAD, headers={"Idempotency-Key": "k"}), 403)
    assert not IdempotencyRecord.objects.exists()


def test_it_refuses_an_overlong_key(api):
    assert_problem(api.post("/api/v1/cases", PAYLOAD, headers={"Idempotency-Key": "k" * 256}), 400)


def test_it_forgets_keys_after_a_day(api):
    with time_machine.travel(timezone.now() - timedelta(hours=25)):
        api.post("/api/v1/cases", PAYLOAD, headers={"Idempotency-Key": "old"})
    api.post("/api/v1/cases", PAYLOAD, headers={"Idempotency-Key": "new"})
    assert idempotency_expire() == 1
    assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["new"]


def test_the_periodic_task_expires_keys(api):
    with time_machine.travel(timezone.now() - timedelta(hours=25)):
        api.post("/api/v1/cases", PAYLOAD, headers={"Idempotency-Key": "old"})
    idempotency_records_expire.call_local()
    assert not IdempotencyRecord.objects.exists()
