"""The empathy card and highlights on the case page, the card's own URL, and the inbox chips."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kalm.empathy.tests.support import CALM, EXAMPLES, open_case, receive

pytestmark = pytest.mark.django_db


def _page(client, case) -> str:
    response = client.get(reverse("desk:case", args=[case.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_case_page_shows_the_latest_analysis(
    english, client, agent, django_capture_on_commit_callbacks
):
    case = open_case(django_capture_on_commit_callbacks, EXAMPLES["injury"]["nl"])
    client.force_login(agent)
    page = _page(client, case)
    card = page[page.index('id="empathy"') : page.index('id="details"')]
    assert "Tone and signals" in card
    assert ">NL<" in card
    assert "fear" in card
    assert '<meter class="sentiment-bar"' in card
    assert "Injury/safety" in card and "brandwonden" in card
    assert "Injury or a safety risk" in card  # the injury rule's guidance, in English


def test_the_timeline_marks_the_trigger_words_and_shows_chips(
    english, client, agent, django_capture_on_commit_callbacks
):
    body = EXAMPLES["legal"]["en"]
    case = open_case(django_capture_on_commit_callbacks, body)
    client.force_login(agent)
    page = _page(client, case)
    percent = round(100 * case.messages.get().analysis.signals["legal"])
    assert f'<mark class="signal signal-legal" title="Legal {percent}%">lawyer</mark>' in page
    assert '<mark class="signal signal-legal" title="Legal' in page
    assert f'<span class="signal-chip signal-legal" title="Legal {percent}%">' in page


def test_a_message_with_html_stays_escaped_on_the_page(
    client, agent, django_capture_on_commit_callbacks
):
    body = "<script>alert('x')</script> Ik heb mijn advocaat ingeschakeld, juridische stappen."
    case = open_case(django_capture_on_commit_callbacks, body)
    client.force_login(agent)
    page = _page(client, case)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert ">advocaat</mark>" in page


def test_the_card_says_when_nothing_was_analysed_yet(english, client, agent, case):
    client.force_login(agent)
    assert "No message from the consumer has been analysed yet." in _page(client, case)


def test_a_calm_message_suggests_no_call(
    english, client, agent, django_capture_on_commit_callbacks
):
    case = open_case(django_capture_on_commit_callbacks, CALM["en"])
    client.force_login(agent)
    page = _page(client, case)
    assert "No escalation signals in the latest message." in page
    assert "Suggest a call-back" not in page


def test_high_emotion_suggests_a_call_back(
    english, client, agent, django_capture_on_commit_callbacks
):
    case = open_case(django_capture_on_commit_callbacks, EXAMPLES["vulnerability"]["en"])
    client.force_login(agent)
    page = _page(client, case)
    assert "Suggest a call-back" in page
    assert reverse("empathy:callback", args=[case.pk]) in page


def test_the_case_page_query_count_does_not_grow_with_messages(
    client, agent, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    case = open_case(django_capture_on_commit_callbacks, EXAMPLES["injury"]["nl"])
    client.force_login(agent)
    with CaptureQueriesContext(connection) as few:
        _page(client, case)
    for language in ("nl", "en"):
        for signal in ("legal", "media", "aggression"):
            receive(django_capture_on_commit_callbacks, case, EXAMPLES[signal][language])
    with django_assert_max_num_queries(len(few)):
        _page(client, case)


def test_the_card_url_returns_the_card_to_htmx(client, agent, django_capture_on_commit_callbacks):
    case = open_case(django_capture_on_commit_callbacks, EXAMPLES["media"]["en"])
    client.force_login(agent)
    url = reverse("empathy:card", args=[case.pk])
    response = client.get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<section id="empathy"')
    plain = client.get(url)  # without htmx: back to the case page, at the card
    assert plain.status_code == 302
    assert plain["Location"] == reverse("desk:case", args=[case.pk]) + "#empathy"


def test_the_card_url_refuses_outsiders(client, outsider, case):
    url = reverse("empathy:card", args=[case.pk])
    assert client.get(url).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 403


def test_the_inbox_shows_a_chip_per_fired_signal(
    english, client, agent, django_capture_on_commit_callbacks
):
    hurt = open_case(django_capture_on_commit_callbacks, EXAMPLES["injury"]["en"])
    calm = open_case(django_capture_on_commit_callbacks, CALM["nl"], email="calm@example.nl")
    client.force_login(agent)
    response = client.get(reverse("desk:inbox"))
    rows = {case.pk: case for case in response.context["page"].cases}
    assert [name for name, _p in rows[hurt.pk].empathy_signals] == ["injury"]
    assert rows[calm.pk].empathy_signals == []
    page = response.content.decode()
    assert page.count('class="signal-chip signal-chip-small signal-injury"') == 1
    assert "Injury/safety" in page
