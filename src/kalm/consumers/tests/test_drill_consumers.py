"""Drill consumers and real consumers never meet: no match, no merge, no shared address."""

from __future__ import annotations

import pytest

from kalm.consumers.actions import (
    ConsumerActionError,
    consumer_find_or_create,
    consumer_merge,
    identity_add,
    merge_propose,
)
from kalm.consumers.models import ConsumerMergeProposal, ContactIdentity
from kalm.consumers.selectors import consumers_by_phone, merge_proposals_open
from kalm.drills.actions import drill_start
from kalm.drills.selectors import drill_address


@pytest.fixture
def drill(db, team_lead):
    return drill_start(scenario="flights", actor=team_lead, seed=1, history_days=0)


def test_a_drill_address_makes_a_drill_consumer_and_finds_it_again(drill):
    address = drill_address(drill.pk, "sanne")
    first = consumer_find_or_create(name="Sanne", email=address)
    assert first.drill_id == drill.pk
    assert consumer_find_or_create(name="Sanne", email=address.upper()) == first


def test_a_drill_consumer_never_matches_a_real_one_by_phone(drill):
    real = consumer_find_or_create(name="Echt", email="echt@example.nl", phone="0612345678")
    fake = consumer_find_or_create(
        name="Oefen", email=drill_address(drill.pk, "oefen"), phone="06 1234 5678"
    )
    assert fake != real and fake.drill_id == drill.pk and real.drill_id is None
    assert not ConsumerMergeProposal.objects.exists()
    # The phone stays the real consumer's; the real look-up finds only them.
    assert ContactIdentity.objects.get(kind="phone").consumer == real
    assert consumers_by_phone("0612345678") == [real]
    assert consumers_by_phone("0612345678", drill_id=drill.pk) == []


def test_an_address_at_an_unknown_drill_domain_is_an_ordinary_address(db):
    consumer = consumer_find_or_create(name="X", email="x@drill-999.invalid")
    assert consumer.drill_id is None


def test_merging_across_the_drill_boundary_is_refused(drill, agent):
    real = consumer_find_or_create(name="Echt", email="echt@example.nl")
    fake = consumer_find_or_create(name="Oefen", email=drill_address(drill.pk, "oefen"))
    with pytest.raises(ConsumerActionError):
        merge_propose(a=real, b=fake, reason="same name")
    with pytest.raises(ConsumerActionError):
        consumer_merge(keep=real, merge=fake, actor=agent)
    assert not ConsumerMergeProposal.objects.exists()
    fake.refresh_from_db()
    assert fake.merged_into_id is None


def test_adding_a_drill_address_to_a_real_consumer_is_refused_without_a_proposal(drill, agent):
    real = consumer_find_or_create(name="Echt", email="echt@example.nl")
    address = drill_address(drill.pk, "oefen")
    consumer_find_or_create(name="Oefen", email=address)
    with pytest.raises(ConsumerActionError):
        identity_add(consumer=real, kind="email", value=address, actor=agent)
    assert not ConsumerMergeProposal.objects.exists()


def test_open_merge_proposals_are_listed_per_world(drill):
    a = consumer_find_or_create(name="A", email=drill_address(drill.pk, "a"))
    b = consumer_find_or_create(name="B", email=drill_address(drill.pk, "b"))
    merge_propose(a=a, b=b, reason="drill pair")
    c = consumer_find_or_create(name="C", email="c@example.nl")
    d = consumer_find_or_create(name="D", email="d@example.nl")
    real = merge_propose(a=c, b=d, reason="real pair")
    assert merge_proposals_open() == [real]
    assert [p.reason for p in merge_proposals_open(drill_id=drill.pk)] == ["drill pair"]
