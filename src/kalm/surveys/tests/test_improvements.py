"""'You said, we did': the improvement actions and their refusals, the desk's feedback page
(leads link answers, agents read), the improvements in the desk, and the public page (only
published ones, in the page's language or else the other, with customer counts, never a
comment). Answers are made through the real sweep and submit actions."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from kalm.core.testing import TeamFactory
from kalm.desk.tests.conftest import assert_refused
from kalm.surveys import actions
from kalm.surveys import improvement_actions as improvements
from kalm.surveys.improvement_actions import ImprovementError
from kalm.surveys.models import Improvement, Invitation, Response
from kalm.surveys.tests.helpers import make_survey, resolved_case

pytestmark = pytest.mark.django_db

FEEDBACK = "/desk/surveys/feedback/"
LINK = "/desk/surveys/feedback/link/"
IMPROVEMENTS = "/desk/surveys/improvements/"
NEW = "/desk/surveys/improvements/new/"
PUBLIC = "/you-said-we-did/"

ANGRY = "Schandalig, ik ben woedend: niemand belde terug!"


def edit_url(improvement: Improvement) -> str:
    return f"/desk/surveys/improvements/{improvement.pk}/edit/"


_numbers = iter(range(1, 10_000))


def answered(agent, answers: dict[str, str], **case_fields) -> Response:
    """A resolved case of a new consumer, invited by the sweep, sent, and answered."""
    number = next(_numbers)
    case_fields.setdefault("name", f"Klant {number}")
    case_fields.setdefault("email", f"klant{number}@example.nl")
    case = resolved_case(agent, **case_fields)
    actions.invitations_schedule()
    actions.invitations_send_due(now=timezone.now() + timedelta(hours=3))
    invitation = Invitation.objects.get(case=case)
    return actions.response_submit(invitation=invitation, answers=answers)


@pytest.fixture
def survey(db):
    return make_survey()


def make_improvement(actor, **fields) -> Improvement:
    params = {
        "said_nl": "U moest te lang wachten op een terugbelverzoek.",
        "said_en": "You waited too long for a call back.",
        "did_nl": "Wij bellen u nu binnen één werkdag terug.",
        "did_en": "We now call you back within one working day.",
        "status": Improvement.Status.PLANNED,
        "published": False,
        "team": None,
    }
    params.update(fields)
    return improvements.improvement_create(actor=actor, **params)


# --- Actions -----------------------------------------------------------------------------------


def test_a_lead_records_an_improvement_and_marks_it_done(team_lead):
    improvement = make_improvement(team_lead, said_nl="  Lange wachttijd  ")
    assert improvement.said_nl == "Lange wachttijd"
    assert improvement.created_by == team_lead and improvement.done_at is None
    improvement = improvements.improvement_update(
        improvement=improvement, actor=team_lead, status=Improvement.Status.DONE
    )
    improvement.refresh_from_db()
    assert improvement.status == "done" and improvement.done_at is not None
    # Worked on again: no longer done, no done date.
    improvement = improvements.improvement_update(
        improvement=improvement, actor=team_lead, status=Improvement.Status.IN_PROGRESS
    )
    improvement.refresh_from_db()
    assert improvement.done_at is None


def test_not_done_improvements_come_first_then_the_newest(team_lead):
    old = make_improvement(team_lead, said_nl="oud")
    done = make_improvement(team_lead, said_nl="klaar", status="done")
    new = make_improvement(team_lead, said_nl="nieuw")
    assert list(Improvement.objects.all()) == [new, old, done]


def test_agents_and_outsiders_cannot_write_improvements(agent, outsider, team_lead, survey):
    for person in (agent, outsider):
        with pytest.raises(ImprovementError):
            make_improvement(person)
    improvement = make_improvement(team_lead)
    response = answered(agent, {"csat": "1"})
    for call in (
        lambda: improvements.improvement_update(
            improvement=improvement, actor=agent, status="done"
        ),
        lambda: improvements.improvement_link(
            improvement=improvement, responses=[response], actor=agent
        ),
        lambda: improvements.improvement_unlink(
            improvement=improvement, responses=[response], actor=agent
        ),
    ):
        with pytest.raises(ImprovementError):
            call()
    improvement.refresh_from_db()
    assert improvement.status == "planned" and not improvement.responses.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"said_nl": "", "said_en": ""},  # nothing said
        {"status": "someday"},
        # published without both texts in one language
        {"published": True, "did_nl": "", "did_en": ""},
        {"published": True, "said_en": "", "did_nl": ""},
    ],
)
def test_incomplete_improvements_are_refused(team_lead, fields):
    with pytest.raises(ImprovementError):
        make_improvement(team_lead, **fields)
    assert not Improvement.objects.exists()


def test_one_complete_language_is_enough_to_publish(team_lead):
    improvement = make_improvement(team_lead, said_nl="", did_nl="", published=True)
    assert improvement.published
    # Emptying its only complete language while published is refused.
    with pytest.raises(ImprovementError):
        improvements.improvement_update(improvement=improvement, actor=team_lead, did_en="")
    improvement.refresh_from_db()
    assert improvement.did_en == "We now call you back within one working day."


def test_linking_answers_with_something_to_say(team_lead, agent, survey):
    low = answered(agent, {"csat": "1"})
    commented = answered(agent, {"csat": "5", "comment": "Prima geholpen."})
    content = answered(agent, {"csat": "5"})
    improvement = make_improvement(team_lead)
    improvements.improvement_link(
        improvement=improvement, responses=[low, commented], actor=team_lead
    )
    improvements.improvement_link(improvement=improvement, responses=[low], actor=team_lead)
    assert set(improvement.responses.all()) == {low, commented}
    # A satisfied answer without a comment says nothing to link.
    with pytest.raises(ImprovementError):
        improvements.improvement_link(improvement=improvement, responses=[content], actor=team_lead)
    with pytest.raises(ImprovementError):
        improvements.improvement_link(improvement=improvement, responses=[], actor=team_lead)
    improvements.improvement_unlink(improvement=improvement, responses=[low], actor=team_lead)
    assert list(improvement.responses.all()) == [commented]


# --- The feedback page -------------------------------------------------------------------------


def test_it_refuses_anonymous_and_outsiders(client, outsider, survey):
    assert_refused(client, "get", FEEDBACK, outsider)
    client.logout()
    assert_refused(client, "get", IMPROVEMENTS, outsider)
    client.logout()
    assert_refused(client, "post", LINK, outsider, {"responses": ["1"], "new": "1"})


def test_the_feedback_page_shows_comments_and_low_answers_of_the_period(
    agent_client, agent, survey, english
):
    team = TeamFactory(name="Retail")
    low = answered(agent, {"csat": "2", "expectation": "below"}, team=team)
    angry = answered(agent, {"csat": "4", "comment": ANGRY})
    answered(agent, {"csat": "5"})  # nothing to say: not listed
    with time_machine.travel(timezone.now() - timedelta(days=45)):
        old = answered(agent, {"csat": "1"})

    response = agent_client.get(FEEDBACK)
    assert response.status_code == 200
    listed = [row["response"] for row in response.context["rows"]]
    assert listed == [angry, low]  # newest first; last month's answer is outside the period
    body = response.content.decode()
    assert reverse("desk:case", args=[low.case_id]) in body and low.case.reference in body
    assert "satisfaction 2/5" in body and "Below what I expected" in body
    assert "woedend" in body
    assert 'name="responses"' not in body  # agents read, without checkboxes

    assert [r["response"] for r in agent_client.get(FEEDBACK, {"low": "on"}).context["rows"]] == [
        angry,
        low,
    ]  # the angry comment is a low answer too
    by_team = agent_client.get(FEEDBACK, {"team": team.pk}).context["rows"]
    assert [r["response"] for r in by_team] == [low]
    english_only = agent_client.get(FEEDBACK, {"language": "en"}).context["rows"]
    assert english_only == []
    since = (timezone.localdate() - timedelta(days=60)).isoformat()
    earlier = agent_client.get(FEEDBACK, {"since": since}).context["rows"]
    assert old in [r["response"] for r in earlier]


def test_a_lead_links_two_answers_to_an_improvement(lead_client, team_lead, agent, survey):
    first = answered(agent, {"csat": "1"})
    second = answered(agent, {"csat": "3", "comment": ANGRY})
    improvement = make_improvement(team_lead)
    page = lead_client.get(FEEDBACK).content.decode()
    assert f'name="responses" value="{first.pk}"' in page
    assert f'<option value="{improvement.pk}">' in page

    back = f"{FEEDBACK}?low=on"
    response = lead_client.post(
        LINK,
        {"responses": [first.pk, second.pk], "improvement": improvement.pk, "next": back},
    )
    assert response.status_code == 302 and response["Location"] == back
    assert set(improvement.responses.all()) == {first, second}
    # The page now says which improvement each answer is linked to.
    page = lead_client.get(FEEDBACK).content.decode()
    assert page.count(edit_url(improvement)) == 2


def test_an_agent_cannot_link(agent_client, team_lead, agent, survey):
    answer = answered(agent, {"csat": "1"})
    improvement = make_improvement(team_lead)
    response = agent_client.post(LINK, {"responses": [answer.pk], "improvement": improvement.pk})
    assert response.status_code == 403
    assert not improvement.responses.exists()


def test_linking_elsewhere_goes_back_to_the_feedback_page(lead_client, team_lead, agent, survey):
    answer = answered(agent, {"csat": "1"})
    improvement = make_improvement(team_lead)
    data = {
        "responses": [answer.pk],
        "improvement": improvement.pk,
        "next": "https://evil.example/",
    }
    response = lead_client.post(LINK, data)
    assert response["Location"] == FEEDBACK
    # Without an improvement chosen nothing is linked.
    response = lead_client.post(LINK, {"responses": [answer.pk], "next": FEEDBACK})
    assert response.status_code == 302
    assert improvement.responses.count() == 1


def test_a_lead_makes_a_new_improvement_from_selected_answers(
    lead_client, team_lead, agent, survey
):
    team = TeamFactory()
    first = answered(agent, {"csat": "1", "comment": ANGRY}, team=team)
    second = answered(agent, {"expectation": "below"}, team=team)
    response = lead_client.post(LINK, {"responses": [first.pk, second.pk], "new": "1"})
    assert response.status_code == 302
    form_url = response["Location"]
    assert form_url.startswith(NEW)

    form = lead_client.get(form_url)
    assert form.status_code == 200
    body = form.content.decode()
    assert f'name="responses" value="{first.pk}"' in body  # prefilled, linked when saved
    assert "woedend" in body  # the comments shown beside the texts, not copied into them
    assert form.context["form"]["team"].value() == team.pk

    data = {
        "said_nl": "Klanten moesten lang wachten.",
        "said_en": "",
        "did_nl": "Wij bellen binnen een werkdag terug.",
        "did_en": "",
        "status": "in_progress",
        "team": team.pk,
        "published": "on",
        "responses": [first.pk, second.pk],
    }
    response = lead_client.post(NEW, data)
    assert response.status_code == 302 and response["Location"] == IMPROVEMENTS
    improvement = Improvement.objects.get()
    assert set(improvement.responses.all()) == {first, second}
    assert (improvement.status, improvement.team, improvement.published) == (
        "in_progress",
        team,
        True,
    )
    assert improvement.created_by == team_lead


def test_the_feedback_page_reads_in_a_fixed_number_of_queries(
    lead_client, team_lead, agent, survey
):
    improvement = make_improvement(team_lead)
    answer = answered(agent, {"csat": "1"})
    improvements.improvement_link(improvement=improvement, responses=[answer], actor=team_lead)
    with CaptureQueriesContext(connection) as one:
        lead_client.get(FEEDBACK)
    more = [answered(agent, {"csat": "2", "comment": ANGRY}, team=TeamFactory()) for _ in range(4)]
    improvements.improvement_link(improvement=improvement, responses=more, actor=team_lead)
    with CaptureQueriesContext(connection) as five:
        lead_client.get(FEEDBACK)
    assert len(five.captured_queries) == len(one.captured_queries)


# --- Improvements in the desk ------------------------------------------------------------------


def test_agents_read_the_improvements_without_editing(agent_client, team_lead, agent, survey):
    improvement = make_improvement(team_lead)
    improvements.improvement_link(
        improvement=improvement,
        responses=[answered(agent, {"csat": "1"}), answered(agent, {"interested": "1"})],
        actor=team_lead,
    )
    response = agent_client.get(IMPROVEMENTS)
    assert response.status_code == 200
    assert response.context["improvements"][0].feedback_count == 2
    body = response.content.decode()
    assert "U moest te lang wachten" in body
    assert NEW not in body and edit_url(improvement) not in body
    assert agent_client.get(NEW).status_code == 403
    assert agent_client.post(edit_url(improvement), {"status": "done"}).status_code == 403


def test_a_lead_edits_an_improvement_and_sees_the_refusal(lead_client, team_lead, english):
    improvement = make_improvement(team_lead)
    assert 'value="planned" selected' in lead_client.get(edit_url(improvement)).content.decode()
    data = {
        "said_nl": improvement.said_nl,
        "said_en": improvement.said_en,
        "did_nl": "",
        "did_en": "",
        "status": "done",
        "team": "",
        "published": "on",
    }
    response = lead_client.post(edit_url(improvement), data)
    assert response.status_code == 400
    assert "To publish it, write both" in response.content.decode()
    improvement.refresh_from_db()
    assert improvement.status == "planned" and not improvement.published

    data.update(did_nl=improvement.did_nl, did_en=improvement.did_en)
    assert lead_client.post(edit_url(improvement), data).status_code == 302
    improvement.refresh_from_db()
    assert improvement.status == "done" and improvement.done_at and improvement.published


def test_the_surveys_list_links_to_feedback_and_improvements(agent_client, survey):
    body = agent_client.get("/desk/surveys/").content.decode()
    assert f'href="{FEEDBACK}"' in body and f'href="{IMPROVEMENTS}"' in body


# --- The public page ---------------------------------------------------------------------------


def test_the_public_url():
    assert reverse("you_said:index") == PUBLIC


def test_without_published_improvements_the_page_says_so(client, team_lead, english):
    make_improvement(team_lead)  # not published
    response = client.get(PUBLIC)
    assert response.status_code == 200
    body = response.content.decode()
    assert "We have nothing to report here yet" in body
    assert "You waited too long" not in body


def test_the_public_page_shows_published_improvements_by_status_with_counts(
    client, team_lead, agent, survey, english
):
    done = make_improvement(
        team_lead, status="done", published=True, said_en="Hard to reach us by phone."
    )
    planned = make_improvement(team_lead, published=True, said_en="The form was too long.")
    make_improvement(team_lead, said_en="Secret plan.", published=False)
    commented = answered(agent, {"csat": "1", "comment": ANGRY})
    low = answered(agent, {"csat": "2"})
    improvements.improvement_link(improvement=done, responses=[commented, low], actor=team_lead)
    improvements.improvement_link(improvement=planned, responses=[low], actor=team_lead)

    response = client.get(PUBLIC)
    body = response.content.decode()
    assert body.index("Done") < body.index("Hard to reach us by phone.")
    assert body.index("Hard to reach us by phone.") < body.index("Planned")
    assert body.index("Planned") < body.index("The form was too long.")
    assert "In progress" not in body  # no group without improvements
    assert "2 customers told us this" in body and "1 customer told us this" in body
    assert f"Done on {date_format(timezone.localtime(done.done_at), 'j F Y')}" in body
    assert "Secret plan." not in body
    # No personal data: never a comment, a name or an address.
    assert "woedend" not in body and "niemand belde" not in body.lower()
    for person in (commented.case.consumer, low.case.consumer):
        assert person.name not in body and person.email not in body
    assert commented.case.reference not in body


def test_the_public_page_falls_back_to_the_other_language(client, team_lead):
    make_improvement(team_lead, published=True)  # both languages
    make_improvement(
        team_lead,
        published=True,
        said_nl="",
        did_nl="",
        said_en="Only in English.",
        did_en="Done in English.",
    )
    body = client.get(PUBLIC, headers={"accept-language": "nl"}).content.decode()
    assert "U moest te lang wachten op een terugbelverzoek." in body
    assert "You waited too long" not in body
    assert '<span lang="en">Only in English.</span>' in body

    body = client.get(PUBLIC, headers={"accept-language": "en"}).content.decode()
    assert "You waited too long for a call back." in body
    assert "U moest te lang wachten" not in body
    assert "Only in English." in body and 'lang="en">Only' not in body
