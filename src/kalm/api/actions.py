"""Writes of the API app: tokens, idempotency records, the combined case update, and case
requests accepted now and opened by the worker."""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta
from typing import Any

from django.db import InterfaceError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kalm.api.errors import ApiProblem
from kalm.api.models import ApiToken, CaseRequest, IdempotencyRecord, Scope
from kalm.api.selectors import expectations_by_code, product_by_id, team_by_slug
from kalm.cases.actions import (
    OpenedCase,
    case_assign,
    case_open_unread,
    case_set_priority,
    case_transition,
    cases_open_unread,
)
from kalm.cases.models import Case

log = logging.getLogger(__name__)

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


# Cases opened per transaction by the worker. On SQLite the batch holds the one write lock
# while it works (about 2.5 ms a case), so web requests wait for it: 50 keeps that wait near
# a tenth of a second and still saves nearly all of the per-case commit.
OPEN_BATCH = 50


class CaseRequestError(ValueError):
    """A case request that cannot be opened as asked; the message is translated and kept."""


def case_request_accept(*, token: ApiToken, payload: dict[str, Any]) -> CaseRequest:
    """Store a checked ``POST /api/v1/cases`` for the worker to open (``Prefer:
    respond-async``). Committed before it is answered; the worker is woken on commit."""
    request = CaseRequest.objects.create(
        key=secrets.token_hex(16),
        token=token,
        acting_user_id=token.acting_user_id,
        payload=payload,
    )
    from kalm.api.tasks import queue_case_requests

    transaction.on_commit(queue_case_requests)
    return request


def case_requests_retry(*, requests: Any) -> int:
    """Put failed case requests back in the queue (an administrator, after a fix: the product
    restored, the acting user given access again). Returns how many were put back."""
    from kalm.api.tasks import queue_case_requests

    with transaction.atomic():
        count = requests.filter(status=CaseRequest.Status.FAILED).update(
            status=CaseRequest.Status.PENDING
        )
        if count:
            transaction.on_commit(queue_case_requests)
    return count


def case_requests_open(*, limit: int = OPEN_BATCH) -> int:
    """Open up to ``limit`` waiting case requests, oldest first, in one transaction: together
    (cases_open_unread), or, when any of them cannot be opened, each in its own savepoint, so
    one that fails is marked failed with its reason and the others open.
    The reading of their first messages (analysis, topic) is queued as one job on commit.
    Returns how many requests were taken (opened or failed).

    Rows are claimed with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so workers on several
    machines take different requests; on SQLite the transaction begins with the write lock
    (kalm.core.sqlite), so a second worker reads only what the first left waiting. A worker
    that dies mid-batch rolls the batch back: the requests wait for the next one."""
    from kalm.cases.tasks import queue_cases_reading

    with transaction.atomic():
        waiting = list(
            CaseRequest.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("acting_user")
            .filter(status=CaseRequest.Status.PENDING)
            .order_by("pk")[:limit]
        )
        if not waiting:
            return 0
        now = timezone.now()
        for request in waiting:
            request.attempts += 1
            request.processed_at = now
        results = _open_together(waiting)
        if results is None:  # something in the batch is wrong: each request on its own
            results = [_open_alone(request) for request in waiting]
        opened: list[tuple[int, int | None]] = []
        for request, result in zip(waiting, results, strict=True):
            if isinstance(result, Exception):
                # Bad input the checks at acceptance could not see (a product removed since,
                # text the database refuses, a payload edited by hand): kept, failed, with the
                # reason, so one request never blocks the ones behind it.
                request.status = CaseRequest.Status.FAILED
                request.error = str(result) or type(result).__name__
                log.warning("Case request %s could not be opened: %r", request.key, result)
                continue
            request.status = CaseRequest.Status.OPENED
            request.case = result.case
            request.error = ""
            inbound = result.message.kind == result.message.Kind.INBOUND
            opened.append((result.case.pk, result.message.pk if inbound else None))
        _outcomes_record(waiting)
        transaction.on_commit(lambda: queue_cases_reading(opened))
    return len(waiting)


def _open_together(requests: list[CaseRequest]) -> list[OpenedCase] | None:
    """The batch's cases opened together (cases_open_unread: each kind of row in one INSERT),
    or None when any request in it cannot be read or opened: nothing of the batch is kept
    then, and the requests are opened one by one."""
    try:
        with transaction.atomic():
            return cases_open_unread([_open_arguments(request) for request in requests])
    except (OperationalError, InterfaceError):
        raise  # the database, not the requests: the batch rolls back and is retried
    except Exception as exc:
        log.info("A batch of %s case requests is opened one by one: %r", len(requests), exc)
        return None


def _open_alone(request: CaseRequest) -> OpenedCase | Exception:
    """One request's case, in its own savepoint; the reason when it cannot be opened."""
    try:
        with transaction.atomic():
            return case_open_unread(**_open_arguments(request))
    except (OperationalError, InterfaceError):
        raise
    except Exception as exc:
        return exc


def _outcomes_record(requests: list[CaseRequest]) -> None:
    """Write each request's outcome: one statement run for every row. bulk_update's CASE WHEN
    over five fields cost about 0.7 ms of CPU per request, a fifth of opening its case."""
    table = connection.ops.quote_name(CaseRequest._meta.db_table)
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET status = %s, error = %s, attempts = %s, case_id = %s,"
            " processed_at = %s WHERE id = %s",
            [
                (r.status, r.error, r.attempts, r.case_id, adapt(r.processed_at), r.pk)
                for r in requests
            ],
        )


def _open_arguments(request: CaseRequest) -> dict[str, Any]:
    """case_open's arguments for a stored request. The product, team and expectations are
    looked up again, as the endpoint looked them up when it accepted the request (they may
    have gone since), and the acting user must still be on the desk."""
    data = request.payload
    user = request.acting_user
    if not user.is_desk_member:
        raise CaseRequestError(_("The token's acting user no longer has desk access."))
    try:
        product = product_by_id(data.get("product"))
        team = team_by_slug(data.get("team"))
        codes = data.get("expectations") or []
        expectations = expectations_by_code(codes) if codes else []
    except ApiProblem as problem:  # its field's reason, as the endpoint would have answered
        raise CaseRequestError("; ".join(e["detail"] for e in problem.errors or [])) from problem
    return {
        **data["consumer"],
        "subject": data["subject"],
        "body": data["body"],
        "channel": data["channel"],
        "language": data["language"],
        "batch_number": data.get("batch_number", ""),
        "expectation_other": data.get("expectation_other", ""),
        "priority": data["priority"],
        "created_at": request.received_at,
        "opened_by": user,
        "product": product,
        "team": team,
        "expectations": expectations,
    }
