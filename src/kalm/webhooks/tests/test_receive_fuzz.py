"""POST /hooks/<slug>/ with arbitrary signed JSON: never a server error, always a stored delivery."""

from __future__ import annotations

import json
from datetime import timedelta, timezone

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kalm.webhooks.models import WebhookDelivery, WebhookSource
from kalm.webhooks.tests.conftest import SECRET, call, dm, post_signed

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def shaped_payloads(draw):
    """A valid DM or call record with some fields replaced by arbitrary JSON values."""
    base = draw(st.sampled_from([dm(), call()]))
    base["id"] = draw(st.text(min_size=1, max_size=20))
    for key in ("text", "notes", "conversation_id", "caller"):
        if key in base and draw(st.booleans()):
            base[key] = draw(st.text(max_size=40))  # any unicode, NUL included
    for key in ("created_at", "started_at"):
        if key in base and draw(st.booleans()):
            offset = draw(st.integers(-23 * 60, 23 * 60))
            moment = draw(st.datetimes()).replace(tzinfo=timezone(timedelta(minutes=offset)))
            base[key] = moment.isoformat()
    keys = draw(st.lists(st.sampled_from([*sorted(base), "attachments"]), max_size=2))
    for key in keys:
        base[key] = draw(json_values)
    if draw(st.booleans()) and isinstance(base.get("author"), dict):
        base["author"] = {k: draw(json_values) for k in base["author"]}
    return base


@pytest.fixture
def sources(db):
    for kind in WebhookSource.Kind.values:
        WebhookSource.objects.create(name=kind, slug=f"fuzz-{kind}", kind=kind, secret=SECRET)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    payload=st.one_of(json_values, shaped_payloads(), shaped_payloads()),
    kind=st.sampled_from(WebhookSource.Kind.values),
)
def test_it_never_answers_a_server_error(client, sources, payload, kind):
    before = WebhookDelivery.objects.count()
    response = post_signed(client, f"fuzz-{kind}", raw=json.dumps(payload).encode())
    assert response.status_code in {200, 422}, response.content
    assert WebhookDelivery.objects.count() == before + 1
    delivery = WebhookDelivery.objects.latest("id")
    assert delivery.status in {"accepted", "duplicate", "rejected"}
    assert delivery.http_status == response.status_code
    event(f"{kind}: {delivery.status}")


free_text = st.text(max_size=60).filter(lambda t: t.replace("\x00", "").strip())


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    text=free_text,
    name=st.text(max_size=40),
    handle=free_text,
    conversation=st.text(max_size=40),
    event_id=free_text,
)
def test_it_accepts_any_text_in_a_well_formed_dm(
    client, sources, text, name, handle, conversation, event_id
):
    payload = dm(
        id=event_id,
        text=text,
        author={"handle": handle, "name": name},
        conversation_id=conversation,
    )
    response = post_signed(client, "fuzz-social", payload)
    assert response.status_code == 200, response.content
    assert response.json()["status"] in {"accepted", "duplicate"}


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(notes=st.text(max_size=80), event_id=free_text, seconds=st.integers(0, 10**6))
def test_it_accepts_any_notes_in_a_well_formed_call(client, sources, notes, event_id, seconds):
    payload = call(id=event_id, notes=notes, duration_seconds=seconds)
    response = post_signed(client, "fuzz-telephony", payload)
    assert response.status_code == 200, response.content
