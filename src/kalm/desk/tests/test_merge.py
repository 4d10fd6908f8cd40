from __future__ import annotations

from django.urls import reverse

from kalm.cases.models import Status
from kalm.core.testing import make_case
from kalm.desk.tests.conftest import assert_refused
from kalm.dossier.models import EntryKind


def _url(case) -> str:
    return reverse("desk:case_merge", args=[case.pk])


def test_it_refuses_anonymous_and_outsiders(client, outsider, case):
    target = make_case()
    assert_refused(client, "post", _url(case), outsider, {"reference": target.reference})
    case.refresh_from_db()
    assert case.merged_into is None


def test_it_merges_into_a_case_by_reference(agent_client, case):
    target = make_case(subject="Origineel")
    response = agent_client.post(_url(case), {"reference": f" {target.reference.lower()} "})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.merged_into == target
    assert case.status == Status.CLOSED
    assert case.dossier.get(kind=EntryKind.MERGED).payload == {"into": target.reference}
    assert target.dossier.get(kind=EntryKind.MERGED).payload == {"from": case.reference}


def test_an_unknown_reference_is_an_error(agent_client, case):
    response = agent_client.post(_url(case), {"reference": "K99-NOPE00"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "K99-NOPE00" in body
    assert "flash-error" in body
    case.refresh_from_db()
    assert case.merged_into is None
    assert not case.dossier.filter(kind=EntryKind.MERGED).exists()


def test_it_cannot_merge_into_itself(agent_client, case):
    response = agent_client.post(_url(case), {"reference": case.reference})
    assert "flash-error" in response.content.decode()
    case.refresh_from_db()
    assert case.merged_into is None
