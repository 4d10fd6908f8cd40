"""The worker reads waiting messages in batches: one job takes its message and the inbound
messages after it that still wait, in one engine call; the jobs of those messages then find
them done. Two workers never read one message twice."""

from __future__ import annotations

import threading
from functools import partial

import pytest

from kalm.cases.actions import message_reply
from kalm.cases.models import Message
from kalm.core.testing import make_case, run_together
from kalm.empathy import engine
from kalm.empathy.actions import PENDING_LOCK, messages_analyse_pending
from kalm.empathy.models import MessageAnalysis
from kalm.empathy.tasks import analyse_message
from kalm.empathy.tests.support import CALM, EXAMPLES


class EngineCalls:
    """The real analyse_many, with a record of the texts of each call."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[list[str]] = []
        self._lock = threading.Lock()
        real = engine.analyse_many

        def recording(texts: list[str], **kwargs):
            with self._lock:
                self.calls.append(list(texts))
            return real(texts, **kwargs)

        monkeypatch.setattr(engine, "analyse_many", recording)

    @property
    def texts(self) -> list[str]:
        return [text for call in self.calls for text in call]


def _waiting(bodies: list[str]) -> list[Message]:
    """Cases opened without running their after-commit jobs: the messages wait for the worker."""
    return [make_case(body=body).messages.get() for body in bodies]


BODIES = [EXAMPLES["injury"]["nl"], CALM["en"], EXAMPLES["legal"]["en"], CALM["nl"]]


@pytest.mark.django_db
def test_one_job_analyses_every_waiting_message_in_one_engine_call(monkeypatch):
    messages = _waiting(BODIES)
    engine_calls = EngineCalls(monkeypatch)

    analyse_message.call_local(messages[0].pk)

    assert engine_calls.calls == [BODIES]
    assert MessageAnalysis.objects.filter(message__in=messages).count() == len(BODIES)
    assert "legal" in MessageAnalysis.objects.get(message=messages[2]).fired


@pytest.mark.django_db
def test_the_jobs_of_messages_read_in_a_batch_only_check(monkeypatch):
    messages = _waiting(BODIES)
    analyse_message.call_local(messages[0].pk)
    engine_calls = EngineCalls(monkeypatch)

    before = list(MessageAnalysis.objects.order_by("pk").values_list("pk", "message_id"))
    for message in messages[1:]:
        analyse_message.call_local(message.pk)

    assert engine_calls.calls == []
    assert list(MessageAnalysis.objects.order_by("pk").values_list("pk", "message_id")) == before


@pytest.mark.django_db
def test_a_batch_leaves_earlier_messages_and_agents_replies_to_their_own_jobs(monkeypatch, agent):
    first, second, third = _waiting(BODIES[:3])
    message_reply(case=second.case, agent=agent, body="We bellen u vandaag nog.")
    engine_calls = EngineCalls(monkeypatch)

    messages_analyse_pending(message_id=second.pk)

    assert engine_calls.calls == [[second.body, third.body]]  # not the first, not the reply
    assert not MessageAnalysis.objects.filter(message=first).exists()


@pytest.mark.django_db
def test_a_batch_takes_at_most_its_limit(monkeypatch):
    messages = _waiting(BODIES)
    engine_calls = EngineCalls(monkeypatch)

    stored = messages_analyse_pending(message_id=messages[0].pk, limit=2)

    assert [a.message_id for a in stored] == [m.pk for m in messages[:2]]
    assert engine_calls.calls == [BODIES[:2]]
    analyse_message.call_local(messages[2].pk)  # its own job takes the rest
    assert engine_calls.calls[1] == BODIES[2:]


@pytest.mark.django_db
def test_a_message_that_is_gone_is_nothing_to_do(monkeypatch):
    engine_calls = EngineCalls(monkeypatch)
    analyse_message.call_local(0)
    assert engine_calls.calls == []


@pytest.mark.django_db
def test_a_message_the_engine_cannot_read_fails_only_its_own_job(monkeypatch):
    unreadable = "Dit bericht laat de engine vastlopen."
    first, bad, last = _waiting([CALM["nl"], unreadable, CALM["en"]])
    real = engine.analyse_many

    def failing_on_one(texts, **kwargs):  # fault injection: the engine chokes on one message
        if unreadable in texts:
            raise RuntimeError("engine failure")
        return real(texts, **kwargs)

    monkeypatch.setattr(engine, "analyse_many", failing_on_one)

    analyse_message.call_local(first.pk)  # its batch held the bad one: it does itself alone
    assert MessageAnalysis.objects.filter(message=first).exists()
    with pytest.raises(RuntimeError):
        analyse_message.call_local(bad.pk)  # retried, then kept as a FailedTask
    analyse_message.call_local(last.pk)
    assert set(MessageAnalysis.objects.values_list("message_id", flat=True)) == {
        first.pk,
        last.pk,
    }


@pytest.mark.django_db(transaction=True)
def test_two_workers_never_analyse_one_message_twice(monkeypatch):
    from django.core.cache import cache
    from huey.contrib.djhuey import HUEY

    cache.delete(PENDING_LOCK)
    # Outside a test transaction the jobs are queued on commit: queue them for real and drop
    # them, as if the worker had not got to them yet.
    monkeypatch.setattr(HUEY, "immediate", False)
    messages = _waiting(BODIES)
    HUEY.flush()
    monkeypatch.setattr(HUEY, "immediate", True)
    engine_calls = EngineCalls(monkeypatch)
    run_together(*(partial(analyse_message.call_local, m.pk) for m in messages[:2]))
    assert sorted(engine_calls.texts) == sorted(BODIES)  # each message read exactly once
    assert MessageAnalysis.objects.filter(message__in=messages).count() == len(BODIES)
