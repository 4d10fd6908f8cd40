"""Which case an inbound email belongs to: by its headers, by the reference in the subject,
else a new case (or the consumer's open case when settings say so)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings

from kalm.cases.models import OPEN_STATUSES, Case
from kalm.channels.email.parse import ParsedEmail
from kalm.channels.models import EmailRef
from kalm.consumers.models import ContactIdentity

_REFERENCE_BODY = r"\d{2}-[0-9A-HJKMNP-TV-Z]{6}"


@dataclass(frozen=True)
class Thread:
    case: Case | None
    how: str  # "in-reply-to", "references", "subject", "open-case" or "new"


def _follow_merges(case: Case) -> Case:
    seen = set()
    while case.merged_into_id and case.pk not in seen:
        seen.add(case.pk)
        case = case.merged_into
    return case


def subject_references(subject: str) -> list[str]:
    prefix = re.escape(settings.KALM_CASE_REFERENCE_PREFIX)
    pattern = re.compile(rf"(?<![0-9A-Za-z])({prefix}{_REFERENCE_BODY})(?![0-9A-Za-z])", re.I)
    return [m.upper() for m in pattern.findall(subject)]


def sender_owns(case: Case, address: str) -> bool:
    """Is this address one of the case consumer's? (So a subject reference cannot be hijacked.)"""
    if not address:
        return False
    if case.consumer.email and case.consumer.email.lower() == address:
        return True
    return ContactIdentity.objects.filter(
        consumer_id=case.consumer_id, kind=ContactIdentity.Kind.EMAIL, value=address
    ).exists()


def thread_find(parsed: ParsedEmail) -> Thread:
    wanted = [("in-reply-to", m) for m in parsed.in_reply_to] + [
        ("references", m) for m in reversed(parsed.references)
    ]
    if wanted:
        refs = {
            r.message_id: r
            for r in EmailRef.objects.select_related("case").filter(
                message_id__in=[m for _how, m in wanted]
            )
        }
        for how, message_id in wanted:
            if message_id in refs:
                return Thread(_follow_merges(refs[message_id].case), how)
    references = subject_references(parsed.subject)
    if references:
        for case in Case.objects.select_related("consumer").filter(reference__in=references):
            if sender_owns(case, parsed.from_address):
                return Thread(_follow_merges(case), "subject")
    if settings.KALM_EMAIL_REUSE_OPEN_CASE and parsed.from_address:
        identity = ContactIdentity.objects.filter(
            kind=ContactIdentity.Kind.EMAIL, value=parsed.from_address
        ).first()
        if identity is not None:
            case = (
                Case.objects.filter(
                    consumer_id=identity.consumer_id,
                    status__in=OPEN_STATUSES,
                    merged_into__isnull=True,
                )
                .order_by("-created_at", "-pk")
                .first()
            )
            if case is not None:
                return Thread(case, "open-case")
    return Thread(None, "new")
