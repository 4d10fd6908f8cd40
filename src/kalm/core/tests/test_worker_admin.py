"""Failed tasks in the admin: listed with their error, retried, marked resolved."""

from __future__ import annotations

import pytest
from huey.contrib.djhuey import db_task

from kalm.core.models import FailedTask

URL = "/admin/core/failedtask/"
STATE = {"healed": False}


@db_task()
def admin_demo_job(order_id: int) -> str:
    if not STATE["healed"]:
        raise ValueError(f"order {order_id} has no address")
    return "ok"


@pytest.fixture
def failed(db) -> FailedTask:
    STATE["healed"] = False
    admin_demo_job(77)
    return FailedTask.objects.get()


def test_it_lists_failed_tasks_with_their_error(admin_client, failed):
    response = admin_client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "admin_demo_job" in body
    assert "ValueError: order 77 has no address" in body
    detail = admin_client.get(f"{URL}{failed.pk}/change/").content.decode()
    assert "Traceback" in detail


def test_it_is_refused_to_agents(client, agent, failed):
    client.force_login(agent)
    response = client.get(URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_retry_action_runs_the_task_again(admin_client, failed):
    STATE["healed"] = True
    response = admin_client.post(
        URL, {"action": "retry", "_selected_action": [failed.pk]}, follow=True
    )
    assert "1 task was queued again." in response.content.decode()
    failed.refresh_from_db()
    assert failed.retried_at is not None
    assert failed.times_failed == 1  # it ran and did not fail again


def test_a_retry_that_fails_again_is_shown_again(admin_client, failed):
    admin_client.post(URL, {"action": "retry", "_selected_action": [failed.pk]})
    failed.refresh_from_db()
    assert failed.times_failed == 2
    assert failed.resolved_at is None


def test_mark_resolved(admin_client, failed):
    response = admin_client.post(
        URL, {"action": "mark_resolved", "_selected_action": [failed.pk]}, follow=True
    )
    assert "1 task marked resolved." in response.content.decode()
    failed.refresh_from_db()
    assert failed.resolved_at is not None
    assert FailedTask.objects.filter(resolved_at__isnull=True).count() == 0


pytestmark = [*globals().get("pytestmark", []), pytest.mark.usefixtures("english")]
