"""Monthly snapshots of every indicator for every municipality and each of its schools, for the trend
chart. Taken after each month ends; any past month can be rebuilt from the data."""

from datetime import date, datetime, timedelta

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.indicators.calculation import Scope, SetReport, compute, load_scope
from services.indicators.spec import Period
from services.mentoring.plan import add_months, month_of
from services.models.indicators import Snapshot
from services.models.people import Organisation, OrgKind

TREND_MONTHS = 12


def month_period(month: date) -> Period:
    return Period(month, add_months(month, 1) - timedelta(days=1))


async def take(session: AsyncSession, *, scope: Scope, month: date, now: datetime) -> SetReport:
    """Compute one month for a scope and store it, with each of its schools when it is a municipality."""
    report = await compute(session, scope=scope, period=month_period(month), now=now)
    code = report.indicators.code
    rows = []
    for row in report.rows:
        rows.append((scope.org_id, row.definition.no, row.numerator, row.denominator, row.value))
        if scope.kind == OrgKind.MUNICIPALITY:
            rows += [(s.school_id, row.definition.no, s.numerator, s.denominator, s.value) for s in row.schools]
    orgs = {org for org, *_rest in rows}
    await session.execute(
        delete(Snapshot).where(Snapshot.org_id.in_(orgs), Snapshot.set_code == code, Snapshot.month == month)
    )
    await session.execute(
        insert(Snapshot),
        [
            {
                "org_id": org,
                "set_code": code,
                "indicator_no": no,
                "month": month,
                "numerator": numerator,
                "denominator": denominator,
                "value": value,
                "computed_at": now,
            }
            for org, no, numerator, denominator, value in rows
        ],
    )
    await session.commit()
    return report


async def take_last_month(session: AsyncSession, *, now: datetime) -> int:
    """Snapshot the month just ended for every municipality that does not have it yet; returns how many."""
    month = add_months(month_of(now.date()), -1)
    done = set(await session.scalars(select(Snapshot.org_id).where(Snapshot.month == month).distinct()))
    municipalities = list(
        await session.scalars(select(Organisation.id).where(Organisation.kind == OrgKind.MUNICIPALITY))
    )
    taken = 0
    for municipality_id in municipalities:
        if municipality_id not in done:
            await take(session, scope=await load_scope(session, municipality_id), month=month, now=now)
            taken += 1
    return taken


async def trend(
    session: AsyncSession, *, scope: Scope, set_code: str, indicator_no: str, today: date, now: datetime, rebuild: bool
) -> list[tuple[date, float | None]]:
    """The last TREND_MONTHS finished months of one indicator; missing months (or all, to rebuild) are
    computed from the data and stored."""
    last = add_months(month_of(today), -1)
    months = [add_months(last, -n) for n in reversed(range(TREND_MONTHS))]
    stored = dict(
        (
            await session.execute(
                select(Snapshot.month, Snapshot.value).where(
                    Snapshot.org_id == scope.org_id,
                    Snapshot.set_code == set_code,
                    Snapshot.indicator_no == indicator_no,
                    Snapshot.month.in_(months),
                )
            )
        ).all()
    )
    for month in months:
        if rebuild or month not in stored:
            report = await take(session, scope=scope, month=month, now=now)
            stored[month] = next((r.value for r in report.rows if r.definition.no == indicator_no), None)
    return [(month, stored.get(month)) for month in months]
