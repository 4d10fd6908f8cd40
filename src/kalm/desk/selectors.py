"""Reads for the desk: the inbox page (keyset-paginated) and everything around one case."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.db import connection
from django.db.models import BooleanField, F, Func, IntegerField, Q, QuerySet, Value, When
from django.db.models import Case as DbCase
from django.db.models.expressions import RawSQL
from django.db.models.lookups import IsNull
from django.utils import timezone

from kalm.accounts.models import Role, Team, User
from kalm.cases.models import OPEN_STATUSES, Case, CaseLink, PortalLink, Solution, Status
from kalm.cases.search import count_matches, fetch_newest_first, search_cases
from kalm.core.prepared import prepared_count, prepared_list
from kalm.dossier.models import DossierEntry, EntryKind, PhysicalItem

PAGE_SIZE = 50
# Counting is bounded: we say "more than 500" rather than scanning a million rows for a total.
COUNT_LIMIT = 500

INBOX_FIELDS = (
    "id",
    "reference",
    "subject",
    "channel",
    "status",
    "priority",
    "updated_at",
    "first_response_due_at",
    "first_responded_at",
    "consumer__id",
    "consumer__name",
    "team__id",
    "team__name",
    "assignee__id",
    "assignee__alias",
    "assignee__username",
)


LANE_FIELDS = (
    "id",
    "reference",
    "subject",
    "status",
    "priority",
    "updated_at",
    "first_response_due_at",
    "first_responded_at",
    "consumer__id",
    "consumer__name",
    "assignee__id",
    "assignee__alias",
    "assignee__username",
)


@dataclass(frozen=True)
class Cursor:
    updated_at: datetime
    id: int

    def encode(self) -> str:
        return f"{self.updated_at.astimezone(UTC).isoformat()}_{self.id}"

    @classmethod
    def decode(cls, raw: str) -> Cursor | None:
        """Parse ``<updated_iso>_<id>``; anything malformed means "start from the top"."""
        stamp, sep, ident = (raw or "").strip().rpartition("_")
        if not sep:
            return None
        try:
            # A "+" in an unencoded query string arrives as a space.
            moment = datetime.fromisoformat(stamp.replace(" ", "+"))
            number = int(ident)
        except ValueError:
            return None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, UTC)
        return cls(moment, number)

    @classmethod
    def of(cls, case: Case) -> Cursor:
        return cls(case.updated_at, case.pk)


@dataclass
class InboxPage:
    cases: list[Case]
    next_cursor: Cursor | None
    prev_cursor: Cursor | None
    count: int
    count_is_capped: bool = field(default=False)


def desk_agents() -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True, role__in=[Role.AGENT, Role.LEAD, Role.ADMIN])
        .only("id", "username", "first_name", "last_name", "alias")
        .order_by("first_name", "last_name", "username")
    )


def desk_teams() -> QuerySet[Team]:
    return Team.objects.only("id", "name").order_by("name")


def desk_agent_list() -> list[User]:
    """:func:`desk_agents`, read for a page (the inbox's assignee filter, on every load)."""
    return prepared_list("desk.agents", desk_agents)


def desk_team_list() -> list[Team]:
    return prepared_list("desk.teams", desk_teams)


def inbox_queryset(
    *, user: Any, filters: dict[str, Any], drill_id: int | None = None
) -> QuerySet[Case]:
    """The filtered (not yet ordered or paginated) cases for the inbox: real cases, or only the
    cases of the drill the desk is switched to."""
    statuses = filters.get("status") or []
    open_only = not statuses or set(statuses) == set(OPEN_STATUSES)
    if open_only and connection.vendor == "sqlite" and not any(map(filters.get, _NARROWING)):
        # The default view, the one every agent opens: the open cases of the desk, newest
        # first, read from their own index (see _OPEN_LITERAL).
        return Case.objects.filter(drill_id=drill_id, status__in=OPEN_STATUSES).filter(
            _OPEN_LITERAL
        )
    qs = Case.objects.filter(_drill_condition(drill_id))
    if open_only:
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif "all" not in statuses:
        qs = qs.filter(status__in=statuses)
    if filters.get("priority"):
        qs = qs.filter(priority=filters["priority"])
    if filters.get("team"):
        qs = qs.filter(team_id=filters["team"])
    if filters.get("channel"):
        qs = qs.filter(channel=filters["channel"])
    assignee = filters.get("assignee") or ""
    if assignee == "me":
        qs = qs.filter(assignee_id=user.pk)
    elif assignee == "none":
        qs = qs.filter(assignee__isnull=True)
    elif assignee.isdigit():
        qs = qs.filter(assignee_id=int(assignee))
    if filters.get("overdue"):
        qs = qs.filter(
            first_responded_at__isnull=True,
            first_response_due_at__lt=timezone.now(),
            status__in=OPEN_STATUSES,
        )
    if filters.get("q"):
        qs = search_cases(qs, filters["q"])
    if filters.get("lane") == "crisis":
        from kalm.crisis.outreach import lane_annotations, lane_case_ids

        # Subqueries inside the page's one SELECT: the filter costs no query of its own.
        qs = qs.filter(pk__in=lane_case_ids(drill_id)).annotate(**lane_annotations(drill_id))
    return qs


def inbox_key(*, user: Any, filters: dict[str, Any], drill_id: int | None = None) -> Hashable:
    """What :func:`inbox_queryset` depends on, as a key for its prepared reads; None when it
    depends on more (the clock for the overdue filter, free text for a search)."""
    if filters.get("overdue") or filters.get("q"):
        return None
    assignee = filters.get("assignee") or ""
    return (
        "desk.inbox",
        drill_id,
        tuple(sorted(filters.get("status") or [])),
        filters.get("priority") or "",
        filters.get("team"),
        filters.get("channel") or "",
        user.pk if assignee == "me" else assignee,
        filters.get("lane") or "",
    )


# The open cases' condition once more, in literals: SQLite uses a partial index
# (case_open_updated: the open cases of a desk, newest first) only for a query holding its WHERE
# term as written, and bound parameters never match it. With it the default inbox reads 50 rows
# of that index at a million cases (0.5 ms) instead of sorting every open case (~150 ms). The
# statuses are the code's own constants.
assert all(status.isidentifier() for status in OPEN_STATUSES)
_OPEN_LITERAL = RawSQL(
    '"cases_case"."status" IN ({})'.format(", ".join(f"'{s}'" for s in OPEN_STATUSES)),
    [],
    output_field=BooleanField(),
)


def _drill_condition(drill_id: int | None) -> Q | IsNull:
    """``drill_id = <id>``, or ``drill_id IS NULL`` for the real desk.

    On SQLite the real desk's condition is written ``+drill_id IS NULL``: nearly every case is
    real, but the planner (whose sampled statistics say a drill_id holds ~1,000 rows) would
    read all of them through the drill_id index and sort them for a page of 50, instead of
    walking an index in the page's order (case_updated, case_status_updated, ...) and stopping
    after 50. The unary plus keeps the condition and takes the drill_id index out of the plan.
    PostgreSQL's statistics know better; its condition stays plain."""
    if drill_id is not None or connection.vendor != "sqlite":
        return Q(drill_id=drill_id)
    unindexed = Func(F("drill_id"), template="+%(expressions)s", output_field=IntegerField())
    return IsNull(unindexed, True)


# Filters that narrow the open cases further: with one of them the plans of _drill_condition
# (an index on the filtered column) beat walking all open cases.
_NARROWING = ("priority", "team", "channel", "assignee", "overdue", "q", "lane")


LANE_SIZE = 5  # a lane, not a second inbox: the rest is one click away (lane=crisis)
# Cases where the next move is the consumer's go below those waiting on us.
_CONSUMERS_TURN = (Status.WAITING_CONSUMER, Status.SOLUTION_PROPOSED)


@dataclass
class CrisisLane:
    cases: list[Case]
    more: bool  # more cases than shown: the "show all" link matters


def crisis_lane(*, drill_id: int | None = None, size: int = LANE_SIZE) -> CrisisLane:
    """The inbox's priority lane: open cases linked (confirmed or proposed) to an open crisis
    of the desk's drill (or a real one), the longest waiting on us first, each with the name of
    its crisis (``case.crisis_title``, ``case.crisis_pk``). One query."""
    from kalm.crisis.outreach import lane_annotations, lane_case_ids

    def build() -> QuerySet[Case]:
        turn = DbCase(When(status__in=_CONSUMERS_TURN, then=Value(1)), default=Value(0))
        return (
            Case.objects.filter(
                drill_id=drill_id, status__in=OPEN_STATUSES, pk__in=lane_case_ids(drill_id)
            )
            .select_related("consumer", "assignee")
            .only(*LANE_FIELDS)
            .annotate(consumers_turn=turn, **lane_annotations(drill_id))
            .order_by("consumers_turn", "updated_at", "id")[: size + 1]
        )

    rows = prepared_list(("desk.crisis_lane", drill_id, size), build)
    return CrisisLane(cases=rows[:size], more=len(rows) > size)


def inbox_page(
    qs: QuerySet[Case],
    *,
    after: Cursor | None = None,
    before: Cursor | None = None,
    size: int = PAGE_SIZE,
    newest_cases_first: bool = False,
    key: Hashable = None,
) -> InboxPage:
    """One page of cases, newest activity first, by keyset on (updated_at, id); or, with
    ``newest_cases_first`` (search results), newest cases first by keyset on id, the order in
    which the full-text index hands out its matches, so that a page of a search matching
    100,000 cases reads about a page of rows.

    Each page is an index range scan whatever its depth: no OFFSET, no COUNT(*) of the table.

    ``key`` (:func:`inbox_key`) says that ``qs`` is wholly determined by it: the first page and
    its count are then prepared reads (:mod:`kalm.core.prepared`), compiled once per key."""
    base = qs.select_related("consumer", "team", "assignee").only(*INBOX_FIELDS)
    first_page = after is None and before is None and not newest_cases_first
    if key is not None and first_page:
        return _prepared_first_page(qs, base, key=key, size=size)
    if before is not None:
        if newest_cases_first:
            rows = fetch_newest_first(base, above_id=before.id, limit=size + 1)
        else:
            rows = list(
                base.filter(
                    Q(updated_at__gt=before.updated_at)
                    | Q(updated_at=before.updated_at, id__gt=before.id)
                ).order_by("updated_at", "id")[: size + 1]
            )
        has_newer = len(rows) > size
        rows = list(reversed(rows[:size]))
        next_cursor = Cursor.of(rows[-1]) if rows else None
        prev_cursor = Cursor.of(rows[0]) if rows and has_newer else None
    else:
        if newest_cases_first:
            below_id = after.id if after is not None else None
            rows = fetch_newest_first(base, below_id=below_id, limit=size + 1)
        else:
            if after is not None:
                base = base.filter(
                    Q(updated_at__lt=after.updated_at)
                    | Q(updated_at=after.updated_at, id__lt=after.id)
                )
            rows = list(base.order_by("-updated_at", "-id")[: size + 1])
        has_older = len(rows) > size
        rows = rows[:size]
        next_cursor = Cursor.of(rows[-1]) if rows and has_older else None
        prev_cursor = Cursor.of(rows[0]) if rows and after is not None else None
    _attach_signals(rows)
    count = 0
    capped = False
    if after is None and before is None:
        if len(rows) < size:
            count = len(rows)
        else:
            count = count_matches(qs, cap=COUNT_LIMIT + 1)
            capped = count > COUNT_LIMIT
            count = min(count, COUNT_LIMIT)
    return InboxPage(rows, next_cursor, prev_cursor, count, capped)


def _prepared_first_page(
    qs: QuerySet[Case], base: QuerySet[Case], *, key: Hashable, size: int
) -> InboxPage:
    """:func:`inbox_page`'s first page, newest activity first, as prepared reads."""
    rows = prepared_list(
        (key, "page", size), lambda: base.order_by("-updated_at", "-id")[: size + 1]
    )
    has_older = len(rows) > size
    rows = rows[:size]
    _attach_signals(rows)
    if len(rows) < size:
        count, capped = len(rows), False
    else:
        count = prepared_count(
            (key, "count"), lambda: qs.order_by().values("id")[: COUNT_LIMIT + 1]
        )
        capped = count > COUNT_LIMIT
        count = min(count, COUNT_LIMIT)
    next_cursor = Cursor.of(rows[-1]) if rows and has_older else None
    return InboxPage(rows, next_cursor, None, count, capped)


def _attach_signals(rows: list[Case]) -> None:
    """Each row's fired signals of its latest analysed message (``case.empathy_signals``, pairs of
    signal and probability), for the inbox's chips: one query for the page."""
    from kalm.empathy.selectors import latest_signals_by_case

    signals = latest_signals_by_case([case.pk for case in rows])
    for case in rows:
        case.empathy_signals = signals.get(case.pk, [])  # type: ignore[attr-defined]


def case_by_reference(reference: str) -> Case | None:
    return Case.objects.filter(reference__iexact=reference.strip()).only("id").first()


@dataclass
class MergedTimeline:
    case: Case
    entries: list[DossierEntry]


def case_page_data(case: Case) -> dict[str, Any]:
    """Everything the case page shows besides the case row itself, in a fixed number of queries."""
    entries = list(DossierEntry.objects.filter(case_id=case.pk).order_by("seq"))
    merged_cases = list(
        Case.objects.filter(merged_into=case).only("id", "reference", "subject").order_by("id")
    )
    merged_entries: dict[int, list[DossierEntry]] = {c.pk: [] for c in merged_cases}
    if merged_cases:
        for entry in DossierEntry.objects.filter(case_id__in=merged_entries).order_by(
            "case_id", "seq"
        ):
            merged_entries[entry.case_id].append(entry)
    links = CaseLink.objects.filter(Q(from_case=case) | Q(to_case=case)).select_related(
        "from_case", "to_case"
    )
    linked = [link.to_case if link.from_case_id == case.pk else link.from_case for link in links]
    empathy = _attach_analyses(case, entries, merged_entries)
    other_cases = list(
        Case.objects.filter(consumer_id=case.consumer_id)
        .exclude(pk=case.pk)
        .only("id", "reference", "subject", "status", "updated_at")
        .order_by("-updated_at", "-id")[:10]
    )
    return {
        "entries": entries,
        "merged_timelines": [MergedTimeline(c, merged_entries[c.pk]) for c in merged_cases],
        "linked_cases": linked,
        "other_cases": other_cases,
        "expectations": list(case.expectations.all()),
        "items": list(PhysicalItem.objects.filter(case=case).select_related("collected_by")),
        "active_links": list(PortalLink.objects.filter(case=case, revoked_at__isnull=True)),
        "solution": Solution.objects.filter(case=case).order_by("-proposed_at", "-id").first(),
        "empathy": empathy,
    }


def _attach_analyses(
    case: Case, entries: list[DossierEntry], merged: dict[int, list[DossierEntry]]
) -> Any:
    """Give every inbound message entry of the page its analysis (``entry.analysis``, for the
    highlighted words and chips) with one query, and build the empathy card from the latest."""
    from kalm.empathy.selectors import analyses_by_message, case_empathy

    inbound = [
        entry
        for entry in [*entries, *(e for group in merged.values() for e in group)]
        if entry.kind == EntryKind.MESSAGE_IN and isinstance(entry.payload, dict)
    ]
    analyses = analyses_by_message(
        entry.payload["message_id"]
        for entry in inbound
        if isinstance(entry.payload.get("message_id"), int)
    )
    latest = None
    for entry in inbound:
        entry.analysis = analyses.get(entry.payload.get("message_id"))  # type: ignore[attr-defined]
        if entry.case_id == case.pk and entry.analysis is not None:  # type: ignore[attr-defined]
            latest = entry.analysis  # type: ignore[attr-defined]  # entries come in seq order
    return case_empathy(case, latest=latest)
