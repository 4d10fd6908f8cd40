"""Statements: drafting, four-eyes review, publishing per the protocol, Publication rows and
superseding."""

from __future__ import annotations

import pytest

from kalm.crisis.actions import (
    CrisisActionError,
    StatementRefused,
    statement_approve,
    statement_publish,
    statement_reject,
    statement_submit,
)
from kalm.crisis.models import CrisisEvent, Publication, PublishChannel, StatementVersion, TeamRole
from kalm.crisis.tests.conftest import open_crisis
from kalm.crisis.tests.statements import BOTH, approved, draft, member, published, team

C = PublishChannel
S = StatementVersion.State


@pytest.fixture
def crisis(clock, team_lead):
    return open_crisis(team_lead)


def test_it_numbers_versions_per_language_and_starts_as_draft(crisis, team_lead):
    spokes, _legal = team(team_lead)
    first = draft(crisis, spokes, faq=[{"q": "Kan ik drinken?", "a": "Nee."}, {"q": "", "a": "x"}])
    second = draft(crisis, spokes)
    english = draft(crisis, spokes, language="en")
    assert (first.number, second.number, english.number) == (1, 2, 1)
    assert first.state == S.DRAFT
    assert first.faq == [{"q": "Kan ik drinken?", "a": "Nee."}]
    assert CrisisEvent.objects.filter(crisis=crisis, kind=CrisisEvent.Kind.STATEMENT).count() == 3


def test_it_lets_the_owner_draft_but_not_an_agent_without_a_role(crisis, team_lead, agent):
    assert draft(crisis, team_lead).drafted_by == team_lead  # the owner of the crisis
    with pytest.raises(StatementRefused):
        draft(crisis, agent)


def test_it_needs_all_five_parts(crisis, team_lead):
    spokes, _legal = team(team_lead)
    with pytest.raises(CrisisActionError, match="all five parts"):
        draft(crisis, spokes, what_we_do="  ")


def test_four_eyes_the_drafter_cannot_approve_their_own_statement(crisis, team_lead):
    spokes, _legal = team(team_lead)  # a spokesperson may approve, but not their own text
    version = draft(crisis, spokes)
    statement_submit(version=version, actor=spokes)
    with pytest.raises(StatementRefused, match="second person"):
        statement_approve(version=version, actor=spokes, note="")
    version.refresh_from_db()
    assert version.state == S.SUBMITTED and version.reviewed_by is None


def test_a_second_person_with_the_right_approves_and_it_is_kept(crisis, team_lead):
    spokes, legal = team(team_lead)
    version = approved(crisis, spokes, legal)
    assert version.state == S.APPROVED
    assert version.reviewed_by == legal and version.reviewed_at is not None


def test_an_agent_without_a_role_cannot_approve(crisis, team_lead, agent):
    spokes, _legal = team(team_lead)
    version = draft(crisis, spokes)
    statement_submit(version=version, actor=spokes)
    with pytest.raises(StatementRefused):
        statement_approve(version=version, actor=agent, note="")


def test_only_a_submitted_version_is_reviewed_and_a_rejection_needs_a_reason(crisis, team_lead):
    spokes, legal = team(team_lead)
    version = draft(crisis, spokes)
    with pytest.raises(CrisisActionError, match="submitted"):
        statement_approve(version=version, actor=legal, note="")
    statement_submit(version=version, actor=spokes)
    with pytest.raises(CrisisActionError, match="why"):
        statement_reject(version=version, actor=legal, note=" ")
    rejected = statement_reject(version=version, actor=legal, note="Geen belofte over vrijdag")
    assert rejected.state == S.REJECTED and rejected.review_note == "Geen belofte over vrijdag"
    with pytest.raises(CrisisActionError):
        statement_submit(version=version, actor=spokes)  # a change is a new version


def test_it_publishes_only_approved_versions(crisis, team_lead):
    spokes, _legal = team(team_lead)
    version = draft(crisis, spokes)
    with pytest.raises(CrisisActionError, match="approved"):
        statement_publish(version=version, actor=spokes, channels=BOTH)
    statement_submit(version=version, actor=spokes)
    with pytest.raises(CrisisActionError, match="approved"):
        statement_publish(version=version, actor=spokes, channels=BOTH)
    assert not Publication.objects.exists()


