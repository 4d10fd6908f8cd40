"""Social media: a short draft per active social source, posted signed to its outbound URL by
the webhooks worker; a source without a URL gets a visibly failed draft."""

from __future__ import annotations

import json

import pytest

from kalm.crisis.actions import statement_publish
from kalm.crisis.models import Crisis, CrisisEvent, Publication, PublishChannel, SocialDraft
from kalm.crisis.selectors import statement_panel
from kalm.crisis.social import LIMIT, social_text
from kalm.crisis.tests.conftest import open_crisis
from kalm.crisis.tests.statements import published, team
from kalm.webhooks.models import OUTBOUND_MAX_ATTEMPTS, OutboundWebhook, WebhookSource
from kalm.webhooks.tests.conftest import SECRET, ReplyReceiver, run_scheduled

C = PublishChannel


@pytest.fixture
def crisis(clock, team_lead):
    return open_crisis(team_lead)


def source(name: str, url: str = "", *, kind: str = "social", active: bool = True):
    return WebhookSource.objects.create(
        name=name, slug=name.lower(), kind=kind, secret=SECRET, outbound_url=url, active=active
    )


def test_it_posts_a_signed_draft_to_every_social_source(
    crisis, team_lead, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://zorg.example"
    source("Telefoon", kind="telephony", url="http://127.0.0.1:9/never")  # not social
    source("Oud", url="http://127.0.0.1:9/never", active=False)
    spokes, legal = team(team_lead)
    with ReplyReceiver([200]) as receiver:
        instagram = source("Instagram", receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            version = published(crisis, spokes, legal, channels=[C.SOCIAL])
    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    assert request["signature_ok"]
    url = f"https://zorg.example/crisis/{crisis.slug}/"
    payload = json.loads(request["body"])
    assert payload == {
        "event": "statement_draft",
        "id": f"kalm-statement-{Publication.objects.get(channel=C.SOCIAL).pk}-instagram",
        "crisis": crisis.title,
        "language": "nl",
        "version": version.number,
        "text": payload["text"],
        "url": url,
    }
    assert payload["text"] == (
        "Flessen uit batch L2611 kunnen barsten. Open de fles niet en breng hem terug. " + url
    )
    draft = SocialDraft.objects.get()
    assert (draft.source, draft.text, draft.crisis) == (instagram, payload["text"], crisis)
    outbound = draft.outbound
    assert (outbound.kind, outbound.case, outbound.message, outbound.status) == (
        "statement",
        None,
        None,
        "sent",
    )
    row = next(
        r for r in statement_panel(crisis, spokes).blocks[0].channels if r.channel == C.SOCIAL
    )
    assert [(d.label, d.sent, d.failed) for d in row.deliveries] == [("Instagram", 1, 0)]


def test_a_source_without_a_url_gets_a_visibly_failed_draft(
    crisis, team_lead, lead_client, django_capture_on_commit_callbacks
):
    source("Facebook")
    spokes, legal = team(team_lead)
    with django_capture_on_commit_callbacks(execute=True):
        published(crisis, spokes, legal, channels=[C.SOCIAL])
    draft = SocialDraft.objects.get()
    assert draft.outbound.status == "failed" and draft.outbound.attempts == 0
    assert "No outbound URL" in draft.outbound.last_error
    event = crisis.events.filter(kind=CrisisEvent.Kind.NOTE).last()
    assert "Facebook" in event.text and event.payload["social_draft_id"] == draft.pk
    html = lead_client.get(f"/desk/crisis/{crisis.pk}/").content.decode()
    social = html.split('data-channel="social"')[1].split("</tr>")[0]
    assert "Facebook" in social and "failed" in social and "No outbound URL" in social


def test_a_draft_that_keeps_failing_goes_on_the_crisis_timeline(
    crisis, team_lead, django_capture_on_commit_callbacks
):
    spokes, legal = team(team_lead)
    with ReplyReceiver([503]) as receiver:
        source("Instagram", receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            published(crisis, spokes, legal, channels=[C.SOCIAL])
        while run_scheduled():
            pass
    outbound = OutboundWebhook.objects.get()
    assert outbound.status == "failed" and outbound.attempts == OUTBOUND_MAX_ATTEMPTS
    event = crisis.events.filter(kind=CrisisEvent.Kind.NOTE).last()
    assert "503" in event.text and event.payload["outbound_webhook_id"] == outbound.pk


def test_no_social_source_means_no_drafts_and_the_panel_says_so(crisis, team_lead, lead_client):
    spokes, legal = team(team_lead)
    published(crisis, spokes, legal, channels=[C.SOCIAL])
    assert not SocialDraft.objects.exists()
    html = lead_client.get(f"/desk/crisis/{crisis.pk}/").content.decode()
    assert "no social source is set up" in html


def test_the_text_fits_in_a_post(crisis, team_lead):
    spokes, legal = team(team_lead)
    url = "https://zorg.example/crisis/" + "x" * 40 + "/"
    long = published(
        crisis,
        spokes,
        legal,
        channels=[C.PUBLIC_PAGE],
        what_happened="Een zin. " + "Heel lang verhaal " * 30,
    )
    text = social_text(long, url)
    assert len(text) <= LIMIT and text.endswith(url)
    assert text.startswith("Een zin. Open de fles niet")  # the long sentence did not fit
    short = published(
        crisis, spokes, legal, channels=[C.PUBLIC_PAGE], what_happened="Eén. Twee. Drie."
    )
    assert social_text(short, url).startswith("Eén. Twee. Drie. Open de fles niet")
    huge = published(
        crisis, spokes, legal, channels=[C.PUBLIC_PAGE], what_happened="woord " * 100 + "."
    )
    text = social_text(huge, url)
    assert len(text) <= LIMIT and "…" in text and text.endswith(url)


def test_an_older_version_published_again_is_a_new_post(
    crisis, team_lead, django_capture_on_commit_callbacks
):
    spokes, legal = team(team_lead)
    with ReplyReceiver([200, 200, 200]) as receiver:
        source("Instagram", receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            first = published(crisis, spokes, legal, channels=[C.PUBLIC_PAGE, C.SOCIAL])
            published(crisis, spokes, legal, channels=[C.SOCIAL], what_we_do="Nieuw.")
            statement_publish(version=first, actor=spokes, channels=[C.SOCIAL])
    assert len(receiver.requests) == 3
    ids = [json.loads(r["body"])["id"] for r in receiver.requests]
    assert len(set(ids)) == 3
    assert SocialDraft.objects.filter(outbound__isnull=False).count() == 3


def test_a_drill_crisis_never_posts_to_the_real_social_tool(
    team_lead, django_capture_on_commit_callbacks
):
    from kalm.drills.models import Drill

    drill = Drill.objects.create(scenario="bottles", title="Oefening", started_by=team_lead)
    crisis = open_crisis(team_lead, title="Oefencrisis")
    Crisis.objects.filter(pk=crisis.pk).update(drill=drill)
    crisis.refresh_from_db()
    spokes, legal = team(team_lead)
    with ReplyReceiver([200]) as receiver:
        source("Instagram", receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            published(crisis, spokes, legal, channels=[C.SOCIAL])
    assert receiver.requests == []
    draft = SocialDraft.objects.get()
    assert draft.outbound is None and "/crisis/" in draft.text
    assert not OutboundWebhook.objects.exists()
