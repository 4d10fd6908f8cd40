from __future__ import annotations

from django.urls import reverse

from kalm.cases.models import TopicSource
from kalm.desk.tests.conftest import assert_refused
from kalm.dossier.models import EntryKind
from kalm.kb.tests.conftest import CategoryFactory


def _url(case) -> str:
    return reverse("desk:case_topic", args=[case.pk])


def test_it_refuses_anonymous_and_outsiders(client, outsider, case):
    topic = CategoryFactory()
    assert_refused(client, "post", _url(case), outsider, {"topic": topic.pk})
    case.refresh_from_db()
    assert case.topic is None


def test_it_sets_the_topic(agent_client, agent, case):
    topic = CategoryFactory(slug="bezorgen", name_nl="Bezorging", name_en="Delivery")
    response = agent_client.post(_url(case), {"topic": topic.pk})
    assert response.status_code == 302
    assert response["Location"].endswith("#details")
    case.refresh_from_db()
    assert (case.topic, case.topic_source) == (topic, TopicSource.AGENT)
    entry = case.dossier.get(kind=EntryKind.TOPIC)
    assert entry.actor == agent
    assert (entry.payload["from"], entry.payload["to"]) == (None, "bezorgen")


def test_an_empty_choice_clears_the_topic(agent_client, case):
    topic = CategoryFactory()
    agent_client.post(_url(case), {"topic": topic.pk})
    assert agent_client.post(_url(case), {"topic": ""}).status_code == 302
    case.refresh_from_db()
    assert (case.topic, case.topic_source) == (None, TopicSource.AGENT)


def test_an_unknown_topic_is_refused(agent_client, case):
    assert agent_client.post(_url(case), {"topic": 999999}).status_code == 400
    case.refresh_from_db()
    assert case.topic is None and case.topic_source == ""


def test_the_case_page_offers_the_categories_in_the_readers_language(agent_client, case, english):
    topic = CategoryFactory(name_nl="Bezorging", name_en="Delivery")
    case.topic, case.topic_source = topic, TopicSource.AUTO
    case.save(update_fields=["topic", "topic_source"])
    html = agent_client.get(reverse("desk:case", args=[case.pk])).content.decode()
    assert 'id="form-topic"' in html
    assert f'<option value="{topic.pk}" selected>Delivery</option>' in html
    assert "Recognised from the consumer" in html


def test_htmx_gets_the_topic_form_back_with_the_error(agent_client, case, english):
    response = agent_client.post(_url(case), {"topic": "x"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<form id="form-topic"')
    assert "Nothing was saved" in html
