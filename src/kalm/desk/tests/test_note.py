from __future__ import annotations

from django.urls import reverse

from kalm.cases.models import Message
from kalm.desk.tests.conftest import assert_refused
from kalm.dossier.models import EntryKind


def _url(case) -> str:
    return reverse("desk:case_note", args=[case.pk])


def test_it_refuses_anonymous_and_outsiders(client, outsider, case):
    assert_refused(client, "post", _url(case), outsider, {"body": "Notitie"})
    assert not case.dossier.filter(kind=EntryKind.NOTE).exists()


def test_it_adds_an_internal_note(agent_client, case, mailoutbox):
    response = agent_client.post(_url(case), {"body": "Batch 42 controleren"})
    assert response.status_code == 302
    entry = case.dossier.get(kind=EntryKind.NOTE)
    assert entry.payload["body"] == "Batch 42 controleren"
    assert not entry.public
    assert Message.objects.get(case=case, kind=Message.Kind.NOTE).body == "Batch 42 controleren"
    assert mailoutbox == []


def test_an_empty_note_is_refused_with_the_composer_on_the_note_tab(agent_client, case):
    response = agent_client.post(_url(case), {"body": ""})
    assert response.status_code == 400
    assert response.context["composer"] == "note"
    assert not case.dossier.filter(kind=EntryKind.NOTE).exists()
