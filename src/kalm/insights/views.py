"""The dashboards: ``/desk/insights/`` for leads and admins, ``/desk/insights/me/`` for every desk
member (their own figures, no table that ranks colleagues). Both read the same selectors; the
views only choose the filters, name things in the reader's language and shape the charts' data.
``?export=<key>`` returns one of the page's tables as CSV.

Every label a chart shows (dataset names, axis titles, channel names, the crisis titles) is
translated here and handed to the page in one ``json_script`` block, so ``insights.js`` holds
no words of its own and the charts read in Dutch and English like the rest of the desk."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kalm.cases.models import Channel
from kalm.core.csv import csv_cell, csv_response
from kalm.desk.access import desk_member_required
from kalm.insights import selectors
from kalm.insights.forms import FilterForm
from kalm.insights.types import Filters, Series, Table

# The Dutch consumer research the issue quotes (2,000 consumers): the yardstick next to ours.
NATIONAL_SOURCE_N = 2000


def _channel_name(code: str) -> str:
    if code == "total":
        return _("Total")
    try:
        return str(Channel(code).label)
    except ValueError:
        return code


def _volume_names(series: Series) -> dict[str, str]:
    return {code: _channel_name(code) for code in series.datasets}


def _response_names(series: Series) -> dict[str, str]:
    return {
        "first_response_hours": _("First response (hours)"),
        "resolution_hours": _("Resolution (hours)"),
    }


def _satisfaction_names(series: Series) -> dict[str, str]:
    return {
        "csat": _("CSAT (satisfaction, 1-5)"),
        "ces": _("CES (effort, 1-7)"),
        "nps": _("NPS (-100 to 100)"),
        "answers": _("Answers"),
    }


def _sentiment_names(series: Series) -> dict[str, str]:
    return {
        "sentiment": _("Average sentiment (-1 to 1)"),
        "negative_share": _("Negative messages (%)"),
    }


@dataclass(frozen=True)
class SeriesSpec:
    """A time series of the page: where it comes from and what its datasets are called."""

    load: Callable[[Figures], Series]
    names: Callable[[Series], dict[str, str]]


SERIES: dict[str, SeriesSpec] = {
    "volume": SeriesSpec(
        lambda fig: selectors.volume_series(fig.f, rollup=fig.cases()), _volume_names
    ),
    "times": SeriesSpec(
        lambda fig: selectors.response_time_series(fig.f, rollup=fig.cases()), _response_names
    ),
    "satisfaction": SeriesSpec(
        lambda fig: selectors.satisfaction_series(fig.f, rollup=fig.answers()),
        _satisfaction_names,
    ),
    "sentiment": SeriesSpec(lambda fig: selectors.sentiment_series(fig.f), _sentiment_names),
}


class Figures:
    """The selectors' results for one set of filters, each loaded at most once: a chart and the
    table under it share one query, and an export loads only what its table needs. The period's
    cases, answers and SLA clocks are each read once (selectors.case_rollup, answer_rollup,
    sla_counts) for every chart, table and headline figure made of them."""

    def __init__(self, f: Filters) -> None:
        self.f = f
        self._memo: dict[str, Any] = {}

    def _once(self, name: str, load: Callable[[Filters], Any]) -> Any:
        if name not in self._memo:
            self._memo[name] = load(self.f)
        return self._memo[name]

    def cases(self) -> selectors.CaseRollup:
        return self._once("cases", selectors.case_rollup)

    def answers(self) -> selectors.AnswerRollup:
        return self._once("answers", selectors.answer_rollup)

    def sla(self) -> list[dict[str, Any]]:
        return self._once("sla", selectors.sla_counts)

    def series(self, name: str) -> Series:
        return self._once(f"series:{name}", lambda f: SERIES[name].load(self))

    def expectation(self) -> dict[str, Any]:
        return self._once(
            "expectation", lambda f: selectors.expectation_split(f, rollup=self.answers())
        )

    def headline(self) -> dict[str, Any]:
        return self._once(
            "headline",
            lambda f: selectors.headline_of(
                cases=self.cases(), answers=self.answers(), sla=self.sla()
            ),
        )

    def table(self, key: str) -> Table:
        table = self._once(f"table:{key}", lambda f: TABLES[key].build(self))
        table.key = key  # the export key is the page's: one vocabulary for links and exports
        return table


@dataclass(frozen=True)
class TableSpec:
    """One exportable table of a page. ``ranks_colleagues`` tables (by team, by agent) never
    appear on an agent's own page, nor in its exports."""

    build: Callable[[Figures], Table]
    ranks_colleagues: bool = False


