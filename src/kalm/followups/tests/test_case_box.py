from __future__ import annotations

from django.urls import reverse

from kalm.cases.actions import message_reply
from kalm.desk.tests.conftest import assert_refused
from kalm.followups.actions import followup_cancel
from kalm.followups.tests.conftest import make_followup


def _url(case) -> str:
    return reverse("followups:case_box", args=[case.pk])


def test_it_refuses_anonymous_and_outsiders(client, outsider, case):
    assert_refused(client, "get", _url(case), outsider)


def test_it_lists_open_and_proposed_followups_with_a_form(wednesday, agent_client, agent, case):
    message_reply(case=case, agent=agent, body="Wij bellen u donderdag.")
    make_followup(case, owner=agent, title="Labuitslag doorgeven")
    cancelled = make_followup(case, owner=agent, title="Niet meer nodig")
    followup_cancel(followup=cancelled, actor=agent)
    body = agent_client.get(_url(case), headers={"HX-Request": "true"}).content.decode()
    assert body.startswith('<section id="followups"')
    assert "Wij bellen u donderdag." in body and "“donderdag”" in body
    proposal = case.followups.get(status="proposed")
    assert reverse("followups:confirm", args=[proposal.pk]) in body
    assert reverse("followups:dismiss", args=[proposal.pk]) in body
    assert "Labuitslag doorgeven" in body
    assert "Niet meer nodig" not in body
    assert 'name="title"' in body and 'name="due_at"' in body and 'name="owner"' in body


def test_without_htmx_it_is_a_page_of_its_own(agent_client, case):
    response = agent_client.get(_url(case))
    assert "<html" in response.content.decode()


def test_the_case_page_loads_the_box_lazily(agent_client, case):
    page = agent_client.get(reverse("desk:case", args=[case.pk])).content.decode()
    assert f'hx-get="{_url(case)}"' in page


def test_an_unknown_case_is_404(agent_client, db):
    url = reverse("followups:case_box", args=[999999])
    assert agent_client.get(url).status_code == 404
