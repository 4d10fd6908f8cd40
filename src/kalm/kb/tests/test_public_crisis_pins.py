"""During a crisis the help centre pins its "what you can do now" and FAQ on top: only for an
open, real crisis (not a drill) with a statement published on the public crisis page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kalm.crisis.actions import crisis_status_set
from kalm.crisis.models import CrisisStatus, PublishChannel
from kalm.crisis.tests.conftest import open_crisis
from kalm.crisis.tests.statements import approved, published, team
from kalm.drills.models import Drill

FAQ = [{"q": "Kan ik de fles nog drinken?", "a": "Nee, breng hem terug."}]


@pytest.fixture
def crisis(team_lead):
    return open_crisis(team_lead)


@pytest.fixture
def crew(team_lead):
    return team(team_lead)


def _index(client) -> str:
    response = client.get(reverse("help:index"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_published_faq_is_pinned_with_a_link_to_the_crisis_page(client, crisis, crew):
    published(crisis, *crew, channels=[PublishChannel.PUBLIC_PAGE], faq=FAQ)
    html = _index(client)
    assert 'class="card crisis-pin"' in html
    assert crisis.title in html
    assert "Open de fles niet en breng hem terug." in html  # what you can do now
    assert "Kan ik de fles nog drinken?" in html and "Nee, breng hem terug." in html
    assert reverse("portal:crisis", args=[crisis.slug]) in html
    # The pin comes before the categories.
    assert html.index("crisis-pin") < html.index("<footer")


def test_nothing_is_pinned_before_the_public_page_has_a_statement(client, crisis, crew):
    approved(crisis, *crew, faq=FAQ)  # approved is not published
    published(crisis, *crew, channels=[PublishChannel.DESK_MACRO], faq=FAQ)  # nor the desk's
    html = _index(client)
    assert "crisis-pin" not in html
    assert "Kan ik de fles nog drinken?" not in html


def test_a_closed_crisis_is_no_longer_pinned(client, crisis, crew, team_lead):
    published(crisis, *crew, channels=[PublishChannel.PUBLIC_PAGE], faq=FAQ)
    crisis_status_set(crisis=crisis, actor=team_lead, status=CrisisStatus.CLOSED, note="Klaar")
    assert "crisis-pin" not in _index(client)


def test_a_crisis_still_monitored_stays_pinned(client, crisis, crew, team_lead):
    published(crisis, *crew, channels=[PublishChannel.PUBLIC_PAGE], faq=FAQ)
    crisis_status_set(crisis=crisis, actor=team_lead, status=CrisisStatus.MONITORING)
    assert "crisis-pin" in _index(client)


def test_a_drill_crisis_is_never_pinned(client, crisis, crew, team_lead):
    published(crisis, *crew, channels=[PublishChannel.PUBLIC_PAGE], faq=FAQ)
    drill = Drill.objects.create(scenario="recall", title="Oefening", started_by=team_lead)
    type(crisis).objects.filter(pk=crisis.pk).update(drill=drill)
    assert "crisis-pin" not in _index(client)


def test_the_english_statement_is_pinned_for_english_visitors(client, crisis, crew, english):
    published(crisis, *crew, channels=[PublishChannel.PUBLIC_PAGE], faq=FAQ)
    published(
        crisis,
        *crew,
        language="en",
        channels=[PublishChannel.PUBLIC_PAGE],
        what_you_can_do="Do not open the bottle.",
        faq=[{"q": "Can I still drink it?", "a": "No, bring it back."}],
    )
    html = _index(client)
    assert "Do not open the bottle." in html and "Can I still drink it?" in html
    assert "Kan ik de fles nog drinken?" not in html
    assert 'class="card crisis-pin" lang="en"' in html
