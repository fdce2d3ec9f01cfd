"""The shared indicator calculation: one call gives a scope's whole indicator set for a period, each with
its numerator, denominator, target and every school's own value. Screens, digests, charts and
exports all read from here.

Scopes: a school (its coordinator), a municipality (its methodists), the region (admins)."""

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.errors import Forbidden, InvalidInput, NotFound
from services.indicators.definitions import (
    BY_DATE,
    EQ,
    GE,
    LE,
    PERCENT,
    YEARLY,
    YEARS,
    YESNO,
    Definition,
    Horizon,
    IndicatorSet,
)
from services.indicators.measures import events_held, measures, without_age
from services.indicators.presets import DEFAULT_SET, PRESETS
from services.indicators.sets import EVENT_KINDS
from services.indicators.spec import Counts, Period
from services.models.indicators import IndicatorChoice, ManualValue, TargetChange
from services.models.people import Organisation, OrgKind, Person, Role, User
from services.people.access import Actor

PERIOD_KINDS = ("month", "quarter", "school_year", "year")
YEAR_DAYS = 364  # a period at least this long is itself a year for a target «в год»


def period_of(kind: str, today: date, back: int = 0) -> Period:
    """The current month, quarter, school year (from 1 September) or calendar year, or one `back` before."""
    if kind == "month":
        index = today.year * 12 + today.month - 1 - back
        start = date(index // 12, index % 12 + 1, 1)
        following = date((index + 1) // 12, (index + 1) % 12 + 1, 1)
    elif kind == "quarter":
        index = today.year * 4 + (today.month - 1) // 3 - back
        start = date(index // 4, index % 4 * 3 + 1, 1)
        following = date((index + 1) // 4, (index + 1) % 4 * 3 + 1, 1)
    elif kind == "school_year":
        first = today.year if today.month >= 9 else today.year - 1
        start, following = date(first - back, 9, 1), date(first - back + 1, 9, 1)
    elif kind == "year":
        start, following = date(today.year - back, 1, 1), date(today.year - back + 1, 1, 1)
    else:
        raise InvalidInput("stale-button")
    return Period(start, following - timedelta(days=1))


@dataclass(frozen=True)
class Scope:
    org_id: int
    kind: OrgKind
    name: str
    municipality_id: int | None  # whose indicator set applies (None for the region)
    schools: list[int]


async def scope_of(session: AsyncSession, *, actor: Actor, org_id: int) -> Scope:
    """A school, municipality or region the actor may see indicators for: a school's coordinator, a
    methodist of the municipality (or of the school's), an admin."""
    scope = await load_scope(session, org_id)
    org = await session.get_one(Organisation, org_id)
    if scope.kind == OrgKind.SCHOOL:
        allowed = org_id in actor.orgs(Role.COORDINATOR) or org.parent_id in actor.orgs(Role.METHODIST)
    else:
        allowed = org_id in actor.orgs(Role.METHODIST)
    if not (allowed or actor.has(Role.ADMIN)):
        raise Forbidden()
    return scope


async def load_scope(session: AsyncSession, org_id: int) -> Scope:
    """The schools behind an organisation and whose indicator set applies (no permission check)."""
    org = await session.get(Organisation, org_id)
    if org is None:
        raise NotFound()
    if org.kind == OrgKind.SCHOOL:
        return Scope(org_id, org.kind, org.name, org.parent_id, [org_id])
    if org.kind == OrgKind.MUNICIPALITY:
        return Scope(org_id, org.kind, org.name, org_id, await _schools_of([org_id], session))
    return Scope(org_id, org.kind, org.name, None, await _schools_of(await _children(session, org_id), session))


async def _children(session: AsyncSession, org_id: int) -> list[int]:
    return list(await session.scalars(select(Organisation.id).where(Organisation.parent_id == org_id)))


async def _schools_of(municipalities: list[int], session: AsyncSession) -> list[int]:
    return list(
        await session.scalars(
            select(Organisation.id).where(
                Organisation.kind == OrgKind.SCHOOL, Organisation.parent_id.in_(municipalities)
            )
        )
    )


async def chosen_set(session: AsyncSession, org_id: int | None) -> IndicatorSet:
    code = (
        await session.scalar(select(IndicatorChoice.set_code).where(IndicatorChoice.org_id == org_id))
        if org_id
        else None
    )
    return PRESETS[code or DEFAULT_SET]


async def choose_set(
    session: AsyncSession, *, actor: Actor, municipality_id: int, set_code: str, now: datetime
) -> None:
    """A methodist picks the set their municipality reports by."""
    if municipality_id not in actor.orgs(Role.METHODIST) and not actor.has(Role.ADMIN):
        raise Forbidden()
    if set_code not in PRESETS:
        raise InvalidInput("stale-button")
    choice = await session.get(IndicatorChoice, municipality_id)
    if choice is None:
        session.add(
            IndicatorChoice(org_id=municipality_id, set_code=set_code, chosen_by_user_id=actor.user_id, chosen_at=now)
        )
    else:
        choice.set_code, choice.chosen_by_user_id, choice.chosen_at = set_code, actor.user_id, now
    await session.commit()


async def set_target(
    session: AsyncSession, *, actor: Actor, municipality_id: int, indicator_no: str, target: float, now: datetime
) -> None:
    """A methodist adjusts a target of their set; the earlier targets stay in the history."""
    if municipality_id not in actor.orgs(Role.METHODIST) and not actor.has(Role.ADMIN):
        raise Forbidden()
    indicators = await chosen_set(session, municipality_id)
    definition = _definition(indicators, indicator_no)
    if target < 0 or (definition.unit == PERCENT and target > 100):
        raise InvalidInput("indicator-bad-target")
    session.add(
        TargetChange(
            org_id=municipality_id,
            set_code=indicators.code,
            indicator_no=definition.no,
            target=target,
            changed_by_user_id=actor.user_id,
            changed_at=now,
        )
    )
    await session.commit()


async def enter_manual_value(
    session: AsyncSession, *, actor: Actor, org_id: int, indicator_no: str, period: Period, value: float, now: datetime
) -> None:
    """A fact the bot cannot count, for one scope and period, with who entered it and when."""
    scope = await scope_of(session, actor=actor, org_id=org_id)
    indicators = await chosen_set(session, scope.municipality_id)
    definition = _definition(indicators, indicator_no)
    if definition.measure != "manual":
        raise InvalidInput("indicator-not-manual")
    if value < 0 or (definition.unit == PERCENT and value > 100) or (definition.unit == YESNO and value not in (0, 1)):
        raise InvalidInput("indicator-bad-value")
    session.add(
        ManualValue(
            org_id=org_id,
            measure_key=f"{indicators.code}:{definition.no}",
            period_start=period.start,
            period_end=period.end,
            value=value,
            entered_by_user_id=actor.user_id,
            entered_at=now,
        )
    )
    await session.commit()


def _definition(indicators: IndicatorSet, indicator_no: str) -> Definition:
    for definition in indicators.indicators:
        if definition.no == indicator_no:
            return definition
    raise NotFound()


@dataclass(frozen=True)
class SchoolValue:
    school_id: int
    name: str
    numerator: int
    denominator: int
    value: float | None


@dataclass(frozen=True)
class ManualEntry:
    value: float
    entered_by: str
    entered_at: datetime


@dataclass(frozen=True)
class IndicatorValue:
    definition: Definition
    target: float | None
    value: float | None  # None: no data (nobody to count, or a manual value not entered)
    numerator: float | None
    denominator: float | None
    met: bool | None  # None: no data, or the horizon is not over and the target not yet reached
    schools: list[SchoolValue]
    window: Period  # the days the value counts, up to the reporting date
    final: bool  # the target's horizon is over: met / not met is a verdict, not progress
    unknown_age: int = 0  # people of the population left out for a missing birth or start date
    second: tuple[int, int] | None = None  # the second figure: (of the counted, those the reading adds)
    manual: tuple[ManualEntry, ...] = ()  # a manual value's entries, the latest last


@dataclass(frozen=True)
class SetReport:
    indicators: IndicatorSet
    scope: Scope
    period: Period
    as_of: date  # the reporting date: the period's last day, or today for the current period
    rows: list[IndicatorValue]


def share(numerator: int, denominator: int) -> float | None:
    return 100 * numerator / denominator if denominator else None


def is_met(value: float | None, comparator: str, target: float | None) -> bool | None:
    if value is None or target is None:
        return None
    if comparator == GE:
        return value >= target - 1e-9
    if comparator == LE:
        return value <= target + 1e-9
    assert comparator == EQ
    return abs(value - target) < 1e-9


def judge(value: float | None, comparator: str, target: float | None, final: bool) -> bool | None:
    """Met or not; before the horizon ends only a reached «не менее» target is a verdict, the rest is progress."""
    met = is_met(value, comparator, target)
    if final or met is None:
        return met
    return True if met and comparator == GE else None


def window_of(horizon: Horizon, period: Period, as_of: date) -> tuple[Period, bool]:
    """The days an indicator's value counts and whether its target's horizon is over by the reporting date:
    a target «в год» is judged on the year's value (a shorter period shows the year so far)."""
    if horizon.kind == YEARLY and (period.end - period.start).days < YEAR_DAYS:
        return Period(date(as_of.year, 1, 1), as_of), as_of == date(as_of.year, 12, 31)
    if horizon.kind == YEARS and horizon.first is not None and horizon.last is not None and as_of >= horizon.first:
        return Period(horizon.first, min(as_of, horizon.last)), as_of >= horizon.last
    final = as_of >= period.end
    if horizon.kind == BY_DATE and horizon.last is not None:
        final = final and as_of >= horizon.last
    return Period(period.start, as_of), final


async def compute(session: AsyncSession, *, scope: Scope, period: Period, now: datetime) -> SetReport:
    """Every indicator of the scope's set for the period, with the per-school breakdown; the current
    period is counted as of today."""
    indicators = await chosen_set(session, scope.municipality_id)
    targets = await _targets(session, scope.municipality_id, indicators.code)
    as_of = min(period.end, now.date())
    found = await session.execute(select(Organisation.id, Organisation.name).where(Organisation.id.in_(scope.schools)))
    names = sorted(((school, name) for school, name in found), key=lambda school: school[1])  # once for all
    windows = {d.no: window_of(d.horizon, period, as_of) for d in indicators.indicators}
    wanted = [
        (spec, windows[d.no][0])
        for d in indicators.indicators
        if d.measure != "manual" and d.measure not in EVENT_KINDS
        for spec in (d.spec, d.second)
        if spec is not None
    ]
    counts = await measures(session, wanted, scope.schools, now)
    manual = await _manual(session, scope.org_id, indicators, period)
    municipalities = [scope.municipality_id] if scope.municipality_id else await _children(session, scope.org_id)
    rows = []
    for definition in indicators.indicators:
        target = targets.get(definition.no, definition.target)
        window, final = windows[definition.no]
        if definition.measure == "manual":
            entries = manual.get(definition.no, ())
            value = entries[-1].value if entries else None
            met = judge(value, definition.comparator, target, final)
            rows.append(IndicatorValue(definition, target, value, None, None, met, [], window, final, manual=entries))
        elif definition.measure in EVENT_KINDS:
            held = await events_held(session, municipalities, window, definition.measure, now)
            value = float(held) if scope.kind != OrgKind.SCHOOL else None
            met = judge(value, definition.comparator, target, final)
            rows.append(IndicatorValue(definition, target, value, value, None, met, [], window, final))
        else:
            second = counts[(definition.second, window)] if definition.second else None
            rows.append(_row(definition, target, counts[(definition.spec, window)], names, window, final, second))
    return SetReport(indicators, scope, period, as_of, rows)


def school_row(row: IndicatorValue, school_id: int) -> IndicatorValue:
    """One school's value of an indicator, from the breakdown, in the same shape."""
    school = next((s for s in row.schools if s.school_id == school_id), None)
    if school is None:
        return replace(row, value=None, numerator=None, denominator=None, met=None, schools=[])
    met = judge(school.value, row.definition.comparator, row.target, row.final)
    return replace(
        row, value=school.value, numerator=school.numerator, denominator=school.denominator, met=met, schools=[]
    )


def _row(
    definition: Definition,
    target: float | None,
    counts: Counts,
    names: list[tuple[int, str]],
    window: Period,
    final: bool,
    second: Counts | None,
) -> IndicatorValue:
    is_share = definition.unit == PERCENT
    schools = []
    for school_id, name in names:
        if school_id not in counts:
            continue  # an organisation of another type: not in this indicator at all
        count = counts[school_id]
        value = share(count.numerator, count.denominator) if is_share else float(count.numerator)
        schools.append(SchoolValue(school_id, name, count.numerator, count.denominator, value))
    numerator = sum(school.numerator for school in schools)
    denominator = sum(school.denominator for school in schools)
    value = share(numerator, denominator) if is_share else float(numerator)
    if definition.each_school:
        verdicts = [judge(s.value, definition.comparator, target, final) for s in schools]
        met = None if not verdicts or None in verdicts else all(verdicts)
    else:
        met = judge(value, definition.comparator, target, final)
    unknown = sum(count.unknown_age for count in counts.values())
    also = (sum(c.numerator for c in second.values()), numerator) if second is not None else None
    return IndicatorValue(definition, target, value, numerator, denominator, met, schools, window, final, unknown, also)


async def people_without_age(session: AsyncSession, report: SetReport) -> dict[str, list[str]]:
    """For each indicator that left people out for a missing birth or start date: who they are."""
    return {
        row.definition.no: await without_age(session, row.definition.spec, report.scope.schools, report.as_of)
        for row in report.rows
        if row.unknown_age
    }


async def _targets(session: AsyncSession, municipality_id: int | None, set_code: str) -> dict[str, float]:
    """The latest target a methodist set for each indicator (history kept in the table)."""
    if municipality_id is None:
        return {}
    latest = (
        select(TargetChange.indicator_no, func.max(TargetChange.id).label("id"))
        .where(TargetChange.org_id == municipality_id, TargetChange.set_code == set_code)
        .group_by(TargetChange.indicator_no)
        .subquery()
    )
    rows = await session.execute(
        select(TargetChange.indicator_no, TargetChange.target).join(latest, latest.c.id == TargetChange.id)
    )
    return dict(rows.all())


async def _manual(
    session: AsyncSession, org_id: int, indicators: IndicatorSet, period: Period
) -> dict[str, tuple[ManualEntry, ...]]:
    """Every entry of the set's manual values for the scope and period, oldest first, with who entered it."""
    prefix = f"{indicators.code}:"
    rows = await session.execute(
        select(
            ManualValue.measure_key,
            ManualValue.value,
            func.coalesce(Person.full_name, User.display_name, ""),
            ManualValue.entered_at,
        )
        .outerjoin(User, User.id == ManualValue.entered_by_user_id)
        .outerjoin(Person, Person.id == User.person_id)
        .where(
            ManualValue.org_id == org_id,
            ManualValue.measure_key.startswith(prefix, autoescape=True),
            ManualValue.period_start == period.start,
            ManualValue.period_end == period.end,
        )
        .order_by(ManualValue.id)
    )
    entries: dict[str, list[ManualEntry]] = {}
    for key, value, who, at in rows:
        entries.setdefault(key.removeprefix(prefix), []).append(ManualEntry(value, who, at))
    return {no: tuple(found) for no, found in entries.items()}