def _series_table(key: str, title: str, fig: Figures, name: str) -> Table:
    """A time series as a table: the chart's text alternative, exportable like the others."""
    series = fig.series(name)
    names = SERIES[name].names(series)
    columns = [("period", _("Period"))] + [(k, names.get(k, k)) for k in series.datasets]
    rows = []
    for i, label in enumerate(series.labels):
        row: dict[str, Any] = {"period": label}
        for dataset, values in series.datasets.items():
            row[dataset] = values[i] if i < len(values) else None
        rows.append(row)
    return Table(key=key, title=title, columns=columns, rows=rows)


def _expectation_table(fig: Figures) -> Table:
    split = fig.expectation()
    national = split.get("national") or {}
    n = split.get("n") or 0
    return Table(
        key="expectation",
        title=_("Compared with what consumers expected"),
        columns=[
            ("name", _("Service was")),
            ("ours", _("Your consumers (%)")),
            ("national", _("Dutch consumers, national research (%)")),
        ],
        rows=[
            {"name": label, "ours": split.get(k) if n else None, "national": national.get(k)}
            for k, label in _expectation_labels().items()
        ],
    )


def _expectation_labels() -> dict[str, str]:
    return {
        "below": _("Below expectations"),
        "as_expected": _("As expected"),
        "surprised": _("Positively surprised"),
    }


# Every table a page can show and export, in page order. The keys are the ``?export=`` values;
# the selectors' tables keep their own keys.
TABLES: dict[str, TableSpec] = {
    "volume_over_time": TableSpec(
        lambda fig: _series_table("volume_over_time", _("Cases per period"), fig, "volume")
    ),
    "volume_channel": TableSpec(lambda fig: selectors.volume_table(fig.f, by="channel")),
    "volume_product": TableSpec(lambda fig: selectors.volume_table(fig.f, by="product")),
    "volume_team": TableSpec(
        lambda fig: selectors.volume_table(fig.f, by="team"), ranks_colleagues=True
    ),
    "volume_topic": TableSpec(lambda fig: selectors.volume_table(fig.f, by="topic")),
    "times_over_time": TableSpec(
        lambda fig: _series_table(
            "times_over_time", _("Response and resolution time per period"), fig, "times"
        )
    ),
    "sla": TableSpec(lambda fig: selectors.sla_table(fig.f, counts=fig.sla())),
    "backlog": TableSpec(lambda fig: selectors.backlog_table(fig.f)),
    "satisfaction_over_time": TableSpec(
        lambda fig: _series_table(
            "satisfaction_over_time", _("Satisfaction per period"), fig, "satisfaction"
        )
    ),
    "satisfaction_team": TableSpec(
        lambda fig: selectors.satisfaction_table(fig.f, by="team"), ranks_colleagues=True
    ),
    "satisfaction_agent": TableSpec(
        lambda fig: selectors.satisfaction_table(fig.f, by="agent"), ranks_colleagues=True
    ),
    "satisfaction_channel": TableSpec(
        lambda fig: selectors.satisfaction_table(fig.f, by="channel")
    ),
    "satisfaction_product": TableSpec(
        lambda fig: selectors.satisfaction_table(fig.f, by="product")
    ),
    "satisfaction_topic": TableSpec(lambda fig: selectors.satisfaction_table(fig.f, by="topic")),
    "expectation": TableSpec(_expectation_table),
    "sentiment_over_time": TableSpec(
        lambda fig: _series_table(
            "sentiment_over_time", _("Sentiment per period"), fig, "sentiment"
        )
    ),
}


def _table_specs(*, own: bool) -> dict[str, TableSpec]:
    return {k: s for k, s in TABLES.items() if not (own and s.ranks_colleagues)}


# ---- formatting -------------------------------------------------------------------------------


def _as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _cell(value: Any, field: str) -> str:
    """A table cell for the page, in the reader's number format."""
    if value is None or value == "":
        return "—"
    if field == "period":
        day = _as_date(value)
        return formats.date_format(day, "SHORT_DATE_FORMAT") if day else "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int):
        return formats.number_format(value, force_grouping=True)
    if isinstance(value, float):
        return formats.number_format(value, decimal_pos=1, force_grouping=True)
    return str(value)


def _page_table(key: str, table: Table, request: HttpRequest) -> dict[str, Any]:
    query = request.GET.copy()
    query["export"] = key
    return {
        "key": key,
        "title": table.title,
        "headers": [header for _field, header in table.columns],
        "rows": [
            {
                "cells": [_cell(row.get(field), field) for field, _h in table.columns],
                "total": bool(row.get("total")),
            }
            for row in table.rows
        ],
        "export_url": f"?{query.urlencode()}",
    }


