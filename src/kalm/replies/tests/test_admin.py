from __future__ import annotations

from django.urls import reverse

from kalm.replies.forms import ReplyTemplateForm
from kalm.replies.models import ReplyTemplate


def test_the_form_refuses_unknown_variables(db, english):
    form = ReplyTemplateForm(
        data={
            "name": "X",
            "situation": "general",
            "language": "nl",
            "body": "Dag {naam}!",
            "active": "on",
            "position": 1,
        }
    )
    assert not form.is_valid()
    assert "Unknown variable: {naam}" in form.errors["body"][0]


def test_the_admin_edits_templates_with_that_form(client, admin_user, english):
    client.force_login(admin_user)
    template = ReplyTemplate.objects.first()
    url = reverse("admin:replies_replytemplate_change", args=[template.pk])
    assert client.get(reverse("admin:replies_replytemplate_changelist")).status_code == 200
    data = {
        "name": template.name,
        "situation": template.situation,
        "language": template.language,
        "body": "Dag {naam}",
        "active": "on",
        "position": 1,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Unknown variable" in response.content.decode()
    data["body"] = "Dag {consumer_name}"
    assert client.post(url, data).status_code == 302
    template.refresh_from_db()
    assert template.body == "Dag {consumer_name}"
