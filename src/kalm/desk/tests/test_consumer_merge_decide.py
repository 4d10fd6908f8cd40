"""POST /desk/consumers/merges/<id>/: confirm or reject a merge proposal."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kalm.cases.models import Case
from kalm.consumers.actions import merge_propose
from kalm.consumers.models import Consumer, ConsumerMergeProposal
from kalm.core.testing import make_case
from kalm.desk.tests.conftest import assert_refused
from kalm.dossier.models import EntryKind


def _pair():
    a = make_case()
    b = make_case(name="S. de Vries", email="", phone="0612345678", subject="Tweede")
    return a, b, merge_propose(a=a.consumer, b=b.consumer, reason="zelfde persoon?")


def _url(proposal) -> str:
    return reverse("desk:consumer_merge_decide", args=[proposal.pk])


def test_it_refuses_anonymous_and_outsiders(client, outsider, db):
    _a, _b, proposal = _pair()
    assert_refused(client, "post", _url(proposal), outsider, {"decision": "accept"})
    proposal.refresh_from_db()
    assert proposal.status == ConsumerMergeProposal.Status.PROPOSED


def test_accepting_merges_into_the_chosen_consumer(agent_client, agent):
    a, b, proposal = _pair()
    response = agent_client.post(_url(proposal), {"decision": "accept", "keep": b.consumer_id})
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:consumer", args=[b.consumer_id])
    assert Consumer.objects.get(pk=a.consumer_id).merged_into_id == b.consumer_id
    assert Case.objects.get(pk=a.pk).consumer_id == b.consumer_id
    assert a.dossier.filter(kind=EntryKind.MERGED, actor=agent).exists()
    proposal.refresh_from_db()
    assert proposal.status == ConsumerMergeProposal.Status.ACCEPTED and proposal.decided_by == agent


def test_rejecting_keeps_them_apart(agent_client, agent):
    a, _b, proposal = _pair()
    response = agent_client.post(_url(proposal), {"decision": "reject"}, follow=True)
    assert "Kept apart" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ConsumerMergeProposal.Status.REJECTED
    assert Consumer.objects.get(pk=a.consumer_id).merged_into_id is None


def test_a_decided_proposal_is_not_decided_twice(agent_client):
    _a, _b, proposal = _pair()
    agent_client.post(_url(proposal), {"decision": "reject"})
    response = agent_client.post(_url(proposal), {"decision": "accept"}, follow=True)
    assert "already decided" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ConsumerMergeProposal.Status.REJECTED


pytestmark = [*globals().get("pytestmark", []), pytest.mark.usefixtures("english")]
