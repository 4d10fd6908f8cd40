from __future__ import annotations

from django.urls import reverse


def test_it_logs_out_with_a_post(agent_client):
    response = agent_client.post(reverse("desk:logout"))
    assert response.status_code == 302
    assert agent_client.get(reverse("desk:inbox")).status_code == 302


def test_it_refuses_a_get(agent_client):
    assert agent_client.get(reverse("desk:logout")).status_code == 405
