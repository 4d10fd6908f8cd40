import importlib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection

from kalm.accounts.models import Role
from kalm.cases.models import Case, Priority
from kalm.core.testing import TeamFactory, UserFactory, make_case, run_together
from kalm.dossier.models import DossierEntry, EntryKind
from kalm.sla.actions import sla_sweep
from kalm.sla.models import CaseSla
from kalm.sla.tasks import sla_sweep_task

AMS = ZoneInfo("Europe/Amsterdam")
WEDNESDAY_10 = datetime(2026, 11, 25, 10, tzinfo=AMS)


def _sla_entries(case, event):
    return DossierEntry.objects.filter(case=case, kind=EntryKind.SLA, payload__event=event)


def test_it_warns_near_a_breach_once(db):
    with time_machine.travel(WEDNESDAY_10, tick=False):
        case = make_case(priority=Priority.NORMAL)
    # 80% of 8 business hours = 6h24m: Wednesday 16:24.
    assert sla_sweep(now=datetime(2026, 11, 25, 16, 23, tzinfo=AMS))["near_breach"] == 0
    assert sla_sweep(now=datetime(2026, 11, 25, 16, 24, tzinfo=AMS))["near_breach"] == 1
    assert sla_sweep(now=datetime(2026, 11, 25, 16, 30, tzinfo=AMS))["near_breach"] == 0
    assert _sla_entries(case, "near_breach").count() == 1
    assert CaseSla.objects.get(case=case).first_response_warned_at is not None


def test_a_breach_is_escalated_once_and_raises_the_priority(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    with time_machine.travel(WEDNESDAY_10, tick=False):
        case = make_case(priority=Priority.NORMAL)
    later = datetime(2026, 11, 26, 10, 1, tzinfo=AMS)
    with django_capture_on_commit_callbacks(execute=True):
        first = sla_sweep(now=later)
        second = sla_sweep(now=later)
    assert first["breach"] == 1 and second["breach"] == 0
    assert _sla_entries(case, "breach").count() == 1
    case.refresh_from_db()
    assert case.priority == Priority.HIGH
    assert DossierEntry.objects.filter(case=case, kind=EntryKind.PRIORITY).count() == 1
    assert mailoutbox == []  # only urgent breaches go to the leads


def test_an_urgent_breach_emails_the_team_leads(db, mailoutbox, django_capture_on_commit_callbacks):
    team = TeamFactory()
    lead = UserFactory(role=Role.LEAD, email="lead@staff.example")
    lead.teams.add(team)
    UserFactory(role=Role.LEAD, email="other-lead@staff.example")
    with time_machine.travel(WEDNESDAY_10, tick=False):
        case = make_case(priority=Priority.URGENT, team=team)
    with (
        time_machine.travel(datetime(2026, 11, 25, 11, 5, tzinfo=AMS), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        sla_sweep_task.call_local()
        sla_sweep_task.call_local()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["lead@staff.example"]
    assert case.reference in mailoutbox[0].subject
    assert _sla_entries(case, "leads_told").count() == 1
    assert Case.objects.get(pk=case.pk).priority == Priority.URGENT


def test_without_team_leads_all_leads_are_told(db, mailoutbox, django_capture_on_commit_callbacks):
    UserFactory(role=Role.LEAD, email="a@staff.example")
    UserFactory(role=Role.LEAD, email="b@staff.example")
    with time_machine.travel(WEDNESDAY_10, tick=False):
        make_case(priority=Priority.URGENT)
    with django_capture_on_commit_callbacks(execute=True):
        sla_sweep(now=datetime(2026, 11, 25, 11, 5, tzinfo=AMS))
    assert sorted(mailoutbox[0].to) == ["a@staff.example", "b@staff.example"]


def test_a_paused_case_is_not_breached(db, agent):
    from kalm.cases.actions import case_transition, message_reply
    from kalm.cases.models import Status

    with time_machine.travel(WEDNESDAY_10, tick=False):
        case = make_case(priority=Priority.URGENT)
        message_reply(case=case, agent=agent, body="Kunt u een foto sturen?")
        case_transition(case=case, to=Status.WAITING_CONSUMER, actor=agent)
    assert sla_sweep(now=WEDNESDAY_10 + timedelta(days=10)) == {"near_breach": 0, "breach": 0}


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_escalate_a_breach_once():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    # Another transactional test may have flushed the default policies: put them back.
    from django.apps import apps

    importlib.import_module("kalm.sla.migrations.0002_default_policies").forwards(apps, None)
    with time_machine.travel(WEDNESDAY_10, tick=False):
        case = make_case(priority=Priority.NORMAL)
    later = datetime(2026, 11, 26, 10, 1, tzinfo=AMS)
    results = []

    def worker():
        results.append(sla_sweep(now=later)["breach"])

    run_together(worker, worker)
    assert sorted(results) == [0, 1]
    assert _sla_entries(case, "breach").count() == 1
    assert Case.objects.get(pk=case.pk).priority == Priority.HIGH


def test_a_stale_breach_is_recorded_but_not_escalated(db):
    """Cases imported with their history (or a worker back after a long outage) must not set
    off a storm of priority bumps and lead emails."""
    from datetime import timedelta

    from django.utils import timezone

    from kalm.cases.models import Priority
    from kalm.core.testing import make_case
    from kalm.sla.actions import sla_sweep
    from kalm.sla.models import CaseSla

    long_ago = timezone.now() - timedelta(days=30)
    case = make_case(created_at=long_ago)
    assert CaseSla.objects.filter(case=case).exists()
    sla_sweep()
    case.refresh_from_db()
    sla = CaseSla.objects.get(case=case)
    assert sla.first_response_breached_at is not None
    assert case.priority == Priority.NORMAL
