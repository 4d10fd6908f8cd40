"""Helpers for the statement tests: a crisis team (spokesperson, legal, customer care) and
statements written, reviewed and published through the real actions."""

from __future__ import annotations

from kalm.core.testing import UserFactory
from kalm.crisis.actions import (
    crisis_role_assign,
    statement_approve,
    statement_draft,
    statement_publish,
    statement_submit,
)
from kalm.crisis.models import PublishChannel, StatementVersion, TeamRole

SECTIONS = {
    "what_happened": "Flessen uit batch L2611 kunnen barsten.",
    "what_we_do": "We halen batch L2611 uit de winkels.",
    "what_to_expect": "Voor vrijdag 12:00 is alles terug.",
    "what_you_can_do": "Open de fles niet en breng hem terug.",
    "how_to_reach_us": "Bel 0800-1234, dag en nacht.",
}

BOTH = [PublishChannel.PUBLIC_PAGE, PublishChannel.DESK_MACRO]


def member(team_lead, username: str, role: str | None = None, crisis=None):
    """A desk member (agent) holding a crisis-team role, by default for every crisis."""
    user = UserFactory(username=username, alias=username.capitalize())
    if role is not None:
        crisis_role_assign(actor=team_lead, user=user, role=role, crisis=crisis)
    return user


def team(team_lead):
    """The spokesperson drafts and publishes, legal approves."""
    return (
        member(team_lead, "spokes", TeamRole.SPOKESPERSON),
        member(team_lead, "legal", TeamRole.LEGAL),
    )


def draft(crisis, actor, *, language: str = "nl", faq=(), **changes) -> StatementVersion:
    return statement_draft(
        crisis=crisis, actor=actor, language=language, faq=faq, **{**SECTIONS, **changes}
    )


def approved(crisis, drafter, reviewer, **kwargs) -> StatementVersion:
    version = draft(crisis, drafter, **kwargs)
    statement_submit(version=version, actor=drafter)
    return statement_approve(version=version, actor=reviewer, note="")


def published(crisis, drafter, reviewer, channels=BOTH, **kwargs) -> StatementVersion:
    version = approved(crisis, drafter, reviewer, **kwargs)
    statement_publish(version=version, actor=drafter, channels=channels)
    version.refresh_from_db()
    return version
