from __future__ import annotations

from django.urls import reverse

from kalm.cases.actions import message_reply
from kalm.desk.tests.conftest import assert_refused
from kalm.followups.models import FollowUp


def _proposal(case, agent) -> FollowUp:
    message_reply(case=case, agent=agent, body="Ik neem vrijdag contact met u op.")
    return FollowUp.objects.get(case=case)


def _url(followup) -> str:
    return reverse("followups:confirm", args=[followup.pk])


def test_it_refuses_anonymous_and_outsiders(wednesday, client, outsider, agent, case):
    followup = _proposal(case, agent)
    assert_refused(client, "post", _url(followup), outsider)
    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.PROPOSED


def test_it_turns_the_proposal_into_an_open_followup(wednesday, agent_client, agent, case):
    followup = _proposal(case, agent)
    response = agent_client.post(_url(followup), {"from": "case"}, headers={"HX-Request": "true"})
    assert "Ik neem vrijdag contact met u op." in response.content.decode()
    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.OPEN and followup.owner == agent
    assert case.dossier.last().payload["followup"]["event"] == "confirmed"
