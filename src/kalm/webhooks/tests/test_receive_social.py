"""POST /hooks/<slug>/ with social DMs, posts and comments."""

from __future__ import annotations

from kalm.cases.actions import case_transition
from kalm.cases.models import Case, Message, Status
from kalm.consumers.models import ContactIdentity
from kalm.dossier.models import EntryKind, Evidence
from kalm.webhooks.models import WebhookConversation, WebhookDelivery
from kalm.webhooks.tests.conftest import dm, png_base64, post_signed


def test_it_opens_a_social_case_with_a_social_identity(client, social_source, agent):
    response = post_signed(client, "instagram", dm())
    case = Case.objects.get(reference=response.json()["case"])
    assert case.channel == "social"
    assert case.consumer.name == "Sanne de Vries"
    identity = ContactIdentity.objects.get(consumer=case.consumer)
    assert (identity.kind, identity.value) == ("social", "instagram:@sanne")
    message = case.messages.get()
    assert (message.kind, message.channel) == ("inbound", "social")
    assert "glas" in message.body
    entry = case.dossier.get(kind=EntryKind.MESSAGE_IN)
    assert entry.payload["webhook"]["event_id"] == "evt-1"
    assert WebhookConversation.objects.get().case == case


def test_it_puts_the_second_dm_of_a_conversation_on_the_same_case(client, social_source):
    first = post_signed(client, "instagram", dm())
    second = post_signed(client, "instagram", dm(id="evt-2", text="Hallo? Nog nieuws?"))
    assert second.status_code == 200
    assert second.json()["case"] == first.json()["case"]
    case = Case.objects.get()
    assert case.messages.count() == 2
    assert WebhookConversation.objects.get().last_event_id == "evt-2"


def test_it_opens_a_new_case_when_the_conversation_case_is_closed(client, social_source, agent):
    first = post_signed(client, "instagram", dm())
    case = Case.objects.get(reference=first.json()["case"])
    for status in (Status.OPEN, Status.RESOLVED, Status.CLOSED):
        case_transition(case=case, to=status, actor=agent)
    second = post_signed(client, "instagram", dm(id="evt-2"))
    assert second.json()["case"] != case.reference
    new = Case.objects.get(reference=second.json()["case"])
    assert new.consumer == case.consumer  # same identity, same person
    assert WebhookConversation.objects.get().case == new


def test_it_threads_a_comment_without_conversation_by_author(client, social_source):
    post_signed(client, "instagram", dm(type="comment", conversation_id=None))
    post_signed(client, "instagram", dm(id="evt-2", type="post", conversation_id=None))
    assert Case.objects.count() == 1
    assert Message.objects.count() == 2


def test_it_turns_base64_attachments_into_evidence(client, social_source):
    payload = dm(
        text="Foto van de pot",
        attachments=[
            {"filename": "pot.png", "content_base64": png_base64(), "content_type": "image/png"},
            {"filename": "video.mp4", "url": "https://cdn.example/v/1.mp4"},
        ],
    )
    response = post_signed(client, "instagram", payload)
    assert response.status_code == 200, response.content
    evidence = Evidence.objects.get()
    assert evidence.original_name == "pot.png" and evidence.from_consumer
    assert evidence.content_type == "image/png"
    message = Message.objects.get()
    assert evidence.message == message
    assert "https://cdn.example/v/1.mp4" in message.body  # recorded as a link, not fetched


def test_it_keeps_the_message_when_an_attachment_is_refused(client, social_source):
    import base64

    payload = dm(
        attachments=[{"filename": "x.exe", "content_base64": base64.b64encode(b"MZ" * 50).decode()}]
    )
    response = post_signed(client, "instagram", payload)
    assert response.status_code == 200
    assert not Evidence.objects.exists()
    assert Message.objects.count() == 1
    assert "attachment refused" in WebhookDelivery.objects.get().reason
    assert Case.objects.get().dossier.filter(kind=EntryKind.EVIDENCE_REFUSED).exists()


def test_it_rejects_invalid_base64(client, social_source):
    payload = dm(attachments=[{"filename": "a.png", "content_base64": "not base64!!"}])
    response = post_signed(client, "instagram", payload)
    assert response.status_code == 422
    assert response.json()["problems"] == ["attachments[0].content_base64: not valid base64"]
    assert not Case.objects.exists()


def test_it_gives_new_cases_to_the_sources_team(client, social_source):
    from kalm.core.testing import TeamFactory

    social_source.team = TeamFactory(name="Social", slug="social")
    social_source.save()
    response = post_signed(client, "instagram", dm())
    assert Case.objects.get(reference=response.json()["case"]).team == social_source.team
