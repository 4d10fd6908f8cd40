"""consumers_find_or_create: many people at once, the same consumers as one at a time."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kalm.consumers.actions import consumer_find_or_create, consumers_find_or_create
from kalm.consumers.models import Consumer, ConsumerMergeProposal, ContactIdentity
from kalm.drills.actions import drill_start
from kalm.drills.selectors import drill_address


class _Undo(Exception):
    pass


def _outcome(found: list[Consumer], before: set[int]) -> dict:
    """What a run left, with the new consumers named by the first position that got them (their
    ids differ between runs) and the consumers that were there before by id."""
    first_at: dict[int, int] = {}
    for i, consumer in enumerate(found):
        first_at.setdefault(consumer.pk, i)

    def name(pk: int) -> str:
        return f"old {pk}" if pk in before else f"new at {first_at[pk]}"

    return {
        "found": [name(consumer.pk) for consumer in found],
        "consumers": sorted(
            (name(c.pk), c.name, c.email, c.phone, c.language, c.drill_id)
            for c in Consumer.objects.exclude(pk__in=before)
        )
        + sorted((name(c.pk), c.email, c.phone) for c in Consumer.objects.filter(pk__in=before)),
        "identities": sorted(
            (i.kind, i.value, name(i.consumer_id)) for i in ContactIdentity.objects.all()
        ),
        "proposals": sorted(
            (name(p.a_id), name(p.b_id), p.reason) for p in ConsumerMergeProposal.objects.all()
        ),
    }


def _run(run, people: list[dict]) -> dict:
    """The outcome of ``run(people)``, rolled back afterwards."""
    before = set(Consumer.objects.values_list("pk", flat=True))
    try:
        with transaction.atomic():
            outcome = _outcome(run(people), before)
            raise _Undo
    except _Undo:
        pass
    return outcome


def _one_by_one(people: list[dict]) -> list[Consumer]:
    return [consumer_find_or_create(**person) for person in people]


def _assert_same(people: list[dict]) -> dict:
    together = _run(consumers_find_or_create, people)
    assert together == _run(_one_by_one, people)
    return together


@pytest.fixture
def known(db):
    """Two consumers the desk knows: one by email and phone, one by phone only."""
    return (
        consumer_find_or_create(name="Sanne", email="sanne@example.nl", phone="0612345678"),
        consumer_find_or_create(name="Daan", phone="+31 6 87654321"),
    )


def test_new_and_returning_people_get_what_one_at_a_time_gives(known):
    together = _assert_same(
        [
            {"name": "Emma", "email": "emma@example.nl", "phone": "", "language": "nl"},
            {"name": "", "email": "SANNE@example.nl ", "phone": "", "language": "en"},
            {"name": "Lucas", "email": "", "phone": "0031687654321", "language": "nl"},
            {"name": "Emma again", "email": "Emma@Example.nl", "phone": "0611111111"},
            {"name": "", "email": "", "phone": "06 2222 2222", "language": "fr"},
            # Email of one consumer and phone of another: a merge is proposed.
            {"name": "Julia", "email": "sanne@example.nl", "phone": "0687654321"},
        ]
    )
    sanne, daan = known
    assert together["found"] == [
        "new at 0",
        f"old {sanne.pk}",
        f"old {daan.pk}",
        "new at 0",
        "new at 4",
        f"old {sanne.pk}",
    ]
    assert ("phone", "+31611111111", "new at 0") in together["identities"]
    assert together["proposals"]


def test_new_people_take_three_queries_however_many(db, django_assert_num_queries):
    people = [
        {"name": f"P{i}", "email": f"p{i}@example.nl", "phone": f"06{i:08d}"} for i in range(40)
    ]
    with django_assert_num_queries(3):  # the look-up, the consumers, their addresses
        found = consumers_find_or_create(people)
    assert len({c.pk for c in found}) == 40
    assert ContactIdentity.objects.count() == 80
    assert [c.name for c in found] == [p["name"] for p in people]


def test_a_drill_address_makes_a_drill_consumer(db, team_lead):
    drill = drill_start(scenario="flights", actor=team_lead, seed=1, history_days=0)
    real = consumer_find_or_create(name="Echt", email="echt@example.nl", phone="0612345678")
    fake, other = consumers_find_or_create(
        [
            {"name": "Oefen", "email": drill_address(drill.pk, "oefen"), "phone": ""},
            # A real phone given with a drill address stays with its real owner.
            {"name": "Oefen 2", "email": drill_address(drill.pk, "twee"), "phone": "0612345678"},
        ]
    )
    assert fake.drill_id == drill.pk and other.drill_id == drill.pk
    assert other != real
    assert ContactIdentity.objects.get(kind="phone").consumer == real
    assert not ConsumerMergeProposal.objects.exists()


def test_an_address_claimed_meanwhile_raises_for_the_caller_to_go_one_by_one(db, monkeypatch):
    from kalm.consumers import actions

    real_drill_of = actions._drill_of

    def claimed_meanwhile(email):  # asked after the look-up: another request takes the address
        other = Consumer.objects.create(name="Other", email=email)
        ContactIdentity.objects.create(kind="email", value=email, consumer=other)
        return real_drill_of(email)

    monkeypatch.setattr(actions, "_drill_of", claimed_meanwhile)
    with pytest.raises(IntegrityError), transaction.atomic():
        consumers_find_or_create([{"name": "Late", "email": "late@example.nl", "phone": ""}])


EMAILS = ["a@example.nl", "B@example.nl", "b@example.nl ", "c@example.be", ""]
PHONES = ["0612345678", "+31612345678", "0687654321", "06 1111 1111", ""]
person = st.fixed_dictionaries(
    {
        "name": st.sampled_from(["", "An", "Bo"]),
        "email": st.sampled_from(EMAILS),
        "phone": st.sampled_from(PHONES),
        "language": st.sampled_from(["nl", "en"]),
    }
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    existing=st.lists(person, max_size=3),
    people=st.lists(person.filter(lambda p: p["email"] or p["phone"]), min_size=1, max_size=8),
)
def test_any_list_gets_what_one_at_a_time_gives(db, existing, people):
    try:
        with transaction.atomic():
            for known_person in existing:
                if known_person["email"] or known_person["phone"]:
                    consumer_find_or_create(**known_person)
            _assert_same(people)
            raise _Undo
    except _Undo:
        pass
