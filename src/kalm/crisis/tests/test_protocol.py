from __future__ import annotations

import pytest

from kalm.accounts.models import Role
from kalm.core.testing import UserFactory
from kalm.crisis.actions import crisis_role_assign, crisis_role_remove
from kalm.crisis.models import ProtocolRule, PublishChannel, TeamRole
from kalm.crisis.selectors import protocol_allows, protocol_matrix
from kalm.crisis.tests.conftest import open_crisis

C = PublishChannel


def test_the_spokesperson_may_publish_on_the_public_page_and_the_press(db, team_lead, agent):
    crisis_role_assign(actor=team_lead, user=agent, role=TeamRole.SPOKESPERSON)
    assert protocol_allows(agent, C.PUBLIC_PAGE)
    assert protocol_allows(agent, C.PRESS)
    assert not protocol_allows(agent, C.PRESS, "approve")


def test_customer_care_answers_in_chat_but_does_not_speak_to_the_press(db, team_lead, agent):
    crisis_role_assign(actor=team_lead, user=agent, role=TeamRole.CUSTOMER_CARE)
    assert protocol_allows(agent, C.CHAT_ANSWER)
    assert protocol_allows(agent, C.DESK_MACRO, "draft")
    assert not protocol_allows(agent, C.PRESS)
    assert not protocol_allows(agent, C.SOCIAL)
    assert not protocol_allows(agent, C.PUBLIC_PAGE)
    assert not protocol_allows(agent, C.CHAT_ANSWER, "approve")


def test_legal_approves_but_never_publishes(db, team_lead, agent):
    crisis_role_assign(actor=team_lead, user=agent, role=TeamRole.LEGAL)
    for channel in C.values:
        assert not protocol_allows(agent, channel), channel
    assert protocol_allows(agent, C.PUBLIC_PAGE, "approve")


def test_an_admin_without_a_role_may_not_publish(db, admin_user):
    assert not any(protocol_allows(admin_user, channel) for channel in C.values)
    assert not protocol_allows(admin_user, C.PUBLIC_PAGE, "draft")


def test_a_role_for_one_crisis_counts_only_there(clock, team_lead, agent):
    crisis = open_crisis(team_lead)
    other = open_crisis(team_lead, title="Andere crisis")
    crisis_role_assign(actor=team_lead, user=agent, role=TeamRole.SOCIAL, crisis=crisis)
    assert protocol_allows(agent, C.SOCIAL, crisis=crisis)
    assert not protocol_allows(agent, C.SOCIAL, crisis=other)
    assert not protocol_allows(agent, C.SOCIAL)


def test_the_matrix_is_what_counts_and_removing_the_role_ends_it(db, team_lead, agent):
    assignment = crisis_role_assign(actor=team_lead, user=agent, role=TeamRole.SOCIAL)
    assert protocol_allows(agent, C.SOCIAL)
    ProtocolRule.objects.filter(channel=C.SOCIAL, role=TeamRole.SOCIAL).update(may_publish=False)
    assert not protocol_allows(agent, C.SOCIAL)
    assert protocol_allows(agent, C.SOCIAL, "draft")
    crisis_role_remove(actor=team_lead, assignment=assignment)
    assert not protocol_allows(agent, C.SOCIAL, "draft")


def test_people_who_left_the_desk_lose_their_voice(db, team_lead):
    former = UserFactory(username="former")
    crisis_role_assign(actor=team_lead, user=former, role=TeamRole.SPOKESPERSON)
    former.role = Role.NONE
    former.save()
    assert not protocol_allows(former, C.PUBLIC_PAGE)


def test_it_knows_no_other_actions_or_channels(db, team_lead, agent):
    crisis_role_assign(actor=team_lead, user=agent, role=TeamRole.SPOKESPERSON)
    assert not protocol_allows(agent, "fax")
    with pytest.raises(ValueError):
        protocol_allows(agent, C.PUBLIC_PAGE, "delete")


def test_the_matrix_has_a_row_per_channel_with_letters(db):
    rows = {row.channel: dict(row.cells) for row in protocol_matrix()}
    assert set(rows) == set(C.values)
    assert rows[C.PUBLIC_PAGE][TeamRole.SPOKESPERSON] == "DAP"
    assert rows[C.PRESS][TeamRole.SOCIAL] == ""
