"""What Kalm knows of a consumer that bears on whether they stay: the churn factors, computed for
many consumers at once with one grouped query per source, as of a moment (now for the living
score, the day they left for a lost consumer, so a model learns from what was known then)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import (
    Avg,
    Case,
    Count,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    Max,
    Min,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kalm.cases.models import OPEN_STATUSES, Status
from kalm.cases.models import Case as CaseRow
from kalm.consumers.models import Consumer
from kalm.dossier.models import DossierEntry, EntryKind
from kalm.empathy.models import MessageAnalysis
from kalm.followups.models import FollowUp
from kalm.surveys.models import Response

# How far back contacts count: a complaint of three years ago says little about leaving now.
HORIZON = timedelta(days=365)
# "Repeated contacts": the cases of the last quarter.
REPEAT_WINDOW = timedelta(days=90)
# A message read at or below this sentiment counts as negative (as on the dashboards).
NEGATIVE_SENTIMENT = -0.2
# The middle of the CES scale, used for consumers who never answered it.
NEUTRAL_EFFORT = 4.0


@dataclass(frozen=True)
class Factor:
    code: str
    label: Any
    # How the raw figure enters the classifier: counts, hours and days on a log scale (the tenth
    # contact adds less than the second), shares and scales as they are.
    log: bool


FACTORS: tuple[Factor, ...] = (
    Factor("open_complaints", _("Open complaints"), log=True),
    Factor("reopened", _("Reopened complaints"), log=True),
    Factor("waiting_hours", _("Waiting time"), log=True),
    Factor("unanswered_feedback", _("Unanswered feedback"), log=True),
    Factor("negative_share", _("Negative sentiment"), log=False),
    Factor("effort", _("Effort"), log=False),
    Factor("repeat_contacts", _("Repeated contacts"), log=True),
    Factor("recency_days", _("Recency"), log=True),
    Factor("tenure_days", _("Tenure"), log=True),
)
CODES: tuple[str, ...] = tuple(f.code for f in FACTORS)
LABELS: dict[str, Any] = {f.code: f.label for f in FACTORS}


def vector(features: dict[str, Any]) -> list[float]:
    """The classifier's input for one consumer's raw figures, in FACTORS order."""
    out = []
    for factor in FACTORS:
        value = features.get(factor.code)
        if value is None:
            value = NEUTRAL_EFFORT if factor.code == "effort" else 0.0
        value = float(value)
        out.append(math.log1p(max(value, 0.0)) if factor.log else value)
    return out


def describe(code: str, features: dict[str, Any]) -> str:
    """One factor of one consumer in words, with its figure: what the desk shows as a reason.
    Always a plain str in the active language (reasons are joined into titles and CSV cells)."""
    value = features.get(code)
    if code == "open_complaints":
        n = int(value or 0)
        return ngettext("%(n)s complaint still open", "%(n)s complaints still open", n) % {"n": n}
    if code == "reopened":
        n = int(value or 0)
        return ngettext("a complaint was reopened", "complaints were reopened %(n)s times", n) % {
            "n": n
        }
    if code == "waiting_hours":
        hours = round(float(value or 0))
        if hours >= 48:
            return _("waited %(days)s days on average for a first answer") % {
                "days": round(hours / 24)
            }
        return ngettext(
            "waited %(n)s hour on average for a first answer",
            "waited %(n)s hours on average for a first answer",
            hours,
        ) % {"n": hours}
    if code == "unanswered_feedback":
        n = int(value or 0)
        return ngettext(
            "%(n)s low survey answer not followed up",
            "%(n)s low survey answers not followed up",
            n,
        ) % {"n": n}
    if code == "negative_share":
        return _("%(pct)s%% of their messages read as negative") % {
            "pct": round(100 * float(value or 0))
        }
    if code == "effort":
        if value is None:
            return str(_("never said how much effort it took"))
        return _("found it hard to get help (effort %(e)s of 7)") % {"e": f"{float(value):.1f}"}
    if code == "repeat_contacts":
        n = int(value or 0)
        return ngettext(
            "%(n)s contact in the last 90 days", "%(n)s contacts in the last 90 days", n
        ) % {"n": n}
    if code == "recency_days":
        days = int(value or 0)
        if days == 0:
            return str(_("was in touch today"))
        return ngettext("last contact %(n)s day ago", "last contact %(n)s days ago", days) % {
            "n": days
        }
    if code == "tenure_days":
        days = int(value or 0)
        if days >= 730:
            return _("customer for %(n)s years") % {"n": days // 365}
        if days < 60:
            # "customer for 0 months" says nothing; a new customer's days do.
            return ngettext("customer for %(n)s day", "customer for %(n)s days", days) % {"n": days}
        months = max(days // 30, 0)
        return ngettext("customer for %(n)s month", "customer for %(n)s months", months) % {
            "n": months
        }
    raise KeyError(code)


def _empty() -> dict[str, Any]:
    return {
        "open_complaints": 0,
        "reopened": 0,
        "waiting_hours": 0.0,
        "unanswered_feedback": 0,
        "negative_share": 0.0,
        "messages": 0,
        "effort": None,
        "repeat_contacts": 0,
        "recency_days": None,
        "tenure_days": 0,
        "cases": 0,
    }


def _scoped(
    qs: QuerySet, field: str, ids: list[int] | None, id_range: tuple[int, int] | None = None
) -> QuerySet:
    if ids is not None:
        return qs.filter(**{f"{field}__in": ids})
    if id_range is not None:
        return qs.filter(**{f"{field}__gte": id_range[0], f"{field}__lt": id_range[1]})
    return qs


def _days(delta: timedelta) -> int:
    return max(delta.days, 0)


def compute(
    *,
    as_of: datetime,
    consumer_ids: Iterable[int] | None = None,
    id_range: tuple[int, int] | None = None,
) -> dict[int, dict]:
    """The raw factor figures of each consumer with a real case before ``as_of``, by consumer
    id. ``consumer_ids`` None means every consumer (one pass over each table); a list narrows
    every query to those ids; ``id_range`` (first, past-last) to the consumers whose ids fall in
    it, so a refresh can go through a million consumers a slice at a time.

    Figures: ``open_complaints`` (cases open at ``as_of``), ``reopened`` (reopenings in the past
    year), ``waiting_hours`` (mean hours to the first answer over the past year's cases; a case
    still unanswered counts its wait so far), ``unanswered_feedback`` (low survey answers whose
    follow-up was not done by then), ``negative_share`` (share of their analysed messages of the
    past year read as negative), ``effort`` (mean CES turned into effort, 1 easy .. 7 hard; None
    when never answered), ``repeat_contacts`` (cases in the last 90 days), ``recency_days``
    (days since their last case), ``tenure_days`` (days since we first knew them)."""
    ids = None if consumer_ids is None else list(consumer_ids)
    since = as_of - HORIZON
    at = Value(as_of, output_field=DateTimeField())
    cases = _scoped(
        CaseRow.objects.filter(
            consumer__isnull=False, drill_id=None, merged_into=None, created_at__lte=as_of
        ),
        "consumer_id",
        ids,
        id_range,
    )
    wait = Case(
        When(
            first_responded_at__isnull=False,
            first_responded_at__lte=as_of,
            then=ExpressionWrapper(
                F("first_responded_at") - F("created_at"), output_field=DurationField()
            ),
        ),
        default=ExpressionWrapper(at - F("created_at"), output_field=DurationField()),
        output_field=DurationField(),
    )
    open_then = (
        Q(status__in=OPEN_STATUSES, resolved_at__isnull=True, closed_at__isnull=True)
        | Q(resolved_at__gt=as_of)
        | Q(status=Status.CLOSED, resolved_at__isnull=True, closed_at__gt=as_of)
    )
    rows = cases.values("consumer_id").annotate(
        n=Count("id"),
        open=Count("id", filter=open_then),
        recent=Count("id", filter=Q(created_at__gt=as_of - REPEAT_WINDOW)),
        last=Max("created_at"),
        first=Min("created_at"),
        wait=Avg(wait, filter=Q(created_at__gt=since)),
    )
    out: dict[int, dict] = {}
    for row in rows:
        figures = out.setdefault(row["consumer_id"], _empty())
        figures["cases"] = row["n"]
        figures["open_complaints"] = row["open"]
        figures["repeat_contacts"] = row["recent"]
        figures["recency_days"] = _days(as_of - row["last"])
        figures["waiting_hours"] = _hours(row["wait"])
        figures["first_case"] = row["first"]
    if not out:
        return out
    known = None if ids is None else list(out)

    # Every consumer for the nightly pass (no id list of a few hundred thousand), else the few.
    for row in _scoped(Consumer.objects.all(), "id", known, id_range).values("id", "created_at"):
        if row["id"] not in out:
            continue
        first = min(row["created_at"], out[row["id"]]["first_case"])
        out[row["id"]]["tenure_days"] = _days(as_of - first)
    for figures in out.values():
        figures.pop("first_case", None)

    reopens = _scoped(
        DossierEntry.objects.filter(
            kind=EntryKind.STATUS,
            payload__to=Status.REOPENED,
            created_at__gt=since,
            created_at__lte=as_of,
            case__drill_id=None,
        ),
        "case__consumer_id",
        known,
        id_range,
    )
    for row in reopens.values("case__consumer_id").annotate(n=Count("id")):
        if row["case__consumer_id"] in out:
            out[row["case__consumer_id"]]["reopened"] = row["n"]

    followed_up = Q(
        followup__isnull=False,
        followup__status=FollowUp.Status.DONE,
        followup__done_at__lte=as_of,
    )
    answers = _scoped(
        Response.objects.filter(created_at__lte=as_of, case__drill_id=None),
        "case__consumer_id",
        known,
        id_range,
    )
    for row in answers.values("case__consumer_id").annotate(
        unanswered=Count("id", filter=~Q(low_reasons=[]) & ~followed_up),
        ces=Avg("ces", filter=Q(created_at__gt=since)),
    ):
        figures = out.get(row["case__consumer_id"])
        if figures is None:
            continue
        figures["unanswered_feedback"] = row["unanswered"]
        if row["ces"] is not None:
            # CES asks how easy it was (7 = very easy); the factor is effort (7 = very hard).
            figures["effort"] = round(8.0 - float(row["ces"]), 2)

    # By when the message arrived, not when it was analysed: a backfill (or the demo) analyses
    # old messages today, and a lost consumer's figures must not miss them or gain later ones.
    analyses = _scoped(
        MessageAnalysis.objects.filter(
            message__created_at__gt=since, message__created_at__lte=as_of, case__drill_id=None
        ),
        "case__consumer_id",
        known,
        id_range,
    )
    for row in analyses.values("case__consumer_id").annotate(
        n=Count("id"), negative=Count("id", filter=Q(sentiment__lte=NEGATIVE_SENTIMENT))
    ):
        figures = out.get(row["case__consumer_id"])
        if figures is None:
            continue
        figures["messages"] = row["n"]
        figures["negative_share"] = round(row["negative"] / row["n"], 3) if row["n"] else 0.0
    return out


def _hours(value: Any) -> float:
    if value is None:
        return 0.0
    if isinstance(value, timedelta):
        return round(value.total_seconds() / 3600, 1)
    return round(float(value) / 3_600_000_000, 1)  # a backend that returns microseconds
