"""The public crisis page: published text only, in the consumer's language, with history."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from kalm.crisis.actions import statement_publish
from kalm.crisis.models import PublishChannel
from kalm.crisis.tests.conftest import open_crisis
from kalm.crisis.tests.statements import approved, draft, published, team

C = PublishChannel
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def clock():
    with time_machine.travel(datetime(2026, 11, 25, 14, 0, tzinfo=AMS), tick=False) as traveller:
        yield traveller


@pytest.fixture
def crisis(clock, team_lead):
    return open_crisis(team_lead)


def _url(crisis) -> str:
    return reverse("portal:crisis", args=[crisis.slug])


def test_it_is_not_found_before_anything_is_published(crisis, team_lead, client):
    spokes, legal = team(team_lead)
    assert client.get(_url(crisis)).status_code == 404
    approved(crisis, spokes, legal)  # approved is not published
    published(crisis, spokes, legal, channels=[C.DESK_MACRO])  # nor is the desk macro
    assert client.get(_url(crisis)).status_code == 404
    assert client.get(reverse("portal:crisis", args=["no-such-crisis"])).status_code == 404


def test_it_shows_the_published_version_in_dutch_without_login(crisis, team_lead, client):
    spokes, legal = team(team_lead)
    published(
        crisis,
        spokes,
        legal,
        channels=[C.PUBLIC_PAGE],
        faq=[{"q": "Kan ik de fles nog drinken?", "a": "Nee, breng hem terug."}],
    )
    response = client.get(_url(crisis))
    assert response.status_code == 200
    html = response.content.decode()
    assert crisis.title in html
    for text in ("Flessen uit batch L2611 kunnen barsten.", "Bel 0800-1234, dag en nacht."):
        assert text in html
    assert "Kan ik de fles nog drinken?" in html and "Nee, breng hem terug." in html
    assert 'datetime="2026-11-25T14:00:00+01:00"' in html
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_it_is_found_by_its_slug_only_never_by_number(crisis, team_lead, client):
    spokes, legal = team(team_lead)
    published(crisis, spokes, legal, channels=[C.PUBLIC_PAGE])
    assert client.get(reverse("portal:crisis", args=[str(crisis.pk)])).status_code == 404


def test_a_drills_page_is_for_the_desk_only_and_says_so(crisis, team_lead, client):
    from kalm.crisis.models import Crisis
    from kalm.drills.models import Drill

    drill = Drill.objects.create(scenario="bottles", title="Oefening", started_by=team_lead)
    Crisis.objects.filter(pk=crisis.pk).update(drill=drill)
    spokes, legal = team(team_lead)
    published(crisis, spokes, legal, channels=[C.PUBLIC_PAGE])
    assert client.get(_url(crisis)).status_code == 404
    client.force_login(spokes)
    response = client.get(_url(crisis))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="drill-banner"' in html and 'content="noindex, nofollow"' in html


def test_it_shows_the_newest_version_and_the_update_history(crisis, team_lead, client, clock):
    spokes, legal = team(team_lead)
    published(crisis, spokes, legal, channels=[C.PUBLIC_PAGE])
    clock.shift(2 * 3600)
    published(crisis, spokes, legal, channels=[C.PUBLIC_PAGE], what_we_do="Alle batches terug.")
    html = client.get(_url(crisis)).content.decode()
    assert "Alle batches terug." in html
    assert "We halen batch L2611 uit de winkels." not in html
    history = html.split('class="crisis-history"')[1]
    assert history.count("<li") == 2
    assert history.index("16:00") < history.index("14:00")  # newest first
    assert 'class="last-updated" datetime="2026-11-25T16:00:00+01:00"' in html


def test_it_never_shows_a_draft_or_an_unpublished_approval(crisis, team_lead, client):
    spokes, legal = team(team_lead)
    published(crisis, spokes, legal, channels=[C.PUBLIC_PAGE])
    draft(crisis, spokes, what_happened="GEHEIM CONCEPT")
    waiting = approved(crisis, spokes, legal, what_happened="NOG NIET VRIJGEGEVEN")
    html = client.get(_url(crisis)).content.decode()
    assert "GEHEIM CONCEPT" not in html and "NOG NIET VRIJGEGEVEN" not in html
    statement_publish(version=waiting, actor=spokes, channels=[C.PUBLIC_PAGE])
    assert "NOG NIET VRIJGEGEVEN" in client.get(_url(crisis)).content.decode()


def test_it_follows_the_language_the_consumer_chose(crisis, team_lead, client):
    spokes, legal = team(team_lead)
    published(crisis, spokes, legal, channels=[C.PUBLIC_PAGE])
    published(
        crisis,
        spokes,
        legal,
        language="en",
        channels=[C.PUBLIC_PAGE],
        what_happened="Bottles of batch L2611 may burst.",
    )
    assert "Flessen uit batch L2611" in client.get(_url(crisis)).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(_url(crisis)).content.decode()
    assert "Bottles of batch L2611 may burst." in html
    assert "What happened" in html
