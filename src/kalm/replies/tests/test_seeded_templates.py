"""The templates the data migration ships render into replies that pass the reply check."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kalm.replies.check import check_reply
from kalm.replies.models import ReplyTemplate, Situation
from kalm.replies.selectors import template_render
from kalm.replies.variables import unknown_variables

MUST_PASS = {"name", "feeling", "blame", "next_step", "jargon", "language", "questions"}


def test_every_situation_has_a_dutch_and_an_english_template(db):
    seeded = set(ReplyTemplate.objects.values_list("situation", "language"))
    for situation in Situation.values:
        assert (situation, "nl") in seeded
        assert (situation, "en") in seeded


def test_no_seeded_template_has_an_unknown_variable(db):
    for template in ReplyTemplate.objects.all():
        assert unknown_variables(template.body) == [], template.name


def test_dutch_templates_say_u_not_je(db):
    for template in ReplyTemplate.objects.filter(language="nl"):
        words = set(template.body.lower().replace(",", " ").replace(".", " ").split())
        assert not words & {"je", "jij", "jou", "jouw"}, template.name


@pytest.mark.parametrize("language", ["nl", "en"])
def test_seeded_templates_pass_the_check_on_an_upset_consumers_case(
    language, chat_case, english_case, agent
):
    case = chat_case if language == "nl" else english_case
    for template in ReplyTemplate.objects.filter(language=language):
        rendered = template_render(template, case=case, agent=agent)
        assert rendered.unknown == []
        assert case.consumer.name in rendered.text
        failed = {r.code for r in check_reply(draft=rendered.text, case=case) if not r.passed}
        assert not failed & MUST_PASS, (template.name, failed)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_delay_template_thanks_a_consumer_who_waited(
    language, chat_case, english_case, agent, wednesday
):
    case = chat_case if language == "nl" else english_case
    wednesday.shift(timedelta(days=3))
    template = ReplyTemplate.objects.get(situation=Situation.DELAY, language=language)
    rendered = template_render(template, case=case, agent=agent)
    results = {r.code: r for r in check_reply(draft=rendered.text, case=case)}
    assert results["patience"].applies and results["patience"].passed
    assert results["next_step"].passed  # the default date moved along with the clock
