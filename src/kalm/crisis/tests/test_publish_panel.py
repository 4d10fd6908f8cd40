"""The consistency panel covers every channel: what each shows per language, email delivery
counts, social per source, and flags for channels behind the newest approved version."""

from __future__ import annotations

import pytest
from django.test import Client

from kalm.crisis.actions import statement_publish
from kalm.crisis.models import PublishChannel
from kalm.crisis.selectors import statement_panel
from kalm.crisis.tests.conftest import open_crisis
from kalm.crisis.tests.statements import approved, published, team
from kalm.crisis.tests.test_mailing import subscribers
from kalm.webhooks.models import WebhookSource
from kalm.webhooks.tests.conftest import SECRET

C = PublishChannel
ALL = [C.PUBLIC_PAGE, C.DESK_MACRO, C.CHAT_ANSWER, C.EMAIL_UPDATE, C.SOCIAL]


@pytest.fixture
def crisis(clock, team_lead):
    return open_crisis(team_lead)


def _row(html: str, channel: str) -> str:
    return html.split(f'data-channel="{channel}"')[1].split("</tr>")[0]


def _room(user, crisis) -> str:
    client = Client()
    client.force_login(user)
    return client.get(f"/desk/crisis/{crisis.pk}/").content.decode()


def test_channels_behind_are_flagged_until_the_newest_version_is_everywhere(
    crisis, team_lead, mailoutbox, django_capture_on_commit_callbacks
):
    subscribers(crisis, team_lead, 2)
    WebhookSource.objects.create(name="Mastodon", slug="mastodon", secret=SECRET)
    spokes, legal = team(team_lead)
    with django_capture_on_commit_callbacks(execute=True):
        published(crisis, spokes, legal, channels=ALL)
    newer = approved(crisis, spokes, legal, what_we_do="Alle batches gaan terug.")
    statement_publish(version=newer, actor=spokes, channels=[C.PUBLIC_PAGE])
    html = _room(spokes, crisis)
    assert "is-behind" not in _row(html, C.PUBLIC_PAGE)
    for channel in (C.DESK_MACRO, C.CHAT_ANSWER, C.EMAIL_UPDATE, C.SOCIAL):
        row = _row(html, channel)
        assert "v1" in row and "behind: v2 is approved" in row, channel
    email = _row(html, C.EMAIL_UPDATE)
    assert 'data-sent="2" data-pending="0" data-failed="0"' in email
    assert "Mastodon" in _row(html, C.SOCIAL)
    with django_capture_on_commit_callbacks(execute=True):
        statement_publish(
            version=newer, actor=spokes, channels=[C.DESK_MACRO, C.CHAT_ANSWER, C.EMAIL_UPDATE]
        )
    html = _room(spokes, crisis)
    assert "behind" in _row(html, C.SOCIAL)
    assert 'data-sent="2" data-pending="0"' in _row(html, C.EMAIL_UPDATE)  # v2, mailed
    assert len(mailoutbox) == 4
    statement_publish(version=newer, actor=spokes, channels=[C.SOCIAL])
    html = _room(spokes, crisis)
    assert "is-behind" not in html and "behind:" not in html
    panel = statement_panel(crisis, spokes)
    assert all(not row.behind for block in panel.blocks for row in block.channels)
    assert {row.shown.number for row in panel.blocks[0].channels} == {2}


def test_pending_mailings_are_counted(crisis, team_lead):
    subscribers(crisis, team_lead, 3)
    spokes, legal = team(team_lead)
    published(crisis, spokes, legal, channels=[C.EMAIL_UPDATE])  # no commit: nothing sent yet
    row = next(
        r for r in statement_panel(crisis, spokes).blocks[0].channels if r.channel == C.EMAIL_UPDATE
    )
    assert [(d.sent, d.pending, d.failed) for d in row.deliveries] == [(0, 3, 0)]


def test_both_languages_have_a_row_per_channel(crisis, team_lead):
    spokes, legal = team(team_lead)
    published(crisis, spokes, legal, channels=ALL)
    published(crisis, spokes, legal, language="en", channels=[C.PUBLIC_PAGE])
    html = _room(spokes, crisis)
    for language in ("nl", "en"):
        for channel in ALL:
            assert f'data-channel="{channel}" data-language="{language}"' in html
    assert (
        f'class="consistency-row is-behind" data-channel="{C.EMAIL_UPDATE}" data-language="en"'
        in html
    )


def test_the_panel_takes_a_fixed_number_of_queries_with_every_channel(
    crisis, team_lead, django_assert_max_num_queries
):
    subscribers(crisis, team_lead, 2)
    WebhookSource.objects.create(name="X", slug="x", secret=SECRET)
    spokes, legal = team(team_lead)
    for _ in range(3):
        published(crisis, spokes, legal, channels=ALL)
    published(crisis, spokes, legal, language="en", channels=ALL)
    with django_assert_max_num_queries(8):
        panel = statement_panel(crisis, spokes)
    assert len(panel.blocks) == 2
