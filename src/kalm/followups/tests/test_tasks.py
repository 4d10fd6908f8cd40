from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail

from kalm.accounts.models import Team
from kalm.cases.actions import case_assign, case_transition
from kalm.cases.models import Channel, Status
from kalm.core.testing import ProductFactory, UserFactory, make_case
from kalm.dossier.models import EntryKind
from kalm.followups.actions import followup_remind
from kalm.followups.models import AfterCareRule, FollowUp
from kalm.followups.tasks import sweep_followups
from kalm.followups.tests.conftest import NOW, make_followup


@pytest.fixture
def sweep(django_capture_on_commit_callbacks):
    """Run the periodic task as the worker does: its emails go out when its transaction commits."""

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return sweep_followups.call_local()

    return run


def _events(case, event):
    return [
        e
        for e in case.dossier.filter(kind=EntryKind.NOTE)
        if e.payload["followup"]["event"] == event
    ]


def test_it_reminds_the_owner_once_even_when_the_task_runs_twice(sweep, wednesday, case, agent):
    followup = make_followup(case, owner=agent, hour=13)
    sweep()
    sweep()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [agent.email]
    assert case.reference in mail.outbox[0].subject
    assert followup.title in mail.outbox[0].body
    followup.refresh_from_db()
    assert followup.reminded_at == NOW and followup.claimed_at == NOW
    assert len(_events(case, "reminded")) == 1


def test_a_second_worker_finds_the_row_claimed(
    wednesday, case, agent, django_capture_on_commit_callbacks
):
    followup = make_followup(case, owner=agent, hour=13)
    with django_capture_on_commit_callbacks(execute=True):
        assert followup_remind(followup_id=followup.pk) is not None
        assert followup_remind(followup_id=followup.pk) is None  # the other worker's update
    assert len(mail.outbox) == 1


def test_it_does_not_remind_before_the_due_time_nor_closed_ones(sweep, wednesday, case, agent):
    make_followup(case, owner=agent, hour=15)  # in an hour
    proposed = make_followup(case, owner=agent, hour=9, status=FollowUp.Status.PROPOSED)
    sweep()
    assert mail.outbox == []
    proposed.refresh_from_db()
    assert proposed.reminded_at is None
    wednesday.shift(timedelta(hours=1, minutes=1))
    sweep()
    assert len(mail.outbox) == 1


def test_without_an_owner_the_case_team_is_reminded(sweep, wednesday, case, agent):
    team = Team.objects.create(name="Productveiligheid", slug="productveiligheid")
    colleague = UserFactory(username="colleague", alias="Noor")
    agent.teams.add(team)
    colleague.teams.add(team)
    case_assign(case=case, actor=agent, team=team)
    make_followup(case, owner=None, hour=13)
    sweep()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([agent.email, colleague.email])


def test_the_reminder_is_written_in_the_owners_language(sweep, wednesday, case, agent):
    agent.preferred_language = "en"
    agent.save()
    make_followup(case, owner=agent, hour=13)
    sweep()
    assert mail.outbox[0].subject.startswith("Follow-up due:")


def _resolve(case, agent):
    case_transition(case=case, to=Status.OPEN, actor=agent)
    case_transition(case=case, to=Status.RESOLVED, actor=agent)
    case.refresh_from_db()
    return case


def test_a_resolved_case_gets_after_care_once(sweep, wednesday, agent):
    AfterCareRule.objects.create(
        delay_days=7, message_nl="Gaat alles weer goed?", message_en="Is everything all right now?"
    )
    case = make_case()
    case_assign(case=case, actor=agent, assignee=agent)
    _resolve(case, agent)
    sweep()
    sweep()
    followup = FollowUp.objects.get(case=case)
    assert followup.source == FollowUp.Source.AFTER_RESOLUTION
    assert followup.owner == agent
    assert followup.message == "Gaat alles weer goed?"
    assert followup.due_at == case.resolved_at + timedelta(days=7)
    assert followup.status == FollowUp.Status.OPEN
    # When it falls due the owner is reminded with the suggested message; nothing goes to the
    # consumer by itself.
    with time_machine.travel(NOW + timedelta(days=7, minutes=1), tick=False):
        sweep()
    assert [m.to for m in mail.outbox] == [[agent.email]]
    assert "Gaat alles weer goed?" in mail.outbox[0].body
    assert not case.messages.filter(kind="outbound").exists()


def test_a_second_resolution_gets_its_own_after_care(sweep, wednesday, agent):
    AfterCareRule.objects.create(delay_days=3, message_nl="Alles goed?", message_en="All good?")
    case = _resolve(make_case(), agent)
    sweep()
    wednesday.shift(timedelta(hours=2))
    case_transition(case=case, to=Status.REOPENED, actor=agent)
    _resolve(case, agent)
    sweep()
    assert FollowUp.objects.filter(case=case).count() == 2


def test_the_most_specific_rule_wins_and_inactive_rules_do_nothing(sweep, wednesday, agent):
    product = ProductFactory()
    AfterCareRule.objects.create(delay_days=7, message_nl="Algemeen", message_en="General")
    AfterCareRule.objects.create(
        product=product, channel=Channel.WEB, delay_days=2, message_nl="Fles", message_en="Bottle"
    )
    AfterCareRule.objects.create(
        product=product, delay_days=1, message_nl="Uit", message_en="Off", active=False
    )
    specific = _resolve(make_case(product=product, language="en"), agent)
    general = _resolve(make_case(email="piet@example.nl", channel=Channel.EMAIL), agent)
    sweep()
    assert FollowUp.objects.get(case=specific).message == "Bottle"
    assert FollowUp.objects.get(case=general).message == "Algemeen"


def test_old_resolutions_and_cases_without_a_rule_get_no_after_care(sweep, wednesday, agent):
    old = make_case()
    with time_machine.travel(NOW - timedelta(days=40), tick=False):
        _resolve(old, agent)
    sweep()  # no rules yet
    assert not FollowUp.objects.exists()
    AfterCareRule.objects.create(delay_days=7, message_nl="Alles goed?", message_en="All good?")
    sweep()
    assert not FollowUp.objects.exists()


def test_the_sweep_needs_few_queries_when_there_is_nothing_to_do(
    sweep, wednesday, db, django_assert_max_num_queries
):
    AfterCareRule.objects.create(delay_days=7, message_nl="Alles goed?", message_en="All good?")
    with django_assert_max_num_queries(3):
        assert sweep() == {"scheduled": 0, "reminded": 0}
