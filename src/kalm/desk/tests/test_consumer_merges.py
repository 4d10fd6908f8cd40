"""/desk/consumers/merges/: the merge proposals agents confirm or reject."""

from __future__ import annotations

from django.urls import reverse

from kalm.consumers.actions import merge_propose
from kalm.core.testing import make_case
from kalm.desk.tests.conftest import assert_refused

URL = "/desk/consumers/merges/"


def _pair():
    a = make_case()
    b = make_case(name="S. de Vries", email="", phone="0612345678", subject="Tweede")
    return a, b, merge_propose(a=a.consumer, b=b.consumer, reason="zelfde persoon?")


def test_it_refuses_anonymous_and_outsiders(client, outsider, db):
    assert reverse("desk:consumer_merges") == URL
    assert_refused(client, "get", URL, outsider)


def test_it_lists_open_proposals(agent_client, django_assert_max_num_queries):
    _a, _b, proposal = _pair()
    with django_assert_max_num_queries(10):
        response = agent_client.get(URL)
    body = response.content.decode()
    assert "zelfde persoon?" in body and "S. de Vries" in body and "+31612345678" in body
    assert reverse("desk:consumer_merge_decide", args=[proposal.pk]) in body
