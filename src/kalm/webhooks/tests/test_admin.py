"""The admin: sources with a secret shown once, stored deliveries and their re-processing."""

from __future__ import annotations

import pytest

from kalm.cases.models import Message
from kalm.webhooks.models import OutboundWebhook, WebhookDelivery, WebhookSource
from kalm.webhooks.tests.conftest import SECRET, call, dm, post_signed


@pytest.mark.parametrize(
    "url",
    [
        "/admin/webhooks/webhooksource/",
        "/admin/webhooks/webhookdelivery/",
        "/admin/webhooks/outboundwebhook/",
        "/admin/webhooks/webhooksource/add/",
    ],
)
def test_every_list_opens(admin_client, social_source, url):
    post_signed(admin_client, "instagram", raw=b"{broken")
    response = admin_client.get(url)
    assert response.status_code == 200
    assert SECRET not in response.content.decode()


def test_it_shows_a_new_secret_once(admin_client):
    response = admin_client.post(
        "/admin/webhooks/webhooksource/add/",
        {
            "name": "Facebook",
            "slug": "facebook",
            "kind": "social",
            "active": "on",
            "outbound_url": "https://social.example/replies",
            "timestamp_tolerance": "300",
        },
        follow=True,
    )
    source = WebhookSource.objects.get(slug="facebook")
    assert source.secret.startswith("whsec_") and len(source.secret) > 30
    assert source.secret in response.content.decode()
    change = admin_client.get(f"/admin/webhooks/webhooksource/{source.pk}/change/")
    assert source.secret not in change.content.decode()


def test_it_shows_a_rejected_delivery_with_its_raw_body(admin_client, social_source):
    post_signed(admin_client, "instagram", raw=b'{"id": "evt-9", broken')
    delivery = WebhookDelivery.objects.get()
    page = admin_client.get(f"/admin/webhooks/webhookdelivery/{delivery.pk}/change/")
    assert "evt-9" in page.content.decode()
    listing = admin_client.get("/admin/webhooks/webhookdelivery/?status=rejected")
    assert "not valid JSON" in listing.content.decode()


def test_it_reprocesses_a_rejected_delivery_after_a_fix(admin_client, social_source):
    # The phone system was set up on a source of the wrong kind: its call records are refused...
    response = post_signed(admin_client, "instagram", call())
    assert response.status_code == 422
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "rejected" and not Message.objects.exists()
    # ...until an admin corrects the source and re-processes the kept request.
    social_source.kind = WebhookSource.Kind.TELEPHONY
    social_source.save()
    admin_client.post(
        "/admin/webhooks/webhookdelivery/",
        {"action": "reprocess", "_selected_action": [delivery.pk]},
    )
    delivery.refresh_from_db()
    assert delivery.status == "accepted" and delivery.case.channel == "phone"
    assert Message.objects.filter(kind="phone").count() == 1


def test_it_refuses_to_reprocess_a_body_not_signed_with_the_secret(admin_client, social_source):
    post_signed(admin_client, "instagram", dm(), secret="forged")
    delivery = WebhookDelivery.objects.get()
    response = admin_client.post(
        "/admin/webhooks/webhookdelivery/",
        {"action": "reprocess", "_selected_action": [delivery.pk]},
        follow=True,
    )
    delivery.refresh_from_db()
    assert delivery.status == "rejected"
    assert "not signed" in response.content.decode()
    assert not Message.objects.exists()


def test_an_agent_cannot_see_deliveries(client, agent, social_source):
    client.force_login(agent)
    response = client.get("/admin/webhooks/webhookdelivery/")
    assert response.status_code == 302
    assert OutboundWebhook.objects.count() == 0


def test_it_rotates_a_secret_and_shows_the_new_one_once(admin_client, social_source):
    response = admin_client.post(
        "/admin/webhooks/webhooksource/",
        {"action": "rotate_secret", "_selected_action": [social_source.pk]},
        follow=True,
    )
    social_source.refresh_from_db()
    assert social_source.secret != SECRET
    assert social_source.secret in response.content.decode()
    assert post_signed(admin_client, "instagram", dm()).status_code == 401  # old secret
    listing = admin_client.get("/admin/webhooks/webhooksource/")
    assert social_source.secret not in listing.content.decode()
