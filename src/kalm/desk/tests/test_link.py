from __future__ import annotations

from django.urls import reverse

from kalm.cases.models import CaseLink
from kalm.core.testing import make_case
from kalm.desk.tests.conftest import assert_refused
from kalm.dossier.models import EntryKind


def _url(case) -> str:
    return reverse("desk:case_link", args=[case.pk])


def test_it_refuses_anonymous_and_outsiders(client, outsider, case):
    other = make_case()
    assert_refused(client, "post", _url(case), outsider, {"reference": other.reference})
    assert not CaseLink.objects.exists()


def test_it_links_a_case_by_reference(agent_client, case):
    other = make_case(subject="Zelfde partij")
    response = agent_client.post(_url(case), {"reference": other.reference})
    assert response.status_code == 302
    assert CaseLink.objects.count() == 1
    assert case.dossier.get(kind=EntryKind.LINKED).payload == {"other": other.reference}
    assert other.dossier.get(kind=EntryKind.LINKED).payload == {"other": case.reference}
    page = agent_client.get(reverse("desk:case", args=[case.pk])).content.decode()
    assert other.reference in page


def test_an_unknown_reference_is_an_error_and_the_reference_is_kept(agent_client, case):
    response = agent_client.post(
        _url(case), {"reference": "K99-NOPE00"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<form id="form-link"')
    assert 'value="K99-NOPE00"' in body
    assert "flash-error" in body
    assert not CaseLink.objects.exists()


def test_an_empty_reference_is_refused(agent_client, case):
    assert agent_client.post(_url(case), {"reference": ""}).status_code == 400
