from __future__ import annotations

from datetime import datetime

from django.urls import reverse

from kalm.desk.tests.conftest import assert_refused
from kalm.followups.models import FollowUp
from kalm.followups.tests.conftest import AMS

DATA = {"title": "Labuitslag doorgeven", "due_at": "2026-12-03T10:30", "owner": ""}


def _url(case) -> str:
    return reverse("followups:create", args=[case.pk])


def test_it_refuses_anonymous_and_outsiders(client, outsider, case):
    assert_refused(client, "post", _url(case), outsider, DATA)
    assert not FollowUp.objects.exists()


def test_it_adds_a_followup_for_the_team(wednesday, agent_client, agent, case):
    response = agent_client.post(_url(case), DATA)
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:case", args=[case.pk]) + "#followups"
    followup = FollowUp.objects.get()
    assert followup.title == "Labuitslag doorgeven"
    assert followup.due_at == datetime(2026, 12, 3, 10, 30, tzinfo=AMS)
    assert followup.owner is None and followup.created_by == agent
    assert followup.status == FollowUp.Status.OPEN
    entry = case.dossier.last()
    assert entry.payload["followup"]["event"] == "created"


def test_with_htmx_it_answers_with_the_box(wednesday, agent_client, agent, case):
    data = {**DATA, "owner": agent.pk}
    response = agent_client.post(_url(case), data, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.startswith('<section id="followups"')
    assert "Labuitslag doorgeven" in body
    assert FollowUp.objects.get().owner == agent


def test_a_bad_date_keeps_what_was_typed(wednesday, agent_client, case):
    response = agent_client.post(_url(case), {**DATA, "due_at": "donderdag"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Labuitslag doorgeven" in body
    assert 'value="donderdag"' in body and "has-error" in body
    assert not FollowUp.objects.exists()


def test_an_outsider_cannot_be_the_owner(wednesday, agent_client, outsider, case):
    response = agent_client.post(_url(case), {**DATA, "owner": outsider.pk})
    assert response.status_code == 400
    assert not FollowUp.objects.exists()
