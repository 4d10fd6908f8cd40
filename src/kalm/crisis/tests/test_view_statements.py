"""The Statements section of the crisis room: drafting, review and publishing through the desk,
the consistency panel, and who is refused."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kalm.crisis.actions import statement_publish
from kalm.crisis.models import Publication, PublishChannel, StatementVersion, TeamRole
from kalm.crisis.selectors import statement_panel
from kalm.crisis.tests.conftest import open_crisis
from kalm.crisis.tests.statements import SECTIONS, approved, draft, member, published, team

C = PublishChannel
S = StatementVersion.State
BOTH_VALUES = [C.PUBLIC_PAGE.value, C.DESK_MACRO.value]


@pytest.fixture
def crisis(clock, team_lead):
    return open_crisis(team_lead)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _room(client: Client, crisis) -> str:
    response = client.get(reverse("crisis:detail", args=[crisis.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_it_refuses_outsiders_on_every_statement_view(crisis, team_lead, outsider):
    spokes, legal = team(team_lead)
    version = approved(crisis, spokes, legal)
    client = _client(outsider)
    urls = [
        reverse("crisis:statement_draft", args=[crisis.pk]),
        reverse("crisis:statement_submit", args=[version.pk]),
        reverse("crisis:statement_review", args=[version.pk]),
        reverse("crisis:statement_publish", args=[version.pk]),
    ]
    for url in urls:
        assert client.post(url, {"channels": BOTH_VALUES, "approve": "1"}).status_code == 403
    assert client.get(reverse("crisis:detail", args=[crisis.pk])).status_code == 403
    assert not Publication.objects.exists()


def test_it_sends_anonymous_people_to_the_login(crisis, client):
    response = client.post(reverse("crisis:statement_draft", args=[crisis.pk]), SECTIONS)
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_full_flow_through_the_room(crisis, team_lead):
    spokes, legal = team(team_lead)
    writer, reviewer = _client(spokes), _client(legal)
    data = {
        "language": "nl",
        **SECTIONS,
        "faq": "Kan ik de fles nog drinken? | Nee, breng hem terug.",
    }
    response = writer.post(reverse("crisis:statement_draft", args=[crisis.pk]), data)
    assert response.status_code == 302 and response["Location"].endswith("#statements")
    version = StatementVersion.objects.get()
    assert version.faq == [{"q": "Kan ik de fles nog drinken?", "a": "Nee, breng hem terug."}]
    writer.post(reverse("crisis:statement_submit", args=[version.pk]))
    # The drafter gets no approve button and the approval is refused.
    assert reverse("crisis:statement_review", args=[version.pk]) not in _room(writer, crisis)
    writer.post(reverse("crisis:statement_review", args=[version.pk]), {"approve": "1"})
    version.refresh_from_db()
    assert version.state == S.SUBMITTED
    assert reverse("crisis:statement_review", args=[version.pk]) in _room(reviewer, crisis)
    reviewer.post(reverse("crisis:statement_review", args=[version.pk]), {"approve": "1"})
    version.refresh_from_db()
    assert version.state == S.APPROVED and version.reviewed_by == legal
    writer.post(reverse("crisis:statement_publish", args=[version.pk]), {"channels": BOTH_VALUES})
    assert Publication.objects.filter(version=version, superseded_at=None).count() == 2


def test_a_bad_faq_line_shows_the_form_again(crisis, team_lead):
    spokes, _legal = team(team_lead)
    data = {"language": "nl", **SECTIONS, "faq": "Een vraag zonder antwoord"}
    response = _client(spokes).post(reverse("crisis:statement_draft", args=[crisis.pk]), data)
    assert response.status_code == 400
    assert "question | answer" in response.content.decode()
    assert not StatementVersion.objects.exists()


def test_an_agent_without_a_role_cannot_draft_approve_or_publish(crisis, team_lead, agent):
    spokes, legal = team(team_lead)
    submitted = draft(crisis, spokes)
    _client(spokes).post(reverse("crisis:statement_submit", args=[submitted.pk]))
    ready = approved(crisis, spokes, legal)
    client = _client(agent)
    html = _room(client, crisis)
    assert "Save draft" not in html
    assert reverse("crisis:statement_review", args=[submitted.pk]) not in html
    assert reverse("crisis:statement_publish", args=[ready.pk]) not in html
    response = client.post(
        reverse("crisis:statement_draft", args=[crisis.pk]), {"language": "nl", **SECTIONS}
    )
    assert response.status_code == 400 and "does not let you draft" in response.content.decode()
    response = client.post(
        reverse("crisis:statement_review", args=[submitted.pk]), {"approve": "1"}, follow=True
    )
    assert "does not let you approve" in response.content.decode()
    response = client.post(
        reverse("crisis:statement_publish", args=[ready.pk]), {"channels": BOTH_VALUES}, follow=True
    )
    assert "does not let you publish on Public crisis page" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.state == S.SUBMITTED
    assert StatementVersion.objects.count() == 2
    assert not Publication.objects.exists()


def test_the_consistency_panel_flags_a_channel_behind(crisis, team_lead):
    spokes, legal = team(team_lead)
    published(crisis, spokes, legal)
    newer = approved(crisis, spokes, legal, what_we_do="Alle batches gaan terug.")
    statement_publish(version=newer, actor=spokes, channels=[C.PUBLIC_PAGE])
    html = _room(_client(spokes), crisis)
    public = html.split('data-channel="public_page"')[1].split("</tr>")[0]
    macro = html.split('data-channel="desk_macro"')[1].split("</tr>")[0]
    assert "v2" in public and "behind" not in public
    assert "v1" in macro and "behind: v2 is approved" in macro
    assert 'class="consistency-row is-behind" data-channel="desk_macro"' in html


def test_the_panel_shows_nothing_behind_before_approval(crisis, team_lead):
    spokes, _legal = team(team_lead)
    draft(crisis, spokes)
    html = _room(_client(spokes), crisis)
    assert "is-behind" not in html
    assert 'data-channel="public_page"' in html


def test_the_panel_answers_the_protocol_like_the_actions(crisis, team_lead, agent):
    spokes, legal = team(team_lead)
    care = member(team_lead, "care", TeamRole.CUSTOMER_CARE)
    draft(crisis, spokes)
    panel = statement_panel(crisis, care)
    assert (panel.may_draft, panel.may_approve, panel.may_publish) == (
        True,
        False,
        [C.DESK_MACRO, C.CHAT_ANSWER, C.EMAIL_UPDATE],
    )
    panel = statement_panel(crisis, legal)
    assert (panel.may_draft, panel.may_approve, panel.may_publish) == (False, True, [])
    panel = statement_panel(crisis, agent)
    assert (panel.may_draft, panel.may_approve, panel.may_publish) == (False, False, [])
    assert statement_panel(crisis, team_lead).may_draft  # the crisis owner


def test_the_statement_section_takes_a_fixed_number_of_queries(
    crisis, team_lead, django_assert_max_num_queries
):
    spokes, legal = team(team_lead)
    for _ in range(3):
        published(crisis, spokes, legal)
    published(crisis, spokes, legal, language="en")
    with django_assert_max_num_queries(6):
        panel = statement_panel(crisis, spokes)
    assert [len(b.versions) for b in panel.blocks] == [1, 3]
