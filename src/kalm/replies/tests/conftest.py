"""A fixed clock (Wednesday 25 November 2026, 14:00 in Amsterdam), cases the checks read, and
logged-in clients."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from kalm.core.testing import make_case

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 25, 14, 0, tzinfo=AMS)


@pytest.fixture
def wednesday():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def calm_case(db, wednesday):
    """A Dutch case whose consumer asks nothing and is not upset; replies go by email."""
    return make_case(
        name="Sanne de Vries",
        subject="Vraagje over de verpakking",
        body="Goedemiddag, ik wilde even laten weten dat de nieuwe verpakking mooi is.",
    )


@pytest.fixture
def chat_case(db, wednesday):
    """A Dutch case without an email address: the reply is not wrapped in a greeting email."""
    return make_case(
        name="Sanne de Vries",
        email="",
        phone="+31612345678",
        subject="Fles ontploft",
        body="De fles is in mijn hand ontploft en ik heb een snee in mijn vinger. Ik ben echt "
        "geschrokken en boos.",
    )


@pytest.fixture
def english_case(db, wednesday):
    return make_case(
        name="John Smith",
        email="",
        phone="+447700900123",
        subject="Broken jar",
        body="The jar exploded when I opened it and my hand is bleeding. I am really upset and "
        "angry.",
        language="en",
    )


@pytest.fixture
def agent_client(client: Client, agent) -> Client:
    client.force_login(agent)
    return client


@pytest.fixture
def lead_client(client: Client, team_lead) -> Client:
    client.force_login(team_lead)
    return client


def result(case, draft: str, code: str, **kwargs):
    """The one check ``code`` of the reply check on ``draft``."""
    from kalm.replies.check import check_reply

    found = [r for r in check_reply(draft=draft, case=case, **kwargs) if r.code == code]
    assert len(found) == 1
    return found[0]
