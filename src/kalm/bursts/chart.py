"""A small server-side SVG bar chart of hourly counts (no JavaScript, prints and screenshots)."""

from __future__ import annotations

from datetime import datetime

WIDTH, HEIGHT, PAD = 640, 140, 18


def hourly_bars(series: list, *, start: datetime | None, expected_per_hour: float) -> dict:
    """Geometry for templates/bursts/partials/chart.svg: one bar per hour, the burst's hours
    (from its start) highlighted, and a dashed line at the expected hourly count."""
    if not series:
        return {"bars": [], "width": WIDTH, "height": HEIGHT}
    top = max(max(count for _, count in series), expected_per_hour, 1)
    step = (WIDTH - 2 * PAD) / len(series)
    scale = (HEIGHT - 2 * PAD) / top
    bars = []
    for i, (moment, count) in enumerate(series):
        at = datetime.fromisoformat(moment)
        height = count * scale
        bars.append(
            {
                "x": round(PAD + i * step, 1),
                "y": round(HEIGHT - PAD - height, 1),
                "w": round(max(step - 1, 1), 1),
                "h": round(height, 1),
                "count": count,
                "at": at,
                "burst": start is not None
                and at >= start.replace(minute=0, second=0, microsecond=0),
            }
        )
    line_y = round(HEIGHT - PAD - expected_per_hour * scale, 1)
    return {
        "bars": bars,
        "width": WIDTH,
        "height": HEIGHT,
        "line_y": line_y,
        "pad": PAD,
        "right": WIDTH - PAD,
        "top": top,
    }
