"""Background jobs for cases: thin wrappers that load rows and call one action."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from kalm.cases.actions import case_email_deliver
from kalm.cases.models import Case


# Retried with exponential backoff: 1, 2, 4, 8 and 16 minutes (huey's retry_backoff multiplies
# the delay after each failure). Safe to retry: case_email_deliver skips an email whose
# Message-ID (email_id) is already recorded as sent.
@db_task(retries=5, retry_delay=60, retry_backoff=2)
def send_case_email(
    case_id: int,
    subject: str,
    template: str,
    context: dict,
    from_alias: str = "",
    email_id: str = "",
    auto: bool = False,
) -> None:
    case = Case.objects.select_related("consumer", "team").get(pk=case_id)
    case_email_deliver(
        case=case,
        subject=subject,
        template=template,
        context=context,
        from_alias=from_alias,
        email_id=email_id,
        auto=auto,
    )
