"""/desk/calls/new/: log a call before knowing the case."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kalm.cases.actions import case_transition
from kalm.cases.models import Case, Message, Status
from kalm.core.testing import make_case
from kalm.desk.tests.conftest import assert_refused
from kalm.dossier.models import EntryKind

URL = "/desk/calls/new/"


def test_the_url_is_as_documented():
    assert reverse("desk:call_new") == URL


def test_it_refuses_anonymous_and_outsiders(client, outsider):
    assert_refused(client, "get", URL, outsider)
    client.logout()
    assert_refused(client, "post", URL, outsider, {"phone": "0612345678"})


def test_it_finds_the_caller_and_their_open_cases(agent_client, agent):
    open_case = make_case(phone="06-12345678", subject="Lekkende fles")
    done = make_case(phone="0612345678", subject="Oude klacht")
    case_transition(case=done, to=Status.RESOLVED, actor=agent)
    response = agent_client.get(URL, {"phone": "+31 6 1234 5678"})
    assert response.status_code == 200
    body = response.content.decode()
    assert open_case.reference in body and "Lekkende fles" in body
    assert done.reference not in body
    assert f"case={open_case.pk}" in body
    assert 'value="Sanne de Vries"' in body  # the new-case form knows the caller


def test_choosing_a_case_shows_the_call_form_for_it(agent_client):
    case = make_case(phone="0612345678")
    response = agent_client.get(URL, {"phone": "0612345678", "case": case.pk})
    body = response.content.decode()
    assert reverse("desk:case_phone", args=[case.pk]) in body
    assert 'value="0612345678"' in body


def test_an_unknown_number_offers_a_new_case(agent_client):
    body = agent_client.get(URL, {"phone": "0201234567"}).content.decode()
    assert "No consumer has this number yet." in body
    assert 'value="0201234567"' in body


def test_it_opens_a_phone_case_for_a_new_caller(agent_client, agent):
    response = agent_client.post(
        URL,
        {
            "phone": "020 123 4567",
            "name": "Piet Bakker",
            "email": "",
            "subject": "Glas in de pot",
            "body": "Belde over glas in de pot",
        },
    )
    case = Case.objects.get(subject="Glas in de pot")
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:case", args=[case.pk])
    assert case.channel == "phone"
    assert case.consumer.identities.get().value == "+31201234567"
    opened = case.dossier.get(kind=EntryKind.CASE_OPENED)
    assert opened.actor == agent
    assert Message.objects.filter(case=case).exists()


def test_a_new_case_with_missing_fields_keeps_what_was_typed(agent_client):
    response = agent_client.post(URL, {"phone": "0201234567", "body": "Belde boos"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Belde boos" in body
    assert not Case.objects.exists()


pytestmark = [*globals().get("pytestmark", []), pytest.mark.usefixtures("english")]
