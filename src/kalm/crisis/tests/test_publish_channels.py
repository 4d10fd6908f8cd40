"""Publishing one approved version on every channel at once: all or nothing, per the protocol,
with the email and social work queued on commit."""

from __future__ import annotations

import pytest

from kalm.crisis.actions import CrisisActionError, StatementRefused, statement_publish
from kalm.crisis.models import CrisisMailing, Publication, PublishChannel, SocialDraft, TeamRole
from kalm.crisis.selectors import STATEMENT_CHANNELS
from kalm.crisis.tests.conftest import open_crisis
from kalm.crisis.tests.statements import approved, member, team
from kalm.crisis.tests.test_mailing import subscribers
from kalm.webhooks.models import OutboundWebhook, WebhookSource
from kalm.webhooks.tests.conftest import SECRET, ReplyReceiver

C = PublishChannel
ALL = [C.PUBLIC_PAGE, C.DESK_MACRO, C.CHAT_ANSWER, C.EMAIL_UPDATE, C.SOCIAL]


@pytest.fixture
def crisis(clock, team_lead):
    return open_crisis(team_lead)


def test_every_channel_but_the_press_can_be_published():
    assert set(STATEMENT_CHANNELS) == set(ALL)


def test_it_publishes_on_all_channels_at_once_and_sends_after_commit(
    crisis, team_lead, mailoutbox, django_capture_on_commit_callbacks
):
    subscribers(crisis, team_lead, 2)
    spokes, legal = team(team_lead)
    version = approved(crisis, spokes, legal)
    with ReplyReceiver([200]) as receiver:
        WebhookSource.objects.create(
            name="Instagram", slug="instagram", secret=SECRET, outbound_url=receiver.url
        )
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            statement_publish(version=version, actor=spokes, channels=ALL)
        # Everything is written, nothing has gone out before the commit.
        current = Publication.objects.filter(superseded_at=None, version=version)
        assert sorted(current.values_list("channel", flat=True)) == sorted(ALL)
        assert CrisisMailing.objects.filter(status="pending").count() == 2
        assert SocialDraft.objects.count() == 1
        assert not mailoutbox and not receiver.requests
        for callback in callbacks:
            callback()
        assert len(receiver.requests) == 1
    assert len(mailoutbox) == 2
    assert OutboundWebhook.objects.get().status == "sent"


def test_one_refused_channel_publishes_nothing(crisis, team_lead):
    subscribers(crisis, team_lead, 1)
    WebhookSource.objects.create(name="X", slug="x", secret=SECRET)
    spokes, legal = team(team_lead)
    care = member(team_lead, "care", TeamRole.CUSTOMER_CARE)
    version = approved(crisis, spokes, legal)
    # Customer care may publish the first three; the refusal on social undoes them all.
    channels = [C.DESK_MACRO, C.CHAT_ANSWER, C.EMAIL_UPDATE, C.SOCIAL]
    with pytest.raises(StatementRefused, match="Social media"):
        statement_publish(version=version, actor=care, channels=channels)
    assert not Publication.objects.exists()
    assert not CrisisMailing.objects.exists()
    assert not SocialDraft.objects.exists() and not OutboundWebhook.objects.exists()


# The default protocol (crisis migration 0002): who publishes where.
ALLOWED = {
    TeamRole.SPOKESPERSON: set(ALL),
    TeamRole.CUSTOMER_CARE: {C.DESK_MACRO, C.CHAT_ANSWER, C.EMAIL_UPDATE},
    TeamRole.SOCIAL: {C.SOCIAL},
    TeamRole.LEAD: {C.DESK_MACRO},
    TeamRole.LEGAL: set(),
}


@pytest.mark.parametrize("role", list(ALLOWED))
@pytest.mark.parametrize("channel", ALL)
def test_the_protocol_decides_per_channel(crisis, team_lead, role, channel):
    spokes, legal = team(team_lead)
    person = member(team_lead, f"p-{role}", role) if role != TeamRole.SPOKESPERSON else spokes
    version = approved(crisis, spokes, legal)
    if channel in ALLOWED[role]:
        statement_publish(version=version, actor=person, channels=[channel])
        assert Publication.objects.filter(channel=channel, version=version).exists()
    else:
        with pytest.raises(StatementRefused, match=str(PublishChannel(channel).label)):
            statement_publish(version=version, actor=person, channels=[channel])
        assert not Publication.objects.exists()


def test_the_press_is_refused_with_the_reason(crisis, team_lead):
    spokes, legal = team(team_lead)
    version = approved(crisis, spokes, legal)
    with pytest.raises(CrisisActionError, match="spokesperson hands the approved statement"):
        statement_publish(version=version, actor=spokes, channels=[C.PUBLIC_PAGE, C.PRESS])
    with pytest.raises(CrisisActionError, match="Unknown channel"):
        statement_publish(version=version, actor=spokes, channels=["fax"])
    assert not Publication.objects.exists()
