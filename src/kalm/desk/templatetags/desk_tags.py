"""Small presentation helpers for desk templates."""

from __future__ import annotations

import re
from datetime import datetime
from html import escape as _html_escape
from typing import Any

from django import template
from django.forms import BoundField
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kalm.cases.models import Channel, Priority, Status
from kalm.cases.workflow import allowed_targets
from kalm.empathy.templatetags.empathy_tags import ICONS, signal_title
from kalm.sla.selectors import sla_prefetch, sla_timers

register = template.Library()


@register.filter
def initials(label: str) -> str:
    """ "Evelien Jansen (Eva)" -> "EJ"; "sanne" -> "S"."""
    name = re.sub(r"\(.*?\)", "", label or "").strip()
    parts = [p for p in re.split(r"[\s._-]+", name) if p]
    if not parts:
        return "?"
    if len(parts) == 1:
        return parts[0][:1].upper()
    return (parts[0][:1] + parts[-1][:1]).upper()


@register.filter
def next_statuses(status: str) -> list[Status]:
    return [Status(s) for s in allowed_targets(status)]


@register.filter
def filesize(size: int | None) -> str:
    size = int(size or 0)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return ""


@register.filter
def isodatetime(value: str | None) -> datetime | None:
    """An ISO timestamp stored in a dossier payload, as a datetime for the |date filter."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


@register.filter
def channel_label(code: str) -> str:
    try:
        return str(Channel(code).label)
    except ValueError:
        return code


# The inbox renders 50 rows on every filter change. Django's template engine costs a few
# microseconds per node, and a row of includes, inclusion tags, |date filters and {% url %}s is
# hundreds of nodes: the rows and the filter selects are built here in Python instead, with
# exactly the markup the templates they replace gave (tests/test_inbox_markup.py holds the
# SLA timer and signal chips to their own templates).


def _esc(value: Any) -> str:
    """``conditional_escape`` (same output: Django's escape is ``html.escape``) without its
    lazy-string wrapper and SafeString per call: an inbox page escapes ~1,000 values."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return _html_escape(str(value))


def _url_pattern(name: str) -> tuple[str, str]:
    """(prefix, suffix) around the pk of a one-pk URL: one reverse() for the page, not per row."""
    sentinel = 987654321
    url = reverse(name, args=[sentinel])
    prefix, _sep, suffix = url.partition(str(sentinel))
    return prefix, suffix


_SLA_STYLES = {
    "breached": ' style="color: var(--danger, #b42318); font-weight: 600"',
    "near": ' style="color: var(--warn, #9a5b00); font-weight: 600"',
    "paused": ' style="color: var(--muted, #667085)"',
}


class _Stamps:
    """``|date`` for the inbox's formats ("c", "j M H:i", "j F Y H:i", "j M Y H:i") without
    Django's format-string interpreter per call: the month names are translated once per page.
    Django's own: "c" is isoformat(), "M" the title-cased three-letter month, "F" the month."""

    def __init__(self) -> None:
        self.short = {n: str(name).title() for n, name in MONTHS_3.items()}
        self.long = {n: str(name) for n, name in MONTHS.items()}

    def short_stamp(self, moment: datetime, *, year: bool = False) -> str:
        day = f"{moment.day} {self.short[moment.month]}"
        return f"{day} {moment.year} {moment:%H:%M}" if year else f"{day} {moment:%H:%M}"

    def long_stamp(self, moment: datetime) -> str:
        return f"{moment.day} {self.long[moment.month]} {moment.year} {moment:%H:%M}"


def sla_timer_html(case: Any, stamps: _Stamps | None = None) -> str:
    """The row's most urgent SLA clock: what ``{% sla_timer case %}`` (sla/timers.html, compact)
    renders. The page's SLAs must be prefetched (``sla_prefetch``)."""
    for timer in sla_timers(case)[:1]:
        title = (stamps or _Stamps()).short_stamp(timezone.localtime(timer.due), year=True)
        return (
            f'<span class="sla-timer {_esc(timer.css)}" data-sla="{_esc(timer.target)}" '
            f'data-state="{_esc(timer.state)}" title="{_esc(title)}"'
            f"{_SLA_STYLES.get(timer.state, '')}>{_esc(timer.text)}</span>"
        )
    return ""


def signal_chips_html(pairs: list[tuple[str, float]]) -> str:
    """The small chips of the inbox row: what ``{% signal_chips pairs small=True %}``
    (empathy/partials/chips.html) renders."""
    if not pairs:
        return ""
    chips = []
    for name, probability in pairs:
        title = _esc(signal_title(name, float(probability)))
        chips.append(
            f'<span class="signal-chip signal-chip-small signal-{_esc(name)}" title="{title}">'
            f'<span aria-hidden="true">{_esc(ICONS.get(name, "•"))}</span>'
            f'<span class="visually-hidden">{title}</span></span>'
        )
    return '<span class="signal-chips">' + "".join(chips) + "</span>"


@register.simple_tag
def inbox_rows(cases: list[Any]) -> SafeString:
    """The inbox table's ``<tr>``s, one per case of the page (see the note above)."""
    sla_prefetch(cases)
    case_prefix, case_suffix = _url_pattern("desk:case")
    crisis_prefix, crisis_suffix = _url_pattern("crisis:detail")
    channels = {value: str(label) for value, label in Channel.choices}
    statuses = {value: str(label) for value, label in Status.choices}
    priorities = {value: str(label) for value, label in Priority.choices}
    overdue = format_html(
        '<span class="badge badge-overdue" title="{}">{}</span>',
        _("First response is overdue"),
        _("Overdue"),
    )
    unassigned = format_html('<span class="muted">{}</span>', _("Unassigned"))
    stamps = _Stamps()
    rows = []
    for case in cases:
        url = _esc(f"{case_prefix}{case.pk}{case_suffix}")
        is_overdue = case.is_overdue
        extras = []
        if getattr(case, "crisis_title", None):
            crisis_url = _esc(f"{crisis_prefix}{case.crisis_pk}{crisis_suffix}")
            extras.append(
                '<a class="badge badge-small badge-crisis-alert crisis-chip" '
                f'href="{crisis_url}">{_esc(case.crisis_title)}</a>'
            )
        if is_overdue:
            extras.append(overdue)
        extras.append(sla_timer_html(case, stamps))
        signals = getattr(case, "empathy_signals", None)
        if signals:
            extras.append(signal_chips_html(signals))
        if case.assignee is not None:
            assignee = _esc(case.assignee.alias or case.assignee.username)
        else:
            assignee = unassigned
        updated = timezone.localtime(case.updated_at)
        team = _esc(case.team.name) if case.team is not None else "—"
        status = _esc(case.status)
        priority = _esc(case.priority)
        reference = _esc(case.reference)
        # Every value below is escaped (_esc) or markup built here from escaped values.
        rows.append(
            f'<tr class="{"is-overdue" if is_overdue else ""}">'
            f'<td class="ref"><a href="{url}">{reference}</a></td>'
            f'<td class="subject"><a href="{url}">{_esc(case.subject)}</a> {" ".join(extras)}</td>'
            f"<td>{_esc(case.consumer.name)}</td>"
            f'<td class="muted">{_esc(channels.get(case.channel, case.channel))}</td>'
            f'<td><span class="badge status-{status}">'
            f"{_esc(statuses.get(case.status, case.status))}</span></td>"
            f'<td><span class="prio prio-{priority}">'
            f"{_esc(priorities.get(case.priority, case.priority))}</span></td>"
            f'<td class="muted">{team}</td>'
            f"<td>{assignee}</td>"
            f'<td class="muted nowrap"><time datetime="{_esc(updated.isoformat())}" '
            f'title="{_esc(stamps.long_stamp(updated))}">{_esc(stamps.short_stamp(updated))}'
            "</time></td></tr>\n"
        )
    return mark_safe("".join(rows))  # each row is escaped values in fixed markup


@register.simple_tag
def filter_select(bound: BoundField) -> SafeString:
    """A single-choice filter as Django's Select widget renders it (``{{ form.team }}``), without
    a template per option: the assignee list has every agent."""
    value = bound.value()
    selected = "" if value is None else str(value)
    options = [
        format_html(
            '<option value="{}"{}>{}</option>',
            choice,
            mark_safe(" selected") if str(choice) == selected else "",
            label,
        )
        for choice, label in bound.field.choices
    ]
    # Django's own attributes on a field with errors (5.2): said invalid, and pointed at them.
    invalid = (
        format_html(' aria-invalid="true" aria-describedby="{}_error"', bound.auto_id)
        if bound.errors
        else ""
    )
    return format_html(
        '<select name="{}"{} id="{}">\n{}\n</select>',
        bound.html_name,
        invalid,
        bound.auto_id,
        mark_safe("\n".join(options)),
    )


@register.simple_tag
def filter_checkboxes(bound: BoundField) -> SafeString:
    """The status checklist as ``{% for choice in form.status %}`` rendered it: a labelled
    checkbox per choice, ids ``id_status_0`` onward."""
    values = {str(v) for v in (bound.value() or [])}
    invalid = mark_safe(' aria-invalid="true"') if bound.errors else ""
    return mark_safe(  # each label is format_html output
        "\n".join(
            format_html(
                '<label class="check"><input type="checkbox" name="{}" value="{}" id="{}_{}"{}{}>'
                " {}</label>",
                bound.html_name,
                choice,
                bound.auto_id,
                index,
                invalid,
                mark_safe(" checked") if str(choice) in values else "",
                label,
            )
            for index, (choice, label) in enumerate(bound.field.choices)
        )
    )
