"""The crisis statement on the case page: a tag, so the desk's case template needs one line and
no view change (the desk app does not import the crisis app's models)."""

from __future__ import annotations

from typing import Any

from django import template

from kalm.crisis.selectors import case_statements

register = template.Library()


@register.inclusion_tag("crisis/case_statement.html")
def crisis_statement(case: Any) -> dict[str, Any]:
    """The published desk-macro statement of every open crisis this case is confirmed in."""
    return {"case_statements": case_statements(case)}
