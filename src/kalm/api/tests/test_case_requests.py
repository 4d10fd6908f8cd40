"""``POST /api/v1/cases`` with ``Prefer: respond-async``: accepted at once, opened by the worker."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from kalm.accounts.models import Team
from kalm.api.actions import OPEN_BATCH, api_token_create, case_request_accept, case_requests_open
from kalm.api.models import CaseRequest
from kalm.api.tasks import (
    DRAIN,
    OPENING,
    QUEUED,
    case_requests_sweep,
    open_case_requests,
)
from kalm.api.tests.conftest import ApiClient, assert_problem
from kalm.cases.models import Case, ExpectationOption, Message
from kalm.core.testing import ProductFactory, run_together
from kalm.dossier.models import DossierEntry, EntryKind
from kalm.empathy.models import MessageAnalysis

PAYLOAD = {
    "consumer": {"name": "Sanne de Vries", "email": "sanne@example.nl"},
    "subject": "Fles ontploft",
    "body": "De fles is in mijn hand ontploft, mijn hand bloedt.",
}
ASYNC = {"Prefer": "respond-async"}


def _accept(token, **changes):
    """A stored request, as the endpoint stores it, without waking the worker."""
    payload = {
        "channel": "api",
        "language": "nl",
        "priority": "normal",
        "batch_number": "",
        "expectations": [],
        "expectation_other": "",
        "product": None,
        "team": None,
        **PAYLOAD,
        **changes,
    }
    payload["consumer"] = {"name": "", "email": "", "phone": "", **payload["consumer"]}
    return case_request_accept(token=token, payload=payload)


@pytest.fixture
def token(agent):
    return api_token_create(name="Shop", user=agent, scopes=["cases:write", "cases:read"])[0]


def test_it_accepts_at_once_and_the_worker_opens_the_case(
    api, agent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/api/v1/cases", PAYLOAD, headers=ASYNC)
    assert response.status_code == 202, response.content
    accepted = response.json()
    assert accepted["status"] == "pending" and accepted["case"] is None
    assert response["Location"] == f"/api/v1/case-requests/{accepted['id']}"
    assert response["Preference-Applied"] == "respond-async"
    # The queue runs jobs at once in the tests: the worker's batch opened the case on commit.
    status = api.get(response["Location"])
    assert status.status_code == 200
    body = status.json()
    assert body["status"] == "opened" and body["error"] is None
    case = Case.objects.get(reference=body["case"]["reference"])
    assert body["case"]["consumer"]["email"] == "sanne@example.nl"
    assert case.channel == "api" and case.subject == "Fles ontploft"
    assert case.created_at == CaseRequest.objects.get().received_at
    message = Message.objects.get(case=case)
    assert message.body == PAYLOAD["body"] and message.kind == Message.Kind.INBOUND
    opened = DossierEntry.objects.get(case=case, kind=EntryKind.CASE_OPENED)
    assert opened.actor == agent
    # ...and its reading, queued as one job for the batch: the analysis and the escalation.
    analysis = MessageAnalysis.objects.get(message=message)
    assert "injury" in analysis.fired


def test_it_takes_the_preference_among_others(api):
    response = api.post(
        "/api/v1/cases", PAYLOAD, headers={"Prefer": "return=minimal, Respond-Async; wait=5"}
    )
    assert response.status_code == 202, response.content


def test_without_the_preference_it_answers_with_the_case(api):
    response = api.post("/api/v1/cases", PAYLOAD, headers={"Prefer": "return=minimal"})
    assert response.status_code == 201
    assert not CaseRequest.objects.exists()


def test_bad_input_is_refused_at_once_and_nothing_is_stored(api):
    body = assert_problem(
        api.post("/api/v1/cases", {**PAYLOAD, "consumer": {"name": "Anon"}}, headers=ASYNC), 422
    )
    assert body["errors"][0]["pointer"] == "/consumer"
    body = assert_problem(
        api.post("/api/v1/cases", {**PAYLOAD, "product": 999_999}, headers=ASYNC), 422
    )
    assert body["errors"][0]["pointer"] == "/product"
    body = assert_problem(
        api.post("/api/v1/cases", {**PAYLOAD, "expectations": ["pony"]}, headers=ASYNC), 422
    )
    assert body["errors"][0]["pointer"] == "/expectations"
    assert not CaseRequest.objects.exists() and not Case.objects.exists()


def test_a_retry_with_the_same_key_is_the_same_request(api):
    headers = {**ASYNC, "Idempotency-Key": "order-1"}
    first = api.post("/api/v1/cases", PAYLOAD, headers=headers)
    again = api.post("/api/v1/cases", PAYLOAD, headers=headers)
    assert first.status_code == again.status_code == 202
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert CaseRequest.objects.count() == 1


def test_only_the_token_that_sent_it_reads_it(api, make_api):
    response = api.post("/api/v1/cases", PAYLOAD, headers=ASYNC)
    location = response["Location"]
    assert_problem(make_api().get(location), 404)
    assert_problem(ApiClient(None).get(location), 401)
    assert_problem(make_api(scopes=["cases:read"]).get(location), 403)
    assert_problem(api.get("/api/v1/case-requests/not-a-request"), 404)


def test_a_batch_opens_each_request_and_keeps_the_one_that_fails(token, agent):
    team = Team.objects.create(name="Kwaliteit", slug="kwaliteit")
    product, removed = ProductFactory(), ProductFactory()
    ExpectationOption.objects.get_or_create(
        code="refund", defaults={"label_nl": "Geld terug", "label_en": "Refund"}
    )
    full = _accept(
        token,
        team="kwaliteit",
        product=product.pk,
        expectations=["refund"],
        priority="high",
        language="en",
        batch_number=" L2611 ",
    )
    gone = _accept(token, product=removed.pk, consumer={"email": "daan@example.nl"})
    plain = _accept(token, consumer={"email": "emma@example.nl"})
    removed.delete()  # after the request naming it was accepted
    assert case_requests_open() == 3
    for request in (full, gone, plain):
        request.refresh_from_db()
        assert request.attempts == 1 and request.processed_at is not None
    assert gone.status == CaseRequest.Status.FAILED and gone.case is None
    assert gone.error == "No product with this id."
    assert gone.payload["consumer"]["email"] == "daan@example.nl"  # kept whole
    assert full.status == plain.status == CaseRequest.Status.OPENED
    case = full.case
    assert (case.team, case.product, case.priority, case.language) == (team, product, "high", "en")
    assert case.batch_number == "L2611"
    assert list(case.expectations.values_list("code", flat=True)) == ["refund"]
    assert plain.case.consumer.email == "emma@example.nl"
    assert Case.objects.count() == 2
    assert case_requests_open() == 0  # nothing waits: the failed one is not taken again


def test_a_request_that_cannot_be_read_fails_alone(token):
    broken = _accept(token)
    broken.payload = {"body": "edited by hand"}
    broken.save()
    fine = _accept(token, consumer={"email": "daan@example.nl"})
    assert case_requests_open() == 2
    broken.refresh_from_db()
    fine.refresh_from_db()
    assert broken.status == CaseRequest.Status.FAILED and "consumer" in broken.error
    assert fine.status == CaseRequest.Status.OPENED


def test_a_request_fails_when_its_acting_user_lost_desk_access(token, agent):
    request = _accept(token)
    agent.is_active = False
    agent.save()
    case_requests_open()
    request.refresh_from_db()
    assert request.status == CaseRequest.Status.FAILED
    assert "no longer has desk access" in request.error
    assert not Case.objects.exists()


def test_a_batch_that_breaks_opens_nothing_and_leaves_the_requests_waiting(token):
    first, second = _accept(token), _accept(token, consumer={"email": "daan@example.nl"})
    real = case_requests_open.__globals__["case_open_unread"]
    calls = []

    def flaky(**kwargs):  # the second case meets a database that is gone
        calls.append(kwargs)
        if len(calls) == 2:
            raise OperationalError("database is locked")
        return real(**kwargs)

    together = mock.patch("kalm.api.actions.cases_open_unread", side_effect=ValueError("one bad"))
    alone = mock.patch("kalm.api.actions.case_open_unread", flaky)
    with together, alone, pytest.raises(OperationalError):
        case_requests_open()
    assert not Case.objects.exists()
    for request in (first, second):
        request.refresh_from_db()
        assert (request.status, request.attempts) == (CaseRequest.Status.PENDING, 0)
    with (
        mock.patch(
            "kalm.api.actions.cases_open_unread", side_effect=OperationalError("database is locked")
        ),
        pytest.raises(OperationalError),
    ):
        case_requests_open()
    assert CaseRequest.objects.filter(status=CaseRequest.Status.PENDING).count() == 2
    assert case_requests_open() == 2
    assert Case.objects.count() == 2


def test_the_job_opens_every_batch_waiting(token):
    for i in range(OPEN_BATCH + 3):
        _accept(token, consumer={"email": f"c{i}@example.nl"})
    open_case_requests.call_local()
    assert not CaseRequest.objects.filter(status=CaseRequest.Status.PENDING).exists()
    assert Case.objects.count() == OPEN_BATCH + 3


def test_the_sweep_opens_only_requests_left_waiting(token):
    fresh = _accept(token)
    assert case_requests_sweep.call_local() == 0
    fresh.refresh_from_db()
    assert fresh.status == CaseRequest.Status.PENDING
    CaseRequest.objects.filter(pk=fresh.pk).update(
        received_at=timezone.now() - timedelta(minutes=2)
    )
    HUEY.storage.put_data(QUEUED, b"1")  # the job that would have opened it died
    assert case_requests_sweep.call_local() == 1
    fresh.refresh_from_db()
    assert fresh.status == CaseRequest.Status.OPENED
    assert not HUEY.storage.has_data_for_key(QUEUED)


@pytest.fixture
def queued_jobs():
    """The queue as in production (jobs wait for a worker), emptied before and after."""
    HUEY.immediate = False
    HUEY.storage.flush_queue()
    HUEY.storage.delete_data(QUEUED)
    yield lambda: HUEY.storage.queue_size()
    HUEY.storage.flush_queue()
    HUEY.storage.delete_data(QUEUED)
    HUEY.immediate = True


def test_a_burst_of_requests_wakes_the_worker_once(
    api, queued_jobs, django_capture_on_commit_callbacks
):
    for i in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            response = api.post(
                "/api/v1/cases",
                {**PAYLOAD, "consumer": {"email": f"c{i}@example.nl"}},
                headers=ASYNC,
            )
        assert response.status_code == 202
    assert queued_jobs() == 1
    # The job clears the flag as it starts: a request after that queues the next one.
    assert HUEY.dequeue().name == "open_case_requests"
    open_case_requests.call_local()  # as the worker runs it (without closing the test's connection)
    assert Case.objects.count() == 5 and queued_jobs() == 0
    with django_capture_on_commit_callbacks(execute=True):
        api.post("/api/v1/cases", {**PAYLOAD, "consumer": {"email": "z@example.nl"}}, headers=ASYNC)
    assert queued_jobs() == 1


def test_a_queue_that_cannot_be_reached_loses_no_request(
    api, queued_jobs, django_capture_on_commit_callbacks
):
    with (
        mock.patch.object(HUEY, "enqueue", side_effect=ConnectionError("queue down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = api.post("/api/v1/cases", PAYLOAD, headers=ASYNC)
    assert response.status_code == 202
    assert CaseRequest.objects.get().status == CaseRequest.Status.PENDING
    assert not HUEY.storage.has_data_for_key(QUEUED)  # the next request tries again


@pytest.mark.postgres_only
def test_two_workers_open_each_request_once(transactional_db, token):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's in-memory test database is one connection shared by all threads")
    for i in range(3 * OPEN_BATCH):
        _accept(token, consumer={"email": f"c{i}@example.nl"})

    def work() -> None:
        while case_requests_open(limit=7):
            pass

    run_together(work, work, work)
    assert Case.objects.count() == 3 * OPEN_BATCH
    assert set(CaseRequest.objects.values_list("status", "attempts")) == {("opened", 1)}


@pytest.fixture
def one_taker():
    """One opener at a time, as on SQLite (PostgreSQL allows two: kalm.core.drain)."""
    with mock.patch.object(DRAIN, "_takers", lambda: 1):
        yield


def test_a_job_leaves_the_opening_to_the_one_opening(token, one_taker):
    HUEY.storage.put_data(OPENING, b"1")  # another job is opening
    _accept(token)
    open_case_requests.call_local()
    assert CaseRequest.objects.get().status == CaseRequest.Status.PENDING
    HUEY.storage.delete_data(OPENING)


def test_the_opening_job_looks_again_after_letting_go(token, one_taker):
    """A request whose job found another opening is opened by that one, after it lets go."""
    first = _accept(token)
    late = []
    real = case_requests_open.__globals__["_outcomes_record"]

    def record_then_a_request_arrives(requests):
        real(requests)
        if not late:  # committed while the first job still opens: its job finds the flag held
            late.append(_accept(token, consumer={"email": "late@example.nl"}))
            open_case_requests.call_local()
            assert late[0].__class__.objects.get(pk=late[0].pk).status == "pending"

    with mock.patch("kalm.api.actions._outcomes_record", record_then_a_request_arrives):
        open_case_requests.call_local()
    first.refresh_from_db()
    late[0].refresh_from_db()
    assert first.status == late[0].status == CaseRequest.Status.OPENED
    assert not HUEY.storage.has_data_for_key(OPENING)
