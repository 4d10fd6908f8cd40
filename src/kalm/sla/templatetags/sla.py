"""``{% sla_timer case %}`` (the most urgent clock, for the inbox row) and
``{% sla_timers case %}`` (every clock, for the case page)."""

from __future__ import annotations

from typing import Any

from django import template

from kalm.sla.selectors import sla_prefetch, sla_timers

register = template.Library()


@register.inclusion_tag("sla/timers.html")
def sla_timer(case: Any, cases: Any = None) -> dict[str, Any]:
    """Pass the page's ``cases`` too: the first row then loads every row's SLA in one go."""
    sla_prefetch(list(cases) if cases is not None else [case])
    return {"timers": sla_timers(case)[:1], "compact": True}


@register.inclusion_tag("sla/case_block.html")
def sla_timers_all(case: Any) -> dict[str, Any]:
    sla_prefetch([case])
    return {"timers": sla_timers(case), "compact": False}
