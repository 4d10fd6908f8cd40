from __future__ import annotations

from django.urls import reverse

from kalm.cases.models import Message
from kalm.desk.tests.conftest import assert_refused


def _url(case) -> str:
    return reverse("replies:check", args=[case.pk])


def test_it_refuses_anonymous_and_outsiders(client, outsider, chat_case):
    assert_refused(client, "post", _url(chat_case), outsider, {"body": "Hallo"})


def test_an_agent_gets_the_results_partial(agent_client, chat_case, english):
    response = agent_client.post(
        _url(chat_case), {"body": "Stuur de fles op."}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div class="reply-check"')
    assert "of 9" in body
    assert 'data-check="name"' in body and 'data-check="language"' in body
    assert "Beste Sanne de Vries," in body  # the name check's suggestion
    assert "you can always send" in body
    assert "<html" not in body


def test_the_score_counts_what_passed(agent_client, chat_case, english):
    good = (
        "Beste Sanne de Vries, wat ontzettend vervelend dat de fles in uw hand is ontploft; ik "
        "begrijp dat u geschrokken bent. Ik bel u morgen om te horen hoe het met u gaat."
    )
    response = agent_client.post(_url(chat_case), {"body": good}, headers={"HX-Request": "true"})
    assert "9 of 9" in response.content.decode()


def test_an_empty_draft_gets_a_hint_not_results(agent_client, chat_case):
    response = agent_client.post(_url(chat_case), {"body": "  "}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "reply-check-list" not in body
    assert "reply-check-empty" in body


def test_without_htmx_it_shows_the_reply_form_with_the_draft_and_results(
    agent_client, chat_case, english
):
    response = agent_client.post(_url(chat_case), {"body": "Stuur de fles op."})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" in body
    assert 'id="form-reply"' in body
    assert reverse("desk:case_reply", args=[chat_case.pk]) in body  # sending stays possible
    assert "Stuur de fles op.</textarea>" in body
    assert "of 9" in body


def test_checking_sends_nothing(agent_client, chat_case):
    agent_client.post(_url(chat_case), {"body": "Beste Sanne, wij bellen u morgen."})
    assert not Message.objects.filter(case=chat_case, kind=Message.Kind.OUTBOUND).exists()


def test_it_only_accepts_post(agent_client, chat_case):
    assert agent_client.get(_url(chat_case)).status_code == 405


def test_an_unknown_case_is_404(agent_client, db):
    assert (
        agent_client.post(reverse("replies:check", args=[99999]), {"body": "x"}).status_code == 404
    )
