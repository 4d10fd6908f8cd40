"""The pure mappings from payload JSON to an InboundEvent."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest

from kalm.webhooks.mappings import PayloadInvalid, mmss, parse_call, parse_payload, parse_social
from kalm.webhooks.tests.conftest import call, dm


def test_it_maps_a_dm():
    event = parse_social(
        dm(attachments=[{"filename": "a.png", "content_base64": base64.b64encode(b"hi").decode()}])
    )
    assert event.kind == "social" and event.event_id == "evt-1"
    assert (event.identity.kind, event.identity.value, event.identity.name) == (
        "social",
        "instagram:@sanne",
        "Sanne de Vries",
    )
    assert event.thread_id == "conv-42"
    assert event.occurred_at == datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    assert event.attachments[0].content == b"hi"


def test_it_uses_the_author_id_without_a_handle():
    event = parse_social(dm(author={"id": 1789, "name": "S"}))
    assert event.identity.value == "instagram:id:1789"


def test_it_maps_a_call_record():
    event = parse_call(call())
    assert event.identity.value == "+31612345678"
    assert event.call.duration_seconds == 93
    assert event.call.recording_url.endswith("call-1.mp3")


def test_it_picks_the_mapping_of_a_generic_source_per_payload():
    assert parse_payload("generic", call()).kind == "call"
    assert parse_payload("generic", dm()).kind == "social"
    with pytest.raises(PayloadInvalid):
        parse_payload("telephony", dm())


@pytest.mark.parametrize(
    ("parse", "payload", "problem"),
    [
        (parse_social, [1, 2], "body: must be a JSON object"),
        (
            parse_social,
            dm(created_at="gisteren"),
            "created_at: not an ISO 8601 date-time ('gisteren')",
        ),
        (parse_social, dm(text=""), "text: required when there are no attachments"),
        (
            parse_social,
            dm(attachments=[{"filename": "x"}]),
            "attachments[0]: needs content_base64 or url",
        ),
        (
            parse_social,
            dm(attachments=[{"url": "file:///etc/passwd"}]),
            "attachments[0].url: must be an http(s) URL",
        ),
        (parse_call, call(direction="sideways"), "direction: must be inbound or outbound"),
        (parse_call, call(started_at="9999-12-31T23:59:59-12:00"), "started_at: out of range"),
        (parse_call, call(started_at="0001-01-01T00:00:00+05:00"), "started_at: out of range"),
        (parse_call, call(recording_url="ftp://x"), "recording_url: must be an http(s) URL"),
        (parse_call, call(caller="abc"), "caller: not a phone number"),
    ],
)
def test_it_explains_what_is_wrong(parse, payload, problem):
    with pytest.raises(PayloadInvalid) as info:
        parse(payload)
    assert problem in info.value.problems


def test_it_drops_characters_a_database_cannot_store():
    event = parse_social(dm(text="a\x00b\ud800c"))
    assert event.text == "ab?c"


def test_mmss():
    assert mmss(93) == "01:33" and mmss(0) == "00:00" and mmss(3600) == "60:00"
