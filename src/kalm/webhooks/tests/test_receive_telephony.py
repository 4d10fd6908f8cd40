"""POST /hooks/<slug>/ with call records from a phone system."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext, override

from kalm.cases.models import Case, Message
from kalm.core.testing import make_case
from kalm.webhooks.tests.conftest import call, post_signed


def _in_language(text: str) -> str:
    with override(settings.LANGUAGE_CODE):  # the request's language (no Accept-Language)
        return gettext(text)


def test_it_adds_a_phone_note_to_the_callers_open_case(client, phone_source):
    case = make_case(phone="+31 6 12345678")
    response = post_signed(client, "pbx", call())
    assert response.status_code == 200, response.content
    assert response.json()["case"] == case.reference
    note = case.messages.get(kind=Message.Kind.PHONE)
    assert note.channel == "phone"
    assert note.body.startswith(_in_language("Incoming call") + ":")
    assert "01:33" in note.body
    assert "2026-11-25" in note.body
    assert "https://pbx.example/rec/call-1.mp3" in note.body
    assert "glas in pot" in note.body
    assert Case.objects.count() == 1


def test_it_opens_a_phone_case_when_the_caller_has_none_open(client, phone_source):
    response = post_signed(client, "pbx", call(caller="+31687654321"))
    case = Case.objects.get(reference=response.json()["case"])
    assert case.channel == "phone"
    assert case.consumer.identities.get().value == "+31687654321"
    first, note = case.messages.order_by("id")
    assert "recording" not in first.body.lower()  # the public message stays neutral
    assert note.kind == Message.Kind.PHONE and "01:33" in note.body


def test_it_uses_the_callee_for_an_outbound_call(client, phone_source):
    case = make_case(phone="0612345678")
    response = post_signed(
        client, "pbx", call(direction="outbound", caller="201", callee="+31612345678")
    )
    assert response.json()["case"] == case.reference
    assert case.messages.get(kind="phone").body.startswith(_in_language("Outgoing call"))


def test_it_rejects_a_call_without_caller(client, phone_source):
    response = post_signed(client, "pbx", call(caller=None, duration_seconds="lang"))
    assert response.status_code == 422
    assert response.json()["problems"] == [
        "caller: required",
        "duration_seconds: must be a whole number of seconds, 0 or more",
    ]
