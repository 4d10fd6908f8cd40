"""Surveys: composing, the sweep that invites after a resolution, sending (once, not too often,
not after a reopening), answers in the dossier, and closing the loop on a low answer."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from kalm.cases.actions import case_transition
from kalm.cases.models import Status
from kalm.core.testing import TeamFactory, UserFactory, make_case
from kalm.dossier.models import EntryKind
from kalm.followups.models import FollowUp
from kalm.surveys import actions
from kalm.surveys.actions import SurveyError
from kalm.surveys.models import Invitation, Response, Trigger
from kalm.surveys.tests.helpers import make_survey, resolved_case

pytestmark = pytest.mark.django_db


def later(hours: float = 3):
    return timezone.now() + timedelta(hours=hours)


# --- composing -------------------------------------------------------------------------------


def test_a_lead_composes_a_survey(team_lead):
    survey = actions.survey_create(
        actor=team_lead,
        name=" Na de chat ",
        trigger=Trigger.CHAT,
        delay_hours=1,
        items=["nps", "comment"],
        intro_en="Two questions",
    )
    assert survey.name == "Na de chat" and survey.first_item == "nps"
    survey = actions.survey_update(survey=survey, actor=team_lead, items=["ces", "nps"])
    assert survey.items == ["ces", "nps"]


@pytest.mark.parametrize(
    "items",
    [[], ["comment", "csat"], ["csat", "csat"], ["csat", "made_up"]],
)
def test_bad_question_lists_are_refused(team_lead, items):
    with pytest.raises(SurveyError):
        actions.survey_create(
            actor=team_lead, name="X", trigger=Trigger.RESOLVED, delay_hours=1, items=items
        )


def test_agents_do_not_compose_surveys(agent):
    with pytest.raises(SurveyError):
        actions.survey_create(
            actor=agent, name="X", trigger=Trigger.RESOLVED, delay_hours=1, items=["csat"]
        )


# --- inviting and sending --------------------------------------------------------------------


def test_a_resolved_case_is_invited_once_and_sent_when_due(agent):
    survey = make_survey()
    case = resolved_case(agent)
    assert actions.invitations_schedule() == 1
    assert actions.invitations_schedule() == 0  # the same resolution: no second invitation
    invitation = Invitation.objects.get()
    assert invitation.survey == survey and invitation.status == Invitation.Status.SCHEDULED
    assert invitation.due_at == case.resolved_at + timedelta(hours=2)
    assert actions.invitations_send_due() == 0  # not due yet
    mail.outbox.clear()
    assert actions.invitations_send_due(now=later()) == 1
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.SENT and invitation.sent_at
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["sanne@example.nl"] and case.reference in email.subject
    assert f"/survey/{invitation.pk}/csat/5/" in email.body  # one-click answers
    assert case.dossier.filter(kind=EntryKind.EMAIL_SENT, summary=email.subject).exists()
    # A retried send does not email twice.
    assert actions.invitation_send(invitation_id=invitation.pk, now=later()) is None
    assert len(mail.outbox) == 1


def test_a_team_survey_wins_over_the_general_one(agent):
    team = TeamFactory()
    make_survey(name="Iedereen")
    own = make_survey(name="Eigen team", team=team)
    make_case_resolved = resolved_case(agent, team=team)
    actions.invitations_schedule()
    assert Invitation.objects.get(case=make_case_resolved).survey == own


def test_reopened_cases_and_recently_surveyed_consumers_are_skipped(agent):
    make_survey()
    first = resolved_case(agent)
    actions.invitations_schedule()
    actions.invitations_send_due(now=later())
    # The same consumer's second case resolves: within the quiet period, no second survey.
    second = resolved_case(agent, subject="Nog iets")
    assert second.consumer_id == first.consumer_id
    actions.invitations_schedule()
    actions.invitations_send_due(now=later())
    skipped = Invitation.objects.get(case=second)
    assert skipped.status == Invitation.Status.SKIPPED and skipped.note == "quiet"
    # A case reopened before its survey is due is not surveyed.
    other = resolved_case(agent, name="Jan", email="jan@example.nl")
    actions.invitations_schedule()
    case_transition(case=other, to=Status.REOPENED, actor=agent)
    actions.invitations_send_due(now=later())
    assert Invitation.objects.get(case=other).status == Invitation.Status.SKIPPED


def test_without_an_email_address_the_survey_waits_on_the_status_page(agent):
    make_survey()
    case = resolved_case(agent, email="", phone="+31612345678")
    actions.invitations_schedule()
    actions.invitations_send_due(now=later())
    invitation = Invitation.objects.get(case=case)
    assert invitation.status == Invitation.Status.SKIPPED
    from kalm.surveys.selectors import status_page_invitation

    assert status_page_invitation(case) == invitation


def test_inactive_surveys_invite_nobody(agent):
    make_survey(active=False)
    resolved_case(agent)
    assert actions.invitations_schedule() == 0


class BrokenBackend:
    """An email backend whose server is down (a real failure, not a stand-in for Kalm's code)."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionError("smtp down")


def test_a_failed_send_is_kept_retried_later_and_given_up_after_three(agent, settings):
    make_survey()
    resolved_case(agent)
    actions.invitations_schedule()
    settings.EMAIL_BACKEND = "kalm.surveys.tests.test_actions.BrokenBackend"
    actions.invitations_send_due(now=later())
    invitation = Invitation.objects.get()
    assert invitation.status == Invitation.Status.FAILED and "smtp down" in invitation.note
    assert actions.invitations_send_due(now=later()) == 0  # not again at once: later
    for attempt in (2, 3):
        actions.invitations_send_due(now=later(24 * attempt))
        invitation.refresh_from_db()
        assert invitation.attempts == attempt
    assert actions.invitations_send_due(now=later(24 * 9)) == 0
    assert invitation.status == Invitation.Status.FAILED  # given up, the error kept


def test_a_failed_send_that_was_delivered_is_not_sent_twice(agent, settings):
    make_survey()
    resolved_case(agent)
    actions.invitations_schedule()
    actions.invitations_send_due(now=later())
    invitation = Invitation.objects.get()
    # The worker sent it but died before writing SENT: the row looks failed and is retried.
    Invitation.objects.filter(pk=invitation.pk).update(
        status=Invitation.Status.FAILED, due_at=timezone.now()
    )
    mail.outbox.clear()
    actions.invitations_send_due(now=later())
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.SENT and mail.outbox == []


def test_a_send_whose_worker_died_is_taken_up_again(agent):
    make_survey()
    resolved_case(agent)
    actions.invitations_schedule()
    invitation = Invitation.objects.get()
    Invitation.objects.filter(pk=invitation.pk).update(
        status=Invitation.Status.SENDING, claimed_at=later(1)
    )
    assert actions.invitations_send_due(now=later(1.1)) == 0  # another worker may still be at it
    assert actions.invitations_send_due(now=later(2)) == 1


def test_a_survey_switched_off_sends_nothing_more(agent):
    survey = make_survey()
    resolved_case(agent)
    actions.invitations_schedule()
    survey.active = False
    survey.save()
    assert actions.invitations_send_due(now=later()) == 0
    assert Invitation.objects.get().note == "inactive"


def test_merged_cases_are_not_surveyed(agent):
    from kalm.cases.actions import case_merge

    make_survey()
    target = make_case()
    source = resolved_case(agent, subject="Dubbel")
    case_merge(source=source, target=target, actor=agent)
    assert actions.invitations_schedule() == 0


def test_the_sweep_does_not_retry_what_it_invited(agent, django_assert_max_num_queries):
    make_survey()
    for n in range(20):
        resolved_case(agent, name=f"K{n}", email=f"k{n}@example.nl")
    assert actions.invitations_schedule() == 20
    with django_assert_max_num_queries(6):  # the surveys, then one query per trigger
        assert actions.invitations_schedule() == 0


def test_a_no_email_offer_counts_for_the_quiet_period(agent):
    make_survey()
    first = resolved_case(agent, email="", phone="+31612345678")
    actions.invitations_schedule()
    actions.invitations_send_due(now=later())
    second = resolved_case(agent, email="", phone="+31612345678", subject="Nog een")
    assert second.consumer_id == first.consumer_id
    actions.invitations_schedule()
    actions.invitations_send_due(now=later())
    assert Invitation.objects.get(case=second).note == "quiet"


# --- answering -------------------------------------------------------------------------------


@pytest.fixture
def invitation(agent):
    make_survey()
    resolved_case(agent)
    actions.invitations_schedule()
    actions.invitations_send_due(now=later())
    return Invitation.objects.get()


def test_one_click_then_the_rest_make_one_answer(invitation):
    response = actions.response_submit(invitation=invitation, answers={"csat": "4"})
    assert response.csat == 4 and not response.is_low
    response = actions.response_submit(
        invitation=invitation,
        answers={"expectation": "surprised", "comment": "Heel vriendelijk geholpen, dank!"},
    )
    assert Response.objects.count() == 1
    assert (response.csat, response.expectation) == (4, "surprised")
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ANSWERED
    entries = invitation.case.dossier.filter(kind=EntryKind.SURVEY_ANSWERED)
    assert entries.count() == 2
    # The same click again writes nothing new.
    actions.response_submit(invitation=invitation, answers={"csat": "4"})
    assert entries.count() == 2


def test_invalid_answers_are_refused(invitation):
    for answers in ({"csat": "9"}, {"expectation": "meh"}, {}, {"nps": "5"}):
        with pytest.raises(SurveyError):
            actions.response_submit(invitation=invitation, answers=answers)
    assert not Response.objects.exists()


def test_a_low_score_closes_the_loop_with_the_team_lead(
    invitation, django_capture_on_commit_callbacks
):
    team = TeamFactory()
    UserFactory(username="otherlead", role="lead", email="other@example.nl")
    lead = UserFactory(username="teamlead", role="lead", email="lead@example.nl")
    lead.teams.add(team)
    invitation.case.team = team
    invitation.case.save(update_fields=["team"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = actions.response_submit(invitation=invitation, answers={"csat": "1"})
    assert response.low_reasons == ["csat"]
    followup = response.followup
    assert followup.owner == lead and followup.source == FollowUp.Source.SURVEY
    assert followup.status == FollowUp.Status.OPEN
    assert followup.due_at <= timezone.now() + timedelta(days=1)
    # The consumer hears back at once.
    assert [m.to for m in mail.outbox] == [["sanne@example.nl"]]
    assert "honest" in mail.outbox[0].subject or "eerlijk" in mail.outbox[0].subject
    # A second low answer does not make a second follow-up.
    actions.response_submit(invitation=invitation, answers={"expectation": "below"})
    assert FollowUp.objects.filter(source=FollowUp.Source.SURVEY).count() == 1


def test_an_angry_comment_closes_the_loop_too_and_stays_low(invitation):
    response = actions.response_submit(
        invitation=invitation,
        answers={"csat": "3", "comment": "Schandalig, ik ben woedend over deze behandeling!"},
    )
    assert "comment" in response.low_reasons and response.followup is not None
    assert response.followup.owner is None  # no team: the follow-up is the team's
    # A later one-click answer keeps the comment's reason.
    response = actions.response_submit(invitation=invitation, answers={"csat": "4"})
    assert response.low_reasons == ["comment"]


def test_answers_copy_what_the_dashboards_group_by(agent):
    from kalm.cases.actions import case_assign, case_set_topic
    from kalm.core.testing import ProductFactory
    from kalm.kb.tests.conftest import CategoryFactory

    team = TeamFactory()
    product = ProductFactory()
    topic, later_topic = CategoryFactory(), CategoryFactory()
    make_survey()
    case = resolved_case(agent, team=team, product=product)
    case_assign(case=case, actor=agent, assignee=agent, team=team)
    case_set_topic(case=case, actor=agent, topic=topic)
    actions.invitations_schedule()
    actions.invitations_send_due(now=later())
    response = actions.response_submit(invitation=Invitation.objects.get(), answers={"csat": "5"})
    assert (response.team, response.agent, response.channel) == (team, agent, case.channel)
    assert (response.product, response.topic) == (product, topic)
    assert response.trigger == Trigger.RESOLVED
    # Copied when answered: a topic changed afterwards does not move the answer.
    case_set_topic(case=case, actor=agent, topic=later_topic)
    response = actions.response_submit(invitation=Invitation.objects.get(), answers={"csat": "4"})
    assert response.topic == topic


def test_a_chat_that_ended_is_surveyed(agent):
    from kalm.chat.actions import chat_accept, chat_end, chat_presence_mark, chat_start

    make_survey(trigger=Trigger.CHAT, items=["csat"])
    chat_presence_mark(agent=agent)
    session, _secret = chat_start(name="Jan", email="jan@example.nl", body="Vraag")
    chat_accept(session=session, agent=agent)
    chat_end(session=session, agent=agent)
    assert actions.invitations_schedule() == 1
    assert Invitation.objects.get().occasion == f"chat:{session.pk}"


def test_drill_resolutions_are_never_surveyed(agent):
    from kalm.drills.models import Drill

    make_survey()
    drill = Drill.objects.create(scenario="bottles", started_by=agent)
    case = make_case()
    case.drill = drill
    case.save(update_fields=["drill"])
    case_transition(case=case, to=Status.RESOLVED, actor=agent)
    assert actions.invitations_schedule() == 0


def test_a_closed_crisis_surveys_its_confirmed_cases_only(team_lead):
    from kalm.crisis.actions import crisis_case_decide, crisis_status_set
    from kalm.crisis.models import CrisisCase, CrisisStatus
    from kalm.crisis.tests.conftest import open_crisis

    make_survey(trigger=Trigger.CRISIS, items=["csat", "comment"])
    crisis = open_crisis(team_lead)
    affected, unrelated = make_case(), make_case(name="Jan", email="jan@example.nl")
    confirmed = CrisisCase.objects.create(crisis=crisis, case=affected)
    CrisisCase.objects.create(crisis=crisis, case=unrelated)  # proposed, never confirmed
    crisis_case_decide(link=confirmed, actor=team_lead, confirm=True)
    assert actions.invitations_schedule() == 0  # still open
    crisis_status_set(crisis=crisis, actor=team_lead, status=CrisisStatus.CLOSED)
    assert actions.invitations_schedule() == 1
    invitation = Invitation.objects.get()
    assert invitation.case == affected and invitation.occasion == f"crisis:{crisis.pk}"
