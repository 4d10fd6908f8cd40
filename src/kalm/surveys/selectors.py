"""Reads of the surveys: the consumer's invitation behind a status link, and what the desk and
status page show."""

from __future__ import annotations

from django.http import Http404

from kalm.cases.models import Case
from kalm.surveys.models import Invitation

ANSWERABLE = (Invitation.Status.SENT, Invitation.Status.ANSWERED)


def answerable(invitation: Invitation) -> bool:
    """Sent, answered (answers can be completed), or offered on the status page because there
    is no email address. Never one that is still scheduled, failed, or skipped for a reason (the
    quiet period, a reopened case, a survey switched off)."""
    return invitation.status in ANSWERABLE or (
        invitation.status == Invitation.Status.SKIPPED and invitation.note == "no_email"
    )


def access_invitation(token: str, invitation_id: int) -> Invitation:
    """The invitation of the case behind a private status link (404 for forged, revoked or
    unknown links, and for an invitation of another case)."""
    from kalm.portal.selectors import portal_case_from_token

    case = portal_case_from_token(token)
    invitation = (
        Invitation.objects.select_related("survey", "case", "consumer")
        .filter(pk=invitation_id, case=case)
        .first()
    )
    if invitation is None or not answerable(invitation):
        raise Http404
    return invitation


def status_page_invitation(case: Case) -> Invitation | None:
    """The newest invitation the consumer may answer (or complete) on their status page: sent,
    answered, or not emailed for lack of an address."""
    invitations = Invitation.objects.filter(case=case).select_related("survey")
    for invitation in invitations.order_by("-created_at", "-id")[:5]:
        if answerable(invitation):
            return invitation
    return None
