"""Charts of the indicators as PNG (matplotlib, no screen needed): values by school against the target
line, and the trend over months."""

import io
from datetime import date

import matplotlib

matplotlib.use("Agg")  # files only: no display on a server
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

MAX_BARS = 40  # beyond that a bar chart of schools is unreadable: the lowest ones are shown


def schools_chart(title: str, values: list[tuple[str, float]], target: float | None, unit: str) -> bytes:
    """Horizontal bars, lowest first (those furthest behind), with the target as a dashed line."""
    shown = sorted(values, key=lambda item: item[1])[:MAX_BARS]
    figure, axes = plt.subplots(figsize=(8, max(2.5, 0.32 * len(shown) + 1.2)))
    names = [name if len(name) <= 40 else name[:39] + "…" for name, _value in shown]
    axes.barh(names, [value for _name, value in shown], color="#4C72B0")
    if target is not None:
        axes.axvline(target, color="#C44E52", linestyle="--", linewidth=1.5)
    axes.set_xlabel(unit)
    axes.set_title(title, fontsize=10, wrap=True)
    axes.invert_yaxis()
    return _png(figure)


def trend_chart(title: str, points: list[tuple[date, float | None]], target: float | None, unit: str) -> bytes:
    """The value month by month; months without data are left as gaps."""
    figure, axes = plt.subplots(figsize=(8, 3.5))
    labels = [f"{month:%m.%y}" for month, _value in points]
    axes.plot(labels, [float("nan") if value is None else value for _month, value in points], marker="o")
    if target is not None:
        axes.axhline(target, color="#C44E52", linestyle="--", linewidth=1.5)
    axes.set_ylabel(unit)
    axes.set_title(title, fontsize=10, wrap=True)
    axes.grid(alpha=0.3)
    return _png(figure)


def _png(figure: Figure) -> bytes:
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110)
    plt.close(figure)
    return buffer.getvalue()
