"""The desk side of the surveys: the list, composing through the actions, the case card and the
admin."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kalm.core.testing import TeamFactory, make_case
from kalm.desk.tests.conftest import assert_refused
from kalm.followups.models import FollowUp
from kalm.surveys.models import Invitation, Response, Survey, Trigger

LIST = "/desk/surveys/"
NEW = "/desk/surveys/new/"


def edit_url(survey: Survey) -> str:
    return f"/desk/surveys/{survey.pk}/edit/"


def post_data(**overrides) -> dict:
    """A valid survey: recommendation first, then satisfaction, then the comment."""
    data = {
        "name": "Na afhandeling",
        "trigger": "resolved",
        "delay_hours": "48",
        "team": "",
        "intro_nl": "Hoe hebben we het gedaan?",
        "intro_en": "How did we do?",
        "active": "on",
        "use_nps": "on",
        "position_nps": "1",
        "use_csat": "on",
        "position_csat": "2",
        "use_comment": "on",
        "position_comment": "3",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def survey(db) -> Survey:
    return Survey.objects.create(
        name="Na een chat", trigger=Trigger.CHAT, delay_hours=2, items=["csat", "comment"]
    )


def invite(survey: Survey, case, occasion: str, **fields) -> Invitation:
    now = timezone.now()
    return Invitation.objects.create(
        survey=survey,
        case=case,
        consumer=case.consumer,
        occasion=occasion,
        due_at=fields.pop("due_at", now),
        **fields,
    )


def test_the_urls(survey):
    assert reverse("surveys:list") == LIST
    assert reverse("surveys:new") == NEW
    assert reverse("surveys:edit", args=[survey.pk]) == edit_url(survey)


# --- Who may -------------------------------------------------------------------------------


def test_it_refuses_anonymous_and_outsiders_on_the_list(client, outsider):
    assert_refused(client, "get", LIST, outsider)


def test_it_refuses_anonymous_and_outsiders_on_composing(client, outsider, survey):
    assert_refused(client, "post", NEW, outsider, post_data())
    client.logout()
    assert_refused(client, "post", edit_url(survey), outsider, post_data(name="Overgenomen"))
    assert list(Survey.objects.values_list("name", flat=True)) == ["Na een chat"]


def test_an_agent_reads_the_list_without_new_or_edit_links(agent_client, survey, english):
    body = agent_client.get(LIST).content.decode()
    assert "Na een chat" in body
    assert "How satisfied are you with how we handled your question or complaint?" in body
    assert NEW not in body
    assert edit_url(survey) not in body


def test_an_agent_cannot_compose(agent_client, survey):
    assert agent_client.get(NEW).status_code == 403
    assert agent_client.post(NEW, post_data()).status_code == 403
    assert agent_client.get(edit_url(survey)).status_code == 403
    assert agent_client.post(edit_url(survey), post_data(name="Overgenomen")).status_code == 403
    survey.refresh_from_db()
    assert survey.name == "Na een chat"
    assert Survey.objects.count() == 1


# --- Composing -----------------------------------------------------------------------------


def test_a_lead_sees_the_questions_in_the_desk_language(lead_client, english):
    body = lead_client.get(NEW).content.decode()
    assert "How likely is it that you would recommend us to friends or family?" in body
    assert "can be first" in body
    assert 'name="use_expectation"' in body and 'name="position_expectation"' in body


def test_a_lead_adds_a_survey_in_the_order_numbered(lead_client, team_lead):
    team = TeamFactory(name="Retail")
    response = lead_client.post(NEW, post_data(team=str(team.pk)))
    assert response.status_code == 302
    assert response["Location"] == LIST
    survey = Survey.objects.get()
    assert survey.items == ["nps", "csat", "comment"]
    assert (survey.name, survey.trigger, survey.delay_hours) == ("Na afhandeling", "resolved", 48)
    assert (survey.team, survey.intro_nl, survey.intro_en) == (
        team,
        "Hoe hebben we het gedaan?",
        "How did we do?",
    )
    assert survey.active is True
    # Saved through the action, which records who composed it.
    assert survey.created_by == team_lead


def test_unnumbered_questions_follow_the_numbered_ones_in_list_order(lead_client):
    data = post_data(position_nps="", position_csat="1", position_comment="")
    assert lead_client.post(NEW, data).status_code == 302
    assert Survey.objects.get().items == ["csat", "nps", "comment"]


def test_a_lead_edits_a_survey(lead_client, survey):
    form = lead_client.get(edit_url(survey)).content.decode()
    assert 'value="Na een chat"' in form
    assert 'name="position_comment" value="2"' in form

    data = post_data(name="Na een chat (kort)", trigger="chat", delay_hours="1", active=None)
    response = lead_client.post(edit_url(survey), data)
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.name == "Na een chat (kort)"
    assert survey.items == ["nps", "csat", "comment"]
    assert survey.delay_hours == 1
    assert survey.active is False


def test_a_first_question_that_cannot_be_answered_in_one_click_is_refused(lead_client, english):
    data = post_data(position_comment="1", position_nps="2", position_csat="3")
    response = lead_client.post(NEW, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "The first question is answered in the email with one click" in body
    assert 'value="Na afhandeling"' in body  # what was typed stays
    assert not Survey.objects.exists()


def test_a_refused_edit_changes_nothing(lead_client, survey, english):
    data = post_data(name="Anders", use_nps=None, use_csat=None, position_comment="1")
    response = lead_client.post(edit_url(survey), data)
    assert response.status_code == 400
    assert "The first question is answered in the email with one click" in response.content.decode()
    survey.refresh_from_db()
    assert (survey.name, survey.items) == ("Na een chat", ["csat", "comment"])


def test_a_survey_without_questions_is_refused(lead_client, english):
    data = post_data(use_nps=None, use_csat=None, use_comment=None)
    response = lead_client.post(NEW, data)
    assert response.status_code == 400
    assert "Choose at least one question." in response.content.decode()
    assert not Survey.objects.exists()


def test_a_delay_over_sixty_days_is_refused(lead_client, english):
    response = lead_client.post(NEW, post_data(delay_hours=str(24 * 60 + 1)))
    assert response.status_code == 400
    assert "at most 60 days" in response.content.decode()
    assert not Survey.objects.exists()


# --- The list ------------------------------------------------------------------------------


def test_the_list_counts_sent_and_answered_invitations(lead_client, survey, english):
    now = timezone.now()
    case = make_case()
    invite(survey, case, "chat:1", status=Invitation.Status.SENT, sent_at=now)
    invite(survey, case, "chat:2", status=Invitation.Status.ANSWERED, sent_at=now, answered_at=now)
    invite(survey, case, "chat:3", status=Invitation.Status.SCHEDULED)
    invite(survey, case, "chat:4", status=Invitation.Status.SKIPPED, note="No email address")
    Survey.objects.create(name="Nog nooit verstuurd", trigger="resolved", items=["ces"])

    response = lead_client.get(LIST)
    surveys = {s.name: s for s in response.context["surveys"]}
    sent = surveys["Na een chat"]
    assert (sent.sent_count, sent.answered_count, sent.answer_rate) == (2, 1, 50)
    unsent = surveys["Nog nooit verstuurd"]
    assert (unsent.sent_count, unsent.answered_count, unsent.answer_rate) == (0, 0, None)
    body = response.content.decode()
    assert "50%" in body
    assert "How easy was it to get your issue resolved?" in body
    assert edit_url(sent) in body and NEW in body


def test_the_list_reads_surveys_and_counts_in_one_query(lead_client, survey, team_lead):
    case = make_case()
    invite(survey, case, "chat:1", status=Invitation.Status.SENT, sent_at=timezone.now())
    lead_client.get(LIST)  # the steady state: a first request also fills the settings cache
    with CaptureQueriesContext(connection) as one:
        lead_client.get(LIST)
    for number in range(5):
        other = Survey.objects.create(
            name=f"S{number}", trigger="resolved", items=["csat"], team=TeamFactory()
        )
        invite(other, case, f"resolved:{number}", sent_at=timezone.now())
    with CaptureQueriesContext(connection) as six:
        lead_client.get(LIST)
    survey_queries = [q["sql"] for q in six.captured_queries if "surveys_survey" in q["sql"]]
    assert len(survey_queries) == 1
    assert len(six.captured_queries) == len(one.captured_queries)


# --- The case card -------------------------------------------------------------------------

CARD = Template("{% load survey_desk_tags %}{% survey_case_card case %}")


def test_the_case_card_shows_an_answer_its_low_reasons_and_the_follow_up(
    db, english, django_assert_num_queries
):
    case = make_case()
    survey = Survey.objects.create(
        name="Na afhandeling", trigger="resolved", items=["csat", "expectation", "comment"]
    )
    now = timezone.now()
    invitation = invite(
        survey,
        case,
        "resolved:1",
        status=Invitation.Status.ANSWERED,
        sent_at=now - timedelta(hours=2),
        answered_at=now,
    )
    followup = FollowUp.objects.create(
        case=case,
        title="Call back about a low survey answer",
        due_at=now + timedelta(days=1),
        source=FollowUp.Source.SURVEY,
    )
    Response.objects.create(
        invitation=invitation,
        case=case,
        survey=survey,
        trigger="resolved",
        csat=2,
        expectation="below",
        comment="Niemand belde terug.",
        low_reasons=["csat", "expectation"],
        followup=followup,
    )
    invite(
        survey,
        case,
        "resolved:2",
        status=Invitation.Status.SKIPPED,
        note="Another survey shortly before",
    )

    with django_assert_num_queries(1):
        html = CARD.render(Context({"case": case}))

    assert "Na afhandeling" in html
    assert "How satisfied are you with how we handled your question or complaint?" in html
    assert "2 of 5" in html
    assert "Below what I expected" in html
    assert "Niemand belde terug." in html
    assert "Low" in html and "satisfaction, below expectation" in html.replace("; ", ", ")
    assert f"{reverse('desk:case', args=[case.pk])}#followups" in html
    assert "Call back about a low survey answer" in html
    assert "Another survey shortly before" in html  # the note of the one not sent
    assert "Not sent" in html and "Answered" in html


def test_the_case_card_is_empty_without_invitations(db, django_assert_num_queries):
    case = make_case()
    with django_assert_num_queries(1):
        assert CARD.render(Context({"case": case})).strip() == ""


# --- The admin -----------------------------------------------------------------------------


@pytest.fixture
def admin_client_(client: Client, admin_user) -> Client:
    client.force_login(admin_user)
    return client


ADMIN_ADD = "/admin/surveys/survey/add/"


def admin_data(**overrides) -> dict:
    data = {
        "name": "Via de admin",
        "trigger": "crisis",
        "delay_hours": "4",
        "items": '["ces", "comment"]',
        "intro_nl": "",
        "intro_en": "",
        "team": "",
        "active": "on",
    }
    data.update(overrides)
    return data


def test_the_admin_adds_a_survey_through_the_action(admin_client_, admin_user):
    response = admin_client_.post(ADMIN_ADD, admin_data())
    assert response.status_code == 302
    survey = Survey.objects.get()
    assert (survey.items, survey.created_by) == (["ces", "comment"], admin_user)


def test_the_admin_shows_the_actions_refusal_and_saves_nothing(admin_client_, english):
    response = admin_client_.post(ADMIN_ADD, admin_data(items='["comment", "ces"]'))
    assert response.status_code == 200
    assert "The first question is answered in the email with one click" in response.content.decode()
    assert not Survey.objects.exists()


def test_the_admin_edits_a_survey(admin_client_, survey):
    url = f"/admin/surveys/survey/{survey.pk}/change/"
    response = admin_client_.post(url, admin_data(name="Hernoemd", items='["nps"]'))
    assert response.status_code == 302
    survey.refresh_from_db()
    assert (survey.name, survey.items, survey.trigger) == ("Hernoemd", ["nps"], "crisis")


def test_invitations_and_answers_are_read_only_in_the_admin(admin_client_, survey):
    case = make_case()
    invitation = invite(survey, case, "chat:1")
    assert admin_client_.get("/admin/surveys/invitation/").status_code == 200
    assert admin_client_.get("/admin/surveys/response/").status_code == 200
    assert admin_client_.get("/admin/surveys/invitation/add/").status_code == 403
    change = f"/admin/surveys/invitation/{invitation.pk}/change/"
    response = admin_client_.post(change, {"note": "changed"})
    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.note == ""
