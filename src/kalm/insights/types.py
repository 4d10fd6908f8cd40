"""What the insights selectors take and give: the filters of a dashboard, a time series, a
table (every table can be exported as CSV by its key)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Filters:
    start: date  # first day, inclusive (in the desk's time zone)
    end: date  # last day, inclusive
    team_id: int | None = None
    product_id: int | None = None
    channel: str = ""
    # The agent's own view: only cases assigned to them, answers about them.
    agent_id: int | None = None
    # A knowledge-base category (kalm.kb.Category), the case's topic.
    topic_id: int | None = None


@dataclass
class Series:
    """Values per time bucket: ``labels`` are the buckets' first days (ISO dates), each dataset
    has one value per label (None where there is nothing to show)."""

    bucket: str  # "day", "week" or "month"
    labels: list[str] = field(default_factory=list)
    datasets: dict[str, list[float | None]] = field(default_factory=dict)


@dataclass
class Table:
    key: str  # for ?export=<key>
    title: str
    columns: list[tuple[str, str]]  # (field, translated header)
    rows: list[dict[str, Any]] = field(default_factory=list)
