"""Setting and releasing a legal hold from the case page: leads and admins only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kalm.dossier.models import EntryKind, LegalHold
from kalm.empathy.actions import EmpathyActionError, legal_hold_release, legal_hold_set
from kalm.empathy.tests.support import EXAMPLES, open_case

pytestmark = pytest.mark.django_db


def _set(case) -> str:
    return reverse("empathy:legal_hold_set", args=[case.pk])


def _release(case) -> str:
    return reverse("empathy:legal_hold_release", args=[case.pk])


def test_a_lead_sets_and_releases_a_legal_hold(english, client, team_lead, case):
    client.force_login(team_lead)
    response = client.post(
        _set(case), {"reason": "Advocaat meldt claim"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    hold = LegalHold.objects.get(case=case)
    assert hold.is_active and hold.set_by == team_lead and hold.reason == "Advocaat meldt claim"
    assert "badge-legal-hold" in response.content.decode()
    page = client.get(reverse("desk:case", args=[case.pk])).content.decode()
    assert '<span class="badge badge-legal-hold">Legal hold</span>' in page
    assert _release(case) in page

    client.post(_release(case))
    hold.refresh_from_db()
    assert hold.released_by == team_lead and hold.released_at is not None
    events = list(
        case.dossier.filter(kind=EntryKind.LEGAL_HOLD).values_list("payload__event", flat=True)
    )
    assert events == ["set", "released"]


def test_an_agent_sees_the_badge_but_cannot_release(
    client, agent, django_capture_on_commit_callbacks
):
    case = open_case(django_capture_on_commit_callbacks, EXAMPLES["legal"]["nl"])
    client.force_login(agent)
    page = client.get(reverse("desk:case", args=[case.pk])).content.decode()
    assert "badge-legal-hold" in page
    assert _release(case) not in page
    assert client.post(_release(case)).status_code == 403
    assert client.post(_set(case), {"reason": "x"}).status_code == 403
    assert LegalHold.objects.get(case=case).is_active


def test_it_refuses_outsiders(client, outsider, case):
    for url in (_set(case), _release(case)):
        assert client.post(url, {"reason": "x"}).status_code == 302
    client.force_login(outsider)
    for url in (_set(case), _release(case)):
        assert client.post(url, {"reason": "x"}).status_code == 403
    assert not LegalHold.objects.exists()


def test_a_reason_is_needed(english, client, team_lead, case):
    client.force_login(team_lead)
    response = client.post(_set(case), {"reason": " "}, headers={"HX-Request": "true"})
    assert "Say why the dossier is put on legal hold." in response.content.decode()
    assert not LegalHold.objects.exists()


def test_one_hold_at_a_time(team_lead, case):
    legal_hold_set(case=case, reason="Claim", actor=team_lead)
    with pytest.raises(EmpathyActionError):
        legal_hold_set(case=case, reason="Nog een", actor=team_lead)
    legal_hold_release(case=case, actor=team_lead)
    with pytest.raises(EmpathyActionError):
        legal_hold_release(case=case, actor=team_lead)
    legal_hold_set(case=case, reason="Opnieuw", actor=team_lead)
    assert LegalHold.objects.filter(case=case).count() == 2
