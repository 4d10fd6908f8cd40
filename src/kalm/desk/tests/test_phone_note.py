from __future__ import annotations

import pytest
from django.urls import reverse

from kalm.cases.models import Message
from kalm.desk.tests.conftest import assert_refused
from kalm.dossier.models import EntryKind


def _url(case) -> str:
    return reverse("desk:case_phone", args=[case.pk])


def test_it_refuses_anonymous_and_outsiders(client, outsider, case):
    assert_refused(client, "post", _url(case), outsider, {"body": "x", "direction": "inbound"})


def test_it_records_an_outgoing_call(agent_client, case):
    response = agent_client.post(
        _url(case), {"body": "Teruggebeld, foto's gevraagd", "direction": "outbound"}
    )
    assert response.status_code == 302
    entry = case.dossier.get(kind=EntryKind.PHONE_CALL)
    assert "Teruggebeld, foto's gevraagd" in entry.payload["body"]
    assert not entry.public
    message = Message.objects.get(case=case, kind=Message.Kind.PHONE)
    assert message.body.endswith("Teruggebeld, foto's gevraagd")


def test_an_unknown_direction_keeps_the_text(agent_client, case):
    response = agent_client.post(_url(case), {"body": "Mijn notities", "direction": "sideways"})
    assert response.status_code == 400
    assert "Mijn notities" in response.content.decode()
    assert not case.dossier.filter(kind=EntryKind.PHONE_CALL).exists()


def test_it_records_a_call_with_its_facts_and_sets_the_next_step(agent_client, case, agent):
    response = agent_client.post(
        _url(case),
        {
            "kind": "call",
            "direction": "inbound",
            "number": "06 1234 5678",
            "duration": "4:30",
            "body": "Consument belde over de vervanging",
            "mood": "worried",
            "next_step": "We sturen een nieuwe fles",
            "follow_up": "2030-01-15",
        },
    )
    assert response.status_code == 302
    entry = case.dossier.get(kind=EntryKind.PHONE_CALL)
    assert entry.payload["number"] == "06 1234 5678"
    assert entry.payload["duration_seconds"] == 270
    assert entry.payload["mood"] == "worried"
    assert entry.payload["direction"] == "inbound"
    assert entry.payload["follow_up"] == "2030-01-15"
    assert entry.actor == agent
    case.refresh_from_db()
    assert case.next_step == "We sturen een nieuwe fles"
    assert str(case.next_step_due) == "2030-01-15"
    assert case.dossier.filter(kind=EntryKind.NEXT_STEP).count() == 1


def test_it_records_an_in_person_visit_with_minutes(agent_client, case):
    response = agent_client.post(
        _url(case), {"kind": "visit", "duration": "12", "body": "Fles afgegeven aan de balie"}
    )
    assert response.status_code == 302
    message = Message.objects.get(case=case, kind=Message.Kind.PHONE)
    assert message.channel == "in_person"
    entry = case.dossier.get(kind=EntryKind.PHONE_CALL)
    assert entry.payload["contact"] == "visit"
    assert entry.payload["duration_seconds"] == 720
    assert not case.dossier.filter(kind=EntryKind.NEXT_STEP).exists()


def test_a_bad_duration_keeps_everything_typed(agent_client, case):
    response = agent_client.post(
        _url(case), {"direction": "inbound", "duration": "vijf", "body": "Lang gesprek"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Lang gesprek" in body and "minutes:seconds" in body
    assert not case.dossier.filter(kind=EntryKind.PHONE_CALL).exists()


def test_the_case_page_prefills_the_number_and_wires_ctrl_enter(agent_client):
    from kalm.core.testing import make_case

    case = make_case(phone="0612345678")
    body = agent_client.get(reverse("desk:case", args=[case.pk])).content.decode()
    assert (
        'name="number" id="id_phone_number" maxlength="40" autocomplete="off" value="0612345678"'
        in body
    )
    assert "data-ctrl-enter-submits" in body and "requestSubmit" in body
    assert reverse("desk:consumer", args=[case.consumer_id]) in body


def test_with_htmx_a_refusal_returns_the_form_with_the_text(agent_client, case):
    response = agent_client.post(
        _url(case),
        {"kind": "call", "direction": "inbound", "duration": "99:99", "body": "Gebeld"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<form id="form-phone"') or 'id="form-phone"' in body[:400]
    assert "Gebeld" in body and 'value="99:99"' in body
    assert "<html" not in body


pytestmark = [*globals().get("pytestmark", []), pytest.mark.usefixtures("english")]
