"""The variables a reply template may use, and the plain substitution that fills them in.

Syntax: ``{name}`` is replaced by the variable's value; ``{{`` and ``}}`` stand for a literal
brace. Anything else in braces that is not a known variable is left in the text exactly as written
and reported, so a typo shows up in the draft (and is refused by the template form) instead of
silently disappearing. Substitution is a single pass over the template: a value that itself looks
like ``{alias}`` (a consumer called "{alias}") is never expanded again. The Django template engine
is deliberately not used: templates are written by team leads, and plain substitution cannot reach
attributes, filters or tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

VARIABLES = {
    "consumer_name": _("The consumer's name as we know it, e.g. “Sanne de Vries”."),
    "first_name": _(
        "The consumer's first name, e.g. “Sanne” (an organisation's full name for organisations)."
    ),
    "alias": _("Your public alias: the name consumers see, e.g. “Eva”."),
    "reference": _("This case's reference, e.g. “K26-7F3Q9X”."),
    "product": _("The case's product; “uw product” / “your product” when none is set."),
    "next_step": _(
        "What happens next, as set on the case; otherwise a general promise to look into it."
    ),
    "next_step_date": _(
        "When the next step is expected, as a long date (“vrijdag 27 november 2026”); when the "
        "case has no date, or it has passed, two working days from today."
    ),
    "date": _("Today, as a long date in the template's language."),
    "status_link_hint": _("One sentence on where the consumer can follow their case."),
    "organisation": _("Your organisation's name."),
}

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}\n]{0,80})\}")


@dataclass(frozen=True)
class Rendered:
    text: str
    unknown: list[str] = field(default_factory=list)  # as written, e.g. "{naam}", in order


def unknown_variables(body: str) -> list[str]:
    """The brace groups in ``body`` that are not known variables, each once, in order."""
    found: list[str] = []
    for match in _TOKEN.finditer(body or ""):
        name = match.group(1)
        if name is not None and name.strip() not in VARIABLES and match.group(0) not in found:
            found.append(match.group(0))
    return found


def render(body: str, values: dict[str, str]) -> Rendered:
    """Fill ``body`` with ``values`` (which should hold every name in VARIABLES)."""
    unknown: list[str] = []

    def substitute(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = (match.group(1) or "").strip()
        if name in VARIABLES and name in values:
            return values[name]
        if token not in unknown:
            unknown.append(token)
        return token

    return Rendered(text=_TOKEN.sub(substitute, body or ""), unknown=unknown)
