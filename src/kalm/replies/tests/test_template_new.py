from __future__ import annotations

from django.urls import reverse

from kalm.desk.tests.conftest import assert_refused
from kalm.replies.models import ReplyTemplate

URL = "/desk/replies/templates/new/"
DATA = {
    "name": "Nieuw sjabloon",
    "situation": "refund",
    "language": "nl",
    "body": "Dank u, {consumer_name}.",
    "active": "on",
    "position": 5,
}


def test_the_url():
    assert reverse("replies:template_new") == URL


def test_it_refuses_anonymous_and_outsiders(client, outsider, db):
    assert_refused(client, "post", URL, outsider, DATA)
    assert not ReplyTemplate.objects.filter(name="Nieuw sjabloon").exists()


def test_an_agent_cannot_add(agent_client):
    assert agent_client.get(URL).status_code == 403
    assert agent_client.post(URL, DATA).status_code == 403
    assert not ReplyTemplate.objects.filter(name="Nieuw sjabloon").exists()


def test_a_lead_adds_a_template(lead_client):
    assert lead_client.get(URL).status_code == 200
    response = lead_client.post(URL, DATA)
    assert response.status_code == 302
    template = ReplyTemplate.objects.get(name="Nieuw sjabloon")
    assert (template.situation, template.language, template.position) == ("refund", "nl", 5)


def test_a_refused_template_keeps_what_was_typed(lead_client):
    response = lead_client.post(URL, {**DATA, "body": "Dag {voornaam}"})
    assert response.status_code == 400
    assert "Dag {voornaam}" in response.content.decode()
    assert not ReplyTemplate.objects.filter(name="Nieuw sjabloon").exists()
