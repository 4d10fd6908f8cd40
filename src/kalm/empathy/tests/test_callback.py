"""The card's "plan a call-back" button: a call-back follow-up for the agent who pressed it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from kalm.empathy.tests.support import EXAMPLES, open_case
from kalm.followups.models import FollowUp

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def _url(case) -> str:
    return reverse("empathy:callback", args=[case.pk])


def test_it_plans_a_call_back_for_the_agent(
    english, client, agent, django_capture_on_commit_callbacks
):
    with time_machine.travel(datetime(2026, 11, 25, 14, 0, tzinfo=AMS), tick=False):
        case = open_case(django_capture_on_commit_callbacks, EXAMPLES["aggression"]["en"])
        client.force_login(agent)
        response = client.post(_url(case), headers={"HX-Request": "true"})
    assert response.status_code == 200
    followup = FollowUp.objects.get(case=case, source=FollowUp.Source.CALLBACK)
    assert followup.owner == agent and followup.created_by == agent
    assert followup.status == FollowUp.Status.OPEN
    assert followup.due_at == datetime(2026, 11, 25, 16, 0, tzinfo=AMS)  # two business hours
    assert followup.source_message == case.messages.get()
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="empathy"')
    assert "Call-back planned" in body
    assert reverse("followups:case_box", args=[case.pk]) in body  # the follow-ups box reloads


def test_a_call_back_asked_after_hours_is_due_the_next_morning(
    client, agent, django_capture_on_commit_callbacks
):
    with time_machine.travel(datetime(2026, 11, 25, 16, 30, tzinfo=AMS), tick=False):
        case = open_case(django_capture_on_commit_callbacks, EXAMPLES["aggression"]["nl"])
        client.force_login(agent)
        client.post(_url(case))
    followup = FollowUp.objects.get(case=case, source=FollowUp.Source.CALLBACK)
    assert followup.due_at == datetime(2026, 11, 26, 10, 30, tzinfo=AMS)


def test_it_plans_one_call_back_at_a_time(
    english, client, agent, django_capture_on_commit_callbacks
):
    case = open_case(django_capture_on_commit_callbacks, EXAMPLES["vulnerability"]["en"])
    client.force_login(agent)
    client.post(_url(case))
    response = client.post(_url(case), headers={"HX-Request": "true"})
    assert "A call-back is already planned for this case." in response.content.decode()
    assert FollowUp.objects.filter(case=case, source=FollowUp.Source.CALLBACK).count() == 1


def test_without_htmx_it_goes_back_to_the_case(client, agent, case):
    client.force_login(agent)
    response = client.post(_url(case))
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:case", args=[case.pk]) + "#empathy"
    assert FollowUp.objects.filter(case=case, source=FollowUp.Source.CALLBACK).exists()


def test_it_refuses_outsiders_and_get(client, agent, outsider, case):
    assert client.post(_url(case)).status_code == 302  # to the login page
    client.force_login(outsider)
    assert client.post(_url(case)).status_code == 403
    client.force_login(agent)
    assert client.get(_url(case)).status_code == 405
    assert not FollowUp.objects.filter(case=case).exists()
