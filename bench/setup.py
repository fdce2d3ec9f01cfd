"""Shared benchmark set-up: a fresh migrated SQLite file, and a municipality with many teachers."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime
from pathlib import Path
from tempfile import TemporaryDirectory

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.db import create_engine, create_session_factory, migrate
from services.models import Organisation, OrgKind, Person

TIMEZONE = "Europe/Moscow"


@asynccontextmanager
async def fresh_database() -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """A session factory over a new SQLite file built by the real migrations, removed afterwards."""
    with TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}")
        await migrate(engine)
        try:
            yield create_session_factory(engine)
        finally:
            await engine.dispose()


async def municipality_with_teachers(
    session: AsyncSession, *, schools: int, teachers: int, now: datetime
) -> tuple[int, list[int]]:
    """A region, a municipality with `schools` schools and `teachers` roster people spread over them."""
    region = Organisation(kind=OrgKind.REGION, name="Регион", timezone=TIMEZONE, created_at=now)
    session.add(region)
    await session.flush()
    municipality = Organisation(
        kind=OrgKind.MUNICIPALITY, name="Район", parent_id=region.id, timezone=TIMEZONE, created_at=now
    )
    session.add(municipality)
    await session.flush()
    school_rows = [
        {
            "kind": OrgKind.SCHOOL,
            "name": f"Школа {n}",
            "parent_id": municipality.id,
            "timezone": TIMEZONE,
            "created_at": now,
        }
        for n in range(schools)
    ]
    await session.execute(insert(Organisation), school_rows)
    school_ids = list(await session.scalars(select(Organisation.id).where(Organisation.parent_id == municipality.id)))
    people = [
        {
            "school_id": school_ids[n % schools],
            "full_name": f"Педагог {n}",
            "name_key": f"педагог {n}",
            "position": "учитель",
            "birth_date": date(1980, 1, 1),
            "work_start": date(2005, 9, 1),
            "created_at": now,
            "updated_at": now,
        }
        for n in range(teachers)
    ]
    for start in range(0, len(people), 20_000):
        await session.execute(insert(Person), people[start : start + 20_000])
    person_ids = list(await session.scalars(select(Person.id).order_by(Person.id)))
    await session.commit()
    return municipality.id, person_ids
