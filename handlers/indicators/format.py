"""How indicator numbers read in a chat, a file and the digest: values, targets, statuses, periods."""

from handlers.common.i18n import Translator
from services.indicators.calculation import IndicatorValue, ManualEntry
from services.indicators.definitions import EQ, LE, PERCENT, YESNO
from services.indicators.spec import Period


def value_text(t: Translator, row: IndicatorValue, value: float | None) -> str:
    if value is None:
        return t.plain("indicator-no-data")
    if row.definition.unit == YESNO:
        return t.plain("indicator-yes" if value >= 0.5 else "indicator-no")
    if row.definition.unit == PERCENT:
        return f"{value:.1f} %".replace(".", ",")
    return f"{value:g}"


def target_text(t: Translator, row: IndicatorValue) -> str:
    if row.target is None:
        return "—"
    sign = {EQ: "=", LE: "≤"}.get(row.definition.comparator, "≥")
    return f"{sign} {value_text(t, row, row.target)}"


def status_text(t: Translator, row: IndicatorValue, met: bool | None) -> str:
    """Met, not met, in progress (the target's horizon is not over), or no data."""
    if met is None and row.value is not None and row.target is not None and not row.final:
        return t.plain("indicator-in-progress", until=f"{row.window.end:%d.%m.%Y}")
    return t.plain({True: "indicator-met", False: "indicator-not-met", None: "indicator-unknown"}[met])


def mark(row: IndicatorValue) -> str:
    if row.met is None and row.value is not None and not row.final:
        return "⏳"
    return {True: "✅", False: "⚠️", None: "▫️"}[row.met]


def entered_text(t: Translator, entry: ManualEntry) -> str:
    return t.plain("indicator-entered", who=entry.entered_by or "—", at=f"{entry.entered_at:%d.%m.%Y %H:%M}")


def period_text(t: Translator, kind: str, period: Period) -> str:
    """As people say it: «ноябрь 2026», «IV квартал 2026», «2026/27 учебный год», «2026 год»."""
    start = period.start
    return t.plain(
        f"period-{kind}",
        month_no=start.month,
        quarter=(start.month - 1) // 3 + 1,
        year=str(start.year),  # a string: Fluent would print a number as «2 026»
        next=f"{(start.year + 1) % 100:02d}",
    )