# ---- the charts' data --------------------------------------------------------------------------


def _crisis_periods(f: Filters) -> list[dict[str, Any]]:
    periods = []
    for crisis in selectors.crisis_periods(f):
        start = _as_date(crisis.get("start"))
        if start is None:
            continue
        end = _as_date(crisis.get("end"))
        periods.append({"start": start, "end": end, "title": str(crisis.get("title") or "")})
    return periods


def _crisis_boxes(labels: list[str], periods: list[dict[str, Any]], last_day: date) -> list:
    """Which buckets each crisis touches, as first and last index into the chart's labels (the
    buckets' first days): the page draws a box from the one to the other. A crisis still going
    on runs to the last bucket; one outside the chart is left out."""
    if not labels:
        return []
    boxes = []
    for period in periods:
        start, end = period["start"], period["end"] or last_day
        if end < date.fromisoformat(labels[0]) or start > last_day:
            continue
        first = max(bisect_right(labels, start.isoformat()) - 1, 0)
        last = max(bisect_right(labels, end.isoformat()) - 1, 0)
        boxes.append({"from": first, "to": last, "title": period["title"]})
    return boxes


def _time_chart(
    series: Series,
    names: dict[str, str],
    boxes: list,
    *,
    kind: str,
    axes: dict[str, dict[str, str]],
    on_axis: dict[str, str] | None = None,
    only: list[str] | None = None,
    stacked: bool = False,
) -> dict[str, Any]:
    on_axis = on_axis or {}
    keys = [k for k in (only or list(series.datasets)) if k in series.datasets]
    return {
        "kind": kind,
        "time": True,
        "bucket": series.bucket,
        "stacked": stacked,
        "labels": list(series.labels),
        "datasets": [
            {
                "key": key,
                "label": names.get(key, key),
                "data": series.datasets[key],
                "axis": on_axis.get(key, "y"),
            }
            for key in keys
        ],
        "axes": axes,
        "crises": boxes,
    }


def _expectation_chart(fig: Figures) -> dict[str, Any]:
    split = fig.expectation()
    table = fig.table("expectation")
    headers = dict(table.columns)
    n = int(split.get("n") or 0)
    return {
        "kind": "hbar",
        "time": False,
        "labels": [row["name"] for row in table.rows],
        "datasets": [
            {
                "key": key,
                "label": headers[key],
                "data": [row[key] for row in table.rows],
                "axis": "x",
            }
            for key in ("ours", "national")
        ],
        "axes": {"x": {"title": _("Share of answers (%)"), "format": "percent"}},
        "crises": [],
        "n": n,
        "surprised": split.get("surprised") if n else None,
        "national_surprised": (split.get("national") or {}).get("surprised"),
    }


def _backlog_chart(fig: Figures) -> dict[str, Any]:
    table = fig.table("backlog")
    headers = dict(table.columns)
    return {
        "kind": "bar",
        "time": False,
        "labels": [row["age"] for row in table.rows],
        "datasets": [
            {"key": key, "label": headers[key], "data": [row[key] for row in table.rows]}
            for key in ("cases", "overdue")
        ],
        "axes": {"y": {"title": _("Open cases"), "format": "count"}},
        "crises": [],
    }


