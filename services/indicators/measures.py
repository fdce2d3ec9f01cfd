"""The computable building blocks of the indicators: for a set of schools and a window of days, each
measure's numerator and denominator per school, counted in SQL.

All the people-based measures with the same reporting date are filtered counts of one grouped pass over the
roster (`measures`): a count that several indicators need is one column, and the organisation types an
indicator names are applied to the per-school rows (every school is of one type), so indicators that
differ only in them share their columns. What each count means is in `spec` and `sets`.
"""

from collections.abc import Hashable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from services.indicators.sets import (
    COUNTS,
    EVENT_KINDS,
    SCHOOL_MEASURES,
    SHARES,
    Context,
    pair_active_in,
    scoped_people,
    within,
)
from services.indicators.spec import (
    Count,
    Counts,
    Period,
    Spec,
    age_unknown,
    group_clause,
    on_roster,
    population_clause,
)
from services.models.events import Event, EventStatus
from services.models.mentoring import MentorPair
from services.models.people import Organisation, OrgType, Person

Key = tuple[Spec, Period]


@dataclass
class _Pass:
    """The columns of one grouped pass over the roster, each counted once however many measures use it."""

    columns: list[ColumnElement[int]] = field(default_factory=list)
    known: dict[Hashable, int] = field(default_factory=dict)  # what a column counts -> its position
    shapes: dict[Hashable, int] = field(default_factory=dict)  # a column's SQL and values -> its position

    def position(self, counts: Hashable, column: ColumnElement[int]) -> int:
        """Two measures may name one count differently (a share's denominator «with a developed ИОМ» is the
        numerator of another indicator): the same SQL with the same values is one column too."""
        if counts not in self.known:
            key = column._generate_cache_key()  # what SQLAlchemy's statement cache compares
            shape = (key.key, tuple(repr(bound.effective_value) for bound in key.bindparams)) if key else counts
            if shape not in self.shapes:
                self.shapes[shape] = len(self.columns)
                self.columns.append(column)
            self.known[counts] = self.shapes[shape]
        return self.known[counts]


async def measures(session: AsyncSession, wanted: list[Key], schools: list[int], now: datetime) -> dict[Key, Counts]:
    """Several measures, each over its own window, at once; every school of a measure's organisation types
    has a count (0 of 0 when nobody is counted), schools of other types have none."""
    types = await _org_types(session, schools)
    scoped = scoped_people(schools)
    passes: dict[date, _Pass] = {}
    positions: dict[Key, tuple[date, list[int]]] = {}
    with_pairs: dict[Period, set[int]] = {}
    results: dict[Key, Counts] = {}
    for spec, window in dict.fromkeys(wanted):
        if spec.measure in SCHOOL_MEASURES:
            if window not in with_pairs:
                with_pairs[window] = await _schools_with_pairs(session, schools, window)
            results[(spec, window)] = {
                school: Count(int(school in with_pairs[window]), 1, 0) for school in _of_type(spec, types)
            }
            continue
        found = passes.setdefault(window.end, _Pass())
        columns = _columns(spec, Context(window, now, scoped))
        positions[(spec, window)] = (window.end, [found.position(counts, column) for counts, column in columns])
    values: dict[date, dict[int, list[int]]] = {}
    if passes and session.get_bind().dialect.name == "postgresql":
        # The pass's many subplans add up to an estimated cost past jit_above_cost, though the work is small:
        # compiling it took 0.5–0.7 s of a 0.8 s query on a million teachers. For this transaction only.
        await session.execute(text("SET LOCAL jit = off"))
    for as_of, found in passes.items():
        rows = await session.execute(
            select(Person.school_id, *found.columns)
            .where(Person.school_id.in_(schools), on_roster(as_of))
            .group_by(Person.school_id)
        )
        values[as_of] = {school: list(counted) for school, *counted in rows}
    for key, (as_of, at) in positions.items():
        results[key] = _counts(values[as_of], at, _of_type(key[0], types))
    return results


def _counts(rows: dict[int, list[int]], at: list[int], schools: list[int]) -> Counts:
    """A measure's count for each school from its columns of the school's row (a count has one column, a
    share two or three; a school without roster rows counts 0 of 0)."""
    missing, none = [0] * (3 - len(at)), Count(0, 0, 0)
    return {
        school: Count._make([row[n] for n in at] + missing) if (row := rows.get(school)) is not None else none
        for school in schools
    }


def _columns(spec: Spec, ctx: Context) -> list[tuple[Hashable, ColumnElement[int]]]:
    """A count's numerator, or a share's numerator, denominator and the people left out for a missing date;
    each with what it counts, so a pass over one reporting date counts it once."""
    as_of = ctx.as_of
    population = population_clause(spec.population)
    base = and_(population, group_clause(spec.group, as_of))
    counted = ("counted", replace(spec, org_types=()), ctx.window)  # the types are applied per school
    if spec.measure in COUNTS:
        return [(counted, func.count().filter(and_(base, COUNTS[spec.measure](spec, ctx))))]
    numerator, denominator = SHARES[spec.measure]
    among = [denominator(spec, ctx)] if denominator is not None else []
    # The numerator's set before the denominator's: SQLite tests the conditions in order and stops at the
    # first false one, and the counted are the fewer (a wide set tested for every person costs ~50 ms).
    counted_where = and_(base, group_clause(spec.counted_group, as_of), numerator(spec, ctx), *among)
    columns: list[tuple[Hashable, ColumnElement[int]]] = [
        (counted, func.count().filter(counted_where)),
        (("all", spec.population, spec.group, denominator), func.count().filter(and_(base, *among))),
    ]
    unknown = age_unknown(spec.age_group)
    if unknown is not None:
        columns.append((("no age", spec.population, spec.age_group), func.count().filter(and_(population, unknown))))
    return columns


def _of_type(spec: Spec, types: dict[int, OrgType]) -> list[int]:
    return [school for school, org_type in types.items() if not spec.org_types or org_type in spec.org_types]


async def _org_types(session: AsyncSession, schools: list[int]) -> dict[int, OrgType]:
    rows = await session.execute(select(Organisation.id, Organisation.org_type).where(Organisation.id.in_(schools)))
    return {school: org_type for school, org_type in rows}


async def schools_of_type(session: AsyncSession, schools: list[int], org_types: tuple[OrgType, ...]) -> list[int]:
    if not org_types:
        return schools
    return list(
        await session.scalars(
            select(Organisation.id).where(Organisation.id.in_(schools), Organisation.org_type.in_(org_types))
        )
    )


async def _schools_with_pairs(session: AsyncSession, schools: list[int], window: Period) -> set[int]:
    """The schools where a mentee was in a pair active in the window."""
    return set(
        await session.scalars(
            select(Person.school_id)
            .join(MentorPair, MentorPair.mentee_id == Person.id)
            .where(Person.school_id.in_(schools), pair_active_in(window))
            .distinct()
        )
    )


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
                within(Event.starts_at, window),
                Event.ends_at <= now,
            )
        )
        or 0
    )
