from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kalm.cases.actions import case_link, case_merge, message_receive, note_add, phone_note_add
from kalm.cases.models import Status
from kalm.core.testing import make_case
from kalm.desk.tests.conftest import assert_refused


def _url(case) -> str:
    return reverse("desk:case", args=[case.pk])


def test_it_is_routed_under_cases(case):
    assert _url(case) == f"/desk/cases/{case.pk}/"


def test_it_refuses_anonymous_and_outsiders(client, outsider, case):
    assert_refused(client, "get", _url(case), outsider)


def test_it_is_404_for_an_unknown_case(agent_client):
    assert agent_client.get("/desk/cases/999999/").status_code == 404


def test_it_shows_the_header_and_consumer(agent_client, case):
    body = agent_client.get(_url(case)).content.decode()
    assert case.reference in body
    assert "Fles ontploft" in body
    assert "Sanne de Vries" in body
    assert "sanne@example.nl" in body
    assert 'class="badge status-new"' in body


def test_it_offers_only_the_allowed_next_statuses(agent_client, agent, case):
    case_transition_to_closed(case, agent)
    body = agent_client.get(_url(case)).content.decode()
    assert 'value="reopened"' in body
    assert 'name="to" value="open"' not in body


def case_transition_to_closed(case, agent):
    from kalm.cases.actions import case_transition

    case_transition(case=case, to=Status.CLOSED, actor=agent)


def test_it_shows_the_whole_dossier_as_one_timeline(agent_client, agent, case):
    message_receive(case=case, body="Nog een vraag over de fles")
    note_add(case=case, agent=agent, body="Intern: batch controleren")
    phone_note_add(case=case, agent=agent, body="Consument gebeld", direction="outbound")
    body = agent_client.get(_url(case)).content.decode()
    assert "De fles is in mijn hand ontploft." in body
    assert "Nog een vraag over de fles" in body
    assert "tl-note" in body and "Intern: batch controleren" in body
    assert "tl-phone_call" in body and "Consument gebeld" in body
    # Internally the agent's real name is shown, next to the alias.
    assert "Evelien Jansen (Eva)" in body
    # Oldest first, newest at the bottom, the reply box below.
    assert body.index("ontploft") < body.index("Nog een vraag") < body.index("Consument gebeld")
    assert body.index("Consument gebeld") < body.index('id="form-reply"')


def test_it_shows_timelines_of_cases_merged_into_it(agent_client, agent, case):
    duplicate = make_case(subject="Dubbel", body="Zelfde fles, tweede mail")
    case_merge(source=duplicate, target=case, actor=agent)
    body = agent_client.get(_url(case)).content.decode()
    assert "timeline-merged" in body
    assert duplicate.reference in body
    assert "Zelfde fles, tweede mail" in body


def test_a_merged_case_points_to_its_target(agent_client, agent, case):
    duplicate = make_case()
    case_merge(source=duplicate, target=case, actor=agent)
    body = agent_client.get(_url(duplicate)).content.decode()
    assert "banner-merged" in body
    assert _url(case) in body


def test_it_lists_linked_and_other_cases_of_the_consumer(agent_client, agent, case):
    same_consumer = make_case(subject="Eerdere klacht")
    stranger = make_case(name="Ander", email="ander@example.nl", subject="Los")
    case_link(case=case, other=stranger, actor=agent)
    body = agent_client.get(_url(case)).content.decode()
    assert same_consumer.reference in body
    assert stranger.reference in body


def test_it_says_under_which_alias_a_reply_goes(agent_client, case):
    body = agent_client.get(_url(case)).content.decode()
    with translation.override(settings.LANGUAGE_CODE):
        expected = _("Sent as <strong>%(alias)s</strong>") % {"alias": "Eva"}
    assert expected in body
