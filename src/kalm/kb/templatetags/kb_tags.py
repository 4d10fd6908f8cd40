"""Knowledge-base articles in the desk's case page: one tag, so the case template needs one line
and no view change (the desk app does not import the knowledge base)."""

from __future__ import annotations

from typing import Any

from django import template

from kalm.kb.desk_suggest import suggest_for_case

register = template.Library()


@register.inclusion_tag("kb/case_articles.html")
def kb_case_articles(case: Any) -> dict[str, Any]:
    """The side card with the best articles for this case and the Alt+K article picker that
    inserts into the reply box."""
    return {
        "case": case,
        "results": suggest_for_case(case),
        "target": "#form-reply textarea[name=body]",
        # The composer's reply tab: inserting into a hidden reply box would go unseen.
        "tab": "#tab-reply",
    }
