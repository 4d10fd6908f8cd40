"""The desk's outreach views: the room's section, the affected page, its CSV, and subscribing
the consumers who asked to be kept informed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kalm.cases.models import ExpectationOption
from kalm.core.testing import make_case
from kalm.crisis.models import CrisisSubscription
from kalm.crisis.tests.conftest import open_crisis
from kalm.crisis.tests.statements import published, team
from kalm.desk.tests.conftest import assert_refused
from kalm.drills.models import Drill


@pytest.fixture
def crisis(clock, team_lead, cola):
    make_case(
        product=cola,
        name="Sanne de Vries",
        email="sanne@example.nl",
        expectations=[ExpectationOption.objects.get(code="informed")],
    )
    make_case(product=cola, name="Piet Bakker", email="piet@example.nl")
    return open_crisis(team_lead, products=[cola])


@pytest.mark.parametrize(
    ("method", "name"),
    [
        ("get", "crisis:outreach"),
        ("get", "crisis:affected"),
        ("get", "crisis:affected_csv"),
        ("post", "crisis:affected_subscribe"),
    ],
)
def test_it_refuses_anonymous_and_outsiders(crisis, client, outsider, method, name):
    assert_refused(client, method, reverse(name, args=[crisis.pk]), outsider)


def test_the_room_loads_the_section_after_the_page(crisis, agent_client):
    body = agent_client.get(reverse("crisis:detail", args=[crisis.pk])).content.decode()
    assert f'hx-get="{reverse("crisis:outreach", args=[crisis.pk])}"' in body
    assert reverse("crisis:affected", args=[crisis.pk]) in body


def test_the_section_shows_counts_rows_and_the_contact_route(crisis, agent_client):
    response = agent_client.get(reverse("crisis:outreach", args=[crisis.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="outreach"')
    assert "2 affected consumers" in body and "1 asked to be kept informed" in body
    assert "Sanne de Vries" in body and "Piet Bakker" in body
    assert reverse("crisis:affected_csv", args=[crisis.pk]) in body
    assert f"+{crisis.contact_tag}@" in body
    # Nothing is on the public page yet, so the form does not take messages.
    assert reverse("portal:crisis_contact", args=[crisis.slug]) not in body
    assert "Opens with the first statement on the public page." in body
    # An agent sees, a lead subscribes.
    assert reverse("crisis:affected_subscribe", args=[crisis.pk]) not in body


def test_a_lead_gets_the_subscribe_button(crisis, lead_client):
    body = lead_client.get(reverse("crisis:outreach", args=[crisis.pk])).content.decode()
    assert reverse("crisis:affected_subscribe", args=[crisis.pk]) in body
    assert "Subscribe 1 who asked to be kept informed" in body


def test_the_full_page_lists_everyone(crisis, agent_client, cola):
    for i in range(10):
        make_case(product=cola, name=f"Consument {i}", email=f"c{i}@example.nl")
    panel = agent_client.get(reverse("crisis:outreach", args=[crisis.pk])).content.decode()
    assert panel.count('class="affected-row"') == 8
    response = agent_client.get(reverse("crisis:affected", args=[crisis.pk]))
    assert response.status_code == 200
    assert response.content.decode().count('class="affected-row"') == 12


def test_the_csv_is_a_download(crisis, agent_client):
    response = agent_client.get(reverse("crisis:affected_csv", args=[crisis.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="crisis-{crisis.pk}-affected.csv"'
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffName,Email")
    assert "sanne@example.nl" in text and "piet@example.nl" in text


def test_an_agent_cannot_subscribe(crisis, agent_client):
    response = agent_client.post(reverse("crisis:affected_subscribe", args=[crisis.pk]))
    assert response.status_code == 403
    assert not CrisisSubscription.objects.exists()


def test_a_lead_subscribes_the_informed_and_returns_to_the_room(crisis, lead_client):
    url = reverse("crisis:affected_subscribe", args=[crisis.pk])
    response = lead_client.post(url, {"back": "room"})
    assert response.status_code == 302
    assert response["Location"] == reverse("crisis:detail", args=[crisis.pk]) + "#outreach"
    assert list(CrisisSubscription.objects.values_list("email", flat=True)) == ["sanne@example.nl"]
    response = lead_client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("crisis:affected", args=[crisis.pk])
    assert "0 consumers subscribed" in response.content.decode()
    assert CrisisSubscription.objects.count() == 1


def test_the_section_links_the_form_once_published(crisis, agent_client, team_lead):
    spokes, legal = team(team_lead)
    published(crisis, spokes, legal)
    body = agent_client.get(reverse("crisis:outreach", args=[crisis.pk])).content.decode()
    assert reverse("portal:crisis_contact", args=[crisis.slug]) in body


def test_a_drill_crisis_has_no_contact_route(crisis, agent_client, team_lead):
    drill = Drill.objects.create(scenario="recall", title="Oefening", started_by=team_lead)
    type(crisis).objects.filter(pk=crisis.pk).update(drill=drill)
    body = agent_client.get(reverse("crisis:outreach", args=[crisis.pk])).content.decode()
    assert "A drill has no public contact route." in body
    assert f"+{crisis.contact_tag}@" not in body
