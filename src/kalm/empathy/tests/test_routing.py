"""The five default rules of the issue, applied to Dutch and English messages; each rule once
per case, priority only ever raised."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kalm.accounts.models import Role, Team
from kalm.cases.actions import case_assign
from kalm.cases.models import Case, Priority, Status
from kalm.core.testing import UserFactory, make_case
from kalm.dossier.models import EntryKind, LegalHold
from kalm.empathy.actions import analyses_create_many
from kalm.empathy.models import RoutingDecision, RoutingRule
from kalm.empathy.tests.support import CALM, EXAMPLES, LANGUAGES, open_case, receive
from kalm.followups.models import FollowUp
from kalm.sla.models import CaseSla

pytestmark = pytest.mark.django_db


def _routed(case: Case):
    return case.dossier.get(kind=EntryKind.ROUTED)


@pytest.mark.parametrize("language", LANGUAGES)
def test_injury_goes_to_product_safety_at_the_highest_priority(
    language, django_capture_on_commit_callbacks
):
    body = EXAMPLES["injury"][language]
    case = open_case(django_capture_on_commit_callbacks, body, language=language)
    assert case.team.slug == "product-safety"
    assert case.priority == Priority.URGENT
    entry = _routed(case)
    assert entry.public is False
    assert entry.payload["signal"] == "injury"
    assert float(entry.payload["probability"]) >= 0.5
    assert entry.payload["percent"] >= 50
    assert entry.payload["words"] and all(word in body for word in entry.payload["words"])
    assert entry.payload["rule"] in entry.summary
    assert entry.payload["words"][0] in entry.summary
    assert case.dossier.filter(kind=EntryKind.PRIORITY, payload__to="urgent").exists()
    assert RoutingDecision.objects.get(case=case).rule.signal == "injury"


@pytest.mark.parametrize("language", LANGUAGES)
def test_legal_goes_to_claims_with_a_legal_hold(language, django_capture_on_commit_callbacks):
    case = open_case(django_capture_on_commit_callbacks, EXAMPLES["legal"][language])
    assert case.team.slug == "claims-legal"
    hold = LegalHold.objects.get(case=case)
    assert hold.is_active and hold.set_by is None
    assert case.dossier.filter(kind=EntryKind.LEGAL_HOLD, payload__event="set").count() == 1
    assert _routed(case).payload["legal_hold"] is True
    assert case.priority == Priority.NORMAL  # the legal rule moves the case, it does not rush it


@pytest.mark.parametrize("language", LANGUAGES)
def test_media_tells_the_communications_lead(language, django_capture_on_commit_callbacks):
    comms = Team.objects.get(slug="communications")
    lead = UserFactory(username="pers", role=Role.LEAD, email="pers@kalm.example")
    lead.teams.add(comms)
    UserFactory(username="otherlead", role=Role.LEAD, email="other@kalm.example")
    case = open_case(django_capture_on_commit_callbacks, EXAMPLES["media"][language])
    assert [m.to for m in mail.outbox] == [["pers@kalm.example"]]
    assert case.reference in mail.outbox[0].subject
    assert reverse("desk:case", args=[case.pk]) in mail.outbox[0].body
    entry = _routed(case)
    assert [p["email"] for p in entry.payload["notified"]] == ["pers@kalm.example"]
    assert RoutingDecision.objects.get(case=case).notified_at is not None
    assert case.team_id is None  # told, not moved


@pytest.mark.parametrize("language", LANGUAGES)
def test_aggression_shows_the_policy_options_and_de_escalation_guidance(
    language, client, agent, django_capture_on_commit_callbacks
):
    case = open_case(django_capture_on_commit_callbacks, EXAMPLES["aggression"][language])
    assert _routed(case).payload["signal"] == "aggression"
    client.force_login(agent)
    page = client.get(reverse("desk:case", args=[case.pk])).content.decode()
    rule = RoutingRule.objects.get(signal="aggression")
    assert "Bied aan telefonisch verder te gaan." in rule.guidance_nl
    assert "Bied aan telefonisch verder te gaan." in page  # the desk speaks Dutch by default
    assert 'class="guidance guidance-aggression"' in page


def test_the_guidance_follows_the_agents_language(
    english, client, agent, django_capture_on_commit_callbacks
):
    case = open_case(django_capture_on_commit_callbacks, EXAMPLES["aggression"]["nl"])
    client.force_login(agent)
    page = client.get(reverse("desk:case", args=[case.pk])).content.decode()
    assert "Offer to continue by phone." in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_vulnerability_gets_a_gentler_sla_and_a_personal_follow_up(
    language, agent, django_capture_on_commit_callbacks
):
    case = make_case()
    case_assign(case=case, actor=agent, assignee=agent)
    before = timezone.now()
    receive(django_capture_on_commit_callbacks, case, EXAMPLES["vulnerability"][language])
    followup = FollowUp.objects.get(case=case)
    assert followup.owner == agent
    assert followup.status == FollowUp.Status.OPEN
    hours = RoutingRule.objects.get(signal="vulnerability").personal_followup_hours
    assert before + timedelta(hours=hours) <= followup.due_at
    assert followup.due_at <= timezone.now() + timedelta(hours=hours)
    sla = CaseSla.objects.get(case=case)
    gentle = RoutingRule.objects.get(signal="vulnerability").sla_policy
    assert gentle is not None and sla.policy == gentle
    assert sla.first_response_due is not None
    assert case.priority == Priority.NORMAL
    assert _routed(case).payload["sla_policy"] == gentle.name


def test_the_gentle_policy_is_never_picked_by_itself(django_capture_on_commit_callbacks):
    gentle = RoutingRule.objects.get(signal="vulnerability").sla_policy
    case = open_case(django_capture_on_commit_callbacks, CALM["nl"])
    assert CaseSla.objects.get(case=case).policy != gentle


def test_a_rule_acts_once_so_a_manual_move_stands(agent, django_capture_on_commit_callbacks):
    case = open_case(django_capture_on_commit_callbacks, EXAMPLES["injury"]["nl"])
    assert case.team.slug == "product-safety"
    elsewhere = Team.objects.create(name="Klantenservice", slug="klantenservice")
    case_assign(case=case, actor=agent, assignee=agent, team=elsewhere)
    receive(django_capture_on_commit_callbacks, case, EXAMPLES["injury"]["en"])
    case.refresh_from_db()
    assert case.team == elsewhere and case.assignee == agent
    assert RoutingDecision.objects.filter(case=case).count() == 1
    assert case.dossier.filter(kind=EntryKind.ROUTED).count() == 1


def test_priority_is_raised_never_lowered(django_capture_on_commit_callbacks):
    rule = RoutingRule.objects.get(signal="legal")
    rule.set_priority = Priority.HIGH
    rule.save()
    urgent = open_case(
        django_capture_on_commit_callbacks, EXAMPLES["legal"]["nl"], priority=Priority.URGENT
    )
    assert urgent.priority == Priority.URGENT
    assert _routed(urgent).payload["priority"] is None
    low = open_case(
        django_capture_on_commit_callbacks,
        EXAMPLES["legal"]["en"],
        priority=Priority.LOW,
        email="other@example.nl",
    )
    assert low.priority == Priority.HIGH


def test_the_assignee_stays_only_when_in_the_new_team(agent, django_capture_on_commit_callbacks):
    safety = Team.objects.get(slug="product-safety")
    colleague = UserFactory(username="safety-agent")
    colleague.teams.add(safety)
    kept = make_case()
    case_assign(case=kept, actor=agent, assignee=colleague)
    receive(django_capture_on_commit_callbacks, kept, EXAMPLES["injury"]["nl"])
    assert kept.team == safety and kept.assignee == colleague
    dropped = make_case(email="b@example.nl")
    case_assign(case=dropped, actor=agent, assignee=agent)
    receive(django_capture_on_commit_callbacks, dropped, EXAMPLES["injury"]["nl"])
    assert dropped.team == safety and dropped.assignee is None


def test_an_inactive_rule_does_nothing(django_capture_on_commit_callbacks):
    RoutingRule.objects.filter(signal="injury").update(active=False)
    case = open_case(django_capture_on_commit_callbacks, EXAMPLES["injury"]["nl"])
    assert case.team is None and case.priority == Priority.NORMAL
    assert not RoutingDecision.objects.filter(case=case).exists()


def test_a_rule_waits_for_its_minimum_probability(django_capture_on_commit_callbacks):
    RoutingRule.objects.filter(signal="injury").update(min_probability=1.0)
    case = open_case(django_capture_on_commit_callbacks, EXAMPLES["injury"]["en"])
    analysis = case.messages.get().analysis
    assert "injury" in analysis.fired and analysis.signals["injury"] < 1.0
    assert not RoutingDecision.objects.filter(case=case).exists()


def test_history_is_analysed_but_closed_cases_are_not_routed():
    case = make_case(body=EXAMPLES["injury"]["nl"])  # without the after-commit job
    Case.objects.filter(pk=case.pk).update(status=Status.CLOSED)
    [analysis] = analyses_create_many(messages=list(case.messages.all()))
    assert "injury" in analysis.fired
    case.refresh_from_db()
    assert case.team is None
    assert not RoutingDecision.objects.filter(case=case).exists()
