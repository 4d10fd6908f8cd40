"""The admin's view of inbound email: list by status, raw download, "Process again"."""

import pytest

from kalm.channels import actions
from kalm.channels.email.ingest import ingest_raw
from kalm.channels.models import InboundEmail
from kalm.channels.tests.mail import corpus

pytestmark = pytest.mark.django_db(transaction=True)

LIST = "/admin/channels/inboundemail/"


def test_it_lists_quarantined_mail_with_the_reason(client, admin_user):
    ingest_raw(corpus("garbage.eml"))
    ingest_raw(corpus("plain_dutch.eml"))
    client.force_login(admin_user)
    response = client.get(LIST, {"status__exact": "quarantined"})
    assert response.status_code == 200
    assert b"no sender address" in response.content
    assert b"Glassplinter" not in response.content


def test_it_lets_an_admin_download_the_raw_message(client, admin_user):
    inbound = ingest_raw(corpus("winmail.eml")).inbound
    client.force_login(admin_user)
    response = client.get(f"{LIST}{inbound.pk}/raw/")
    assert response.status_code == 200
    assert response["Content-Type"] == "message/rfc822"
    assert response.content == corpus("winmail.eml")
    assert client.get(f"{LIST}{inbound.pk}/change/").status_code == 200


def test_it_refuses_agents_and_outsiders(client, agent, outsider):
    inbound = ingest_raw(corpus("plain_dutch.eml")).inbound
    for user in (agent, outsider):
        client.force_login(user)
        assert client.get(f"{LIST}{inbound.pk}/raw/").status_code == 302  # to the admin login
        assert client.get(LIST).status_code == 302


def test_it_processes_quarantined_mail_again(client, admin_user, monkeypatch):
    original = actions.thread_find
    monkeypatch.setattr(actions, "thread_find", lambda parsed: 1 / 0)
    broken = ingest_raw(corpus("plain_dutch.eml")).inbound
    done = ingest_raw(corpus("alternative.eml"))
    monkeypatch.setattr(actions, "thread_find", original)
    assert done.outcome == "quarantined"
    ok = ingest_raw(corpus("rfc2047_subject.eml")).inbound
    client.force_login(admin_user)
    response = client.post(
        LIST,
        {"action": "process_again", "_selected_action": [broken.pk, ok.pk]},
        follow=True,
    )
    assert response.status_code == 200
    broken.refresh_from_db()
    assert broken.status == "processed" and broken.case is not None
    assert broken.case.reference.encode() in response.content
    assert InboundEmail.objects.get(pk=ok.pk).attempts == 1  # processed ones are left alone
    assert InboundEmail.objects.get(pk=done.inbound.pk).status == "quarantined"
