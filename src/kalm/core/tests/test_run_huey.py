"""``kalm run_huey``: huey's consumer, the NLP models loaded before worker processes fork."""

from unittest import mock

import pytest
from django.core.management import call_command

from kalm.empathy import model


@pytest.fixture
def consumer():
    """The consumer huey would start, without starting it."""
    with mock.patch("huey.contrib.djhuey.HUEY.create_consumer") as create:
        yield create


def test_worker_processes_get_the_models_before_the_fork(consumer, db, monkeypatch):
    monkeypatch.setattr(model, "_loaded", {})  # as in a fresh process
    order = []
    consumer.return_value.run.side_effect = lambda: order.append(
        ("run", model.DEFAULT_BACKEND in model._loaded)
    )
    closing = mock.patch(
        "kalm.core.management.commands.run_huey.connections.close_all",
        side_effect=lambda: order.append("closed"),
    )
    with closing:
        call_command("run_huey", "-k", "process", "-w", "2")
    # Loaded in the parent, and no database connection left open for the children to share.
    assert order == ["closed", ("run", True)]
    assert consumer.call_args.kwargs["worker_type"] == "process"
    assert consumer.call_args.kwargs["workers"] == 2


def test_threads_start_as_huey_starts_them(consumer, db):
    with mock.patch("kalm.core.management.commands.run_huey.models_preload") as preload:
        call_command("run_huey", "-k", "thread")
    assert not preload.called
    assert consumer.return_value.run.called
