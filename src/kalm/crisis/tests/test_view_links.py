from __future__ import annotations

import pytest
from django.urls import reverse

from kalm.core.testing import make_case
from kalm.crisis.models import CrisisCase
from kalm.crisis.tests.conftest import open_crisis
from kalm.desk.tests.conftest import assert_refused
from kalm.dossier.models import EntryKind


@pytest.fixture
def crisis(clock, team_lead, cola):
    make_case(product=cola)
    make_case(product=cola, email="b@example.nl")
    make_case(product=cola, email="c@example.nl")
    return open_crisis(team_lead, products=[cola])


def test_it_refuses_anonymous_outsiders_and_agents(client, outsider, agent, crisis):
    link = crisis.links.first()
    url = reverse("crisis:link_decide", args=[link.pk])
    assert_refused(client, "post", url, outsider, {"confirm": "1"})
    bulk = reverse("crisis:links_confirm", args=[crisis.pk])
    client.logout()
    assert_refused(client, "post", bulk, outsider, {"link": [link.pk]})
    client.force_login(agent)
    assert client.post(url, {"confirm": "1"}).status_code == 403
    assert client.post(bulk, {"link": [link.pk]}).status_code == 403
    assert not crisis.links.exclude(state=CrisisCase.State.PROPOSED).exists()


def test_a_lead_confirms_one_and_rejects_one_with_htmx(lead_client, crisis):
    first, second, _third = crisis.links.order_by("id")
    hx = {"HX-Request": "true"}
    lead_client.post(reverse("crisis:link_decide", args=[first.pk]), {"confirm": "1"}, headers=hx)
    response = lead_client.post(
        reverse("crisis:link_decide", args=[second.pk]), {"confirm": "0"}, headers=hx
    )
    assert response.content.decode().startswith('<section id="cases"')
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == (CrisisCase.State.CONFIRMED, CrisisCase.State.REJECTED)
    assert first.case.dossier.filter(kind=EntryKind.LINKED).exists()


def test_bulk_confirm_takes_the_ticked_proposals(lead_client, crisis):
    first, second, third = crisis.links.order_by("id")
    response = lead_client.post(
        reverse("crisis:links_confirm", args=[crisis.pk]), {"link": [first.pk, third.pk]}
    )
    assert response.status_code == 302
    states = dict(crisis.links.values_list("pk", "state"))
    assert states == {
        first.pk: CrisisCase.State.CONFIRMED,
        second.pk: CrisisCase.State.PROPOSED,
        third.pk: CrisisCase.State.CONFIRMED,
    }
