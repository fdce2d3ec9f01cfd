"""The shared indicator calculation: one call gives a scope's whole indicator set for a period, each with
its numerator, denominator, target and every school's own value. Screens, digests, charts and
exports all read from here.

Scopes: a school (its coordinator), a municipality (its methodists), the region (admins)."""

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.errors import Forbidden, InvalidInput, NotFound
from services.indicators.measures import EVENT_KINDS, Counts, Period, events_held, measures
from services.indicators.presets import DEFAULT_SET, EQ, GE, LE, PERCENT, PRESETS, YESNO, Definition, IndicatorSet
from services.models.indicators import IndicatorChoice, ManualValue, TargetChange
from services.models.people import Organisation, OrgKind, Role
from services.people.access import Actor

PERIOD_KINDS = ("month", "quarter", "school_year", "year")


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
    municipalities = list(await session.scalars(select(Organisation.id).where(Organisation.parent_id == org_id)))
    return Scope(org_id, org.kind, org.name, None, await _schools_of(municipalities, session))


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
class IndicatorValue:
    definition: Definition
    target: float | None
    value: float | None  # None: no data (nobody to count, or a manual value not entered)
    numerator: float | None
    denominator: float | None
    met: bool | None
    schools: list[SchoolValue]


@dataclass(frozen=True)
class SetReport:
    indicators: IndicatorSet
    scope: Scope
    period: Period
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


async def compute(session: AsyncSession, *, scope: Scope, period: Period) -> SetReport:
    """Every indicator of the scope's set for the period, with the per-school breakdown."""
    indicators = await chosen_set(session, scope.municipality_id)
    targets = await _targets(session, scope.municipality_id, indicators.code)
    names = dict(
        (
            await session.execute(select(Organisation.id, Organisation.name).where(Organisation.id.in_(scope.schools)))
        ).all()
    )
    computed = [d for d in indicators.indicators if d.measure != "manual" and d.measure not in EVENT_KINDS]
    counts = await measures(session, [(d.measure, d.population) for d in computed], scope.schools, period)
    rows = []
    for definition in indicators.indicators:
        target = targets.get(definition.no, definition.target)
        if definition.measure == "manual":
            value = await _manual(session, scope.org_id, f"{indicators.code}:{definition.no}", period)
            met = is_met(value, definition.comparator, target)
            rows.append(IndicatorValue(definition, target, value, None, None, met, []))
        elif definition.measure in EVENT_KINDS:
            municipalities = (
                [scope.municipality_id] if scope.municipality_id else await _municipalities(session, scope.org_id)
            )
            held = await events_held(session, municipalities, period, definition.measure)
            value = float(held) if scope.kind != OrgKind.SCHOOL else None
            met = is_met(value, definition.comparator, target)
            rows.append(IndicatorValue(definition, target, value, value, None, met, []))
        else:
            rows.append(_row(definition, target, counts[(definition.measure, definition.population)], names))
    return SetReport(indicators, scope, period, rows)


def school_row(row: IndicatorValue, school_id: int) -> IndicatorValue:
    """One school's value of an indicator, from the breakdown, in the same shape."""
    school = next((s for s in row.schools if s.school_id == school_id), None)
    if school is None:
        return replace(row, value=None, numerator=None, denominator=None, met=None, schools=[])
    met = is_met(school.value, row.definition.comparator, row.target)
    return replace(
        row, value=school.value, numerator=school.numerator, denominator=school.denominator, met=met, schools=[]
    )


def _row(definition: Definition, target: float | None, counts: Counts, names: dict[int, str]) -> IndicatorValue:
    is_share = definition.unit == PERCENT
    schools = []
    for school_id, name in sorted(names.items(), key=lambda item: item[1]):
        num, den = counts.get(school_id, (0, 0))
        schools.append(SchoolValue(school_id, name, num, den, share(num, den) if is_share else float(num)))
    numerator = sum(school.numerator for school in schools)
    denominator = sum(school.denominator for school in schools)
    value = share(numerator, denominator) if is_share else float(numerator)
    return IndicatorValue(
        definition, target, value, numerator, denominator, is_met(value, definition.comparator, target), schools
    )


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


async def _manual(session: AsyncSession, org_id: int, key: str, period: Period) -> float | None:
    return await session.scalar(
        select(ManualValue.value)
        .where(
            ManualValue.org_id == org_id,
            ManualValue.measure_key == key,
            ManualValue.period_start == period.start,
            ManualValue.period_end == period.end,
        )
        .order_by(ManualValue.id.desc())
        .limit(1)
    )


async def _municipalities(session: AsyncSession, region_id: int) -> list[int]:
    return list(await session.scalars(select(Organisation.id).where(Organisation.parent_id == region_id)))
