from __future__ import annotations

from django.urls import reverse

from kalm.desk.tests.conftest import assert_refused
from kalm.replies.models import ReplyTemplate

URL = "/desk/replies/templates/"


def test_the_url():
    assert reverse("replies:templates") == URL


def test_it_refuses_anonymous_and_outsiders(client, outsider):
    assert_refused(client, "get", URL, outsider)


def test_an_agent_reads_the_active_templates_without_edit_links(agent_client):
    ReplyTemplate.objects.create(name="Verborgen sjabloon", language="nl", body="x", active=False)
    body = agent_client.get(URL).content.decode()
    assert "Letsel: eerste reactie" in body and "Injury: first reply" in body
    assert "Verborgen sjabloon" not in body
    assert reverse("replies:template_new") not in body
    shown = ReplyTemplate.objects.filter(active=True).first()
    assert reverse("replies:template_edit", args=[shown.pk]) not in body


def test_a_lead_sees_every_template_with_edit_links(lead_client):
    hidden = ReplyTemplate.objects.create(
        name="Verborgen sjabloon", language="nl", body="x", active=False
    )
    body = lead_client.get(URL).content.decode()
    assert "Verborgen sjabloon" in body
    assert reverse("replies:template_edit", args=[hidden.pk]) in body
    assert reverse("replies:template_new") in body


def test_it_reads_in_a_fixed_number_of_queries(agent_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        agent_client.get(URL)
