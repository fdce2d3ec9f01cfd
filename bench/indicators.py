"""Benchmark: a full indicator set with its per-school breakdown over a region-sized dataset.

100 000 teachers in 1 000 schools, about 500 000 route items, 1 000 000 event registrations and
20 000 mentoring pairs. Prints the time of the whole set and its ratio to the floor: one plain grouped
count (distinct people with a confirmed route item, by school) over the same data.

Run: .venv/bin/python -m bench.indicators [teachers]
On PostgreSQL: BENCH_POSTGRES_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/postgres (a new database
is created on that server and dropped afterwards).
"""

import asyncio
import sys
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import String, and_, case, func, insert, literal, null, select, text, true, update
from sqlalchemy.ext.asyncio import AsyncSession

from bench.setup import first_id, fresh_database, insert_select, labelled, municipality_with_teachers, numbers, value
from services.indicators.calculation import compute, load_scope, period_of
from services.indicators.presets import PRESETS
from services.models.events import Event, EventKind, EventStatus, Registration, RegistrationStatus
from services.models.indicators import Community, CommunityLevel, CommunityMember, IndicatorChoice
from services.models.mentoring import MentorPair, PairKind, PairStatus
from services.models.people import Diagnostic, DiagnosticDeficit, Organisation, OrgKind, OrgType, Person, User
from services.models.routes import ActivityKind, Area, ItemStatus, Registry, Route, RouteItem, RouteStatus

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
CHUNK = 20_000
MUNICIPAL_SCHOOLS = 30


async def chunked(session: AsyncSession, table: type, rows: Sequence[Mapping[str, object]]) -> None:
    for start in range(0, len(rows), CHUNK):
        await session.execute(insert(table), rows[start : start + CHUNK])


