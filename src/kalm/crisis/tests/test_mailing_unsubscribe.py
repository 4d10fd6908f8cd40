"""/crisis/unsubscribe/<token>/: a GET asks (mail scanners open links), a POST unsubscribes, and
mail providers' one-click POST (RFC 8058) works without a session or CSRF token."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from kalm.crisis.models import CrisisMailing, CrisisSubscription, PublishChannel
from kalm.crisis.tests.conftest import open_crisis
from kalm.crisis.tests.statements import published, team
from kalm.crisis.tests.test_mailing import subscribers
from kalm.dossier.models import ActorType, EntryKind

C = PublishChannel


@pytest.fixture
def crisis(clock, team_lead):
    return open_crisis(team_lead)


@pytest.fixture
def subscription(crisis, team_lead) -> CrisisSubscription:
    subscribers(crisis, team_lead, 1, "en")
    return CrisisSubscription.objects.get()


def _url(subscription) -> str:
    return f"/crisis/unsubscribe/{subscription.token}/"


def test_a_get_only_asks_to_confirm(client, subscription):
    response = client.get(_url(subscription))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Stop the email updates?" in body and subscription.email in body
    assert 'method="post"' in body and "noindex" in body
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is None


def test_a_post_unsubscribes_skips_what_is_pending_and_writes_the_dossier(
    client, crisis, team_lead, subscription
):
    spokes, legal = team(team_lead)
    published(crisis, spokes, legal, channels=[C.EMAIL_UPDATE])  # pending, not sent (no commit)
    response = client.post(_url(subscription))
    assert response.status_code == 200
    assert "You will not receive more updates" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None
    assert CrisisMailing.objects.get().status == CrisisMailing.Status.SKIPPED
    entry = subscription.case.dossier.get(kind=EntryKind.NOTE, payload__subscription_id__gt=0)
    assert entry.actor_type == ActorType.CONSUMER and crisis.title in entry.summary
    assert entry.payload["one_click"] is False
    # A second click changes nothing and writes nothing.
    client.post(_url(subscription))
    assert subscription.case.dossier.filter(payload__subscription_id__gt=0).count() == 1
    assert "You will not receive more updates" in client.get(_url(subscription)).content.decode()
    # The next version is not mailed to them.
    published(crisis, spokes, legal, channels=[C.EMAIL_UPDATE], what_we_do="Alles terug.")
    assert CrisisMailing.objects.count() == 1


def test_the_one_click_post_needs_no_csrf_token(subscription):
    provider = Client(enforce_csrf_checks=True)
    response = provider.post(_url(subscription), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None
    entry = subscription.case.dossier.get(payload__subscription_id=subscription.pk)
    assert entry.payload["one_click"] is True


def test_an_unknown_link_gets_a_plain_page(client, subscription):
    response = client.get("/crisis/unsubscribe/not-a-token/")
    assert response.status_code == 404
    assert "This link no longer works" in response.content.decode()
    assert client.post("/crisis/unsubscribe/not-a-token/").status_code == 404
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is None


def test_the_link_in_the_email_unsubscribes(
    client, crisis, team_lead, subscription, mailoutbox, django_capture_on_commit_callbacks
):
    spokes, legal = team(team_lead)
    with django_capture_on_commit_callbacks(execute=True):
        published(crisis, spokes, legal, channels=[C.EMAIL_UPDATE])
    (email,) = mailoutbox
    link = re.search(r"https?://\S+/crisis/unsubscribe/\S+/", email.body).group(0)
    path = "/" + link.split("/", 3)[3]
    client.post(path)
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None
    version = published(crisis, spokes, legal, channels=[C.EMAIL_UPDATE], what_we_do="Nieuw.")
    assert version.mailings.count() == 0
