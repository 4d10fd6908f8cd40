from __future__ import annotations

from datetime import datetime

from django.urls import reverse

from kalm.desk.tests.conftest import assert_refused
from kalm.followups.actions import followup_remind
from kalm.followups.tests.conftest import AMS, make_followup


def _url(followup) -> str:
    return reverse("followups:reschedule", args=[followup.pk])


def test_it_refuses_anonymous_and_outsiders(client, outsider, case):
    followup = make_followup(case)
    assert_refused(client, "post", _url(followup), outsider, {"due_at": "2026-12-01T09:00"})
    followup.refresh_from_db()
    assert followup.due_at == datetime(2026, 11, 25, 9, tzinfo=AMS)


def test_it_moves_the_followup_and_answers_htmx_with_the_row(wednesday, agent_client, agent, case):
    followup = make_followup(case, owner=agent)
    followup_remind(followup_id=followup.pk)
    response = agent_client.post(
        _url(followup), {"due_at": "2026-11-27T11:00"}, headers={"HX-Request": "true"}
    )
    assert response.content.decode().startswith(f'<tr id="followup-{followup.pk}"')
    followup.refresh_from_db()
    assert followup.due_at == datetime(2026, 11, 27, 11, tzinfo=AMS)
    assert followup.reminded_at is None
    assert case.dossier.last().payload["followup"]["event"] == "rescheduled"


def test_a_bad_date_changes_nothing_and_says_so(wednesday, agent_client, agent, case):
    followup = make_followup(case, owner=agent)
    response = agent_client.post(_url(followup), {"due_at": "volgende week"})
    assert response.status_code == 400
    response = agent_client.post(
        _url(followup), {"due_at": "volgende week"}, headers={"HX-Request": "true"}
    )
    assert 'value="volgende week"' in response.content.decode()
    followup.refresh_from_db()
    assert followup.due_at == datetime(2026, 11, 25, 9, tzinfo=AMS)
