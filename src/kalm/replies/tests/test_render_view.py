from __future__ import annotations

from django.urls import reverse

from kalm.desk.tests.conftest import assert_refused
from kalm.replies.models import ReplyTemplate, Situation


def _url(case, template) -> str:
    return f"{reverse('replies:render', args=[case.pk])}?template={template.pk}"


def _template(language="nl", situation=Situation.INJURY_FIRST):
    return ReplyTemplate.objects.get(language=language, situation=situation)


def test_it_refuses_anonymous_and_outsiders(client, outsider, chat_case):
    assert_refused(client, "get", _url(chat_case, _template()), outsider)


def test_it_returns_the_filled_in_text(agent_client, chat_case):
    response = agent_client.get(_url(chat_case, _template()), headers={"HX-Request": "true"})
    text = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert text.startswith("Sanne de Vries, wat ontzettend vervelend")
    assert "Mijn naam is Eva" in text
    assert "uw product" in text
    assert "vrijdag 27 november 2026" in text
    assert "{" not in text


def test_it_answers_json_when_asked(agent_client, english_case):
    response = agent_client.get(
        _url(english_case, _template("en")), headers={"Accept": "application/json"}
    )
    data = response.json()
    assert data["language"] == "en"
    assert data["text"].startswith("John Smith, I am so sorry")
    assert data["unknown"] == []


def test_unknown_variables_stay_visible(agent_client, chat_case):
    # Written past the form's validation (e.g. a migration): shown, reported, never a crash.
    template = ReplyTemplate.objects.create(name="Oud", language="nl", body="Dag {naam}, {alias}")
    response = agent_client.get(_url(chat_case, template), headers={"Accept": "application/json"})
    assert response.json() == {
        "template": template.pk,
        "language": "nl",
        "text": "Dag {naam}, Eva",
        "unknown": ["{naam}"],
    }


def test_an_inactive_or_missing_template_is_404(agent_client, chat_case):
    template = ReplyTemplate.objects.create(name="Uit", language="nl", body="Dag", active=False)
    assert agent_client.get(_url(chat_case, template)).status_code == 404
    base = reverse("replies:render", args=[chat_case.pk])
    assert agent_client.get(base).status_code == 404
    assert agent_client.get(f"{base}?template=abc").status_code == 404
