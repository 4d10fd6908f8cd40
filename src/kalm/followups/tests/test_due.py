from __future__ import annotations

from datetime import datetime

from django.urls import reverse

from kalm.accounts.models import Team
from kalm.cases.actions import case_assign
from kalm.core.testing import UserFactory, make_case
from kalm.desk.tests.conftest import assert_refused
from kalm.followups.actions import followup_complete
from kalm.followups.models import FollowUp
from kalm.followups.tests.conftest import AMS, make_followup

URL = reverse("followups:due")


def test_it_refuses_anonymous_and_outsiders(client, outsider, db):
    assert_refused(client, "get", URL, outsider)


def test_it_shows_what_is_due_today_and_overdue_for_me(wednesday, agent_client, agent, case):
    overdue = make_followup(case, owner=agent, day=23, title="Labuitslag doorgeven")
    today = make_followup(case, owner=agent, hour=16, title="Terugbellen over de vergoeding")
    make_followup(case, owner=agent, day=26, title="Morgen pas")
    done = make_followup(case, owner=agent, title="Al gedaan")
    followup_complete(followup=done, actor=agent)
    make_followup(case, owner=UserFactory(), title="Van een collega")
    page = agent_client.get(URL).content.decode()
    assert overdue.title in page and today.title in page
    assert page.index(overdue.title) < page.index(today.title)
    for absent in ("Morgen pas", "Al gedaan", "Van een collega"):
        assert absent not in page
    assert case.reference in page


def test_the_team_and_all_tabs_widen_the_list(wednesday, agent_client, agent):
    team = Team.objects.create(name="Claims", slug="claims")
    agent.teams.add(team)
    colleague = UserFactory(username="colleague", alias="Noor")
    colleague.teams.add(team)
    stranger = UserFactory(username="stranger", alias="Piet")
    team_case = make_case()
    case_assign(case=team_case, actor=agent, team=team)
    make_followup(team_case, owner=colleague, title="Voor een teamgenoot")
    make_followup(make_case(email="b@example.nl"), owner=stranger, title="Ander team")
    mine = agent_client.get(URL).content.decode()
    team_page = agent_client.get(URL, {"scope": "team"}).content.decode()
    everything = agent_client.get(URL, {"scope": "all"}).content.decode()
    assert "Voor een teamgenoot" not in mine
    assert "Voor een teamgenoot" in team_page and "Ander team" not in team_page
    assert "Voor een teamgenoot" in everything and "Ander team" in everything


def test_unowned_followups_of_my_teams_are_mine_too(wednesday, agent_client, agent):
    team = Team.objects.create(name="Claims", slug="claims")
    agent.teams.add(team)
    team_case = make_case()
    case_assign(case=team_case, actor=agent, team=team)
    make_followup(team_case, owner=None, title="Voor wie het eerst kan")
    assert "Voor wie het eerst kan" in agent_client.get(URL).content.decode()


def test_htmx_gets_only_the_table(wednesday, agent_client, agent, case):
    make_followup(case, owner=agent)
    response = agent_client.get(URL, {"scope": "all"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.startswith('<div id="due-table">')
    assert "<html" not in body


def test_it_needs_few_queries(wednesday, agent_client, agent, django_assert_max_num_queries):
    for n in range(15):
        make_followup(make_case(email=f"c{n}@example.nl"), owner=agent)
    with django_assert_max_num_queries(8):
        response = agent_client.get(URL)
    assert response.content.decode().count('class="followup-open') == 15
    assert FollowUp.objects.count() == 15
    assert datetime(2026, 11, 25, 9, tzinfo=AMS) == FollowUp.objects.first().due_at