async def region(session: AsyncSession, teachers: int) -> tuple[int, list[int]]:
    """The dataset, set-based: shares like a real region halfway through the school year. Person number n
    (from 0) is young if n < teachers / 10; every second person took a regional diagnostic that found a
    methodical deficit; the first half have an approved route of 10 items; everyone registered for up to 10
    events; the fifth after the young mentor them; every third is in the municipal community."""
    schools = max(1, teachers // 100)
    municipality_id, people = await municipality_with_teachers(session, schools=schools, teachers=teachers, now=NOW)
    first, young = people[0], max(1, teachers // 10)
    number = Person.id - first
    await session.execute(
        update(Person).where(number < young).values(birth_date=date(1998, 1, 1), work_start=date(2025, 9, 1))
    )
    await insert_select(
        session,
        Diagnostic,
        select(
            *labelled(
                person_id=Person.id,
                taken_on=value(Diagnostic.taken_on, date(2026, 10, 1)),
                kind=literal("regional", String),
                level=literal("basic", String),
            )
        )
        .where(number % 2 == 0)
        .order_by(Person.id),
    )
    # Every diagnostic found a methodical deficit; every tenth school is a kindergarten.
    await insert_select(
        session,
        DiagnosticDeficit,
        select(*labelled(diagnostic_id=Diagnostic.id, area=literal(Area.METHODICAL, String))),
    )
    await session.execute(
        update(Organisation)
        .where(Organisation.kind == OrgKind.SCHOOL, Organisation.id % 10 == 0)
        .values(org_type=OrgType.PRESCHOOL)
    )
    await insert_select(
        session,
        Route,
        select(
            *labelled(
                person_id=Person.id,
                diagnostic_id=Diagnostic.id,
                status=literal(RouteStatus.APPROVED, String),
                created_at=value(Route.created_at, NOW - timedelta(days=60)),
                approved_at=value(Route.approved_at, NOW - timedelta(days=50)),
            )
        )
        .outerjoin(Diagnostic, Diagnostic.person_id == Person.id)
        .where(number < teachers // 2)
        .order_by(Person.id),  # route ids in the people's order, as the rules above read them
    )
    items = numbers(session, 10)
    n = items.c.n
    await insert_select(
        session,
        RouteItem,
        select(
            *labelled(
                route_id=Route.id,
                title=literal("Курс", String),
                kind=literal(ActivityKind.COURSE, String),
                registry=case((n == 0, Registry.FEDERAL), else_=Registry.NONE),
                # half the registry courses address the diagnosed deficit
                area=case((and_(n == 0, Route.id % 2 == 1), Area.METHODICAL), else_=null()),
                deadline=value(RouteItem.deadline, date(2027, 5, 1)),
                status=case(((Route.id + n) % 3 == 0, ItemStatus.CONFIRMED), else_=ItemStatus.PLANNED),
                confirmed_at=value(RouteItem.confirmed_at, NOW - timedelta(days=10)),
            )
        ).select_from(Route.__table__.join(items, true())),
    )
    organiser = User(tg_id=1, language="ru", display_name="", created_at=NOW)
    session.add(organiser)
    await session.flush()
    events = max(10, teachers // 50)
    await chunked(
        session,
        Event,
        [
            {
                "municipality_id": municipality_id,
                "organiser_user_id": organiser.id,
                "title": f"Событие {n}",
                "kind": (EventKind.SEMINAR, EventKind.CONTEST, EventKind.INTERNSHIP, EventKind.CONFERENCE)[n % 4],
                "starts_at": NOW - timedelta(days=n % 60),
                "ends_at": NOW - timedelta(days=n % 60) + timedelta(hours=2),
                "timezone": "Europe/Moscow",
                "young_only": n % 10 == 0,
                "status": EventStatus.ACTIVE,
                "checkin_code": "0000",
                "created_at": NOW - timedelta(days=90),
            }
            for n in range(events)
        ],
    )
    first_event = await first_id(session, Event.id, events)
    signed_up = numbers(session, min(10, events // 13 or 1))
    k = signed_up.c.n
    await insert_select(
        session,
        Registration,
        select(
            *labelled(
                event_id=first_event + (number * 7 + k * 13) % events,
                person_id=Person.id,
                status=case(
                    ((number + k) % 3 == 0, RegistrationStatus.ATTENDED),
                    ((number + k) % 3 == 1, RegistrationStatus.REGISTERED),
                    else_=RegistrationStatus.NO_SHOW,
                ),
                queued_at=value(Registration.queued_at, NOW),
                updated_at=value(Registration.updated_at, NOW),
            )
        ).select_from(Person.__table__.join(signed_up, true())),
    )
    await insert_select(
        session,
        MentorPair,
        select(
            *labelled(
                mentor_id=Person.id,
                mentee_id=first + (number - young) % young,
                kind=literal(PairKind.YOUNG, String),
                status=literal(PairStatus.ACTIVE, String),
                started_on=value(MentorPair.started_on, date(2026, 9, 1)),
                planned_end=value(MentorPair.planned_end, date(2027, 9, 1)),
                created_at=value(MentorPair.created_at, NOW),
            )
        ).where(number >= young, number < young + teachers // 5),
    )
    community = Community(municipality_id=municipality_id, name="РМО", level=CommunityLevel.MUNICIPAL, created_at=NOW)
    session.add(community)
    await session.flush()
    await insert_select(
        session,
        CommunityMember,
        select(
            *labelled(
                community_id=literal(community.id),
                person_id=Person.id,
                joined_on=value(CommunityMember.joined_on, date(2026, 9, 1)),
            )
        ).where(number % 3 == 0),
    )
    await session.commit()
    return municipality_id, people


async def main(teachers: int) -> None:
    async with fresh_database() as factory:
        async with factory() as session:
            started = time.perf_counter()
            municipality_id, _people = await region(session, teachers)
            counts = {
                table.__tablename__: await session.scalar(select(func.count()).select_from(table))
                for table in (Person, RouteItem, Registration, MentorPair)
            }
            print(f"data: {counts} built in {time.perf_counter() - started:.0f} s")
            if session.get_bind().dialect.name == "postgresql":
                # Planner statistics, as autovacuum would have them on a live database.
                await session.execute(text("ANALYZE"))
                await session.commit()
        async with factory() as session:
            await report(session, municipality_id)


async def report(session: AsyncSession, municipality_id: int) -> None:
    """Each preset over the whole municipality and a 30-school scope, against the floor. Times are the best of
    3: wall time, and this process's CPU time (on SQLite the database's work too: a loaded machine stretches
    wall times, not CPU; on PostgreSQL the work is the server's, so wall time is the measure)."""
    scope = await load_scope(session, municipality_id)
    period = period_of("school_year", NOW.date())
    floor, floor_cpu = await _timed(lambda: _floor(session, scope.schools))
    print(f"the floor (one grouped count): {floor * 1000:.0f} ms, CPU {floor_cpu * 1000:.0f} ms")
    for code in PRESETS:
        await _choose(session, municipality_id, code)
        elapsed, cpu = await _timed(lambda: compute(session, scope=scope, period=period, now=NOW))
        size = len(PRESETS[code].indicators)
        print(
            f"{code}: {size} indicators × {len(scope.schools)} schools in {elapsed * 1000:.0f} ms "
            f"= {elapsed / floor:.1f}× the floor; CPU {cpu * 1000:.0f} ms = {cpu / floor_cpu:.1f}× the floor's"
        )
    # What a methodist waits for: a municipality of 30 schools (about 3 000 teachers) in the big base.
    municipal = replace(scope, schools=scope.schools[:MUNICIPAL_SCHOOLS])
    elapsed, cpu = await _timed(lambda: compute(session, scope=municipal, period=period, now=NOW))
    print(
        f"a municipality-sized scope ({len(municipal.schools)} schools): "
        f"{elapsed * 1000:.0f} ms, CPU {cpu * 1000:.0f} ms"
    )


async def _floor(session: AsyncSession, schools: list[int]) -> object:
    """Distinct people with a confirmed route item, by school: the least one indicator can cost."""
    return (
        await session.execute(
            select(Person.school_id, func.count(Route.person_id.distinct()))
            .join(Route, Route.person_id == Person.id)
            .join(RouteItem, RouteItem.route_id == Route.id)
            .where(RouteItem.status == ItemStatus.CONFIRMED, Person.school_id.in_(schools))
            .group_by(Person.school_id)
        )
    ).all()


async def _choose(session: AsyncSession, municipality_id: int, code: str) -> None:
    choice = await session.get(IndicatorChoice, municipality_id)
    if choice is None:
        session.add(IndicatorChoice(org_id=municipality_id, set_code=code, chosen_at=NOW))
    else:
        choice.set_code = code
    await session.commit()


async def _timed(work: Callable[[], Awaitable[object]], runs: int = 3) -> tuple[float, float]:
    """The best of `runs`: wall time and this process's CPU time, in seconds."""
    walls, cpus = [], []
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        await work()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return min(walls), max(min(cpus), 1e-6)


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
