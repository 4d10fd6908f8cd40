"""Identities, merge proposals and merges of consumers."""

from __future__ import annotations

import pytest

from kalm.cases.models import Case
from kalm.consumers.actions import (
    ConsumerActionError,
    IdentityTaken,
    consumer_find_or_create,
    consumer_merge,
    identity_add,
    merge_proposal_decide,
    merge_propose,
)
from kalm.consumers.models import Consumer, ConsumerMergeProposal, ContactIdentity
from kalm.core.testing import make_case
from kalm.dossier.models import EntryKind

Kind = ContactIdentity.Kind


def test_identity_add_normalises(db, agent):
    consumer = consumer_find_or_create(name="Sanne", email="sanne@example.nl")
    identity = identity_add(consumer=consumer, kind=Kind.PHONE, value="06-1234 5678", actor=agent)
    assert identity.value == "+31612345678"
    assert identity.consumer == consumer
    consumer.refresh_from_db()
    assert consumer.phone == "06-1234 5678"
    again = identity_add(consumer=consumer, kind=Kind.PHONE, value="+31 6 12345678", actor=agent)
    assert again.pk == identity.pk
    mail = identity_add(consumer=consumer, kind=Kind.EMAIL, value=" Sanne@Work.NL ", actor=agent)
    assert mail.value == "sanne@work.nl"


def test_identity_add_refuses_nonsense(db, agent):
    consumer = consumer_find_or_create(name="Sanne", email="sanne@example.nl")
    with pytest.raises(ConsumerActionError, match="not an email address"):
        identity_add(consumer=consumer, kind=Kind.EMAIL, value="sanne at home", actor=agent)
    with pytest.raises(ConsumerActionError):
        identity_add(consumer=consumer, kind=Kind.PHONE, value="12", actor=agent)
    with pytest.raises(ConsumerActionError):
        identity_add(consumer=consumer, kind="fax", value="0201234567", actor=agent)


def test_identity_add_refuses_another_consumers_address_and_proposes_a_merge(db, agent):
    sanne = consumer_find_or_create(name="Sanne", email="sanne@example.nl")
    other = consumer_find_or_create(name="S. de Vries", phone="0612345678")
    with pytest.raises(IdentityTaken, match=r"already belongs to S\. de Vries") as caught:
        identity_add(consumer=sanne, kind=Kind.PHONE, value="+31612345678", actor=agent)
    proposal = caught.value.proposal
    assert {proposal.a_id, proposal.b_id} == {sanne.pk, other.pk}
    assert proposal.status == ConsumerMergeProposal.Status.PROPOSED
    assert ConsumerMergeProposal.objects.filter(pk=proposal.pk).exists()  # kept, not rolled back
    assert ContactIdentity.objects.get(value="+31612345678").consumer == other


def test_find_or_create_proposes_a_merge_when_email_and_phone_belong_to_two(db):
    by_mail = consumer_find_or_create(name="Sanne", email="sanne@example.nl")
    by_phone = consumer_find_or_create(name="Sanne dV", phone="0612345678")
    found = consumer_find_or_create(name="Sanne", email="sanne@example.nl", phone="0612345678")
    assert found == by_mail
    proposal = ConsumerMergeProposal.objects.get()
    assert (proposal.a_id, proposal.b_id) == (by_mail.pk, by_phone.pk)
    assert "sanne@example.nl" in proposal.reason
    # Asked again: still one open proposal.
    consumer_find_or_create(name="Sanne", email="sanne@example.nl", phone="0612345678")
    assert ConsumerMergeProposal.objects.count() == 1


def test_merge_propose_refuses_the_same_consumer(db):
    sanne = consumer_find_or_create(name="Sanne", email="sanne@example.nl")
    with pytest.raises(ConsumerActionError):
        merge_propose(a=sanne, b=sanne, reason="x")


def test_consumer_merge_moves_identities_and_cases_and_leaves_a_tombstone(db, agent):
    case_a = make_case(email="sanne@example.nl")
    case_b = make_case(name="Sanne dV", email="", phone="0612345678")
    keep, merge = case_a.consumer, case_b.consumer
    assert keep != merge
    merge_propose(a=keep, b=merge, reason="same person")
    consumer_merge(keep=keep, merge=merge, actor=agent)
    merge.refresh_from_db()
    keep.refresh_from_db()
    assert merge.merged_into == keep
    assert keep.phone == "0612345678"
    assert set(keep.identities.values_list("value", flat=True)) == {
        "sanne@example.nl",
        "+31612345678",
    }
    assert Case.objects.get(pk=case_b.pk).consumer == keep
    entry = case_b.dossier.get(kind=EntryKind.MERGED)
    assert entry.payload["consumer_kept"]["id"] == keep.pk
    assert entry.actor == agent
    assert not case_a.dossier.filter(kind=EntryKind.MERGED).exists()
    assert ConsumerMergeProposal.objects.get().status == ConsumerMergeProposal.Status.ACCEPTED
    # The phone now finds the kept consumer; the tombstone is never handed out again.
    assert consumer_find_or_create(name="x", phone="+31612345678") == keep
    with pytest.raises(ConsumerActionError, match="already merged"):
        consumer_merge(keep=keep, merge=merge, actor=agent)


def test_deciding_a_proposal(db, agent):
    a = consumer_find_or_create(name="A", email="a@example.nl")
    b = consumer_find_or_create(name="B", email="b@example.nl")
    proposal = merge_propose(a=a, b=b, reason="overlap")
    rejected = merge_proposal_decide(proposal=proposal, accept=False, actor=agent)
    assert rejected.status == ConsumerMergeProposal.Status.REJECTED
    assert rejected.decided_by == agent and rejected.decided_at
    with pytest.raises(ConsumerActionError, match="already decided"):
        merge_proposal_decide(proposal=proposal, accept=True, actor=agent)
    second = merge_propose(a=a, b=b, reason="overlap again")
    accepted = merge_proposal_decide(proposal=second, accept=True, actor=agent, keep=b)
    assert accepted.status == ConsumerMergeProposal.Status.ACCEPTED
    assert Consumer.objects.get(pk=a.pk).merged_into_id == b.pk


def test_a_merge_carries_open_proposals_over_to_the_consumer_kept(db, agent):
    from kalm.consumers.selectors import merge_proposals_open

    a = consumer_find_or_create(name="A", email="a@example.nl")
    b = consumer_find_or_create(name="B", email="b@example.nl")
    c = consumer_find_or_create(name="C", email="c@example.nl")
    merge_propose(a=b, b=c, reason="b and c share a phone")
    consumer_merge(keep=a, merge=b, actor=agent)
    [carried] = merge_proposals_open()
    assert {carried.a_id, carried.b_id} == {a.pk, c.pk}
    assert carried.reason == "b and c share a phone"
