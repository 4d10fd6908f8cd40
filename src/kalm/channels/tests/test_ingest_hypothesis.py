"""Whatever bytes arrive, ingest_raw returns normally and the raw message is stored."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kalm.channels.email.ingest import OUTCOMES, ingest_raw
from kalm.channels.models import InboundEmail
from kalm.channels.tests.mail import corpus

_HEADERISH = st.lists(
    st.sampled_from(
        [
            b"From: a@example.nl\n",
            b"From: =?x-bogus?q?=ff?= <b@example.nl>\n",
            b"Subject: =?utf-8?b?////?=\n",
            b"Content-Type: multipart/mixed; boundary=x\n",
            b"Content-Type: text/plain; charset=zlib\n",
            b"Content-Transfer-Encoding: base64\n",
            b"Message-ID: <same@x>\n",
            b"In-Reply-To: <<<>>\n",
            b"\n",
            b"--x\n",
            b"\xff\xfe\x00",
        ]
    ),
    max_size=12,
).map(b"".join)


@pytest.mark.django_db(transaction=True)
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    raw=st.one_of(
        st.binary(min_size=1, max_size=2000),
        _HEADERISH.filter(bool),
        st.binary(max_size=300).map(lambda b: corpus("alternative.eml")[: len(b) * 3] + b),
    )
)
def test_it_never_raises_and_always_stores(raw):
    before = InboundEmail.objects.count()
    result = ingest_raw(raw)
    assert result.outcome in OUTCOMES
    assert result.line
    stored = InboundEmail.objects.order_by("-pk").first()
    assert InboundEmail.objects.count() == before + 1
    assert bytes(stored.raw) == raw
