from __future__ import annotations

from django.urls import reverse

from kalm.cases.models import Priority
from kalm.desk.tests.conftest import assert_refused
from kalm.dossier.models import EntryKind


def _url(case) -> str:
    return reverse("desk:case_priority", args=[case.pk])


def test_it_refuses_anonymous_and_outsiders(client, outsider, case):
    assert_refused(client, "post", _url(case), outsider, {"priority": "urgent"})


def test_it_sets_the_priority(agent_client, case):
    assert agent_client.post(_url(case), {"priority": "urgent"}).status_code == 302
    case.refresh_from_db()
    assert case.priority == Priority.URGENT
    assert case.dossier.get(kind=EntryKind.PRIORITY).payload == {"from": "normal", "to": "urgent"}


def test_an_unknown_priority_is_refused(agent_client, case):
    assert agent_client.post(_url(case), {"priority": "extreme"}).status_code == 400
    case.refresh_from_db()
    assert case.priority == Priority.NORMAL
