"""Reads for the desk: analyses of a page of messages, each inbox case's latest signals, and the
case card (latest analysis, guidance of the rules that apply, routing, legal hold, call-back)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, QuerySet, Subquery

from kalm.cases.models import Case
from kalm.core.prepared import prepared_list
from kalm.dossier.models import LegalHold
from kalm.empathy.models import MessageAnalysis, RoutingDecision, RoutingRule
from kalm.followups.models import FollowUp

_UNSET: Any = object()


def access_legal_hold(user: Any) -> None:
    """Setting and releasing a legal hold is for team leads and administrators."""
    if not getattr(user, "is_authenticated", False) or not user.is_lead:
        raise PermissionDenied


def analyses_by_message(message_ids: Iterable[int]) -> dict[int, MessageAnalysis]:
    """The analyses of these messages, in one query."""
    ids = {int(i) for i in message_ids if i is not None}
    if not ids:
        return {}
    return {a.message_id: a for a in MessageAnalysis.objects.filter(message_id__in=ids)}


def latest_signals_by_case(case_ids: Iterable[int]) -> dict[int, list[str]]:
    """Per case, the fired signals of its latest analysed message, in one query (the inbox)."""
    ids = list(dict.fromkeys(int(i) for i in case_ids))
    if not ids:
        return {}

    def build(*ids: int) -> QuerySet:
        latest = (
            MessageAnalysis.objects.filter(case_id=OuterRef("case_id"))
            .order_by("-message_id")
            .values("pk")[:1]
        )
        return MessageAnalysis.objects.filter(case_id__in=ids, pk=Subquery(latest)).values_list(
            "case_id", "fired", "signals"
        )

    # Compiled once per page size (kalm.core.prepared): the inbox asks it on every load.
    rows = prepared_list("empathy.latest_signals", build, values=ids)
    return {
        case_id: [(name, float(signals.get(name, 0.0))) for name in fired]
        for case_id, fired, signals in rows
        if fired
    }


def latest_analysis(case: Case) -> MessageAnalysis | None:
    return MessageAnalysis.objects.filter(case_id=case.pk).order_by("-message_id").first()


@dataclass
class CaseEmpathy:
    """What the empathy card on the case page shows."""

    case: Case
    latest: MessageAnalysis | None
    guidance: list[tuple[RoutingRule, str]] = field(default_factory=list)
    decisions: list[RoutingDecision] = field(default_factory=list)
    hold: LegalHold | None = None
    callback: FollowUp | None = None

    @property
    def suggest_callback(self) -> bool:
        return self.latest is not None and self.latest.runs_high

    @property
    def signal_rows(self) -> list[tuple[str, float, list[str]]]:
        """(signal, probability, trigger words) of the latest analysis, strongest first."""
        if self.latest is None:
            return []
        return [
            (name, float(self.latest.signals.get(name, 0.0)), self.latest.words(name))
            for name in self.latest.fired
        ]


def case_empathy(
    case: Case, *, latest: MessageAnalysis | None = _UNSET, language: str | None = None
) -> CaseEmpathy:
    """The card's data in a fixed number of queries (at most five). ``latest`` is passed when the
    caller already loaded the case's analyses (the case page does, for the timeline)."""
    if latest is _UNSET:
        latest = latest_analysis(case)
    decisions = list(
        RoutingDecision.objects.filter(case=case).select_related("rule").order_by("applied_at")
    )
    rules: dict[int, RoutingRule] = {d.rule_id: d.rule for d in decisions}
    if latest is not None and latest.fired:
        for rule in RoutingRule.objects.filter(active=True, signal__in=latest.fired):
            if float(latest.signals.get(rule.signal, 0.0)) >= rule.min_probability:
                rules.setdefault(rule.pk, rule)
    ordered = sorted(rules.values(), key=lambda r: (r.order, r.pk))
    guidance = [(rule, text) for rule in ordered if (text := rule.guidance_for(language))]
    hold = LegalHold.objects.filter(case=case, released_at=None).select_related("set_by").first()
    callback = (
        FollowUp.objects.filter(
            case=case,
            source=FollowUp.Source.CALLBACK,
            status__in=[FollowUp.Status.OPEN, FollowUp.Status.PROPOSED],
        )
        .select_related("owner")
        .first()
    )
    return CaseEmpathy(case, latest, guidance, decisions, hold, callback)
