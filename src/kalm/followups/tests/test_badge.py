from __future__ import annotations

from django.urls import reverse

from kalm.core.testing import UserFactory
from kalm.desk.tests.conftest import assert_refused
from kalm.followups.tests.conftest import make_followup

URL = reverse("followups:badge")


def test_it_refuses_anonymous_and_outsiders(client, outsider, db):
    assert_refused(client, "get", URL, outsider)


def test_it_counts_what_is_due_for_me_today(wednesday, agent_client, agent, case):
    assert agent_client.get(URL).content.decode().strip() == ""
    make_followup(case, owner=agent)
    make_followup(case, owner=agent, day=23)
    make_followup(case, owner=agent, day=27)  # later
    make_followup(case, owner=UserFactory())  # someone else's
    body = agent_client.get(URL).content.decode()
    assert ">2</span>" in body


def test_desk_pages_load_the_count_lazily(agent_client, db):
    page = agent_client.get(reverse("desk:inbox")).content.decode()
    assert f'hx-get="{URL}"' in page
    assert reverse("followups:due") in page
