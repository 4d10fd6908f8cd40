"""/desk/churn/lost/: who the team marked as lost, when, why and by whom."""

from __future__ import annotations

from django.urls import reverse

from kalm.churn.actions import loss_mark, loss_withdraw
from kalm.churn.tests.conftest import high_risk, medium_risk
from kalm.churn.tests.helpers import days_ago
from kalm.desk.tests.conftest import assert_refused

URL = "/desk/churn/lost/"


def test_it_refuses_anonymous_and_outsiders(client, outsider):
    assert reverse("churn:lost") == URL
    assert_refused(client, "get", URL, outsider)


def test_it_lists_the_marks_with_a_withdraw_button(
    agent, team_lead, agent_client, english, settings, django_assert_max_num_queries
):
    settings.KALM_CHURN_MIN_LOST = 20
    first = loss_mark(
        consumer=high_risk("Hanna Hoog", "hoog@example.nl"),
        actor=agent,
        lost_at=days_ago(10),
        reason="competitor",
        note="Naar de concurrent",
    )
    second = loss_mark(
        consumer=medium_risk("Mila Midden", "midden@example.nl"),
        actor=team_lead,
        lost_at=days_ago(2),
        reason="cancelled",
    )
    with django_assert_max_num_queries(8):
        response = agent_client.get(URL)
    body = response.content.decode()
    assert body.index("Mila Midden") < body.index("Hanna Hoog")
    assert "Went to a competitor" in body and "Naar de concurrent" in body
    assert "Cancelled or ended the contract" in body
    assert "Eva" in body and "Mark" in body  # who marked, by their alias
    assert reverse("churn:withdraw", args=[first.pk]) in body
    assert reverse("churn:withdraw", args=[second.pk]) in body
    assert "now 2 of 20" in body


def test_withdrawn_marks_are_listed_apart(agent, agent_client, english):
    loss = loss_mark(
        consumer=high_risk("Hanna Hoog", "hoog@example.nl"),
        actor=agent,
        lost_at=days_ago(10),
        reason="competitor",
    )
    loss_withdraw(loss=loss, actor=agent)
    assert "Hanna Hoog" not in agent_client.get(URL).content.decode()
    body = agent_client.get(URL, {"withdrawn": "1"}).content.decode()
    assert "Hanna Hoog" in body and "Withdrawn lost marks" in body
    assert reverse("churn:withdraw", args=[loss.pk]) not in body


def test_it_says_when_nobody_is_marked(agent_client, english, db):
    assert "Nobody is marked as lost yet" in agent_client.get(URL).content.decode()
