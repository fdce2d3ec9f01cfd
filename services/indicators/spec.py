"""What one indicator counts, in words the measures understand: a `Spec` says which people (teachers, or
teachers and managers; all, under 35, or young specialists; of which organisation types), which
diagnostics (procedure kinds, result levels), which communities (levels), which courses (registry, matched
to a diagnosed deficit), and whether the numerator is counted within the window or cumulatively up to its
last day. Here too: the window of days (`Period`), a school's count, and who is on the roster and in an
age group on the reporting date.

- the roster on the window's last day (the reporting date: today for the current period) is the
  denominator: people added after it or who left on or before it are not counted;
- age and tenure are taken on the reporting date; a person without a birth date (or, for a young
  specialist, a start date) is in no age group and is reported as "нет данных о возрасте".
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple

from sqlalchemy import ColumnElement, and_, or_, true

from services.models.indicators import CommunityLevel
from services.models.people import PROCEDURES, DiagnosticKind, OrgType, Person
from services.models.routes import Registry
from services.people.persons import YOUNG_AGE_LIMIT, YOUNG_TENURE_LIMIT, add_years

STAFF, TEACHERS = "staff", "teachers"  # teachers and managers / teachers (педагогические работники) only
EVERYONE, UNDER_35, YOUNG = "everyone", "under35", "young"  # the group within the population


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.start, time(), UTC)

    @property
    def ends_at(self) -> datetime:
        """The first moment after the period."""
        return datetime.combine(self.end + timedelta(days=1), time(), UTC)


@dataclass(frozen=True)
class Spec:
    """What one indicator counts (see the module docstring)."""

    measure: str
    population: str = STAFF
    group: str = EVERYONE  # the denominator's group
    counted_group: str = EVERYONE  # a narrower group the numerator also needs (Odintsovo 5: first 3 years)
    org_types: tuple[OrgType, ...] = ()  # () any organisation
    kinds: tuple[DiagnosticKind, ...] = PROCEDURES
    levels: tuple[str, ...] = ()  # diagnostic result levels that count; () any
    community_levels: tuple[CommunityLevel, ...] = ()
    registry: Registry = Registry.FEDERAL
    matched: bool = False  # «подобранные с учетом диагностики»: only items addressing a diagnosed deficit
    cumulative: bool = False  # counted up to the reporting date, not only within the window

    @property
    def age_group(self) -> str:
        """The narrowest age group the indicator needs: whose missing dates leave them uncounted."""
        return self.group if self.counted_group == EVERYONE else self.counted_group


class Count(NamedTuple):
    numerator: int
    denominator: int
    unknown_age: int  # in the population, but without the birth or start date the group needs


Counts = dict[int, Count]  # school id -> count


def on_roster(as_of: date) -> ColumnElement[bool]:
    return and_(Person.created_at < Period(as_of, as_of).ends_at, or_(Person.left_on.is_(None), Person.left_on > as_of))


def population_clause(population: str) -> ColumnElement[bool]:
    return ~Person.is_manager if population == TEACHERS else true()


def group_clause(group: str, as_of: date) -> ColumnElement[bool]:
    """Strictly under 35 (and, for a young specialist, in the first 3 years of work) on the reporting date."""
    under_35 = Person.birth_date > add_years(as_of, -YOUNG_AGE_LIMIT)
    if group == UNDER_35:
        return under_35
    if group == YOUNG:
        return and_(under_35, Person.work_start > add_years(as_of, -YOUNG_TENURE_LIMIT))
    return true()


def age_unknown(group: str) -> ColumnElement[bool] | None:
    if group == UNDER_35:
        return Person.birth_date.is_(None)
    if group == YOUNG:
        return or_(Person.birth_date.is_(None), Person.work_start.is_(None))
    return None
