from __future__ import annotations

from django.urls import reverse

from kalm.cases.actions import message_reply
from kalm.desk.tests.conftest import assert_refused
from kalm.followups.models import FollowUp
from kalm.followups.tests.conftest import make_followup


def _url(followup) -> str:
    return reverse("followups:dismiss", args=[followup.pk])


def test_it_refuses_anonymous_and_outsiders(wednesday, client, outsider, case):
    followup = make_followup(case, status=FollowUp.Status.PROPOSED)
    assert_refused(client, "post", _url(followup), outsider)
    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.PROPOSED


def test_it_dismisses_a_proposal_that_was_no_promise(wednesday, agent_client, agent, case):
    message_reply(case=case, agent=agent, body="We bellen u donderdag.")
    followup = FollowUp.objects.get(case=case)
    response = agent_client.post(_url(followup), {"from": "case"})
    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.CANCELLED
    assert case.dossier.last().payload["followup"]["event"] == "dismissed"
    box = agent_client.get(
        reverse("followups:case_box", args=[case.pk]), headers={"HX-Request": "true"}
    )
    assert "We bellen u donderdag." not in box.content.decode()


def test_an_open_followup_cannot_be_dismissed(wednesday, agent_client, case):
    followup = make_followup(case)
    agent_client.post(_url(followup))
    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.OPEN
