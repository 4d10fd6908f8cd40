"""The reply box on the case page: template picker, "Check reply", and sending as before."""

from __future__ import annotations

from django.urls import reverse

from kalm.cases.models import Message
from kalm.core.testing import UserFactory
from kalm.replies.models import ReplyTemplate


def test_the_reply_box_offers_the_suggested_templates_first(agent_client, chat_case):
    body = agent_client.get(reverse("desk:case", args=[chat_case.pk])).content.decode()
    injury = ReplyTemplate.objects.get(situation="injury_first", language="nl")
    picker = body[body.index('id="reply-template-') :]
    first_group = picker[picker.index("<optgroup") :]
    assert first_group.startswith('<optgroup label="')
    first_option = first_group[first_group.index("<option") :]
    assert first_option.startswith(f'<option value="{injury.pk}">{injury.name} (NL)')
    assert reverse("replies:render", args=[chat_case.pk]) in body


def test_the_reply_box_can_check_and_still_send(agent_client, chat_case):
    body = agent_client.get(reverse("desk:case", args=[chat_case.pk])).content.decode()
    form = body[body.index('<form id="form-reply"') :]
    form = form[: form.index("</form>")]
    check_url = reverse("replies:check", args=[chat_case.pk])
    assert f'hx-post="{check_url}"' in form
    assert 'hx-trigger="keyup changed delay:800ms from:#id_reply_body"' in form
    assert f'formaction="{check_url}"' in form
    assert 'type="submit" class="btn btn-primary"' in form  # "Send reply" is never disabled
    assert "disabled" not in form


def test_a_refused_reply_comes_back_with_the_picker(client, chat_case):
    nameless = UserFactory(alias=None)
    client.force_login(nameless)
    response = client.post(
        reverse("desk:case_reply", args=[chat_case.pk]),
        {"body": "Mijn lange antwoord", "template": ""},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<form id="form-reply"')
    assert 'id="reply-template-' in body
    assert not Message.objects.filter(case=chat_case, kind=Message.Kind.OUTBOUND).exists()


def test_the_template_field_does_not_get_in_the_way_of_sending(agent_client, chat_case):
    template = ReplyTemplate.objects.first()
    response = agent_client.post(
        reverse("desk:case_reply", args=[chat_case.pk]),
        {"body": "Beste Sanne, wij bellen u morgen.", "template": template.pk},
    )
    assert response.status_code == 302
    assert Message.objects.filter(case=chat_case, kind=Message.Kind.OUTBOUND).exists()
