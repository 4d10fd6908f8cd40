"""kalm.core.drain: the wake-up, the takers and the sweep of rows taken in batches."""

from unittest import mock

import pytest
from huey.contrib.djhuey import HUEY

from kalm.core.drain import Drain


class Table:
    """Rows waiting in a table, taken ``batch`` at a time (what take() would find)."""

    def __init__(self, rows: int, batch: int = 3) -> None:
        self.rows, self.batch, self.takes, self.stale = rows, batch, 0, False

    def take(self) -> int:
        self.takes += 1
        taken = min(self.rows, self.batch)
        self.rows -= taken
        return taken

    def waiting(self, since=None) -> bool:
        return self.rows > 0 and (since is None or self.stale)


def drain_for(table: Table, takers: int = 1) -> Drain:
    return Drain(
        "test-rows",
        take=table.take,
        waiting=table.waiting,
        batch=table.batch,
        takers=lambda: takers,
    )


@pytest.fixture(autouse=True)
def _clean_flags():
    yield
    for takers in (1, 2):
        drain = drain_for(Table(0), takers)
        for key in [drain.queued, *drain.slots()]:
            HUEY.storage.delete_data(key)


def test_a_job_takes_batches_until_one_is_not_full():
    table = Table(rows=7)
    drain = drain_for(table)
    HUEY.storage.put_data(drain.queued, b"1")
    drain.run()
    assert table.rows == 0 and table.takes == 3  # 3 + 3 + 1
    assert not HUEY.storage.has_data_for_key(drain.queued)
    assert not HUEY.storage.has_data_for_key(drain.taking)


def test_a_burst_queues_one_job_and_a_queue_that_is_down_is_tried_again():
    drain = drain_for(Table(rows=1))
    job = mock.Mock()
    for _ in range(3):
        drain.wake(job)
    assert job.call_count == 1
    HUEY.storage.delete_data(drain.queued)  # the job started
    down = mock.Mock(side_effect=ConnectionError("queue down"))
    drain.wake(down)  # logged, not raised: the row is stored and the sweep takes it
    assert not HUEY.storage.has_data_for_key(drain.queued)
    drain.wake(job)
    assert job.call_count == 2


def test_one_taker_leaves_the_rows_to_the_one_taking():
    table = Table(rows=5)
    drain = drain_for(table, takers=1)
    HUEY.storage.put_data(drain.taking, b"1")
    drain.run()
    assert table.takes == 0


def test_with_two_takers_a_full_batch_queues_one_helper():
    table = Table(rows=10)
    drain = drain_for(table, takers=2)
    helper = mock.Mock()
    drain.run(helper)
    assert table.rows == 0
    assert helper.call_count == 1  # once, after the first full batch
    assert len(drain.slots()) == 2


def test_with_one_taker_no_helper_is_queued():
    drain = drain_for(Table(rows=10), takers=1)
    helper = mock.Mock()
    drain.run(helper)
    assert helper.call_count == 0


def test_a_helper_takes_the_second_slot_and_a_third_job_finds_none():
    table = Table(rows=4)
    drain = drain_for(table, takers=2)
    HUEY.storage.put_data(drain.taking, b"1")  # the first taker is busy
    drain.run()
    assert table.rows == 0  # the helper took them in the second slot
    for key in drain.slots():
        HUEY.storage.put_data(key, b"1")
    table.rows = 4
    drain.run()
    assert table.rows == 4


def test_a_taker_that_finds_the_rows_held_by_the_other_returns_at_once():
    table = Table(rows=2)
    table.take = mock.Mock(return_value=0)  # the other taker's batch holds them (SKIP LOCKED)
    drain = drain_for(table, takers=2)
    HUEY.storage.put_data(drain.taking, b"1")
    with mock.patch("kalm.core.drain.time.sleep") as slept:
        drain.run()
    assert table.take.call_count == 1 and not slept.called


def test_the_sweep_clears_the_flags_and_takes_only_stale_rows():
    table = Table(rows=4)
    drain = drain_for(table, takers=2)
    for key in [drain.queued, *drain.slots()]:
        HUEY.storage.put_data(key, b"1")
    assert drain.sweep() == 0 and table.rows == 4  # waiting, but not for long
    assert HUEY.storage.has_data_for_key(drain.taking)
    table.stale = True  # ...and a job died holding its slot
    assert drain.sweep() == 4
    assert not any(HUEY.storage.has_data_for_key(k) for k in [drain.queued, *drain.slots()])
