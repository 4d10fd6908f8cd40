"""CSV files people open in a spreadsheet: formula-safe cells and a download response.

Spreadsheet programs run a cell that starts with = + - @ (or a tab, carriage return or line feed
before one of those) as a formula (CSV injection); such text gets a leading apostrophe, which
spreadsheets show as text and never evaluate. Files carry a byte-order mark, without which Excel
reads UTF-8 as Latin-1 ('é' becomes 'Ã©')."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value: Any) -> str:
    """Text made safe to open: a possible formula becomes plain text."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.lstrip(" ").startswith(FORMULA_STARTS) else text


def csv_text(header: Sequence[Any], rows: Iterable[Sequence[Any]], *, delimiter: str = ",") -> str:
    """The whole file as text; every cell is passed through as given (make text cells safe with
    ``csv_cell`` first, numbers may stay numbers)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def csv_response(
    filename: str, header: Sequence[Any], rows: Iterable[Sequence[Any]], *, delimiter: str = ","
) -> HttpResponse:
    """A CSV download (UTF-8 with a byte-order mark)."""
    body = "\ufeff" + csv_text(header, rows, delimiter=delimiter)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
