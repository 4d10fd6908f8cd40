"""The inbox builds its rows and filter selects in Python (kalm.desk.templatetags.desk_tags) for
speed: these hold that markup to the templates and widgets it stands in for, so that a change
there shows up here."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.template import Context, Template

from kalm.cases.actions import case_transition, message_reply
from kalm.cases.models import Case, Priority, Status
from kalm.core.testing import TeamFactory, make_case
from kalm.desk.forms import InboxFilterForm
from kalm.desk.selectors import desk_agents, desk_teams
from kalm.desk.templatetags.desk_tags import (
    filter_checkboxes,
    filter_select,
    signal_chips_html,
    sla_timer_html,
)
from kalm.sla.selectors import sla_prefetch

AMS = ZoneInfo("Europe/Amsterdam")
WEDNESDAY_10 = datetime(2026, 11, 25, 10, tzinfo=AMS)
SLA_TEMPLATE = Template("{% load sla %}{% sla_timer case cases %}")
CHIPS_TEMPLATE = Template("{% load empathy_tags %}{% signal_chips pairs small=True %}")


def _as_the_template_renders(case) -> str:
    return SLA_TEMPLATE.render(Context({"case": case, "cases": [case]})).strip()


@pytest.mark.parametrize(
    ("moment", "state"),
    [
        (datetime(2026, 11, 25, 10, 20, tzinfo=AMS), "ok"),
        (datetime(2026, 11, 25, 16, 30, tzinfo=AMS), "breached"),
    ],
)
def test_the_row_timer_is_what_the_sla_template_renders(db, english, moment, state):
    with time_machine.travel(WEDNESDAY_10, tick=False):
        case = make_case(priority=Priority.URGENT)
    with time_machine.travel(moment, tick=False):
        expected = _as_the_template_renders(case)
        sla_prefetch([case])
        assert sla_timer_html(case) == expected
    assert f'data-state="{state}"' in expected


def test_a_paused_row_timer_is_what_the_sla_template_renders(db, agent, english):
    with time_machine.travel(WEDNESDAY_10, tick=False):
        case = make_case(priority=Priority.NORMAL)
        message_reply(case=case, agent=agent, body="Kunt u een foto sturen?")
        case_transition(case=case, to=Status.WAITING_CONSUMER, actor=agent)
    case.refresh_from_db()
    with time_machine.travel(datetime(2026, 11, 26, 10, tzinfo=AMS), tick=False):
        expected = _as_the_template_renders(case)
        sla_prefetch([case])
        assert sla_timer_html(case) == expected
    assert 'data-state="paused"' in expected


def test_a_closed_case_has_no_row_timer(db):
    case = make_case()
    Case.objects.filter(pk=case.pk).update(status=Status.CLOSED)
    case.refresh_from_db()
    sla_prefetch([case])
    assert sla_timer_html(case) == "" == _as_the_template_renders(case)


@pytest.mark.parametrize(
    "pairs",
    [[], [("injury", 0.91)], [("legal", 0.5), ("aggression", 0.734), ("unknown", 0.2)]],
)
def test_the_row_chips_are_what_the_chips_template_renders(english, pairs):
    expected = CHIPS_TEMPLATE.render(Context({"pairs": pairs})).strip()
    assert signal_chips_html(pairs) == expected


def _normalised(html: str) -> str:
    return " ".join(html.replace(">", "> ").replace("<", " <").split())


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"team": "TEAM", "assignee": "me", "priority": "urgent", "channel": "phone"},
        {"team": "nonsense", "assignee": "nobody", "lane": "crisis", "status": ["new", "x"]},
        {"status": ["all"], "assignee": "AGENT"},
    ],
)
def test_the_filter_widgets_are_what_django_renders(db, agent, english, data):
    team = TeamFactory(name="Bestellingen & betalingen")
    TeamFactory(name="Apparaten")
    data = {
        key: str(team.pk) if value == "TEAM" else str(agent.pk) if value == "AGENT" else value
        for key, value in data.items()
    }
    form = InboxFilterForm(data, agents=list(desk_agents()), teams=list(desk_teams()))
    form.is_valid()
    for name in ("priority", "team", "assignee", "channel", "lane"):
        assert _normalised(filter_select(form[name])) == _normalised(str(form[name]))
    as_django = "\n".join(
        f'<label class="check">{choice.tag()} {choice.choice_label}</label>'
        for choice in form["status"]
    )
    assert _normalised(filter_checkboxes(form["status"])) == _normalised(as_django)
