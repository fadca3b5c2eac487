"""/stats' picture of the list going to zero: open and in-progress items per week, stacked by category, the
on-time share in the title. Numbers and English labels only (no CJK font is assumed), PNG from the Agg backend.
The figures drawn are written into the PNG's text chunk too, so a reader (or a test) can check them."""

from __future__ import annotations

import io
import json

import matplotlib

matplotlib.use("Agg")  # no display: render to a buffer
import matplotlib.pyplot as plt  # noqa: E402  (after the backend is chosen)

from bot.tracker.values import Stats, WeeklyActive  # noqa: E402

FIGURE_INCHES = (8.0, 4.5)
DPI = 100
METADATA_KEY = "Description"  # the PNG tEXt chunk holding the figures as JSON


def chart_png(weekly: WeeklyActive, stats: Stats) -> bytes:
    """The stacked weekly counts per category with the total, as PNG bytes."""
    labels = [moment.strftime("%m-%d") for moment in weekly.moments]
    figure, axes = plt.subplots(figsize=FIGURE_INCHES, dpi=DPI)
    try:
        drawn = {name: counts for name, counts in weekly.by_category.items() if any(counts)}
        if drawn:
            axes.stackplot(range(len(labels)), *drawn.values(), labels=[n.replace("_", " ") for n in drawn], alpha=0.8)
            axes.legend(loc="upper left", fontsize=8)
        axes.plot(range(len(labels)), weekly.totals, color="black", linewidth=1.5, label="total")
        axes.set_xticks(range(len(labels)), labels, rotation=45, fontsize=8)
        axes.set_ylabel("open + in progress")
        axes.set_ylim(bottom=0)
        on_time = "n/a" if stats.on_time_percent is None else f"{stats.on_time_percent:.0f}%"
        axes.set_title(f"To go to zero: {stats.distance_to_zero} · resolved on time: {on_time}")
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={METADATA_KEY: json.dumps(figures(weekly, stats))})
        return buffer.getvalue()
    finally:
        plt.close(figure)


def figures(weekly: WeeklyActive, stats: Stats) -> dict[str, object]:
    """What the chart shows, as numbers: the last point is now and equals /stats' distance to zero."""
    return {
        "weeks": [moment.date().isoformat() for moment in weekly.moments],
        "totals": weekly.totals,
        "by_category": weekly.by_category,
        "distance_to_zero": stats.distance_to_zero,
        "on_time_percent": stats.on_time_percent,
    }
