from __future__ import annotations

from datetime import datetime

import pytest

from kalm.cases.actions import message_reply, note_add
from kalm.core.testing import UserFactory
from kalm.dossier.models import EntryKind
from kalm.followups import actions
from kalm.followups.models import FollowUp
from kalm.followups.tests.conftest import AMS, make_followup

State = FollowUp.Status


def _followup_entries(case):
    return [e.payload["followup"] for e in case.dossier.filter(kind=EntryKind.NOTE)]


def test_a_reply_with_a_promise_proposes_a_followup(wednesday, case, agent):
    message = message_reply(
        case=case,
        agent=agent,
        body="Beste Sanne, wat vervelend. Wij bellen u donderdag. Met vriendelijke groet, Eva",
    )
    followup = FollowUp.objects.get(case=case)
    assert followup.status == State.PROPOSED
    assert followup.source == FollowUp.Source.COMMITMENT
    assert followup.source_message == message
    assert followup.title == "Wij bellen u donderdag."
    assert followup.source_phrase == "donderdag"
    assert followup.due_at == datetime(2026, 11, 26, 9, 0, tzinfo=AMS)
    assert followup.owner == agent
    assert _followup_entries(case)[-1]["event"] == "proposed"


def test_an_english_reply_on_a_dutch_case_is_understood(wednesday, case, agent):
    message_reply(case=case, agent=agent, body="You will hear from us within 5 working days.")
    assert FollowUp.objects.get(case=case).due_at == datetime(2026, 12, 2, 9, 0, tzinfo=AMS)


def test_a_reply_without_a_promise_proposes_nothing(wednesday, case, agent):
    message_reply(case=case, agent=agent, body="Bel ons gerust als u nog vragen heeft.")
    note_add(case=case, agent=agent, body="We bellen haar donderdag.")  # notes are not replies
    assert not FollowUp.objects.exists()


def test_confirming_opens_it_and_dismissing_cancels_it(wednesday, case, agent):
    message_reply(case=case, agent=agent, body="Wij bellen u donderdag. U hoort morgen van ons.")
    first, second = FollowUp.objects.order_by("due_at")
    actions.followup_confirm(followup=second, actor=agent)
    actions.followup_dismiss(followup=first, actor=agent)
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.status == State.OPEN
    assert first.status == State.CANCELLED and first.done_by == agent
    events = [p["event"] for p in _followup_entries(case)]
    assert events[-2:] == ["confirmed", "dismissed"]


def test_it_refuses_moves_the_table_does_not_allow(wednesday, case, agent):
    followup = make_followup(case)
    with pytest.raises(actions.FollowUpActionError):
        actions.followup_dismiss(followup=followup, actor=agent)  # only proposals are dismissed
    actions.followup_complete(followup=followup, actor=agent)
    with pytest.raises(actions.FollowUpActionError):
        actions.followup_complete(followup=followup, actor=agent)
    with pytest.raises(actions.FollowUpActionError):
        actions.followup_reschedule(
            followup=followup, actor=agent, due_at=datetime(2026, 12, 1, tzinfo=AMS)
        )


def test_it_refuses_an_owner_without_desk_access(wednesday, case, outsider):
    with pytest.raises(actions.FollowUpActionError):
        make_followup(case, owner=outsider)
    with pytest.raises(actions.FollowUpActionError):
        make_followup(case, title="  ")
    assert not FollowUp.objects.exists()


def test_rescheduling_arms_the_reminder_again(wednesday, case, agent):
    followup = make_followup(case, owner=agent)
    assert actions.followup_remind(followup_id=followup.pk) is not None
    later = datetime(2026, 11, 27, 10, 0, tzinfo=AMS)
    actions.followup_reschedule(followup=followup, actor=agent, due_at=later)
    followup.refresh_from_db()
    assert followup.due_at == later
    assert followup.reminded_at is None and followup.claimed_at is None
    assert _followup_entries(case)[-1]["event"] == "rescheduled"


def test_cancel_records_who_and_when(wednesday, case, agent):
    lead = UserFactory(username="lead2", alias="Lead2")
    followup = make_followup(case, owner=agent)
    actions.followup_cancel(followup=followup, actor=lead)
    followup.refresh_from_db()
    assert followup.status == State.CANCELLED
    assert followup.done_by == lead and followup.done_at is not None
