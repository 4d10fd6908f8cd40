from __future__ import annotations

from django.urls import reverse

from kalm.cases.models import PortalLink
from kalm.cases.selectors import portal_link_from_token
from kalm.desk.tests.conftest import assert_refused
from kalm.dossier.models import EntryKind


def _url(case) -> str:
    return reverse("desk:case_portal_link", args=[case.pk])


def test_it_refuses_anonymous_and_outsiders(client, outsider, case):
    assert_refused(client, "post", _url(case), outsider)
    assert not PortalLink.objects.exists()


def test_it_creates_a_link_and_shows_it_once(agent_client, case):
    response = agent_client.post(_url(case))
    assert response.status_code == 200
    url = response.context["new_portal_url"]
    assert url in response.content.decode()
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert portal_link_from_token(token).case == case
    assert case.dossier.filter(kind=EntryKind.PORTAL_LINK).count() == 1
    # The plain page never shows it again: only a hash is stored.
    assert url not in agent_client.get(reverse("desk:case", args=[case.pk])).content.decode()


def test_htmx_gets_the_link_panel(agent_client, case):
    response = agent_client.post(_url(case), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="form-portal_link"')
    assert "/c/" in body
