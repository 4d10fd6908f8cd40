"""/desk/churn/: the consumers at risk, with the method that scores them."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import translation

from kalm.churn.actions import loss_mark
from kalm.churn.tests.conftest import (
    high_risk,
    low_risk,
    medium_risk,
    model_params,
    trained_model,
)
from kalm.churn.tests.helpers import days_ago
from kalm.churn.views import PAGE_SIZE
from kalm.consumers.models import Consumer
from kalm.desk.tests.conftest import assert_refused

URL = "/desk/churn/"


def test_it_refuses_anonymous_and_outsiders(client, outsider):
    assert reverse("churn:list") == URL
    assert_refused(client, "get", URL, outsider)


def test_it_lists_consumers_at_risk_with_score_reasons_and_action(agent, agent_client, english):
    high = high_risk("Hanna Hoog", "hoog@example.nl")
    medium = medium_risk("Mila Midden", "midden@example.nl")
    low_risk(agent, "Lars Laag", "laag@example.nl")
    response = agent_client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.index("Hanna Hoog") < body.index("Mila Midden")
    assert "Lars Laag" not in body
    assert reverse("desk:consumer", args=[high.pk]) in body
    assert f"index {round(100 * high.churn_score.score)}%" in body
    assert "chance of leaving" not in body
    assert "3 complaints still open" in body
    assert "Call back" in body and "Plan it" in body
    assert reverse("churn:plan", args=[medium.pk]) in body
    assert 'aria-current="page">At risk' in body


def test_it_filters_by_kind_and_band(agent_client):
    person = high_risk("Hanna Hoog", "hoog@example.nl")
    company = medium_risk("Bakkerij BV", "inkoop@bakkerij.nl", kind=Consumer.Kind.ORGANISATION)
    listed = agent_client.get(URL, {"kind": "organisation"}).context["rows"]
    assert [row.consumer for row in listed] == [company]
    listed = agent_client.get(URL, {"kind": "person"}).context["rows"]
    assert [row.consumer for row in listed] == [person]
    listed = agent_client.get(URL, {"band": "medium"}).context["rows"]
    assert [row.consumer for row in listed] == [company]
    # An unknown value in the address is ignored, not an error.
    listed = agent_client.get(URL, {"band": "enorm", "kind": "robot"}).context["rows"]
    assert [row.consumer for row in listed] == [person, company]


def test_the_banner_says_the_rule_index_and_how_many_lost_a_model_needs(
    agent, agent_client, english, settings
):
    settings.KALM_CHURN_MIN_LOST = 20
    for n in range(3):
        consumer = medium_risk(f"Weg {n}", f"weg{n}@example.nl")
        loss_mark(consumer=consumer, actor=agent, lost_at=days_ago(1), reason="competitor")
    body = agent_client.get(URL).content.decode()
    assert (
        "Rule-based index: a model is trained once 20 consumers are marked as lost (now 3 of 20)."
        " Mark consumers as lost on their page." in body
    )
    assert "Calibrated model" not in body


def test_the_banner_says_when_enough_are_marked_but_no_model_is_trained(
    agent, agent_client, english, settings
):
    settings.KALM_CHURN_MIN_LOST = 1
    consumer = medium_risk("Weg", "weg@example.nl")
    loss_mark(consumer=consumer, actor=agent, lost_at=days_ago(1), reason="competitor")
    body = agent_client.get(URL).content.decode()
    assert "1 consumers are marked as lost, enough to train a model" in body


def test_the_banner_says_when_the_last_model_did_not_beat_the_rules(
    agent, agent_client, english, settings
):
    settings.KALM_CHURN_MIN_LOST = 1
    consumer = medium_risk("Weg", "weg@example.nl")
    loss_mark(consumer=consumer, actor=agent, lost_at=days_ago(1), reason="competitor")
    trained_model(active=False, auc=0.64, rules_auc=0.71)
    body = agent_client.get(URL).content.decode()
    assert (
        "ranked the consumers no better than the index (cross-validated AUC 0.64 against 0.71)"
        in body
    )


def test_the_banner_describes_the_trained_model(agent_client, english):
    trained_model(rules_auc=0.7, params=model_params(base_rate=0.052))
    high_risk("Hanna Hoog", "hoog@example.nl")  # scored by the model now
    body = agent_client.get(URL).content.decode()
    assert (
        "Calibrated model trained on 64 lost and 3,100 kept consumers on 25 Nov 2026; "
        "cross-validated AUC 0.78, Brier 0.09." in body
    )
    assert "The rule-based index ranked the same consumers with AUC 0.70." in body
    assert "Of every 100 consumers about 5.2 leave" in body
    assert "% chance of leaving" in body
    assert not re.search(r"index \d+%", body)


def test_the_banner_is_localised_in_dutch(agent_client):
    trained_model()
    with translation.override("nl"):
        body = agent_client.get(URL, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "3.100" in body and "0,78" in body and "0,09" in body


def test_it_is_paginated_and_its_queries_do_not_grow_with_the_rows(
    agent_client, django_assert_max_num_queries
):
    for n in range(3):
        medium_risk(f"Klant {n}", f"klant{n}@example.nl")
    with django_assert_max_num_queries(8) as few:
        agent_client.get(URL)
    for n in range(3, PAGE_SIZE + 2):
        medium_risk(f"Klant {n}", f"klant{n}@example.nl")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = agent_client.get(URL)
    assert len(response.context["rows"]) == PAGE_SIZE
    assert "page=2" in response.content.decode()
    second = agent_client.get(URL, {"page": 2})
    assert len(second.context["rows"]) == 2


def test_it_says_when_nobody_is_at_risk(agent_client, english, db):
    assert "Nobody is at risk with these filters" in agent_client.get(URL).content.decode()


def test_the_filters_stay_out_of_the_desk_search_box(agent_client):
    high_risk("Hanna Hoog", "hoog@example.nl")
    body = agent_client.get(URL, {"kind": "person", "band": ""}).content.decode()
    search = re.search(r'<input id="topsearch-q"[^>]*>', body).group(0)
    assert 'value=""' in search
    assert 'href="/desk/churn/export.csv?kind=person&amp;band="' in body
