"""The consumer's survey addresses, made from a private status-link token of the case.

Every link carries the token of the email (or status page) it is in, so revoking that status
link disables its survey links too (kalm.cases.PortalLink)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.functional import Promise

from kalm.surveys.items import ITEMS


def survey_path(token: str, invitation_id: int) -> str:
    return reverse("surveys_public:survey", kwargs={"token": token, "invitation_id": invitation_id})


def answer_path(token: str, invitation_id: int, item: str, value: str) -> str:
    return reverse(
        "surveys_public:answer",
        kwargs={"token": token, "invitation_id": invitation_id, "item": item, "value": value},
    )


def survey_url(token: str, invitation_id: int) -> str:
    """The whole survey, absolute (for emails)."""
    return settings.SITE_URL + survey_path(token, invitation_id)


def answer_url(token: str, invitation_id: int, item: str, value: str) -> str:
    """A one-click answer, absolute (for emails). Following it only shows the survey with that
    answer chosen; the page's script or the consumer's "Send" records it (decision 0007)."""
    return settings.SITE_URL + answer_path(token, invitation_id, item, value)


def answer_links(
    token: str, invitation_id: int, item: str, *, absolute: bool = True
) -> list[tuple[str, str | Promise, str]]:
    """(value, label, url) for each answer of ``item``: the number for a scale, the words for a
    choice (lazy, so they come out in the language the email or page is rendered in). Empty for an
    unknown item or an open question (those have no one-click answers)."""
    found = ITEMS.get(item)
    if found is None or found.kind == "text":
        return []
    make = answer_url if absolute else answer_path
    labels: tuple = found.labels if found.kind == "choice" else found.values
    return [
        (value, label, make(token, invitation_id, item, value))
        for value, label in zip(found.values, labels, strict=True)
    ]
