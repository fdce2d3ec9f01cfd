"""The computable building blocks of the indicators: for a set of schools and a window of days, each
measure's numerator and denominator per school, counted in SQL with one grouped query.

A `Spec` says what one indicator's words ask for: which people (teachers, or teachers and managers; all,
under 35, or young specialists; of which organisation types), which diagnostics (procedure kinds, result
levels), which communities (levels), which courses (registry, matched to a diagnosed deficit), and whether
the numerator is counted within the window or cumulatively up to its last day.

The rules, where the documents leave them open (DOMAIN.md):
- the roster on the window's last day (the reporting date: today for the current period) is the
  denominator: people added after it or who left on or before it are not counted;
- age and tenure are taken on the reporting date; a person without a birth date (or, for a young
  specialist, a start date) is in no age group and is reported as "нет данных о возрасте";
- a self-assessment is never a diagnostic procedure; a route "на основе диагностики" rests on a procedure;
- a mentoring pair counts if it was active on some day of the window;
- only confirmed attendance counts as taking part in an event, and an event counts once held (ended, not
  cancelled); a returned route is not a developed one.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from services.models.events import Event, EventKind, EventStatus, Registration, RegistrationStatus
from services.models.indicators import Community, CommunityLevel, CommunityMember
from services.models.mentoring import MentorPair, PairStatus
from services.models.people import (
    PROCEDURES,
    Diagnostic,
    DiagnosticDeficit,
    DiagnosticKind,
    Organisation,
    OrgType,
    Person,
)
from services.models.routes import ActivityKind, ItemStatus, Registry, Route, RouteItem, RouteStatus
from services.people.persons import YOUNG_AGE_LIMIT, YOUNG_TENURE_LIMIT, add_years

STAFF, TEACHERS = "staff", "teachers"  # teachers and managers / teachers (педагогические работники) only
EVERYONE, UNDER_35, YOUNG = "everyone", "under35", "young"  # the group within the population
SCOPED_SCHOOLS = 200  # at most this many schools: restrict every set to the scope's people


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


def _in(column: Any, window: Period, *, dates: bool = False) -> ColumnElement[bool]:
    """A date column within the window's days, or a moment within it."""
    if dates:
        return and_(column >= window.start, column <= window.end)
    return and_(column >= window.starts_at, column < window.ends_at)


def pair_active_in(window: Period) -> ColumnElement[bool]:
    """The pair was active on some day of the window."""
    return and_(
        MentorPair.started_on <= window.end,
        or_(MentorPair.status == PairStatus.ACTIVE, MentorPair.ended_at >= window.starts_at),
    )


@dataclass(frozen=True)
class Context:
    """One computation: the window of the numerator, the reporting date, the moment "now", and the scope's
    people (each set below is restricted to them, so the cost follows the scope, not the database)."""

    window: Period
    now: datetime
    scoped: Select[Any] | None  # None: the scope is big enough that restricting costs more than it saves

    def mine(self, person_id: Any) -> ColumnElement[bool]:
        return person_id.in_(self.scoped) if self.scoped is not None else true()

    @property
    def as_of(self) -> date:
        return self.window.end


Condition = Callable[[Spec, Context], ColumnElement[bool]]


def _people(query: Select[Any]) -> ColumnElement[bool]:
    """Person in a set of ids; an uncorrelated IN, built once per query, not searched per person."""
    return Person.id.in_(query)


def diagnosed(spec: Spec, ctx: Context) -> ColumnElement[bool]:
    conditions = [Diagnostic.kind.in_(spec.kinds), Diagnostic.taken_on <= ctx.as_of, ctx.mine(Diagnostic.person_id)]
    if not spec.cumulative:
        conditions.append(Diagnostic.taken_on >= ctx.window.start)
    if spec.levels:
        conditions.append(Diagnostic.level.in_(spec.levels))
    return _people(select(Diagnostic.person_id).where(*conditions))


DEVELOPED = [RouteStatus.APPROVED, RouteStatus.IN_PROGRESS, RouteStatus.IMPLEMENTED]


