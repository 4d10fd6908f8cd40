"""Reads for the API: filtered case lists, one case with what its schema needs, consumers, and
the look-ups of referenced rows (team, agent, product, expectations) that answer 422 problems."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils.translation import gettext as _

from kalm.accounts.models import Team, User
from kalm.api.errors import ApiProblem
from kalm.api.models import ApiToken, CaseRequest
from kalm.cases.models import Case, ExpectationOption, Product
from kalm.cases.search import search_cases
from kalm.cases.selectors import access_case
from kalm.consumers.models import Consumer
from kalm.core.prepared import prepared_list

CASE_RELATED = ("consumer", "team", "assignee", "topic", "merged_into")


def case_queryset() -> QuerySet[Case]:
    # Drill cases are a sandbox for the desk: the API (CRMs, exports, integrations) never
    # sees them, neither in lists nor by reference.
    return (
        Case.objects.filter(drill__isnull=True)
        .select_related(*CASE_RELATED)
        .prefetch_related("expectations")
    )


def case_list(
    *,
    status: str | None = None,
    priority: str | None = None,
    team: str | None = None,
    assignee: str | None = None,
    channel: str | None = None,
    updated_after: datetime | None = None,
    q: str | None = None,
) -> QuerySet[Case]:
    qs = case_queryset()
    filters: dict[str, Any] = {}
    if status:
        filters["status"] = status
    if priority:
        filters["priority"] = priority
    if team:
        filters["team__slug"] = team
    if assignee:
        filters["assignee__username"] = assignee
    if channel:
        filters["channel"] = channel
    if updated_after:
        filters["updated_at__gt"] = updated_after
    qs = qs.filter(**filters)
    if q:
        qs = search_cases(qs, q)
    return qs


def _field_problem(field: str, detail: str) -> ApiProblem:
    return ApiProblem(
        422,
        "validation",
        _("One or more fields are missing or wrong; see errors."),
        errors=[{"in": "body", "pointer": f"/{field}", "detail": detail, "type": "not_found"}],
    )


def team_by_slug(slug: str | None) -> Team | None:
    """The team, None for no slug, or a 422 problem pointing at ``/team``."""
    if not slug:
        return None
    team = Team.objects.filter(slug=slug).first()
    if team is None:
        raise _field_problem("team", _("No team with this slug."))
    return team


def agent_by_username(username: str | None) -> User | None:
    if not username:
        return None
    user = User.objects.filter(username=username).first()
    if user is None or not user.is_desk_member:
        raise _field_problem("assignee", _("No active desk member with this username."))
    return user


def product_by_id(product_id: int | None) -> Product | None:
    if product_id is None:
        return None
    product = Product.objects.filter(pk=product_id).first()
    if product is None:
        raise _field_problem("product", _("No product with this id."))
    return product


def expectations_by_code(codes: list[str]) -> list[ExpectationOption]:
    codes = list(dict.fromkeys(codes))
    options = prepared_list(
        "api.expectations",
        lambda *codes: ExpectationOption.objects.filter(code__in=codes, active=True),
        values=codes,
    )
    missing = sorted(set(codes) - {o.code for o in options})
    if missing:
        raise _field_problem(
            "expectations", _("Unknown codes: %(codes)s") % {"codes": ", ".join(missing)}
        )
    return options


def case_for_api(user: Any, reference: str) -> Case:
    """The case with everything CaseOut reads, after the desk access check (403, then 404).

    References are upper case, so an exact match (the unique index) finds any spelling;
    ``access_case`` refuses outsiders before it answers 404 for an unknown one."""
    return _case_for_api(user, reference=reference.strip().upper())


def _case_for_api(user: Any, **lookup: Any) -> Case:
    case_id = Case.objects.filter(drill__isnull=True, **lookup).values_list("id", flat=True).first()
    case = access_case(user, case_id or 0)
    prefetch_related_objects([case], "expectations")
    return case


def case_request_for_api(token: ApiToken, key: str) -> CaseRequest:
    """A case request sent by this token (404 for anyone else's: ids are not shared between
    integrations), with its case as case_for_api reads it once opened."""
    request = CaseRequest.objects.filter(token=token, key=key.strip()).first()
    if request is None:
        raise Http404
    if request.case_id is not None:
        request.case = _case_for_api(token.acting_user, pk=request.case_id)
    return request


def case_requests_waiting(*, since: datetime | None = None) -> bool:
    """Whether any case request waits to be opened (received before ``since``, when given)."""
    waiting = CaseRequest.objects.filter(status=CaseRequest.Status.PENDING)
    if since is not None:
        waiting = waiting.filter(received_at__lt=since)
    return waiting.exists()


def consumer_queryset() -> QuerySet[Consumer]:
    return Consumer.objects.filter(drill__isnull=True).prefetch_related(
        "identities",
        Prefetch(
            "cases",
            queryset=Case.objects.only("id", "reference", "consumer_id").order_by(
                "-created_at", "-id"
            ),
        ),
    )


def consumer_list(*, q: str | None = None) -> QuerySet[Consumer]:
    qs = consumer_queryset()
    if q:
        qs = qs.filter(identities__value__icontains=q.strip().lower()).distinct()
    return qs