def test_it_refuses_per_channel_naming_the_channel(crisis, team_lead):
    spokes, legal = team(team_lead)
    care = member(team_lead, "care", TeamRole.CUSTOMER_CARE)
    version = approved(crisis, spokes, legal)
    # Customer care publishes the desk macro, not the public page; nothing is half published.
    with pytest.raises(StatementRefused, match="Public crisis page"):
        statement_publish(version=version, actor=care, channels=BOTH)
    assert not Publication.objects.exists()
    statement_publish(version=version, actor=care, channels=[C.DESK_MACRO])
    assert list(Publication.objects.values_list("channel", flat=True)) == [C.DESK_MACRO]
    with pytest.raises(StatementRefused, match="Reply macro"):
        statement_publish(version=version, actor=legal, channels=[C.DESK_MACRO])


def test_the_press_is_not_published_from_kalm(crisis, team_lead):
    spokes, legal = team(team_lead)
    version = approved(crisis, spokes, legal)
    with pytest.raises(CrisisActionError, match="spokesperson hands"):
        statement_publish(version=version, actor=spokes, channels=[C.PRESS])


def test_publishing_writes_publications_and_supersedes_the_previous_version(
    crisis, team_lead, clock
):
    spokes, legal = team(team_lead)
    first = published(crisis, spokes, legal)
    assert first.published_by == spokes and first.published_at is not None
    assert crisis.publications.filter(superseded_at=None, version=first).count() == 2
    clock.shift(3600)
    second = approved(crisis, spokes, legal, what_we_do="Alle batches gaan terug.")
    statement_publish(version=second, actor=spokes, channels=[C.PUBLIC_PAGE])
    current = {p.channel: p.version for p in crisis.publications.filter(superseded_at=None)}
    assert current == {C.PUBLIC_PAGE: second, C.DESK_MACRO: first}
    first.refresh_from_db()
    assert first.state == S.APPROVED  # still shown on the desk macro
    statement_publish(version=second, actor=spokes, channels=BOTH)  # public page already shows it
    first.refresh_from_db()
    assert first.state == S.SUPERSEDED
    replaced = crisis.publications.get(channel=C.PUBLIC_PAGE, version=first)
    assert replaced.superseded_at is not None
    assert crisis.publications.count() == 4  # every publication is kept
    with pytest.raises(CrisisActionError, match="already show"):
        statement_publish(version=second, actor=spokes, channels=BOTH)
    with pytest.raises(CrisisActionError, match="approved"):
        statement_publish(version=first, actor=spokes, channels=BOTH)
    event = crisis.events.filter(kind=CrisisEvent.Kind.PUBLISHED).last()
    assert event.payload["replaced"] == {C.DESK_MACRO: 1}


def test_languages_are_published_side_by_side(crisis, team_lead):
    spokes, legal = team(team_lead)
    dutch = published(crisis, spokes, legal)
    english = published(crisis, spokes, legal, language="en", what_happened="Bottles may burst.")
    current = {(p.channel, p.language): p.version for p in crisis.publications.all()}
    assert current[(C.PUBLIC_PAGE, "nl")] == dutch
    assert current[(C.PUBLIC_PAGE, "en")] == english
    dutch.refresh_from_db()
    assert dutch.state == S.APPROVED


def test_a_role_for_another_crisis_does_not_let_you_publish_here(crisis, team_lead):
    other = open_crisis(team_lead, title="Andere crisis")
    spokes_elsewhere = member(team_lead, "elsewhere", TeamRole.SPOKESPERSON, crisis=other)
    _spokes, legal = team(team_lead)
    version = approved(crisis, team_lead, legal)
    with pytest.raises(StatementRefused):
        statement_publish(version=version, actor=spokes_elsewhere, channels=[C.PUBLIC_PAGE])


def test_the_crisis_gets_a_public_address(crisis):
    assert crisis.slug and crisis.slug.startswith("exploderende-flessen-batch-l2611-")
