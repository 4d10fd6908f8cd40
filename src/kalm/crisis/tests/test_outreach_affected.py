"""Affected consumers of a crisis: who counts, what is known of them, the CSV, and subscribing
those who asked to be kept informed."""

from __future__ import annotations

import csv
import io

import pytest

from kalm.cases.models import ExpectationOption
from kalm.core.testing import make_case
from kalm.crisis.actions import crisis_case_decide, crisis_status_set
from kalm.crisis.mailing import subscription_ensure
from kalm.crisis.models import CrisisEvent, CrisisStatus, CrisisSubscription
from kalm.crisis.outreach import (
    CrisisActionError,
    affected_consumers,
    affected_csv,
    affected_subscribe_informed,
    csv_cell,
)
from kalm.crisis.tests.conftest import open_crisis
from kalm.drills.models import Drill


def informed():
    return ExpectationOption.objects.get(code="informed")


def _by_email(rows):
    return {row.consumer.email: row for row in rows}


def test_it_groups_cases_per_consumer_with_their_state(clock, team_lead, cola):
    first = make_case(product=cola, email="sanne@example.nl")
    second = make_case(product=cola, email="sanne@example.nl", subject="Nog een fles")
    other = make_case(product=cola, email="piet@example.nl", name="Piet", phone="0612345678")
    crisis = open_crisis(team_lead, products=[cola])
    crisis_case_decide(link=crisis.links.get(case=first), actor=team_lead, confirm=True)
    rows = _by_email(affected_consumers(crisis))
    assert set(rows) == {"sanne@example.nl", "piet@example.nl"}
    sanne = rows["sanne@example.nl"]
    assert [item.case for item in sanne.cases] == [second, first]  # newest first
    assert {item.case.pk: item.state for item in sanne.cases} == {
        first.pk: "confirmed",
        second.pk: "proposed",
    }
    assert sanne.has_email and not sanne.has_phone
    assert rows["piet@example.nl"].has_phone
    assert rows["piet@example.nl"].cases[0].case == other


def test_it_adds_cases_that_fit_the_scope_after_the_crisis_opened(clock, team_lead, cola):
    crisis = open_crisis(team_lead, products=[cola], batches=["L2611"])
    clock.shift(3600)
    late = make_case(product=cola, batch_number="l 2611", email="laat@example.nl")
    no_batch = make_case(product=cola, email="geen@example.nl")
    other_batch = make_case(product=cola, batch_number="L9999", email="ander@example.nl")
    batch_only = make_case(batch_number="L2611", email="batch@example.nl")
    rows = _by_email(affected_consumers(crisis))
    assert set(rows) == {"laat@example.nl", "geen@example.nl", "batch@example.nl"}
    assert rows["laat@example.nl"].cases[0].state == "scope"
    assert "L2611" in rows["batch@example.nl"].cases[0].reason
    assert not crisis.links.filter(case__in=[late, no_batch, other_batch, batch_only]).exists()


def test_it_leaves_out_rejected_cases_and_other_products(clock, team_lead, cola, lemonade):
    rejected = make_case(product=cola, email="nee@example.nl")
    make_case(product=lemonade, email="limo@example.nl")
    crisis = open_crisis(team_lead, products=[cola])
    crisis_case_decide(link=crisis.links.get(case=rejected), actor=team_lead, confirm=False)
    assert affected_consumers(crisis) == []


def test_a_drill_crisis_only_sees_its_own_drill_cases(clock, team_lead, cola):
    drill = Drill.objects.create(scenario="recall", title="Oefening", started_by=team_lead)
    real = make_case(product=cola, email="echt@example.nl")
    rehearsal = make_case(product=cola, email="oefen@example.nl")
    type(rehearsal).objects.filter(pk=rehearsal.pk).update(drill=drill)
    crisis = open_crisis(team_lead, products=[cola], drill=drill)
    assert {row.consumer.email for row in affected_consumers(crisis)} == {"oefen@example.nl"}
    real_crisis = open_crisis(team_lead, products=[cola], title="Echte crisis")
    assert {row.consumer.email for row in affected_consumers(real_crisis)} == {"echt@example.nl"}
    assert real.pk != rehearsal.pk


