"""Every inbound message is analysed after commit, whichever way it came in; agents' messages
are not, and a failing engine never costs the consumer's message."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client

from kalm.api.actions import api_token_create
from kalm.api.models import Scope
from kalm.cases.actions import message_reply, note_add, phone_note_add
from kalm.cases.models import Case, Message
from kalm.channels.email.ingest import ingest_raw
from kalm.channels.tests.mail import build
from kalm.dossier.models import EntryKind
from kalm.empathy import engine
from kalm.empathy.models import MessageAnalysis
from kalm.empathy.tests.support import CALM, EXAMPLES, open_case, receive

pytestmark = pytest.mark.django_db


def test_it_analyses_the_first_message_of_a_web_case(django_capture_on_commit_callbacks):
    case = open_case(django_capture_on_commit_callbacks, EXAMPLES["injury"]["nl"])
    analysis = case.messages.get().analysis
    assert analysis.case_id == case.pk
    assert analysis.language == "nl"
    assert analysis.fired[0] == "injury"
    assert analysis.signals["injury"] >= 0.5
    assert analysis.evidence["injury"][0] == [19, 30, "brandwonden"]
    assert analysis.priority == "urgent"
    assert analysis.engine  # which backend and model read it


def test_it_analyses_a_later_message_from_the_consumer(django_capture_on_commit_callbacks):
    case = open_case(django_capture_on_commit_callbacks, CALM["nl"])
    message = receive(django_capture_on_commit_callbacks, case, EXAMPLES["legal"]["en"])
    assert message.analysis.language == "en"
    assert "legal" in message.analysis.fired
    assert MessageAnalysis.objects.filter(case=case).count() == 2


def test_it_analyses_an_email_from_the_consumer(django_capture_on_commit_callbacks):
    raw = build(subject="Waterkoker", body=EXAMPLES["injury"]["nl"]).as_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        result = ingest_raw(raw)
    message = result.case.messages.get(kind=Message.Kind.INBOUND)
    assert "injury" in message.analysis.fired


def test_it_analyses_a_message_posted_through_the_api(agent, django_capture_on_commit_callbacks):
    _token, secret = api_token_create(name="Shop", user=agent, scopes=list(Scope.values))
    payload = {
        "consumer": {"name": "Sam Jones", "email": "sam@example.com"},
        "subject": "Kettle",
        "body": EXAMPLES["injury"]["en"],
        "language": "en",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            "/api/v1/cases",
            json.dumps(payload),
            content_type="application/json",
            headers={"Authorization": f"Bearer {secret}"},
        )
    assert response.status_code == 201, response.content
    case = Case.objects.get(reference=response.json()["reference"])
    assert case.messages.get().analysis.language == "en"


def test_it_does_not_analyse_what_agents_write(agent, django_capture_on_commit_callbacks):
    case = open_case(django_capture_on_commit_callbacks, CALM["nl"])
    with django_capture_on_commit_callbacks(execute=True):
        message_reply(case=case, agent=agent, body="Wat vervelend, we bellen u vandaag.")
        note_add(case=case, agent=agent, body="Advocaat genoemd? Nee, brandwonden ook niet.")
        phone_note_add(case=case, agent=agent, body="Consument gebeld, erg boos.")
    kinds = set(MessageAnalysis.objects.filter(case=case).values_list("message__kind", flat=True))
    assert kinds == {Message.Kind.INBOUND}


def test_it_records_a_notable_analysis_in_the_dossier(django_capture_on_commit_callbacks):
    case = open_case(django_capture_on_commit_callbacks, EXAMPLES["legal"]["nl"])
    entry = case.dossier.get(kind=EntryKind.ANALYSIS)
    assert entry.public is False
    assert entry.payload["fired"] == ["legal"]
    assert entry.payload["evidence"]["legal"][0][2] == "advocaat"
    assert "advocaat" in entry.summary


def test_it_keeps_a_calm_message_out_of_the_dossier(django_capture_on_commit_callbacks):
    case = open_case(django_capture_on_commit_callbacks, CALM["en"])
    assert case.messages.get().analysis.fired == []
    assert not case.dossier.filter(kind=EntryKind.ANALYSIS).exists()


def test_analysing_again_returns_the_stored_analysis(django_capture_on_commit_callbacks):
    from kalm.empathy.actions import message_analyse

    case = open_case(django_capture_on_commit_callbacks, EXAMPLES["media"]["nl"])
    message = case.messages.get()
    first = message.analysis
    again = message_analyse(message=Message.objects.get(pk=message.pk))
    assert again.pk == first.pk
    assert case.dossier.filter(kind=EntryKind.ANALYSIS).count() == 1


def test_a_failing_engine_loses_no_message_and_is_caught_up(
    monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise RuntimeError("model file unreadable")

    # Fault injection: the worker's job fails (jobs read messages in batches, analyse_many).
    monkeypatch.setattr(engine, "analyse", broken)
    monkeypatch.setattr(engine, "analyse_many", broken)
    case = open_case(django_capture_on_commit_callbacks, EXAMPLES["injury"]["en"])
    message = case.messages.get()
    assert message.body == EXAMPLES["injury"]["en"]
    assert case.dossier.filter(kind=EntryKind.MESSAGE_IN).count() == 1
    assert not MessageAnalysis.objects.filter(message=message).exists()

    monkeypatch.undo()
    call_command("analyse_messages", "--missing", stdout=io.StringIO())
    assert "injury" in MessageAnalysis.objects.get(message=message).fired
