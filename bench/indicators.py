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

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from bench.setup import fresh_database, municipality_with_teachers
from services.indicators.calculation import compute, load_scope, period_of
from services.indicators.presets import PRESETS
from services.models.events import Event, EventKind, EventStatus, Registration, RegistrationStatus
from services.models.indicators import Community, CommunityLevel, CommunityMember, IndicatorChoice
from services.models.mentoring import MentorPair, PairKind
from services.models.people import Diagnostic, DiagnosticDeficit, Organisation, OrgKind, OrgType, Person, User
from services.models.routes import ActivityKind, Area, ItemStatus, Registry, Route, RouteItem, RouteStatus

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
CHUNK = 20_000
MUNICIPAL_SCHOOLS = 30


async def chunked(session: AsyncSession, table: type, rows: Sequence[Mapping[str, object]]) -> None:
    for start in range(0, len(rows), CHUNK):
        await session.execute(insert(table), rows[start : start + CHUNK])


async def region(session: AsyncSession, teachers: int) -> tuple[int, list[int]]:
    """The dataset, in bulk: shares like a real region halfway through the school year."""
    schools = max(1, teachers // 100)
    municipality_id, people = await municipality_with_teachers(session, schools=schools, teachers=teachers, now=NOW)
    young = people[: max(1, teachers // 10)]  # the first ids: one range, not a list of 100 000 parameters
    await session.execute(
        update(Person).where(Person.id <= young[-1]).values(birth_date=date(1998, 1, 1), work_start=date(2025, 9, 1))
    )
    await chunked(
        session,
        Diagnostic,
        [{"person_id": p, "taken_on": date(2026, 10, 1), "kind": "regional", "level": "basic"} for p in people[::2]],
    )
    diagnostics = dict((await session.execute(select(Diagnostic.person_id, Diagnostic.id))).all())
    # Every diagnostic found a methodical deficit; every tenth school is a kindergarten.
    await chunked(
        session, DiagnosticDeficit, [{"diagnostic_id": d, "area": Area.METHODICAL} for d in diagnostics.values()]
    )
    await session.execute(
        update(Organisation)
        .where(Organisation.kind == OrgKind.SCHOOL, Organisation.id % 10 == 0)
        .values(org_type=OrgType.PRESCHOOL)
    )
    await chunked(
        session,
        Route,
        [
            {
                "person_id": p,
                "diagnostic_id": diagnostics.get(p),
                "status": RouteStatus.APPROVED,
                "created_at": NOW - timedelta(days=60),
                "approved_at": NOW - timedelta(days=50),
            }
            for p in people[: teachers // 2]
        ],
    )
    routes = list(await session.scalars(select(Route.id)))
    items = [
        {
            "route_id": route_id,
            "title": "Курс",
            "kind": ActivityKind.COURSE,
            "course_registry": Registry.FEDERAL if n == 0 else Registry.NONE,
            "area": Area.METHODICAL if n == 0 and route_id % 2 else None,  # half address the deficit
            "deadline": date(2027, 5, 1),
            "status": ItemStatus.CONFIRMED if (route_id + n) % 3 == 0 else ItemStatus.PLANNED,
            "confirmed_at": NOW - timedelta(days=10),
        }
        for route_id in routes
        for n in range(10)
    ]
    await chunked(session, RouteItem, items)
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
    event_ids = list(await session.scalars(select(Event.id)))
    statuses = (RegistrationStatus.ATTENDED, RegistrationStatus.REGISTERED, RegistrationStatus.NO_SHOW)
    await chunked(
        session,
        Registration,
        [
            {
                "event_id": event_ids[(index * 7 + k * 13) % len(event_ids)],
                "person_id": p,
                "status": statuses[(index + k) % 3],
                "queued_at": NOW,
                "updated_at": NOW,
            }
            for index, p in enumerate(people)
            for k in range(min(10, len(event_ids) // 13 or 1))
        ],
    )
    pairs = people[len(young) : len(young) + teachers // 5]
    await chunked(
        session,
        MentorPair,
        [
            {
                "mentor_id": mentor,
                "mentee_id": people[n % len(young)] if young else mentor,
                "kind": PairKind.YOUNG,
                "started_on": date(2026, 9, 1),
                "planned_end": date(2027, 9, 1),
                "created_at": NOW,
            }
            for n, mentor in enumerate(pairs)
        ],
    )
    community = Community(municipality_id=municipality_id, name="РМО", level=CommunityLevel.MUNICIPAL, created_at=NOW)
    session.add(community)
    await session.flush()
    await chunked(
        session,
        CommunityMember,
        [{"community_id": community.id, "person_id": p, "joined_on": date(2026, 9, 1)} for p in people[::3]],
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
            scope = await load_scope(session, municipality_id)
            period = period_of("school_year", NOW.date())
            floor = await _timed(lambda: _floor(session, scope.schools))
            for code in PRESETS:
                await _choose(session, municipality_id, code)
                elapsed = await _timed(lambda: compute(session, scope=scope, period=period, now=NOW))
                size = len(PRESETS[code].indicators)
                print(
                    f"{code}: {size} indicators × {len(scope.schools)} schools in {elapsed * 1000:.0f} ms "
                    f"= {elapsed / floor:.1f}× the floor ({floor * 1000:.0f} ms: one grouped count)"
                )
            # What a methodist waits for: a municipality of 30 schools (about 3 000 teachers) in the big base.
            municipal = replace(scope, schools=scope.schools[:MUNICIPAL_SCHOOLS])
            elapsed = await _timed(lambda: compute(session, scope=municipal, period=period, now=NOW))
            print(f"a municipality-sized scope ({len(municipal.schools)} schools): {elapsed * 1000:.0f} ms")


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


async def _timed(work: Callable[[], Awaitable[object]]) -> float:
    started = time.perf_counter()
    await work()
    return time.perf_counter() - started


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