def _charts(fig: Figures, periods: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    f = fig.f
    volume, times = fig.series("volume"), fig.series("times")
    satisfaction, sentiment = fig.series("satisfaction"), fig.series("sentiment")

    def boxes(series: Series) -> list:
        return _crisis_boxes(series.labels, periods, f.end)

    return {
        "volume": _time_chart(
            volume,
            _volume_names(volume),
            boxes(volume),
            kind="bar",
            # The total is the stack's height already; as its own bar it would double it.
            only=[k for k in volume.datasets if k != "total"],
            stacked=True,
            axes={"y": {"title": _("Cases"), "format": "count"}},
        ),
        "times": _time_chart(
            times,
            _response_names(times),
            boxes(times),
            kind="line",
            axes={"y": {"title": _("Hours (average)"), "format": "hours"}},
        ),
        "satisfaction": _time_chart(
            satisfaction,
            _satisfaction_names(satisfaction),
            boxes(satisfaction),
            kind="line",
            only=["csat", "ces", "nps"],
            on_axis={"nps": "y2"},
            axes={
                "y": {"title": _("CSAT and CES (average score)"), "format": "score"},
                "y2": {"title": _("NPS"), "format": "score"},
            },
        ),
        "sentiment": _time_chart(
            sentiment,
            _sentiment_names(sentiment),
            boxes(sentiment),
            kind="line",
            on_axis={"negative_share": "y2"},
            axes={
                "y": {"title": _("Average sentiment"), "format": "score"},
                "y2": {"title": _("Negative messages (%)"), "format": "percent"},
            },
        ),
        "backlog": _backlog_chart(fig),
        "expectation": _expectation_chart(fig),
    }


def _tiles(head: dict[str, Any]) -> list[dict[str, Any]]:
    """The headline figures; each with how the page formats it (``Intl`` in the browser would
    do too, but the tiles must read without JavaScript)."""

    def number(value: Any, decimals: int = 0) -> str:
        if value is None:
            return "—"
        return formats.number_format(value, decimal_pos=decimals, force_grouping=True)

    def percent(value: Any) -> str:  # the selectors give percentages (0-100)
        return "—" if value is None else f"{number(value)}%"

    return [
        {"key": "cases", "label": _("Cases"), "value": number(head.get("cases"))},
        {
            "key": "first_response_hours",
            "label": _("Average first response"),
            "value": number(head.get("first_response_hours"), 1),
            "unit": _("hours"),
        },
        {
            "key": "resolution_hours",
            "label": _("Average resolution time"),
            "value": number(head.get("resolution_hours"), 1),
            "unit": _("hours"),
        },
        {
            "key": "sla_first_response_met",
            "label": _("First response within SLA"),
            "value": percent(head.get("sla_first_response_met")),
        },
        {"key": "csat", "label": _("CSAT"), "value": number(head.get("csat"), 1)},
        {"key": "nps", "label": _("NPS"), "value": number(head.get("nps"))},
        {"key": "ces", "label": _("CES"), "value": number(head.get("ces"), 1)},
        {
            "key": "surprised",
            "label": _("Positively surprised"),
            "value": percent(head.get("surprised")),
        },
        {"key": "answers", "label": _("Survey answers"), "value": number(head.get("answers"))},
    ]


# ---- CSV ---------------------------------------------------------------------------------------


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # A decimal comma, to match the ';' separator below: Dutch Excel reads "1.5" as text
        # (or as 1 May), "1,5" as one and a half.
        return format(round(value, 2), "f").rstrip("0").rstrip(".").replace(".", ",") or "0"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    # Only text is guarded: numbers are written above and a negative NPS stays a number.
    return csv_cell(value)


def _csv_response(table: Table, f: Filters) -> HttpResponse:
    # Semicolons (and the byte-order mark of kalm.core.csv): the people who open these are Dutch
    # team leads with Excel, which splits on ';' in the Dutch locale (',' is the decimal
    # separator there). LibreOffice and pandas (sep=';', decimal=',') read it as well.
    return csv_response(
        f"kalm-{table.key}-{f.start.isoformat()}-{f.end.isoformat()}.csv",
        [_csv_value(header) for _field, header in table.columns],
        ([_csv_value(row.get(field)) for field, _h in table.columns] for row in table.rows),
        delimiter=";",
    )


# ---- the views ---------------------------------------------------------------------------------


def _dashboard(request: HttpRequest, *, own: bool) -> HttpResponse:
    form = FilterForm(request.GET or None, with_team=not own)
    fig = Figures(form.filters(agent_id=request.user.id if own else None))
    specs = _table_specs(own=own)
    key = request.GET.get("export")
    if key is not None:
        if key not in specs:
            raise Http404
        return _csv_response(fig.table(key), fig.f)

    periods = _crisis_periods(fig.f)
    charts = _charts(fig, periods)
    data = {
        "lang": get_language() or "nl",
        "charts": charts,
        "text": {"crisis": _("Crisis"), "no_data": _("No figures for this period.")},
    }
    context = {
        "nav": "insights",
        "own": own,
        "form": form,
        "filters": fig.f,
        "tiles": _tiles(fig.headline()),
        "tables": {key: _page_table(key, fig.table(key), request) for key in specs},
        "crises": periods,
        "expectation": charts["expectation"],
        "national_n": NATIONAL_SOURCE_N,
        "data": data,
    }
    return render(request, "insights/dashboard.html", context)


@desk_member_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    if not request.user.is_lead:
        raise PermissionDenied
    return _dashboard(request, own=False)


@desk_member_required
@require_GET
def my_figures(request: HttpRequest) -> HttpResponse:
    return _dashboard(request, own=True)
