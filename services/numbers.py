"""Whole numbers typed or chosen by people, parsed in one place with their bounds.

`str.isdigit()` is true for "²" and "١٢", which `int()` then refuses or reads as a number nobody
typed; and an unbounded number overflows a database column. Only ASCII digits within bounds pass.
"""

# Our ids are INTEGER columns (32-bit in PostgreSQL): a larger number cannot name a row.
ID_LIMIT = 2**31
MAX_DIGITS = 18  # more digits than any bound here: refused before int() reads a huge string


def parse_whole(text: str, *, low: int, high: int) -> int | None:
    """The whole number `text` spells (ASCII digits, spaces around allowed) if low ≤ it ≤ high, else None."""
    text = text.strip()
    if not text or len(text) > MAX_DIGITS or not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if low <= value <= high else None


def parse_id(text: str) -> int | None:
    """A row id carried in a button or a stored choice, or None."""
    return parse_whole(text, low=1, high=ID_LIMIT - 1)
