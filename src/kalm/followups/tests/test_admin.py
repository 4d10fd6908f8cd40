from __future__ import annotations

from django.urls import reverse

from kalm.followups.models import AfterCareRule


def test_admins_edit_aftercare_rules(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:followups_aftercarerule_add"),
        {
            "product": "",
            "channel": "email",
            "delay_days": "5",
            "message_nl": "Gaat alles weer goed?",
            "message_en": "Is everything all right now?",
            "active": "on",
        },
    )
    assert response.status_code == 302
    rule = AfterCareRule.objects.get()
    assert rule.channel == "email" and rule.delay_days == 5
    assert client.get(reverse("admin:followups_aftercarerule_changelist")).status_code == 200


def test_followups_are_read_only_in_the_admin(client, admin_user, case):
    client.force_login(admin_user)
    assert client.get(reverse("admin:followups_followup_changelist")).status_code == 200
    assert client.get(reverse("admin:followups_followup_add")).status_code == 403