def route_developed(spec: Spec, ctx: Context) -> ColumnElement[bool]:
    """An ИОМ built on a diagnostic procedure (not a self-assessment) and approved by the reporting date
    (within the window unless cumulative); a returned one is not developed."""
    conditions = [
        Route.status.in_(DEVELOPED),
        Route.approved_at < ctx.window.ends_at,
        Diagnostic.kind.in_(PROCEDURES),
        ctx.mine(Route.person_id),
    ]
    if not spec.cumulative:
        conditions.append(Route.approved_at >= ctx.window.starts_at)
    return _people(select(Route.person_id).join(Diagnostic, Diagnostic.id == Route.diagnostic_id).where(*conditions))


def route_implemented(spec: Spec, ctx: Context) -> ColumnElement[bool]:
    conditions = [
        Route.status == RouteStatus.IMPLEMENTED,
        Route.implemented_at < ctx.window.ends_at,
        ctx.mine(Route.person_id),
    ]
    if not spec.cumulative:
        conditions.append(Route.implemented_at >= ctx.window.starts_at)
    return _people(select(Route.person_id).where(*conditions))


def with_developed_route(spec: Spec, ctx: Context) -> ColumnElement[bool]:
    """The denominator «из числа пед.работников, у которых разработан ИОМ»: developed by the reporting date."""
    return route_developed(Spec(spec.measure, cumulative=True), ctx)


