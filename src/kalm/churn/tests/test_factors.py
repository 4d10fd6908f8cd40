from datetime import timedelta

import pytest
from django.utils import timezone

from kalm.cases.actions import case_transition, message_receive
from kalm.cases.models import Status
from kalm.churn import factors
from kalm.churn.tests.helpers import answered, case_at, days_ago, resolved
from kalm.consumers.models import Consumer
from kalm.empathy.models import MessageAnalysis
from kalm.surveys.actions import invitation_create, response_submit
from kalm.surveys.tests.helpers import make_survey

pytestmark = pytest.mark.django_db


def _analysis(case, sentiment: float) -> None:
    message = case.messages.filter(kind="inbound").first()
    MessageAnalysis.objects.filter(message=message).delete()
    MessageAnalysis.objects.create(
        message=message,
        case=case,
        language="nl",
        sentiment=sentiment,
        sentiment_label="negative" if sentiment < 0 else "neutral",
        emotion="anger" if sentiment < 0 else "neutral",
    )


def test_it_counts_open_repeated_and_recent_contacts(agent):
    first = case_at(days_ago(200))
    resolved(first, agent, at=days_ago(190))
    case_at(days_ago(40))
    case_at(days_ago(3))
    figures = factors.compute(as_of=timezone.now())
    consumer = Consumer.objects.get(email="sanne@example.nl")
    row = figures[consumer.pk]
    assert row["cases"] == 3
    assert row["open_complaints"] == 2
    assert row["repeat_contacts"] == 2
    assert row["recency_days"] == 3
    assert row["tenure_days"] >= 200


def test_a_case_resolved_after_the_moment_counts_as_open_then(agent):
    case = case_at(days_ago(30))
    resolved(case, agent, at=days_ago(5))
    consumer_id = case.consumer_id
    assert factors.compute(as_of=days_ago(10))[consumer_id]["open_complaints"] == 1
    assert factors.compute(as_of=timezone.now())[consumer_id]["open_complaints"] == 0
    # Before the case existed the consumer had no history at all.
    assert consumer_id not in factors.compute(as_of=days_ago(31))


def test_waiting_counts_answered_cases_and_the_wait_so_far_of_unanswered_ones(agent):
    answered(case_at(days_ago(10)), agent, after=timedelta(hours=10))
    unanswered = case_at(timezone.now() - timedelta(hours=30))
    row = factors.compute(as_of=timezone.now())[unanswered.consumer_id]
    assert row["waiting_hours"] == pytest.approx(20.0, abs=0.2)


def test_reopenings_come_from_the_dossier(agent):
    case = case_at(days_ago(20))
    case_transition(case=case, to=Status.RESOLVED, actor=agent)
    message_receive(case=case, body="Het is nog steeds kapot.")
    row = factors.compute(as_of=timezone.now())[case.consumer_id]
    assert row["reopened"] == 1


def test_low_answers_without_a_done_follow_up_are_unanswered_feedback_and_ces_is_effort(agent):
    survey = make_survey(items=["csat", "ces"])
    case = resolved(case_at(days_ago(15)), agent)
    invitation = invitation_create(survey=survey, case=case, occasion="t1", at=days_ago(14))
    response = response_submit(invitation=invitation, answers={"csat": "1", "ces": "2"})
    assert response.is_low
    row = factors.compute(as_of=timezone.now())[case.consumer_id]
    assert row["unanswered_feedback"] == 1
    assert row["effort"] == 6.0  # CES 2 of 7 (hard) is effort 6 of 7
    followup = response.followup
    followup.status = "done"
    followup.done_at = timezone.now()
    followup.save()
    assert factors.compute(as_of=timezone.now())[case.consumer_id]["unanswered_feedback"] == 0


def test_negative_share_is_over_the_analysed_messages():
    one = case_at(days_ago(5))
    two = case_at(days_ago(4))
    _analysis(one, -0.7)
    _analysis(two, 0.3)
    row = factors.compute(as_of=timezone.now())[one.consumer_id]
    assert row["messages"] == 2
    assert row["negative_share"] == 0.5


def test_drill_cases_and_other_consumers_are_left_out():
    case = case_at(days_ago(5))
    other = case_at(days_ago(5), name="Piet", email="piet@example.nl")
    narrowed = factors.compute(as_of=timezone.now(), consumer_ids=[case.consumer_id])
    assert set(narrowed) == {case.consumer_id}
    assert other.consumer_id in factors.compute(as_of=timezone.now())


def test_every_factor_has_words_and_a_vector_slot(english):
    row = factors._empty() | {
        "open_complaints": 2,
        "reopened": 1,
        "waiting_hours": 52.0,
        "unanswered_feedback": 1,
        "negative_share": 0.75,
        "effort": 5.5,
        "repeat_contacts": 4,
        "recency_days": 3,
        "tenure_days": 800,
    }
    words = {code: factors.describe(code, row) for code in factors.CODES}
    assert words["open_complaints"] == "2 complaints still open"
    assert words["waiting_hours"] == "waited 2 days on average for a first answer"
    assert words["negative_share"] == "75% of their messages read as negative"
    assert words["effort"] == "found it hard to get help (effort 5.5 of 7)"
    assert words["tenure_days"] == "customer for 2 years"
    assert len(factors.vector(row)) == len(factors.CODES)


def test_sentiment_counts_by_when_the_message_arrived_not_when_it_was_analysed():
    case = case_at(days_ago(10))
    case.messages.update(created_at=days_ago(10))
    _analysis(case, -0.7)  # analysed today, as a backfill would
    as_then = factors.compute(as_of=days_ago(5))[case.consumer_id]
    assert (as_then["messages"], as_then["negative_share"]) == (1, 1.0)
