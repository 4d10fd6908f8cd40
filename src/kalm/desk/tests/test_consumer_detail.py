"""/desk/consumers/<id>/: addresses and the whole customer journey."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from kalm.cases.actions import message_receive
from kalm.cases.models import Channel
from kalm.consumers.actions import consumer_merge
from kalm.consumers.selectors import JOURNEY_PAGE_SIZE
from kalm.core.testing import make_case
from kalm.desk.tests.conftest import assert_refused


def _url(consumer) -> str:
    return reverse("desk:consumer", args=[consumer.pk])


def test_it_refuses_anonymous_and_outsiders(client, outsider, case):
    assert _url(case.consumer) == f"/desk/consumers/{case.consumer.pk}/"
    assert_refused(client, "get", _url(case.consumer), outsider)


def test_it_shows_cases_and_messages_across_channels(agent_client):
    mail = make_case(channel="email", subject="Per mail")
    phone = make_case(channel="phone", phone="0612345678", subject="Aan de telefoon")
    message_receive(case=mail, body="Tweede bericht per mail", channel="email")
    body = agent_client.get(_url(mail.consumer)).content.decode()
    with translation.override("nl"):
        phone_label = str(Channel.PHONE.label)
    for text in (mail.reference, phone.reference, "Per mail", "Aan de telefoon", phone_label):
        assert text in body
    assert "+31612345678" in body and "sanne@example.nl" in body
    assert body.index("De fles is in mijn hand") < body.index("Tweede bericht per mail")


def test_the_journey_is_paginated_and_does_no_n_plus_1(agent_client, django_assert_max_num_queries):
    case = make_case()
    for n in range(JOURNEY_PAGE_SIZE + 5):
        message_receive(case=case, body=f"bericht {n}", channel="email")
    # 15 = the page's 8 + the churn card's 7 for a consumer the hourly refresh has not scored
    # yet (its figures are computed for the page); a scored consumer's card costs one. Counted
    # in the steady state: a first request also fills the per-process settings cache.
    agent_client.get(_url(case.consumer))
    with django_assert_max_num_queries(15):
        response = agent_client.get(_url(case.consumer))
    body = response.content.decode()
    assert "bericht 0" in body and f"bericht {JOURNEY_PAGE_SIZE + 4}" not in body
    assert "?page=2" in body
    last = agent_client.get(_url(case.consumer), {"page": 2}).content.decode()
    assert f"bericht {JOURNEY_PAGE_SIZE + 4}" in last


def test_a_merged_consumer_points_to_the_one_kept(agent_client, agent, english):
    kept = make_case().consumer
    gone = make_case(email="ander@example.nl", name="Ander").consumer
    consumer_merge(keep=kept, merge=gone, actor=agent)
    body = agent_client.get(_url(gone)).content.decode()
    assert _url(kept) in body and "was merged into" in body
