"""POST /desk/churn/losses/<pk>/withdraw/: a lost mark taken back, kept on record."""

from __future__ import annotations

from django.urls import reverse

from kalm.churn.actions import loss_mark
from kalm.churn.models import Score
from kalm.churn.tests.conftest import high_risk
from kalm.churn.tests.helpers import days_ago
from kalm.desk.tests.conftest import assert_refused


def _lost(agent):
    consumer = high_risk("Hanna Hoog", "hoog@example.nl")
    return loss_mark(consumer=consumer, actor=agent, lost_at=days_ago(1), reason="stopped")


def _url(loss) -> str:
    return reverse("churn:withdraw", args=[loss.pk])


def test_it_refuses_anonymous_and_outsiders(client, outsider, agent):
    loss = _lost(agent)
    assert _url(loss) == f"/desk/churn/losses/{loss.pk}/withdraw/"
    assert_refused(client, "post", _url(loss), outsider)
    loss.refresh_from_db()
    assert loss.withdrawn_at is None


def test_it_withdraws_the_mark_and_the_consumer_is_scored_again(agent, team_lead, client, english):
    loss = _lost(agent)
    client.force_login(team_lead)
    response = client.post(_url(loss), {"next": reverse("churn:lost")})
    assert response["Location"] == reverse("churn:lost")
    loss.refresh_from_db()
    assert loss.withdrawn_by == team_lead and loss.withdrawn_at is not None
    assert Score.objects.filter(consumer=loss.consumer).exists()
    page = client.get(response["Location"]).content.decode()
    assert "The lost mark of Hanna Hoog is withdrawn" in page


def test_withdrawing_twice_says_why(agent, agent_client, english):
    loss = _lost(agent)
    agent_client.post(_url(loss))
    response = agent_client.post(_url(loss), follow=True)
    assert "This mark was already withdrawn." in response.content.decode()


def test_an_unknown_mark_is_not_found(agent, agent_client):
    loss = _lost(agent)
    assert agent_client.post(reverse("churn:withdraw", args=[loss.pk + 99])).status_code == 404


def test_it_only_accepts_post(agent, agent_client):
    assert agent_client.get(_url(_lost(agent))).status_code == 405
