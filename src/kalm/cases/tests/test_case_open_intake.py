"""What case_open costs the request and leaves for the worker: one write of the case row, the
first two dossier entries in one append, one job for the worker (analysis and topic), and the
SLA's due time in the row from the start."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kalm.cases.actions import case_open
from kalm.cases.models import Case, Channel, Message, Priority
from kalm.dossier.models import EntryKind
from kalm.dossier.selectors import dossier_verify_case
from kalm.empathy.models import MessageAnalysis
from kalm.empathy.tests.support import EXAMPLES
from kalm.sla.models import BusinessCalendar, CaseSla, SlaPolicy

pytestmark = pytest.mark.django_db


def _open(**overrides):
    params = {
        "name": "Sanne de Vries",
        "email": "sanne@example.nl",
        "subject": "Waterkoker",
        "body": EXAMPLES["injury"]["nl"],
        "channel": Channel.API,
    }
    return case_open(**{**params, **overrides})


def test_it_queues_one_job_that_analyses_the_message(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        case = _open()
    assert len(callbacks) == 1
    assert not MessageAnalysis.objects.filter(case=case).exists()  # nothing before the commit
    callbacks[0]()  # the queue runs jobs at once in the tests
    analysis = MessageAnalysis.objects.get(case=case)
    assert "injury" in analysis.fired


def test_a_phone_intake_queues_only_the_topic(agent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        case = _open(channel=Channel.PHONE, opened_by=agent, body="Consument belde: kapot.")
    assert len(callbacks) == 1
    assert case.messages.get().kind == Message.Kind.PHONE
    callbacks[0]()
    assert not MessageAnalysis.objects.filter(case=case).exists()


def test_the_row_is_written_once_and_the_chain_head_once():
    _open(email="warm@example.nl")  # the first case loads what later ones reuse
    with CaptureQueriesContext(connection) as captured:
        case = _open(email="other@example.nl")
    updates = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("UPDATE")]
    # The only update of the case is the dossier's new head after the two first entries.
    assert len(updates) == 1 and "dossier_head" in updates[0]
    row = Case.objects.get(pk=case.pk)
    assert case.reference in row.search_document and "waterkoker" in row.search_document
    assert row.dossier_length == 2
    assert dossier_verify_case(row) is None
    assert list(row.dossier.order_by("seq").values_list("kind", flat=True)) == [
        EntryKind.CASE_OPENED,
        EntryKind.MESSAGE_IN,
    ]


def test_an_sla_policy_sets_the_due_time_in_the_row():
    SlaPolicy.objects.filter(active=True).update(active=False)
    policy = SlaPolicy.objects.create(
        name="API urgent",
        priority=Priority.URGENT,
        channel=Channel.API,
        calendar=BusinessCalendar.objects.get(name="Office hours NL"),
        first_response=timedelta(hours=1),
        next_response=timedelta(hours=4),
        resolution=timedelta(hours=8),
    )
    case = _open(priority=Priority.URGENT)
    sla = CaseSla.objects.get(case=case)
    assert sla.policy == policy
    assert Case.objects.get(pk=case.pk).first_response_due_at == sla.first_response_due
    assert sla.first_response_due is not None
