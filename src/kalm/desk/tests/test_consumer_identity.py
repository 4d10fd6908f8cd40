"""POST /desk/consumers/<id>/identities/: add an address to a consumer."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kalm.consumers.models import ConsumerMergeProposal
from kalm.core.testing import make_case
from kalm.desk.tests.conftest import assert_refused


def _url(consumer) -> str:
    return reverse("desk:consumer_identity", args=[consumer.pk])


def test_it_refuses_anonymous_and_outsiders(client, outsider, case):
    assert_refused(client, "post", _url(case.consumer), outsider, {"kind": "phone", "value": "x"})
    assert not case.consumer.identities.filter(kind="phone").exists()


def test_it_adds_a_phone_number(agent_client, case):
    response = agent_client.post(_url(case.consumer), {"kind": "phone", "value": "06 1111 2222"})
    assert response.status_code == 302
    assert case.consumer.identities.filter(kind="phone", value="+31611112222").exists()


def test_an_address_of_another_consumer_is_refused_with_a_merge_proposal(agent_client, case):
    other = make_case(name="Jan", email="jan@example.nl").consumer
    response = agent_client.post(_url(case.consumer), {"kind": "email", "value": "JAN@example.nl"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "already belongs to Jan" in body
    assert 'value="JAN@example.nl"' in body
    proposal = ConsumerMergeProposal.objects.get()
    assert {proposal.a_id, proposal.b_id} == {case.consumer_id, other.pk}


def test_a_bad_email_keeps_the_text(agent_client, case):
    response = agent_client.post(_url(case.consumer), {"kind": "email", "value": "geen mail"})
    assert response.status_code == 400
    assert 'value="geen mail"' in response.content.decode()


pytestmark = [*globals().get("pytestmark", []), pytest.mark.usefixtures("english")]
