from __future__ import annotations

from django.test import Client
from django.urls import reverse

from kalm.core.testing import PASSWORD


def test_it_is_routed_at_desk_login():
    assert reverse("desk:login") == "/desk/login/"


def test_it_shows_the_login_form(client, db):
    response = client.get("/desk/login/")
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


def test_an_agent_logs_in_and_lands_in_the_inbox(client, agent):
    response = client.post("/desk/login/", {"username": "agent", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:inbox")
    inbox = client.get(reverse("desk:inbox")).content.decode()
    assert "Evelien Jansen (Eva)" in inbox


def test_a_wrong_password_is_refused_and_the_username_kept(client, agent):
    response = client.post("/desk/login/", {"username": "agent", "password": "wrong"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "flash-error" in body
    assert 'value="agent"' in body


def test_an_outsider_who_logs_in_still_gets_no_desk(client, outsider):
    client.post("/desk/login/", {"username": "outsider", "password": PASSWORD})
    assert client.get(reverse("desk:inbox")).status_code == 403


def test_it_enforces_csrf(agent):
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post("/desk/login/", {"username": "agent", "password": PASSWORD})
    assert response.status_code == 403
