from __future__ import annotations

from django.urls import reverse

from kalm.desk.tests.conftest import assert_refused
from kalm.followups.models import FollowUp
from kalm.followups.tests.conftest import make_followup


def _url(followup) -> str:
    return reverse("followups:complete", args=[followup.pk])


def test_it_refuses_anonymous_and_outsiders(client, outsider, case):
    followup = make_followup(case)
    assert_refused(client, "post", _url(followup), outsider)
    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.OPEN


def test_it_marks_it_done_and_answers_htmx_with_the_row(wednesday, agent_client, agent, case):
    followup = make_followup(case, owner=agent)
    response = agent_client.post(_url(followup), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.startswith(f'<tr id="followup-{followup.pk}"')
    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.DONE and followup.done_by == agent
    assert case.dossier.last().payload["followup"]["event"] == "done"


def test_from_the_case_page_it_goes_back_there(wednesday, agent_client, case):
    followup = make_followup(case)
    response = agent_client.post(_url(followup), {"from": "case"})
    assert response["Location"] == reverse("desk:case", args=[case.pk]) + "#followups"


def test_twice_is_refused_with_a_reason(wednesday, agent_client, case):
    followup = make_followup(case)
    agent_client.post(_url(followup))
    response = agent_client.post(_url(followup), headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "flash-error" in body and "already" in body
    assert case.dossier.filter(payload__followup__event="done").count() == 1
