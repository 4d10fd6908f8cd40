from __future__ import annotations

from django.test import Client
from django.urls import reverse

from kalm.cases.models import Message, Status
from kalm.core.testing import UserFactory
from kalm.desk.tests.conftest import assert_refused
from kalm.dossier.models import EntryKind


def _url(case) -> str:
    return reverse("desk:case_reply", args=[case.pk])


def test_it_refuses_anonymous_and_outsiders(client, outsider, case):
    assert_refused(client, "post", _url(case), outsider, {"body": "Hallo"})
    assert not Message.objects.filter(case=case, kind=Message.Kind.OUTBOUND).exists()


def test_it_sends_the_reply_under_the_alias(
    agent_client, case, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = agent_client.post(_url(case), {"body": "Wij zoeken het uit."})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("desk:case", args=[case.pk]))
    message = Message.objects.get(case=case, kind=Message.Kind.OUTBOUND)
    assert message.author_alias == "Eva"
    entry = case.dossier.get(kind=EntryKind.MESSAGE_OUT)
    assert entry.payload["body"] == "Wij zoeken het uit."
    assert entry.public
    case.refresh_from_db()
    assert case.status == Status.OPEN
    assert case.first_responded_at is not None

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["sanne@example.nl"]
    assert "Eva" in mail.from_email and "Eva" in mail.body
    assert "Evelien" not in mail.from_email + mail.body + mail.subject
    assert "Jansen" not in mail.from_email + mail.body + mail.subject


def test_an_empty_reply_is_refused_and_nothing_is_sent(agent_client, case, mailoutbox):
    response = agent_client.post(_url(case), {"body": "   "})
    assert response.status_code == 400
    assert not Message.objects.filter(case=case, kind=Message.Kind.OUTBOUND).exists()
    assert mailoutbox == []


def test_a_refusal_keeps_the_text(client, case):
    nameless = UserFactory(alias=None)
    client.force_login(nameless)
    response = client.post(_url(case), {"body": "Mijn lange antwoord"})
    body = response.content.decode()
    assert "Mijn lange antwoord" in body
    assert "alias" in body.lower()
    assert not Message.objects.filter(case=case, kind=Message.Kind.OUTBOUND).exists()


def test_htmx_gets_the_form_back_with_the_error_and_the_text(client, case):
    nameless = UserFactory(alias=None)
    client.force_login(nameless)
    response = client.post(
        _url(case), {"body": "Mijn lange antwoord"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<form id="form-reply"')
    assert "Mijn lange antwoord" in body
    assert "flash-error" in body


def test_htmx_reloads_the_case_page_after_success(agent_client, case):
    response = agent_client.post(_url(case), {"body": "Klaar"}, headers={"HX-Request": "true"})
    assert response["HX-Refresh"] == "true"
    assert Message.objects.filter(case=case, kind=Message.Kind.OUTBOUND).exists()


def test_it_enforces_csrf(agent, case):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(agent)
    response = csrf_client.post(_url(case), {"body": "Zonder token"})
    assert response.status_code == 403
    assert not Message.objects.filter(case=case, kind=Message.Kind.OUTBOUND).exists()


def test_it_only_accepts_post(agent_client, case):
    assert agent_client.get(_url(case)).status_code == 405
