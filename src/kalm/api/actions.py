"""Writes of the API app: tokens, idempotency records, and the combined case update."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kalm.api.models import ApiToken, IdempotencyRecord, Scope
from kalm.cases.actions import case_assign, case_set_priority, case_transition
from kalm.cases.models import Case

TOKEN_PREFIX = "kalm"
IDEMPOTENCY_TTL = timedelta(hours=24)


class ApiTokenError(ValueError):
    """A token that cannot be created as asked; the message is translated."""


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_token_create(*, name: str, user: Any, scopes: list[str]) -> tuple[ApiToken, str]:
    """Create a token for an integration acting as ``user``; returns the row and the full token,
    which is never stored and cannot be shown again."""
    unknown = sorted(set(scopes) - set(Scope.values))
    if unknown:
        raise ApiTokenError(_("Unknown scopes: %(scopes)s") % {"scopes": ", ".join(unknown)})
    if not scopes:
        raise ApiTokenError(_("Give the token at least one scope."))
    if not name.strip():
        raise ApiTokenError(_("Give the token a name."))
    if not user.is_desk_member:
        raise ApiTokenError(_("The acting user must be an active desk member."))
    if not user.alias:
        raise ApiTokenError(_("The acting user needs a public alias to reply to consumers."))
    for _attempt in range(5):
        prefix = secrets.token_hex(4)
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        name=name.strip(),
        prefix=prefix,
        token_hash=token_hash(secret),
        scopes=[s for s in Scope.values if s in scopes],
        acting_user=user,
    )
    return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        ApiToken.objects.filter(pk=token.pk, revoked_at=None).update(revoked_at=token.revoked_at)
    return token


def api_token_touch(*, token: ApiToken) -> ApiToken:
    """Record that the token was used; at most once a minute, so busy integrations do not turn
    every read into a write."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def idempotency_record_begin(*, token: ApiToken, key: str, fingerprint: str) -> IdempotencyRecord:
    """Claim the key. Raises IntegrityError when another request holds it (the caller replays
    that request's answer). Call inside the transaction that does the work."""
    return IdempotencyRecord.objects.create(token=token, key=key, request_fingerprint=fingerprint)


def idempotency_record_finish(
    *, record: IdempotencyRecord, status: int, body: Any
) -> IdempotencyRecord:
    record.response_status = status
    record.response_body = body
    record.save(update_fields=["response_status", "response_body"])
    return record


def idempotency_expire(*, older_than: timedelta = IDEMPOTENCY_TTL) -> int:
    """Delete idempotency records older than the window; returns how many went."""
    deleted, _by_model = IdempotencyRecord.objects.filter(
        created_at__lt=timezone.now() - older_than
    ).delete()
    return deleted


_UNSET: Any = object()


def case_update(
    *,
    case: Case,
    actor: Any,
    status: str | None = None,
    assignee: Any = _UNSET,
    team: Any = _UNSET,
    priority: str | None = None,
) -> Case:
    """Change a case's status, assignment and priority at once: all of it or nothing.

    ``assignee``/``team`` left out are kept; passed as None they are cleared. Each change goes
    through its own case action, so the dossier records each one under ``actor``."""
    with transaction.atomic():
        if assignee is not _UNSET or team is not _UNSET:
            new_assignee = case.assignee if assignee is _UNSET else assignee
            new_team = case.team if team is _UNSET else team
            if new_assignee != case.assignee or new_team != case.team:
                case_assign(case=case, actor=actor, assignee=new_assignee, team=new_team)
        if priority is not None and priority != case.priority:
            case_set_priority(case=case, actor=actor, priority=priority)
        if status is not None and status != case.status:
            case_transition(case=case, to=status, actor=actor)
    return case
