"""Shared benchmark set-up: a fresh migrated database (SQLite, or PostgreSQL with BENCH_POSTGRES_URL), and
a municipality with many teachers."""

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime
from pathlib import Path
from tempfile import TemporaryDirectory

from sqlalchemy import insert, make_url, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.db import create_engine, create_session_factory, migrate
from services.models.people import Organisation, OrgKind, Person

TIMEZONE = "Europe/Moscow"


@asynccontextmanager
async def fresh_database() -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """A session factory over a new database built by the real migrations, removed afterwards: a SQLite
    file, or with BENCH_POSTGRES_URL (a server's maintenance database) a new PostgreSQL database."""
    server = os.environ.get("BENCH_POSTGRES_URL")
    if server:
        name = f"nms_bench_{uuid.uuid4().hex[:8]}"
        await _admin(server, f"CREATE DATABASE {name}")
        try:
            async with _migrated(make_url(server).set(database=name).render_as_string(hide_password=False)) as factory:
                yield factory
        finally:
            await _admin(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        return
    with TemporaryDirectory() as folder:
        async with _migrated(f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}") as factory:
            yield factory


@asynccontextmanager
async def _migrated(url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(url)
    await migrate(engine)
    try:
        yield create_session_factory(engine)
    finally:
        await engine.dispose()


async def _admin(server: str, statement: str) -> None:
    engine = create_engine(server)
    async with engine.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        await connection.exec_driver_sql(statement)
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
