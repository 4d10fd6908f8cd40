"""The surveys card on the desk's case page: one tag, so the case template needs one line and no
view change (the desk app does not import the surveys app)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from kalm.surveys.actions import reason_label
from kalm.surveys.items import ITEMS, Item
from kalm.surveys.models import Invitation, Response, Survey

register = template.Library()


def _answer_words(item: Item, value: Any) -> str:
    """The answer as the agent reads it: "4 of 5 (1 = …, 5 = …)" style numbers, the words of a
    choice, the text of a comment; empty when the item was not answered."""
    if value is None or value == "":
        return ""
    value = str(value)
    if item.kind == "choice":
        words = dict(zip(item.values, item.labels, strict=False))
        return str(words.get(value, value))
    if item.kind == "scale":
        low, high = item.values[0], item.values[-1]
        end = {low: item.labels[0], high: item.labels[1]}.get(value) if item.labels else None
        text = _("%(value)s of %(high)s") % {"value": value, "high": high}
        return f"{text} · {end}" if end else str(text)
    return value


def _answers(response: Response, survey: Survey) -> list[dict[str, Any]]:
    low = set(response.low_reasons or [])
    rows = []
    for code in survey.items:
        item = ITEMS.get(code)
        if item is None:
            continue
        rows.append(
            {
                "item": item,
                "answer": _answer_words(item, getattr(response, code, None)),
                "low": code in low,
            }
        )
    return rows


def _low_reasons(response: Response) -> list[str]:
    # The same words as the follow-up's title, so the card and the follow-up agree.
    return [str(reason_label(code)) for code in response.low_reasons or []]


def case_invitations(case: Any) -> list[dict[str, Any]]:
    """The case's invitations, newest first, with their answers: one query (the survey, the
    answer and its follow-up come with each invitation)."""
    invitations = Invitation.objects.filter(case=case).select_related(
        "survey", "response", "response__followup"
    )
    rows = []
    for invitation in invitations:
        try:
            response = invitation.response
        except Response.DoesNotExist:
            response = None
        rows.append(
            {
                "invitation": invitation,
                "response": response,
                "answers": _answers(response, invitation.survey) if response else [],
                "low_reasons": _low_reasons(response) if response else [],
            }
        )
    return rows


@register.inclusion_tag("surveys/desk/_case_card.html")
def survey_case_card(case: Any) -> dict[str, Any]:
    return {"case": case, "rows": case_invitations(case)}
