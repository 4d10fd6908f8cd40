from __future__ import annotations

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
