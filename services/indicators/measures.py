"""The computable building blocks of the indicators: for a set of schools and a period, each measure's
numerator and denominator per school, counted in SQL with one grouped query.

The rules, where the documents leave them open (DOMAIN.md):
- the roster on the last day of the period is the denominator: people added after it or who left on or
  before it are not counted (neither above nor below the line);
- age and tenure of a young specialist are taken on the last day of the period;
- a mentoring pair counts for a period if it was active on some day of it (a pair dissolved before the
  period does not count);
- only confirmed attendance counts as taking part in an event; a returned route is not a developed one.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from services.models.events import Event, EventKind, EventStatus, Registration, RegistrationStatus
from services.models.indicators import CommunityMember
from services.models.mentoring import MentorPair, PairStatus
from services.models.people import Diagnostic, Person
from services.models.routes import ActivityKind, ItemStatus, Registry, Route, RouteItem, RouteStatus
from services.people.persons import young_specialist_clause

Counts = dict[int, tuple[int, int]]  # school id -> (numerator, denominator)


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


def on_roster(period: Period) -> ColumnElement[bool]:
    return and_(Person.created_at < period.ends_at, or_(Person.left_on.is_(None), Person.left_on > period.end))


def population_clause(population: str) -> ColumnElement[bool]:
    return ~Person.is_manager if population == "teachers" else true()


def _in_period(column: Any, period: Period, *, dates: bool = False) -> ColumnElement[bool]:
    """A date column within the period's days, or a moment within it."""
    if dates:
        return and_(column >= period.start, column <= period.end)
    return and_(column >= period.starts_at, column < period.ends_at)


def pair_active_in(period: Period) -> ColumnElement[bool]:
    """The pair was active on some day of the period."""
    return and_(
        MentorPair.started_on <= period.end,
        or_(MentorPair.status == PairStatus.ACTIVE, MentorPair.ended_at >= period.starts_at),
    )


# Each condition is an uncorrelated IN: its set of people is built once per query, not searched per person.


def diagnosed(period: Period) -> ColumnElement[bool]:
    return Person.id.in_(select(Diagnostic.person_id).where(_in_period(Diagnostic.taken_on, period, dates=True)))


def route_developed(period: Period) -> ColumnElement[bool]:
    """An ИОМ built on a diagnostic and approved by the end of the period (a returned one is not)."""
    return Person.id.in_(
        select(Route.person_id).where(
            Route.diagnostic_id.is_not(None),
            Route.status.in_([RouteStatus.APPROVED, RouteStatus.IN_PROGRESS, RouteStatus.IMPLEMENTED]),
            Route.approved_at < period.ends_at,
        )
    )


def route_implemented(period: Period) -> ColumnElement[bool]:
    return Person.id.in_(
        select(Route.person_id).where(Route.status == RouteStatus.IMPLEMENTED, Route.implemented_at < period.ends_at)
    )


