"""Adding a message and/or files at ``/c/<token>/message/``."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext

from kalm.cases.actions import case_transition
from kalm.cases.models import Message, Status
from kalm.portal.forms import FILES_NOT_KEPT
from kalm.portal.tests.conftest import exe_upload, jpeg_upload, status_url


def _url(token: str) -> str:
    return reverse("portal:message", kwargs={"token": token})


def test_it_adds_a_message(client, case, token):
    response = client.post(_url(token), {"body": "Hier is nog een foto van de dop."})
    assert response.status_code == 302
    assert response["Location"] == status_url(token) + "#conversation"
    message = case.messages.order_by("-id").first()
    assert (
        message.kind == Message.Kind.INBOUND and message.body == "Hier is nog een foto van de dop."
    )
    assert "Hier is nog een foto van de dop." in client.get(status_url(token)).content.decode()


def test_it_adds_files_to_the_message(client, case, token):
    client.post(_url(token), {"body": "Foto's", "files": [jpeg_upload("dop.jpg")]})
    evidence = case.evidence.get()
    assert evidence.original_name == "dop.jpg" and evidence.from_consumer
    assert evidence.message == case.messages.order_by("-id").first()


def test_it_adds_files_without_a_message(client, case, token):
    response = client.post(_url(token), {"body": "", "files": [jpeg_upload("alleen.jpg")]})
    assert response.status_code == 302
    assert case.evidence.get().message is None
    assert case.messages.count() == 1  # only the first one


def test_it_reports_a_refused_file_and_keeps_the_rest(client, case, token):
    response = client.post(
        _url(token),
        {"body": "Twee bestanden", "files": [jpeg_upload("goed.jpg"), exe_upload("virus.jpg")]},
        follow=True,
    )
    assert [e.original_name for e in case.evidence.all()] == ["goed.jpg"]
    assert case.messages.filter(body="Twee bestanden").exists()
    body = response.content.decode()
    assert "virus.jpg" in body and "application/x-msdownload" in body


def test_it_refuses_an_empty_message(client, case, token):
    response = client.post(_url(token), {"body": "   "})
    assert response.status_code == 200
    assert gettext("Write a message or attach at least one file.") in response.content.decode()
    assert case.messages.count() == 1


def test_it_keeps_the_text_when_there_are_too_many_files(client, case, token, settings):
    settings.KALM_EVIDENCE_MAX_FILES = 1
    files = [jpeg_upload("a.jpg"), jpeg_upload("b.jpg", colour="blue")]
    response = client.post(_url(token), {"body": "Mijn verhaal", "files": files})
    body = response.content.decode()
    assert "Mijn verhaal" in body and escape(str(FILES_NOT_KEPT)) in body
    assert case.messages.count() == 1 and not case.evidence.exists()


def test_it_reopens_a_resolved_case(client, case, token, agent):
    case_transition(case=case, to=Status.RESOLVED, actor=agent)
    client.post(_url(token), {"body": "Het is toch niet opgelost."})
    case.refresh_from_db()
    assert case.status == Status.REOPENED


def test_it_refuses_a_forged_or_foreign_token(client, case, token, outsider):
    assert client.post(_url(token + "x"), {"body": "Hallo"}).status_code == 404
    client.force_login(outsider)
    assert client.post(_url("12.nope:sig"), {"body": "Hallo"}).status_code == 404
    assert case.messages.count() == 1


def test_it_only_accepts_post(client, token):
    assert client.get(_url(token)).status_code == 405


def test_it_enforces_csrf(case, token):
    client = Client(enforce_csrf_checks=True)
    assert client.post(_url(token), {"body": "Zonder token"}).status_code == 403
    assert case.messages.count() == 1
