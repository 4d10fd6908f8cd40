"""Cases in the database with a quiet background and one burst about batch L2611."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from kalm.core.testing import ProductFactory, make_case

NOW = datetime(2026, 3, 20, 15, 0, tzinfo=UTC)
ONSET = NOW - timedelta(hours=3)
BACKGROUND = [
    ("Levering te laat", "Mijn pakket is nog steeds niet bezorgd."),
    ("Factuur klopt niet", "Er is twee keer geld afgeschreven."),
    ("Late delivery", "My order did not arrive on time."),
]
BURST = [
    ("Fles ontploft", "De fles is in de koelkast ontploft, overal glas."),
    ("Bottle exploded", "The bottle exploded in my hand."),
    ("Glas gesprongen", "Het glas van de fles is gesprongen."),
    ("Fles ontploft", "Mijn fles ontplofte in de kast."),
    ("Exploding bottle", "A bottle exploded on the kitchen table."),
    ("Fles ontploft", "Weer een fles die ontploft is!"),
]


def _open(i: int, subject: str, body: str, at: datetime, **extra):
    return make_case(
        name=f"Consument {i}",
        email=f"c{i}@example.nl",
        subject=subject,
        body=body,
        created_at=at,
        **extra,
    )


@pytest.fixture
def burst_cases(db):
    """Background cases every 16 hours over three weeks, then six in 100 minutes about one
    batch of one product (the exploding bottle)."""
    cola = ProductFactory(name="Kalm Cola 1L")
    other = ProductFactory(name="Kalm Thee")
    for i in range(32):
        subject, body = BACKGROUND[i % len(BACKGROUND)]
        at = NOW - timedelta(days=22) + timedelta(hours=16 * i)
        _open(i, subject, body, at, product=other if i % 2 else cola, batch_number=f"L{i % 4}")
    burst = [
        _open(
            100 + i,
            subject,
            body,
            ONSET + timedelta(minutes=20 * i),
            product=cola,
            batch_number="l2611",
            channel="email",
        )
        for i, (subject, body) in enumerate(BURST)
    ]
    return cola, burst


@pytest.fixture
def agent_client(client: Client, agent) -> Client:
    client.force_login(agent)
    return client
