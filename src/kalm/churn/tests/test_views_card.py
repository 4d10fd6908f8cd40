"""The churn card on the desk's consumer page (``{% churn_consumer_card consumer %}``)."""

from __future__ import annotations

from django.urls import reverse

from kalm.churn.actions import loss_mark
from kalm.churn.models import Score
from kalm.churn.tests.conftest import high_risk, low_risk, trained_model
from kalm.churn.tests.helpers import case_at, days_ago
from kalm.consumers.actions import consumer_merge
from kalm.consumers.models import Consumer


def _page(client, consumer) -> str:
    response = client.get(reverse("desk:consumer", args=[consumer.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_score_reasons_action_and_the_mark_form(agent_client, english):
    consumer = high_risk("Hanna Hoog", "hoog@example.nl")
    body = _page(agent_client, consumer)
    assert 'id="churn"' in body
    assert f"index {round(100 * consumer.churn_score.score)}%" in body
    assert "Rule-based index" in body and "as of" in body
    assert "3 complaints still open" in body
    assert "Suggested:" in body and "Call back" in body
    assert reverse("churn:plan", args=[consumer.pk]) in body
    assert reverse("churn:mark_lost", args=[consumer.pk]) in body
    assert 'name="csrfmiddlewaretoken"' in body[body.index('id="churn"') :]


def test_an_unscored_consumer_is_scored_for_the_page_without_writing(agent_client, english):
    consumer = case_at(days_ago(2), name="Nieuw", email="nieuw@example.nl").consumer
    body = _page(agent_client, consumer)
    assert "computed just now" in body and "1 complaint still open" in body
    assert not Score.objects.exists()


def test_a_model_score_is_a_chance_of_leaving(agent_client, english):
    trained_model()
    consumer = case_at(days_ago(2), name="Nieuw", email="nieuw@example.nl").consumer
    body = _page(agent_client, consumer)
    assert "% chance of leaving" in body and "Trained model" in body


def test_nothing_needed_offers_no_plan(agent, agent_client, english):
    consumer = low_risk(agent, "Lars Laag", "laag@example.nl")
    body = _page(agent_client, consumer)
    assert "Nothing needed now." in body
    assert reverse("churn:plan", args=[consumer.pk]) not in body


def test_a_lost_consumer_shows_the_mark_with_a_withdraw_button(agent, agent_client, english):
    consumer = high_risk("Hanna Hoog", "hoog@example.nl")
    loss = loss_mark(
        consumer=consumer, actor=agent, lost_at=days_ago(3), reason="stopped", note="Koopt elders"
    )
    body = _page(agent_client, consumer)
    assert "Marked as lost on" in body and "(Stopped buying) by Evelien Jansen (Eva)." in body
    assert "Koopt elders" in body
    assert reverse("churn:withdraw", args=[loss.pk]) in body
    assert reverse("churn:mark_lost", args=[consumer.pk]) not in body


def test_a_consumer_without_cases_can_still_be_marked(agent_client, english):
    consumer = Consumer.objects.create(name="Zonder zaak", email="leeg@example.nl")
    body = _page(agent_client, consumer)
    assert "No cases yet: nothing to score." in body
    assert reverse("churn:mark_lost", args=[consumer.pk]) in body


def test_a_merged_consumer_has_no_card(agent, agent_client):
    kept = high_risk("Hanna Hoog", "hoog@example.nl")
    gone = high_risk("Hanna H.", "hanna@example.nl")
    consumer_merge(keep=kept, merge=gone, actor=agent)
    assert 'id="churn"' not in _page(agent_client, gone)


def test_a_scored_consumer_costs_the_page_one_query(agent_client, django_assert_max_num_queries):
    consumer = high_risk("Hanna Hoog", "hoog@example.nl")
    # Counted in the steady state: a first request also fills the per-process settings cache.
    agent_client.get(reverse("desk:consumer", args=[consumer.pk]))
    with django_assert_max_num_queries(9):
        agent_client.get(reverse("desk:consumer", args=[consumer.pk]))
