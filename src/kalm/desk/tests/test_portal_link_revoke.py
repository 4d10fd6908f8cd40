from __future__ import annotations

from django.urls import reverse

from kalm.cases.actions import portal_link_create
from kalm.core.testing import make_case
from kalm.desk.tests.conftest import assert_refused


def _url(case) -> str:
    return reverse("desk:case_portal_link_revoke", args=[case.pk])


def test_it_refuses_anonymous_and_outsiders(client, outsider, case):
    link, _token = portal_link_create(case=case)
    assert_refused(client, "post", _url(case), outsider, {"link": link.pk})
    link.refresh_from_db()
    assert link.is_active


def test_it_revokes_a_link(agent_client, case):
    link, _token = portal_link_create(case=case)
    response = agent_client.post(_url(case), {"link": link.pk})
    assert response.status_code == 302
    link.refresh_from_db()
    assert not link.is_active
    assert case.dossier.filter(kind="portal_link", payload__action="revoked").count() == 1


def test_it_will_not_revoke_another_cases_link(agent_client, case):
    other = make_case()
    link, _token = portal_link_create(case=other)
    assert agent_client.post(_url(case), {"link": link.pk}).status_code == 404
    link.refresh_from_db()
    assert link.is_active