def test_it_knows_who_asked_to_be_kept_informed_and_their_subscription(clock, team_lead, cola):
    asked = make_case(product=cola, email="ja@example.nl", expectations=[informed()])
    make_case(product=cola, email="nee@example.nl")
    gone = make_case(product=cola, email="weg@example.nl", expectations=[informed()])
    crisis = open_crisis(team_lead, products=[cola])
    subscription = subscription_ensure(
        crisis=crisis, consumer=gone.consumer, source=CrisisSubscription.Source.AGENT
    )
    subscription.unsubscribed_at = subscription.created_at
    subscription.save()
    rows = _by_email(affected_consumers(crisis))
    assert rows["ja@example.nl"].asked_informed and rows["ja@example.nl"].may_subscribe
    assert rows["ja@example.nl"].newest_informed_case == asked
    assert not rows["nee@example.nl"].asked_informed
    assert rows["weg@example.nl"].subscription_state == "unsubscribed"
    assert not rows["weg@example.nl"].may_subscribe
    assert rows["nee@example.nl"].subscription_state == "none"


def test_it_reads_in_a_fixed_number_of_queries(
    clock, team_lead, cola, django_assert_max_num_queries
):
    for i in range(12):
        make_case(product=cola, email=f"c{i}@example.nl", expectations=[informed()])
    crisis = open_crisis(team_lead, products=[cola])
    with django_assert_max_num_queries(5):
        rows = affected_consumers(crisis)
        assert len(rows) == 12 and all(row.asked_informed for row in rows)


def test_subscribing_the_informed_is_idempotent_and_on_the_timeline(clock, team_lead, cola):
    asked = make_case(product=cola, email="ja@example.nl", expectations=[informed()])
    make_case(product=cola, email="nee@example.nl")
    make_case(product=cola, email="", phone="0612345678", expectations=[informed()])
    crisis = open_crisis(team_lead, products=[cola])
    created = affected_subscribe_informed(crisis=crisis, actor=team_lead)
    assert [(s.consumer_id, s.case_id, s.source) for s in created] == [
        (asked.consumer_id, asked.pk, CrisisSubscription.Source.CASE)
    ]
    assert created[0].email == "ja@example.nl" and created[0].language == "nl"
    event = crisis.events.get(kind=CrisisEvent.Kind.NOTE)
    assert event.actor == team_lead and event.payload["subscription_ids"] == [created[0].pk]
    assert affected_subscribe_informed(crisis=crisis, actor=team_lead) == []
    assert CrisisSubscription.objects.filter(crisis=crisis).count() == 1
    assert crisis.events.filter(kind=CrisisEvent.Kind.NOTE).count() == 1


def test_it_does_not_resubscribe_someone_who_unsubscribed(clock, team_lead, cola):
    gone = make_case(product=cola, email="weg@example.nl", expectations=[informed()])
    crisis = open_crisis(team_lead, products=[cola])
    subscription = subscription_ensure(
        crisis=crisis, consumer=gone.consumer, source=CrisisSubscription.Source.CASE, case=gone
    )
    subscription.unsubscribed_at = subscription.created_at
    subscription.save()
    assert affected_subscribe_informed(crisis=crisis, actor=team_lead) == []
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None


def test_a_closed_crisis_subscribes_nobody(clock, team_lead, cola):
    make_case(product=cola, email="ja@example.nl", expectations=[informed()])
    crisis = open_crisis(team_lead, products=[cola])
    crisis_status_set(crisis=crisis, actor=team_lead, status=CrisisStatus.CLOSED)
    with pytest.raises(CrisisActionError):
        affected_subscribe_informed(crisis=crisis, actor=team_lead)
    assert not CrisisSubscription.objects.exists()


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+31 6 1234", "'+31 6 1234"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("Sanne", "Sanne"),
        ("", ""),
        (None, ""),
    ],
)
def test_csv_cells_cannot_start_a_formula(value, safe):
    assert csv_cell(value) == safe


def test_the_csv_lists_each_consumer_once_and_safely(clock, team_lead, cola):
    make_case(product=cola, name="=cmd|' /C calc'!A0", email="a@example.nl", phone="+31612345678")
    make_case(product=cola, name="=cmd|' /C calc'!A0", email="a@example.nl", subject="Twee")
    make_case(product=cola, name="Piet", email="piet@example.nl", expectations=[informed()])
    crisis = open_crisis(team_lead, products=[cola])
    rows = list(csv.reader(io.StringIO(affected_csv(affected_consumers(crisis)))))
    assert rows[0][:3] == ["Name", "Email", "Phone"]
    assert len(rows) == 3
    by_email = {row[1]: row for row in rows[1:]}
    hostile = by_email["a@example.nl"]
    assert hostile[0] == "'=cmd|' /C calc'!A0" and hostile[2] == "'+31612345678"
    assert len(hostile[6].split()) == 2
    assert by_email["piet@example.nl"][4] == "yes"
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)
