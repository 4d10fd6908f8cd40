from __future__ import annotations

from django.urls import reverse

from kalm.desk.tests.conftest import assert_refused
from kalm.replies.models import ReplyTemplate


def _template():
    return ReplyTemplate.objects.get(language="nl", situation="general")


def _url(template) -> str:
    return reverse("replies:template_edit", args=[template.pk])


def _data(template, **changes):
    data = {
        "name": template.name,
        "situation": template.situation,
        "language": template.language,
        "body": template.body,
        "active": "on",
        "position": template.position,
    }
    data.update(changes)
    return data


def test_it_refuses_anonymous_and_outsiders(client, outsider, db):
    assert_refused(client, "get", _url(_template()), outsider)


def test_an_agent_cannot_edit(agent_client):
    template = _template()
    assert agent_client.get(_url(template)).status_code == 403
    response = agent_client.post(_url(template), _data(template, body="Gewijzigd {alias}"))
    assert response.status_code == 403
    template.refresh_from_db()
    assert template.body != "Gewijzigd {alias}"


def test_a_lead_edits_a_template(lead_client):
    template = _template()
    page = lead_client.get(_url(template)).content.decode()
    assert "{next_step_date}" in page  # the variables are documented beside the form
    response = lead_client.post(
        _url(template), _data(template, body="Dag {consumer_name}", active="")
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("replies:templates")
    template.refresh_from_db()
    assert template.body == "Dag {consumer_name}"
    assert not template.active


def test_an_unknown_variable_is_refused_and_nothing_changes(lead_client, english):
    template = _template()
    response = lead_client.post(_url(template), _data(template, body="Dag {naam}"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Unknown variable: {naam}" in body
    assert "Dag {naam}" in body  # what was typed is kept
    template.refresh_from_db()
    assert template.body != "Dag {naam}"


def test_an_admin_may_edit_too(client, admin_user):
    client.force_login(admin_user)
    assert client.get(_url(_template())).status_code == 200
