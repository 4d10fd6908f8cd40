"""Recording a case's expectations on the desk: the box (``case_expectations_box``) and the
save (``case_expectations``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext

from kalm.cases.models import Channel, ExpectationOption
from kalm.core.testing import make_case
from kalm.desk.tests.conftest import assert_refused
from kalm.dossier.models import EntryKind

HTMX = {"HX-Request": "true"}


def _box(case) -> str:
    return reverse("desk:case_expectations_box", args=[case.pk])


def _url(case) -> str:
    return reverse("desk:case_expectations", args=[case.pk])


def _email_case():
    return make_case(channel=Channel.EMAIL, body="De fles ontplofte. Ik wil mijn geld terug!")


def test_it_refuses_anonymous_and_outsiders(client, outsider, db):
    case = _email_case()
    assert_refused(client, "get", _box(case), outsider)
    client.logout()
    assert_refused(client, "post", _url(case), outsider, {"options": ["refund"]})
    assert not case.expectations.exists()
    assert not case.dossier.filter(kind=EntryKind.EXPECTATIONS).exists()


def test_the_case_page_loads_the_box(agent_client, db):
    case = _email_case()
    page = agent_client.get(reverse("desk:case", args=[case.pk])).content.decode()
    assert f'hx-get="{_box(case)}"' in page


def test_the_box_is_pre_checked_from_the_first_message(agent_client, db):
    case = _email_case()
    response = agent_client.get(_box(case), headers=HTMX)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["options"] == ["refund"] and form.initial["suggested"] == "refund"
    body = response.content.decode()
    assert gettext("Suggested from:") in body and "Ik wil mijn geld terug" in body
    assert 'value="refund" id="id_expect_options_' in body
    assert "checked" in body.split('value="refund"')[1].split(">")[0]


def test_without_htmx_the_box_is_shown_on_the_case_page(agent_client, db):
    case = _email_case()
    response = agent_client.get(_box(case))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="form-expectations"' in body and "Ik wil mijn geld terug" in body


def test_keeping_the_suggestion_saves_it_as_suggested(agent_client, agent, db):
    case = _email_case()
    response = agent_client.post(_url(case), {"options": ["refund"], "suggested": "refund"})
    assert response.status_code == 302
    assert response["Location"].endswith("#expectations")
    assert list(case.expectations.values_list("code", flat=True)) == ["refund"]
    entry = case.dossier.get(kind=EntryKind.EXPECTATIONS)
    assert entry.actor == agent
    assert entry.payload["source"] == "suggested"
    assert entry.payload["cues"] == ["mijn geld terug"]
    page = agent_client.get(reverse("desk:case", args=[case.pk])).content.decode()
    refund = ExpectationOption.objects.get(code="refund")
    assert f'<span class="chip">{refund.label}</span>' in page


def test_choosing_differently_saves_it_as_the_agents(agent_client, db):
    case = _email_case()
    agent_client.post(
        _url(case),
        {"options": ["refund", "other"], "other": "Een bos bloemen", "suggested": "refund"},
        headers=HTMX,
    )
    case.refresh_from_db()
    assert case.expectation_other == "Een bos bloemen"
    entry = case.dossier.get(kind=EntryKind.EXPECTATIONS)
    assert entry.payload["source"] == "agent" and entry.payload["cues"] == []


def test_a_case_with_expectations_shows_them_for_change(agent_client, db):
    case = make_case(expectations=list(ExpectationOption.objects.filter(code="apology")))
    response = agent_client.get(_box(case), headers=HTMX)
    form = response.context["form"]
    assert form.initial["options"] == ["apology"] and not form.suggestions
    assert gettext("Change the expectations") in response.content.decode()


def test_other_without_words_is_refused_and_keeps_the_choice(agent_client, db):
    case = _email_case()
    response = agent_client.post(_url(case), {"options": ["other"]}, headers=HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="expectations-box"' in body
    assert gettext("Describe in a few words what the consumer would like.") in body
    assert not case.expectations.exists()
    response = agent_client.post(_url(case), {"options": ["other"]})
    assert response.status_code == 200 and 'id="form-expectations"' in response.content.decode()


def test_overlapping_quotes_are_shown_once(agent_client, db):
    case = make_case(channel=Channel.CHAT, body="Ik wil mijn geld terug en excuses!")
    form = agent_client.get(_box(case), headers=HTMX).context["form"]
    assert sorted(form.initial["options"]) == ["apology", "refund"]
    assert form.quotes == ["Ik wil mijn geld terug en excuses"]
