from __future__ import annotations

from datetime import date

from django.urls import reverse

from kalm.desk.tests.conftest import assert_refused
from kalm.dossier.models import EntryKind


def _url(case) -> str:
    return reverse("desk:case_next_step", args=[case.pk])


def test_it_refuses_anonymous_and_outsiders(client, outsider, case):
    assert_refused(client, "post", _url(case), outsider, {"text": "x"})


def test_it_sets_the_next_step_with_a_date(agent_client, case):
    response = agent_client.post(
        _url(case), {"text": "Het lab onderzoekt de fles", "due": "2030-03-01"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.next_step == "Het lab onderzoekt de fles"
    assert case.next_step_due == date(2030, 3, 1)
    entry = case.dossier.get(kind=EntryKind.NEXT_STEP)
    assert entry.public
    assert entry.payload["due"] == "2030-03-01"


def test_a_bad_date_keeps_the_text(agent_client, case):
    response = agent_client.post(_url(case), {"text": "Wij bellen u", "due": "31-02-2030"})
    assert response.status_code == 400
    assert "Wij bellen u" in response.content.decode()
    case.refresh_from_db()
    assert case.next_step == ""