def confirmed_item(period: Period, *conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    return Person.id.in_(
        select(Route.person_id)
        .join(RouteItem, RouteItem.route_id == Route.id)
        .where(RouteItem.status == ItemStatus.CONFIRMED, _in_period(RouteItem.confirmed_at, period), *conditions)
    )


def took_part(
    period: Period, statuses: list[RegistrationStatus], *conditions: ColumnElement[bool]
) -> ColumnElement[bool]:
    return Person.id.in_(
        select(Registration.person_id)
        .join(Event, Event.id == Registration.event_id)
        .where(
            Registration.status.in_(statuses),
            Event.status != EventStatus.CANCELLED,
            _in_period(Event.starts_at, period),
            *conditions,
        )
    )


def in_pair(period: Period, *, as_mentee_only: bool) -> ColumnElement[bool]:
    mentees = Person.id.in_(select(MentorPair.mentee_id).where(pair_active_in(period)))
    if as_mentee_only:
        return mentees
    return or_(mentees, Person.id.in_(select(MentorPair.mentor_id).where(pair_active_in(period))))


def community_member(period: Period) -> ColumnElement[bool]:
    return Person.id.in_(
        select(CommunityMember.person_id).where(
            CommunityMember.joined_on <= period.end,
            or_(CommunityMember.left_on.is_(None), CommunityMember.left_on >= period.start),
        )
    )


async def _schools_mentoring(session: AsyncSession, schools: list[int], period: Period) -> Counts:
    """Per school: 1 of 1 if it has a pair active in the period (its mentee works there), else 0 of 1."""
    with_pairs = set(
        await session.scalars(
            select(Person.school_id)
            .join(MentorPair, MentorPair.mentee_id == Person.id)
            .where(Person.school_id.in_(schools), pair_active_in(period))
            .distinct()
        )
    )
    return {school: (int(school in with_pairs), 1) for school in schools}


def _young(period: Period) -> ColumnElement[bool]:
    return young_specialist_clause(period.end)


SEATED = [RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED]
Condition = Callable[[Period], ColumnElement[bool]]


def _young_support(period: Period) -> ColumnElement[bool]:
    return or_(in_pair(period, as_mentee_only=True), _young_event(period))


def _young_event(period: Period) -> ColumnElement[bool]:
    return took_part(period, [RegistrationStatus.ATTENDED], Event.young_only.is_(True))


# Shares of people: (who is counted, who is the denominator besides the roster).
SHARES: dict[str, tuple[Condition, Condition | None]] = {
    "diagnosed": (diagnosed, None),
    "route_developed": (route_developed, None),
    "route_implemented": (route_implemented, route_developed),
    "registry_federal": (lambda p: confirmed_item(p, RouteItem.course_registry == Registry.FEDERAL), None),
    "registry_regional": (lambda p: confirmed_item(p, RouteItem.course_registry == Registry.REGIONAL), None),
    "young_supported": (_young_support, _young),
    "young_in_pairs": (lambda p: in_pair(p, as_mentee_only=True), _young),
    "young_at_events": (_young_event, _young),
    "mentoring_participants": (lambda p: in_pair(p, as_mentee_only=False), None),
    "community_members": (community_member, None),
}
# Counts of people.
COUNTS: dict[str, Condition] = {
    "contest_participants": lambda p: or_(
        took_part(p, SEATED, Event.kind == EventKind.CONTEST),
        confirmed_item(p, RouteItem.kind == ActivityKind.CONTEST),
    ),
    "internship_participants": lambda p: or_(
        took_part(p, [RegistrationStatus.ATTENDED], Event.kind == EventKind.INTERNSHIP),
        confirmed_item(p, RouteItem.kind == ActivityKind.INTERNSHIP),
    ),
}


async def measures(
    session: AsyncSession, wanted: list[tuple[str, str]], schools: list[int], period: Period
) -> dict[tuple[str, str], Counts]:
    """Several measures (name, population) at once: the people-based ones in one grouped pass over the
    roster, each numerator and denominator a filtered count of it."""
    results: dict[tuple[str, str], Counts] = {}
    columns: list[tuple[tuple[str, str], ColumnElement[int], ColumnElement[int] | None]] = []
    for name, population in dict.fromkeys(wanted):
        if name == "schools_mentoring":
            results[(name, population)] = await _schools_mentoring(session, schools, period)
            continue
        base = population_clause(population)
        if name in COUNTS:
            columns.append(((name, population), func.count().filter(base & COUNTS[name](period)), None))
            continue
        numerator, denominator = SHARES[name]
        if denominator is not None:
            base = base & denominator(period)
        columns.append(((name, population), func.count().filter(base & numerator(period)), func.count().filter(base)))
    if columns:
        selected = [column for _key, num, den in columns for column in (num, den) if column is not None]
        rows = await session.execute(
            select(Person.school_id, *selected)
            .where(Person.school_id.in_(schools), on_roster(period))
            .group_by(Person.school_id)
        )
        for school, *values in rows:
            position = 0
            for key, _num, den in columns:
                counted = values[position]
                total = values[position + 1] if den is not None else 0
                position += 2 if den is not None else 1
                results.setdefault(key, {})[school] = (counted, total)
        for key, _num, _den in columns:
            results.setdefault(key, {})
    return results


async def not_counted(
    session: AsyncSession, name: str, school_id: int, period: Period, population: str, limit: int = 30
) -> list[str]:
    """People of a school in a share's denominator but not (yet) in its numerator: whom to help next."""
    if name not in SHARES:
        return []
    numerator, denominator = SHARES[name]
    conditions = [Person.school_id == school_id, on_roster(period), population_clause(population), ~numerator(period)]
    if denominator is not None:
        conditions.append(denominator(period))
    return list(
        await session.scalars(select(Person.full_name).where(*conditions).order_by(Person.full_name).limit(limit))
    )


# Counted for the municipality as a whole: events are the municipality's, not a school's.
EVENT_KINDS: dict[str, tuple[EventKind, ...]] = {
    "seminars_held": (EventKind.SEMINAR, EventKind.WEBINAR),
    "conferences_held": (EventKind.CONFERENCE,),
}


async def events_held(session: AsyncSession, municipalities: list[int], period: Period, measure: str) -> int:
    return (
        await session.scalar(
            select(func.count()).where(
                Event.municipality_id.in_(municipalities),
                Event.kind.in_(EVENT_KINDS[measure]),
                Event.status != EventStatus.CANCELLED,
                _in_period(Event.starts_at, period),
            )
        )
        or 0
    )
