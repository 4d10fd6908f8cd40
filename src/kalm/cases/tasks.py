"""Background jobs for cases: thin wrappers that load rows and call one action."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from kalm.cases.actions import case_email_deliver
from kalm.cases.models import Case


@db_task(retries=5, retry_delay=60)
def send_case_email(
    case_id: int, subject: str, template: str, context: dict, from_alias: str = ""
) -> None:
    case = Case.objects.select_related("consumer").get(pk=case_id)
    case_email_deliver(
        case=case, subject=subject, template=template, context=context, from_alias=from_alias
    )
