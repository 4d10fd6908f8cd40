"""Admins edit the priority and routing rules in one place; analyses and holds are read-only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kalm.cases.models import Priority
from kalm.empathy.models import RoutingRule
from kalm.empathy.tests.support import EXAMPLES, open_case

pytestmark = pytest.mark.django_db


def test_the_five_default_rules_are_seeded():
    rules = RoutingRule.objects.filter(active=True)
    assert sorted(r.signal for r in rules) == sorted(
        ["injury", "legal", "media", "aggression", "vulnerability"]
    )
    injury = rules.get(signal="injury")
    assert injury.set_priority == Priority.URGENT and injury.team.slug == "product-safety"
    assert (
        rules.get(signal="legal").legal_hold
        and rules.get(signal="legal").team.slug == "claims-legal"
    )
    assert rules.get(signal="media").notify_team.slug == "communications"
    assert "telefonisch" in rules.get(signal="aggression").guidance_nl
    vulnerable = rules.get(signal="vulnerability")
    assert vulnerable.personal_followup_hours and vulnerable.sla_policy is not None
    assert vulnerable.sla_policy.active is False  # only ever chosen by the rule


def test_an_admin_lists_and_edits_a_rule(client, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("admin:empathy_routingrule_changelist")).status_code == 200
    rule = RoutingRule.objects.get(signal="media")
    url = reverse("admin:empathy_routingrule_change", args=[rule.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Media → lead",
            "signal": "media",
            "min_probability": "0.7",
            "order": "30",
            "active": "on",
            "set_priority": "high",
            "team": "",
            "sla_policy": "",
            "personal_followup_hours": "",
            "notify_users": [str(admin_user.pk)],
            "notify_team_leads": "on",
            "notify_team": str(rule.notify_team_id),
            "guidance_nl": "Blijf feitelijk.",
            "guidance_en": "Stay factual.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    rule.refresh_from_db()
    assert rule.min_probability == 0.7 and rule.set_priority == "high"
    assert list(rule.notify_users.all()) == [admin_user]


def test_the_read_only_pages_open(client, admin_user, django_capture_on_commit_callbacks):
    open_case(django_capture_on_commit_callbacks, EXAMPLES["legal"]["nl"])
    client.force_login(admin_user)
    for name in ("messageanalysis", "routingdecision"):
        assert client.get(reverse(f"admin:empathy_{name}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:empathy_{name}_add")).status_code == 403
    assert client.get(reverse("admin:dossier_legalhold_changelist")).status_code == 200


def test_agents_cannot_edit_rules(client, agent):
    client.force_login(agent)
    response = client.get(reverse("admin:empathy_routingrule_changelist"))
    assert response.status_code == 302  # the admin sends non-staff to its login page