def confirmed_item(spec: Spec, ctx: Context, *conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    query = (
        select(Route.person_id)
        .join(RouteItem, RouteItem.route_id == Route.id)
        .where(
            RouteItem.status == ItemStatus.CONFIRMED,
            RouteItem.confirmed_at < ctx.window.ends_at,
            ctx.mine(Route.person_id),
            *conditions,
        )
    )
    if not spec.cumulative:
        query = query.where(RouteItem.confirmed_at >= ctx.window.starts_at)
    return _people(query)


def registry_course(spec: Spec, ctx: Context) -> ColumnElement[bool]:
    """A confirmed course of the registry (final attestation passed); «подобранные с учетом диагностики»:
    the item addresses a deficit found by the diagnostic procedure its route rests on."""
    if not spec.matched:
        return confirmed_item(spec, ctx, RouteItem.course_registry == spec.registry)
    matched = (
        select(DiagnosticDeficit.diagnostic_id)
        .join(Diagnostic, Diagnostic.id == DiagnosticDeficit.diagnostic_id)
        .where(
            DiagnosticDeficit.diagnostic_id == Route.diagnostic_id,
            DiagnosticDeficit.area == RouteItem.area,
            Diagnostic.kind.in_(PROCEDURES),
        )
        .exists()
    )
    return confirmed_item(spec, ctx, RouteItem.course_registry == spec.registry, matched)


def attended(ctx: Context, *conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    """Confirmed attendance at an event held (ended by now, not cancelled) within the window."""
    return _people(
        select(Registration.person_id)
        .join(Event, Event.id == Registration.event_id)
        .where(
            Registration.status == RegistrationStatus.ATTENDED,
            Event.status != EventStatus.CANCELLED,
            _in(Event.starts_at, ctx.window),
            Event.ends_at <= ctx.now,
            ctx.mine(Registration.person_id),
            *conditions,
        )
    )


def in_pair(ctx: Context, *, as_mentee_only: bool) -> ColumnElement[bool]:
    mentees = _people(select(MentorPair.mentee_id).where(pair_active_in(ctx.window), ctx.mine(MentorPair.mentee_id)))
    if as_mentee_only:
        return mentees
    mentors = _people(select(MentorPair.mentor_id).where(pair_active_in(ctx.window), ctx.mine(MentorPair.mentor_id)))
    return or_(mentees, mentors)


def community_member(spec: Spec, ctx: Context) -> ColumnElement[bool]:
    """A member, on some day of the window, of a community of the levels the indicator names."""
    query = (
        select(CommunityMember.person_id)
        .join(Community, Community.id == CommunityMember.community_id)
        .where(
            CommunityMember.joined_on <= ctx.window.end,
            or_(CommunityMember.left_on.is_(None), CommunityMember.left_on >= ctx.window.start),
            ctx.mine(CommunityMember.person_id),
        )
    )
    if spec.community_levels:
        query = query.where(Community.level.in_(spec.community_levels))
    return _people(query)


def young_event(spec: Spec, ctx: Context) -> ColumnElement[bool]:
    return attended(ctx, Event.young_only.is_(True))


def route_consulted(spec: Spec, ctx: Context) -> ColumnElement[bool]:
    """Targeted support in a route: a consultation item confirmed in the window."""
    return confirmed_item(spec, ctx, RouteItem.kind == ActivityKind.CONSULTATION)


# Shares of people: who is counted, and who else the denominator needs besides the roster and the group.
SHARES: dict[str, tuple[Condition, Condition | None]] = {
    "diagnosed": (diagnosed, None),
    "route_developed": (route_developed, None),
    "route_implemented": (route_implemented, with_developed_route),
    "registry_course": (registry_course, None),
    "young_supported": (lambda s, c: or_(in_pair(c, as_mentee_only=True), young_event(s, c)), None),
    "young_in_pairs": (lambda s, c: in_pair(c, as_mentee_only=True), None),
    "young_at_events": (young_event, None),
    "mentoring_participants": (lambda s, c: in_pair(c, as_mentee_only=False), None),
    "community_members": (community_member, None),
    "route_consulted": (route_consulted, with_developed_route),
    "route_accompanied": (lambda s, c: in_pair(c, as_mentee_only=True), with_developed_route),
}
# Counts of people.
COUNTS: dict[str, Condition] = {
    "contest_participants": lambda s, c: or_(
        attended(c, Event.kind == EventKind.CONTEST),
        confirmed_item(s, c, RouteItem.kind == ActivityKind.CONTEST),
    ),
    "internship_participants": lambda s, c: or_(
        attended(c, Event.kind == EventKind.INTERNSHIP),
        confirmed_item(s, c, RouteItem.kind == ActivityKind.INTERNSHIP),
    ),
}
# Counted for the municipality as a whole: events are the municipality's, not a school's.
EVENT_KINDS: dict[str, tuple[EventKind, ...]] = {
    "seminars_held": (EventKind.SEMINAR, EventKind.WEBINAR),
    "conferences_held": (EventKind.CONFERENCE,),
}
SCHOOL_MEASURES = ("schools_mentoring",)


def scoped_people(schools: list[int]) -> Select[Any] | None:
    """The scope's people, to restrict each set to: a municipality's sets then cost what the municipality
    holds, not what the database holds. A region-sized scope reads most of the database anyway, and on
    SQLite the restriction would make each set walk the people instead of its own table."""
    if len(schools) > SCOPED_SCHOOLS:
        return None
    return select(Person.id).where(Person.school_id.in_(schools))


async def schools_of_type(session: AsyncSession, schools: list[int], org_types: tuple[OrgType, ...]) -> list[int]:
    if not org_types:
        return schools
    return list(
        await session.scalars(
            select(Organisation.id).where(Organisation.id.in_(schools), Organisation.org_type.in_(org_types))
        )
    )


async def _schools_mentoring(session: AsyncSession, spec: Spec, schools: list[int], ctx: Context) -> Counts:
    """Per school of the named types: 1 of 1 if a mentee there was in a pair active in the window."""
    typed = await schools_of_type(session, schools, spec.org_types)
    with_pairs = set(
        await session.scalars(
            select(Person.school_id)
            .join(MentorPair, MentorPair.mentee_id == Person.id)
            .where(Person.school_id.in_(typed), pair_active_in(ctx.window))
            .distinct()
        )
    )
    return {school: Count(int(school in with_pairs), 1, 0) for school in typed}


async def measures(
    session: AsyncSession, wanted: list[tuple[Spec, Period]], schools: list[int], now: datetime
) -> dict[tuple[Spec, Period], Counts]:
    """Several measures, each over its own window, at once: the people-based ones with the same reporting
    date in one grouped pass over the roster, each numerator and denominator a filtered count of it."""
    results: dict[tuple[Spec, Period], Counts] = {}
    passes: dict[date, list[tuple[tuple[Spec, Period], list[ColumnElement[int]]]]] = {}
    scoped = scoped_people(schools)
    for spec, window in dict.fromkeys(wanted):
        ctx = Context(window, now, scoped)
        if spec.measure in SCHOOL_MEASURES:
            results[(spec, window)] = await _schools_mentoring(session, spec, schools, ctx)
            continue
        of_type = await schools_of_type(session, schools, spec.org_types)
        # Every school of the named types has a row, even with nobody counted; other types have none.
        results[(spec, window)] = {school: Count(0, 0, 0) for school in of_type}
        typed = Person.school_id.in_(of_type) if spec.org_types else true()
        base = and_(population_clause(spec.population), typed, group_clause(spec.group, window.end))
        columns: list[ColumnElement[int]]
        if spec.measure in COUNTS:
            columns = [func.count().filter(and_(base, COUNTS[spec.measure](spec, ctx)))]
        else:
            numerator, denominator = SHARES[spec.measure]
            if denominator is not None:
                base = and_(base, denominator(spec, ctx))
            counted = and_(base, group_clause(spec.counted_group, window.end), numerator(spec, ctx))
            columns = [func.count().filter(counted), func.count().filter(base)]
            unknown = age_unknown(spec.age_group)
            if unknown is not None:
                columns.append(func.count().filter(and_(population_clause(spec.population), typed, unknown)))
        passes.setdefault(window.end, []).append(((spec, window), columns))
    for as_of, wanted_here in passes.items():
        selected = [column for _key, columns in wanted_here for column in columns]
        rows = await session.execute(
            select(Person.school_id, *selected)
            .where(Person.school_id.in_(schools), on_roster(as_of))
            .group_by(Person.school_id)
        )
        for school, *values in rows:
            position = 0
            for key, columns in wanted_here:
                found = [*values[position : position + len(columns)], 0, 0, 0]
                position += len(columns)
                if school in results[key]:  # not an organisation of another type
                    results[key][school] = Count(found[0], found[1], found[2])
    return results


async def not_counted(
    session: AsyncSession, spec: Spec, school_id: int, window: Period, now: datetime, limit: int = 30
) -> list[str]:
    """People of a school in a share's denominator but not (yet) in its numerator: whom to help next."""
    if spec.measure not in SHARES:
        return []
    ctx = Context(window, now, scoped_people([school_id]))
    numerator, denominator = SHARES[spec.measure]
    conditions = [
        Person.school_id.in_(await schools_of_type(session, [school_id], spec.org_types)),
        on_roster(window.end),
        population_clause(spec.population),
        group_clause(spec.group, window.end),
        ~and_(group_clause(spec.counted_group, window.end), numerator(spec, ctx)),
    ]
    if denominator is not None:
        conditions.append(denominator(spec, ctx))
    return list(
        await session.scalars(select(Person.full_name).where(*conditions).order_by(Person.full_name).limit(limit))
    )


async def without_age(session: AsyncSession, spec: Spec, schools: list[int], as_of: date, limit: int = 30) -> list[str]:
    """People of the population whose missing birth (or start) date keeps them out of the age group: the
    roster rows to fix."""
    unknown = age_unknown(spec.age_group)
    if unknown is None:
        return []
    rows = await session.scalars(
        select(Person.full_name)
        .where(
            Person.school_id.in_(await schools_of_type(session, schools, spec.org_types)),
            on_roster(as_of),
            population_clause(spec.population),
            unknown,
        )
        .order_by(Person.full_name)
        .limit(limit)
    )
    return list(rows)


async def events_held(
    session: AsyncSession, municipalities: list[int], window: Period, measure: str, now: datetime
) -> int:
    """Events of the measure's kinds that started in the window and are over by now, not cancelled."""
    return (
        await session.scalar(
            select(func.count()).where(
                Event.municipality_id.in_(municipalities),
                Event.kind.in_(EVENT_KINDS[measure]),
                Event.status != EventStatus.CANCELLED,
                _in(Event.starts_at, window),
                Event.ends_at <= now,
            )
        )
        or 0
    )
