from __future__ import annotations

from datetime import timedelta

from kalm.cases.actions import message_receive, message_reply
from kalm.cases.models import ExpectationOption, Priority
from kalm.core.testing import make_case
from kalm.replies.actions import reply_template_update
from kalm.replies.models import ReplyTemplate, Situation
from kalm.replies.selectors import suggested_situations, template_picker


def test_an_injury_suggests_the_injury_template_first(chat_case):
    assert suggested_situations(chat_case)[0] == Situation.INJURY_FIRST


def test_an_urgent_case_counts_as_an_injury(db, wednesday):
    case = make_case(email="", phone="+31612345690", body="Hallo.", priority=Priority.URGENT)
    assert suggested_situations(case)[0] == Situation.INJURY_FIRST


def test_a_legal_threat_and_a_refund_wish_are_suggested(db, wednesday):
    refund = ExpectationOption.objects.get(code="refund")
    case = make_case(
        email="",
        phone="+31612345691",
        body="Ik schakel mijn advocaat in en stap naar de rechter.",
        expectations=[refund],
    )
    found = suggested_situations(case)
    assert found.index(Situation.LEGAL_THREAT) < found.index(Situation.REFUND)
    assert found[-1] == Situation.COMPLAINT_FIRST  # still unanswered


def test_a_long_wait_after_our_reply_suggests_the_delay_template(calm_case, agent, wednesday):
    message_reply(case=calm_case, agent=agent, body="Wij kijken ernaar.")
    message_receive(case=calm_case, body="Nog een vraag over de verpakking.")
    assert Situation.DELAY not in suggested_situations(calm_case)
    wednesday.shift(timedelta(days=2))
    assert suggested_situations(calm_case) == [Situation.DELAY]


def test_the_picker_offers_suggestions_first_then_the_cases_language(english_case):
    groups = template_picker(english_case)
    assert groups[0].suggested
    assert groups[0].templates[0].situation == Situation.INJURY_FIRST
    assert {t.language for t in groups[0].templates} == {"en"}
    assert [g.templates[0].language for g in groups[1:]] == ["en", "nl"]


def test_the_picker_leaves_out_inactive_templates(chat_case):
    template = ReplyTemplate.objects.get(situation=Situation.INJURY_FIRST, language="nl")
    reply_template_update(
        template=template,
        name=template.name,
        situation=template.situation,
        language=template.language,
        body=template.body,
        active=False,
        position=template.position,
    )
    shown = [t for g in template_picker(chat_case) for t in g.templates]
    assert template not in shown
    assert shown  # the others still are


def test_the_stored_analysis_decides_the_signals(calm_case):
    from django.apps import apps

    try:
        MessageAnalysis = apps.get_model("empathy", "MessageAnalysis")
    except LookupError:  # pragma: no cover - the empathy app stores its analyses
        import pytest

        pytest.skip("kalm.empathy has no MessageAnalysis")
    assert Situation.VULNERABILITY not in suggested_situations(calm_case)
    MessageAnalysis.objects.update_or_create(
        message=calm_case.messages.get(),
        defaults={
            "case": calm_case,
            "language": "nl",
            "sentiment": -0.3,
            "sentiment_label": "negative",
            "emotion": "sadness",
            "signals": {"vulnerability": 0.9},
            "fired": ["vulnerability"],
            "evidence": {},
        },
    )
    assert suggested_situations(calm_case)[0] == Situation.VULNERABILITY
