"""What an indicator of a document is, as data: its name quoted exactly, the spec of what the bot counts (see
services/indicators/spec.py) or "manual" for facts a methodist enters, the target and its horizon (which period
a target speaks of), and the note that says what the document leaves open and what we chose. The documents' sets
are in services/indicators/documents, one module a document."""

from dataclasses import dataclass, field
from datetime import date

from services.indicators.spec import Spec
from services.models.people import OrgType

GE, LE, EQ = "ge", "le", "eq"  # не менее / не более / равно
PERCENT, COUNT, YESNO = "percent", "count", "yesno"
PERIOD, YEARLY, BY_DATE, YEARS = "period", "yearly", "by_date", "years"
BASIC_OR_ABOVE = ("high", "elevated", "basic")


@dataclass(frozen=True)
class Horizon:
    """Which period a target speaks of: the chosen one; each year («в год», «ежегодно»); a date («к 2025
    году»); or a range of years («в течение 2023–2024 годов»)."""

    kind: str = PERIOD
    first: date | None = None
    last: date | None = None
    words: str = ""  # the document's own words


def yearly(words: str) -> Horizon:
    return Horizon(YEARLY, words=words)


def by_date(last: date, words: str) -> Horizon:
    return Horizon(BY_DATE, last=last, words=words)


def years(first: int, last: int, words: str) -> Horizon:
    return Horizon(YEARS, date(first, 1, 1), date(last, 12, 31), words)


MANUAL = Spec("manual")


@dataclass(frozen=True)
class Definition:
    no: str
    name: str  # verbatim from the document
    short: str
    spec: Spec
    comparator: str = GE
    target: float | None = None
    unit: str = PERCENT
    horizon: Horizon = field(default_factory=Horizon)
    note: str = ""  # what the document leaves open and what we chose
    target_from: str = ""  # where a borrowed target comes from; "" when it is the indicator's own
    each_school: bool = False  # the target holds for every organisation, not only for the total
    second: Spec | None = None  # a second figure where the document is ambiguous (shown beside the value)

    @property
    def measure(self) -> str:
        return self.spec.measure


@dataclass(frozen=True)
class IndicatorSet:
    code: str
    title: str
    source: str
    indicators: tuple[Definition, ...]


D = Definition
DIAGNOSED_ANY = Spec("diagnosed")


def Y(no: str, name: str, short: str, horizon: Horizon | None = None) -> Definition:
    """A yes/no fact a methodist enters: met when it is «да»."""
    return Definition(no, name, short, MANUAL, EQ, 1, YESNO, horizon or Horizon())


SCHOOLS = (OrgType.GENERAL,)
NOT_SCHOOLS = (OrgType.PRESCHOOL, OrgType.ADDITIONAL, OrgType.VOCATIONAL)
