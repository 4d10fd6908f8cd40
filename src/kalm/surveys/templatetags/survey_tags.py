"""The survey card on the consumer's status page: ``{% survey_status_card case token %}``."""

from __future__ import annotations

from typing import Any

from django import template

from kalm.surveys.items import ITEMS
from kalm.surveys.links import answer_links, survey_path
from kalm.surveys.models import Invitation
from kalm.surveys.selectors import status_page_invitation

register = template.Library()


@register.inclusion_tag("surveys/public/_status_card.html")
def survey_status_card(case: Any, token: str) -> dict[str, Any]:
    """The newest survey the consumer may still answer, with the first question's one-click
    links made from this page's token (so revoking the link disables them too); nothing when
    there is none."""
    invitation = status_page_invitation(case)
    if invitation is None:
        return {"invitation": None}
    first = invitation.survey.first_item
    answered = invitation.status == Invitation.Status.ANSWERED or bool(invitation.answered_at)
    return {
        "invitation": invitation,
        "answered": answered,
        "first_item": ITEMS[first] if first else None,
        "answer_links": answer_links(token, invitation.pk, first, absolute=False),
        "survey_path": survey_path(token, invitation.pk),
    }
