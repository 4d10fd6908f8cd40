from __future__ import annotations

from datetime import timedelta

import pytest

from kalm.core.testing import UserFactory
from kalm.crisis.actions import DEFAULT_LOOKBACK, CrisisActionError, crisis_role_assign
from kalm.crisis.models import CrisisEvent, CrisisStatus, Playbook, Scenario, TeamRole
from kalm.crisis.tests.conftest import NOW, open_crisis


def test_it_ships_a_dutch_and_an_english_playbook_for_every_scenario(db):
    for scenario in Scenario.values:
        for language in ("nl", "en"):
            playbook = Playbook.objects.get(scenario=scenario, language=language, active=True)
            assert 5 <= playbook.steps.count() <= 9, (scenario, language)


def test_it_names_the_authorities_in_the_defaults(db):
    recall = Playbook.objects.get(scenario=Scenario.RECALL, language="nl")
    assert recall.steps.filter(title__contains="NVWA").exists()
    breach = Playbook.objects.get(scenario=Scenario.DATA_BREACH, language="en")
    step = breach.steps.get(title__contains="Autoriteit Persoonsgegevens")
    assert step.offset == timedelta(hours=72) and step.owner_role == TeamRole.LEGAL


def test_it_instantiates_the_playbook_with_due_times_from_the_start(clock, team_lead):
    crisis = open_crisis(team_lead, scenario=Scenario.RECALL, language="en")
    playbook = Playbook.objects.get(scenario=Scenario.RECALL, language="en")
    steps = list(playbook.steps.order_by("position"))
    tasks = list(crisis.tasks.order_by("position"))
    assert [t.title for t in tasks] == [s.title for s in steps]
    assert [t.due_at for t in tasks] == [NOW + s.offset for s in steps]
    assert tasks[0].due_at == NOW + timedelta(hours=1)
    assert all(t.done_at is None for t in tasks)
    assert crisis.status == CrisisStatus.ACTIVE and crisis.owner == team_lead
    assert crisis.window_start == NOW - DEFAULT_LOOKBACK


def test_it_writes_the_opening_on_the_timeline(clock, team_lead, cola):
    crisis = open_crisis(team_lead, products=[cola], batches=[" L2611 ", "l2611", ""])
    assert crisis.batches == ["L2611"]
    kinds = list(crisis.events.values_list("kind", flat=True))
    assert kinds[:2] == [CrisisEvent.Kind.OPENED, CrisisEvent.Kind.PLAYBOOK]
    opened = crisis.events.get(kind=CrisisEvent.Kind.OPENED)
    assert opened.actor == team_lead and opened.payload["products"] == [cola.pk]


def test_it_gives_tasks_to_the_default_role_holders(clock, team_lead, agent):
    crisis_role_assign(actor=team_lead, user=agent, role=TeamRole.SPOKESPERSON)
    crisis = open_crisis(team_lead)
    spokes = crisis.tasks.filter(owner_role=TeamRole.SPOKESPERSON)
    assert spokes.exists() and all(t.owner == agent for t in spokes)
    assert crisis.tasks.filter(owner_role=TeamRole.LEAD, owner=None).exists()


def test_assigning_a_role_later_gives_the_open_unowned_tasks(clock, team_lead):
    crisis = open_crisis(team_lead)
    legal = UserFactory(username="jurist")
    crisis_role_assign(actor=team_lead, user=legal, role=TeamRole.SAFETY, crisis=crisis)
    assert set(crisis.tasks.filter(owner_role=TeamRole.SAFETY).values_list("owner", flat=True)) == {
        legal.pk
    }
    assert crisis.events.filter(kind=CrisisEvent.Kind.ROLE).count() == 1


def test_it_falls_back_to_the_other_language_when_there_is_no_playbook(clock, team_lead):
    Playbook.objects.filter(scenario=Scenario.OUTAGE, language="nl").update(active=False)
    crisis = open_crisis(team_lead, scenario=Scenario.OUTAGE, language="nl")
    english = Playbook.objects.get(scenario=Scenario.OUTAGE, language="en")
    assert crisis.tasks.count() == english.steps.count()


@pytest.mark.parametrize(
    "overrides",
    [{"title": "  "}, {"scenario": "flood"}, {"severity": 5}, {"status": "closed"}],
)
def test_it_refuses_incomplete_input(clock, team_lead, overrides):
    with pytest.raises(CrisisActionError):
        open_crisis(team_lead, **overrides)
