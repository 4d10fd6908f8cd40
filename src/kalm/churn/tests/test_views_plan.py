"""POST /desk/churn/consumers/<pk>/plan/: the suggested action becomes a follow-up."""

from __future__ import annotations

from django.urls import reverse

from kalm.churn.tests.conftest import high_risk, low_risk
from kalm.churn.tests.helpers import case_at, days_ago
from kalm.desk.tests.conftest import assert_refused
from kalm.followups.models import FollowUp


def _url(consumer) -> str:
    return reverse("churn:plan", args=[consumer.pk])


def test_it_refuses_anonymous_and_outsiders(client, outsider):
    consumer = high_risk("Hanna Hoog", "hoog@example.nl")
    assert _url(consumer) == f"/desk/churn/consumers/{consumer.pk}/plan/"
    assert_refused(client, "post", _url(consumer), outsider)
    assert not FollowUp.objects.exists()


def test_it_plans_the_suggested_action_and_goes_back(agent, agent_client, english):
    consumer = high_risk("Hanna Hoog", "hoog@example.nl")
    response = agent_client.post(_url(consumer), {"next": "/desk/churn/?band=high"})
    assert response.status_code == 302 and response["Location"] == "/desk/churn/?band=high"
    followup = FollowUp.objects.get()
    assert (followup.source, followup.owner, followup.case.consumer) == ("churn", agent, consumer)
    page = agent_client.get(response["Location"]).content.decode()
    assert "Follow-up planned for you, due tomorrow: Call back: churn risk" in page
    # Planned: the list links to it instead of offering it again.
    assert "Planned" in page and _url(consumer) not in page


def test_it_goes_to_the_list_when_next_is_elsewhere(agent_client):
    consumer = high_risk("Hanna Hoog", "hoog@example.nl")
    response = agent_client.post(_url(consumer), {"next": "https://evil.example/"})
    assert response["Location"] == "/desk/churn/"


def test_nothing_to_plan_is_said_in_a_message(agent, agent_client, english):
    consumer = low_risk(agent, "Lars Laag", "laag@example.nl")
    response = agent_client.post(_url(consumer), follow=True)
    assert "There is no suggested action for this consumer." in response.content.decode()
    assert not FollowUp.objects.exists()


def test_an_unscored_consumer_is_planned_from_the_figures_the_page_showed(agent_client):
    consumer = case_at(days_ago(2), name="Nieuw", email="nieuw@example.nl").consumer
    agent_client.post(_url(consumer))
    assert FollowUp.objects.get().source == "churn"


def test_it_only_accepts_post(agent_client):
    consumer = high_risk("Hanna Hoog", "hoog@example.nl")
    assert agent_client.get(_url(consumer)).status_code == 405
