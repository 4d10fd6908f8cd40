"""``kalm reprocess_email <id>``: a quarantined message lands after the fix."""

import io

import pytest
from django.core.management import CommandError, call_command

from kalm.channels import actions
from kalm.channels.email.ingest import ingest_raw
from kalm.channels.models import InboundEmail
from kalm.channels.tests.mail import corpus

pytestmark = pytest.mark.django_db(transaction=True)


def _reprocess(*args) -> str:
    out = io.StringIO()
    call_command("reprocess_email", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def test_it_processes_a_quarantined_message_again_after_a_fix(monkeypatch):
    original = actions.thread_find
    monkeypatch.setattr(actions, "thread_find", lambda parsed: 1 / 0)
    result = ingest_raw(corpus("plain_dutch.eml"))
    assert result.outcome == "quarantined"
    monkeypatch.setattr(actions, "thread_find", original)  # the fix

    line = _reprocess(result.inbound.pk)
    inbound = InboundEmail.objects.get()
    assert inbound.status == "processed" and inbound.attempts == 2 and inbound.reason == ""
    assert line == f"#{inbound.pk} case {inbound.case.reference} new\n"


def test_it_refuses_processed_messages_and_unknown_ids():
    result = ingest_raw(corpus("plain_dutch.eml"))
    with pytest.raises(CommandError, match="only failed, quarantined"):
        _reprocess(result.inbound.pk)
    with pytest.raises(CommandError, match="no inbound email"):
        _reprocess(99999)


def test_it_reprocesses_an_ignored_message_with_force():
    result = ingest_raw(corpus("x_autoreply.eml"))
    with pytest.raises(CommandError):
        _reprocess(result.inbound.pk)
    assert "ignored: auto-reply" in _reprocess(result.inbound.pk, "--force")
