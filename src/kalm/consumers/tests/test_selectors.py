"""Reads about consumers: callers by phone, the journey in a fixed number of queries."""

from __future__ import annotations

from kalm.cases.actions import case_transition, message_receive, note_add
from kalm.cases.models import Status
from kalm.consumers.selectors import consumer_journey, consumers_by_phone, merge_proposals_open
from kalm.core.testing import make_case


def test_it_finds_a_caller_and_their_open_cases_by_any_spelling(db, agent):
    open_case = make_case(phone="06 1234 5678")
    closed = make_case(phone="0612345678", subject="Oud")
    case_transition(case=closed, to=Status.RESOLVED, actor=agent)
    make_case(email="iemand@example.nl", phone="0687654321")
    found = consumers_by_phone("+31 6 12345678")
    assert [c.pk for c in found] == [open_case.consumer_id]
    assert [c.pk for c in found[0].open_cases] == [open_case.pk]
    assert consumers_by_phone("12") == []


def test_the_journey_spans_cases_in_a_fixed_number_of_queries(db, agent, django_assert_num_queries):
    first = make_case(channel="email")
    message_receive(case=first, body="Nog een vraag", channel="email")
    second = make_case(channel="phone", phone="0612345678")
    note_add(case=second, agent=agent, body="Interne notitie")
    consumer = first.consumer
    assert second.consumer == consumer
    with django_assert_num_queries(5):
        journey = consumer_journey(consumer)
        messages = list(journey.messages)
        [m.case.reference for m in messages] + [m.author for m in messages]
    assert [c.pk for c in journey.cases] == [first.pk, second.pk]
    assert [m.body for m in messages][-1] == "Interne notitie"
    assert journey.cases[0].message_count == 2
    for _ in range(10):
        message_receive(case=second, body="meer", channel="phone")
    with django_assert_num_queries(5):
        journey = consumer_journey(consumer)
        list(journey.messages)


def test_open_proposals_carry_their_pair(db):
    from kalm.consumers.actions import consumer_find_or_create, merge_propose

    a = consumer_find_or_create(name="A", email="a@example.nl")
    b = consumer_find_or_create(name="B", email="b@example.nl")
    merge_propose(a=b, b=a, reason="r")
    [proposal] = merge_proposals_open()
    assert [(c.pk, n) for c, n in proposal.pair] == [(a.pk, 0), (b.pk, 0)]
