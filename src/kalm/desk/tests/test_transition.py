from __future__ import annotations

from django.urls import reverse

from kalm.cases.actions import case_transition
from kalm.cases.models import Status
from kalm.desk.tests.conftest import assert_refused
from kalm.dossier.models import EntryKind


def _url(case) -> str:
    return reverse("desk:case_status", args=[case.pk])


def test_it_refuses_anonymous_and_outsiders(client, outsider, case):
    assert_refused(client, "post", _url(case), outsider, {"to": "open"})
    case.refresh_from_db()
    assert case.status == Status.NEW


def test_it_changes_the_status(agent_client, case):
    response = agent_client.post(
        _url(case), {"to": "waiting_consumer", "reason": "Foto's gevraagd"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.WAITING_CONSUMER
    entry = case.dossier.get(kind=EntryKind.STATUS)
    assert entry.payload == {"from": "new", "to": "waiting_consumer", "reason": "Foto's gevraagd"}


def test_an_illegal_transition_is_refused_and_changes_nothing(agent_client, agent, case):
    case_transition(case=case, to=Status.CLOSED, actor=agent)
    entries = case.dossier.count()
    response = agent_client.post(_url(case), {"to": "waiting_consumer", "reason": "Mijn reden"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "flash-error" in body
    assert "Mijn reden" in body
    case.refresh_from_db()
    assert case.status == Status.CLOSED
    assert case.dossier.count() == entries


def test_htmx_gets_the_status_form_with_the_error(agent_client, agent, case):
    case_transition(case=case, to=Status.CLOSED, actor=agent)
    response = agent_client.post(_url(case), {"to": "open"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<form id="form-status"')
    assert "flash-error" in body
