"""The school year's landmarks, for choosing a deadline with one tap instead of typing a date."""

from datetime import date

# Usual ends of the quarters and halves in Russian municipal school calendars; the exact days vary by the
# municipality's order, so these are presets to choose from, never rules.
QUARTER_ENDS = ((10, 31), (12, 28), (3, 20), (5, 31))
HALF_ENDS = ((12, 28), (5, 31))
YEAR_END = (5, 31)


def _next(today: date, ends: tuple[tuple[int, int], ...]) -> date:
    candidates = [date(today.year + shift, month, day) for shift in (0, 1) for month, day in ends]
    return min(day for day in candidates if day >= today)


def deadline_presets(today: date) -> dict[str, date]:
    """The next end of the quarter, of the half-year and of the school year, from today on."""
    return {
        "quarter": _next(today, QUARTER_ENDS),
        "half": _next(today, HALF_ENDS),
        "year": _next(today, (YEAR_END,)),
    }
