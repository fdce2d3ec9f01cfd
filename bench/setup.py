"""Shared benchmark set-up: a fresh migrated database (SQLite, or PostgreSQL with BENCH_POSTGRES_URL), and
a municipality with many teachers. Rows are made in the database, set-based (`INSERT … SELECT` over a series
of numbers), not sent one by one: a million-teacher region loads in minutes, not the half hour row by row took."""

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from sqlalchemy import ColumnElement, FromClause, String, cast, func, insert, literal, make_url, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.sql import Select

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


def numbers(session: AsyncSession, count: int) -> FromClause:
    """0, 1, …, count - 1 as the column `n`: generate_series on PostgreSQL, a recursive CTE on SQLite."""
    if session.get_bind().dialect.name == "postgresql":
        return func.generate_series(0, count - 1).table_valued("n").render_derived()
    series = select(literal(0).label("n")).cte("numbers", recursive=True)
    return series.union_all(select(series.c.n + 1).where(series.c.n < count - 1))


def value(column: Any, given: object) -> ColumnElement[Any]:
    """A constant of the column's type (dates, UTC moments and enums bound as the column stores them)."""
    return literal(given, column.type)


def labelled(**columns: Any) -> list[ColumnElement[Any]]:
    """A row's columns, each named as the column of the table it goes into."""
    return [expression.label(name) for name, expression in columns.items()]


async def insert_select(session: AsyncSession, model: type, query: Select[Any]) -> None:
    """INSERT … SELECT: the query's columns (see `labelled`) into the same-named columns of the model."""
    await session.execute(insert(model).from_select([column.name for column in query.selected_columns], query))


def text_with_number(prefix: str, n: Any) -> ColumnElement[str]:
    return literal(prefix, String) + cast(n, String)


async def first_id(session: AsyncSession, ids: Any, expected: int, *where: ColumnElement[bool]) -> int:
    """The first id of rows made in one statement, checked to be consecutive: the formulas over the series
    name rows by their id."""
    found = select(func.min(ids), func.max(ids), func.count(ids)).where(*where)
    first, last, count = (await session.execute(found)).one()
    assert count == expected and last - first + 1 == count, "ids of a set-based insert are not consecutive"
    return int(first)


async def municipality_with_teachers(
    session: AsyncSession, *, schools: int, teachers: int, now: datetime
) -> tuple[int, list[int]]:
    """A region, a municipality with `schools` schools and `teachers` roster people spread over them
    (teacher n in school n mod schools, born 1 January 1980, working since 1 September 2005)."""
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
    first_school = await first_id(session, Organisation.id, schools, Organisation.parent_id == municipality.id)
    n = numbers(session, teachers).c.n
    await insert_select(
        session,
        Person,
        select(
            *labelled(
                school_id=first_school + n % schools,
                full_name=text_with_number("Педагог ", n),
                name_key=text_with_number("педагог ", n),
                position=literal("учитель", String),
                birth_date=value(Person.birth_date, date(1980, 1, 1)),
                work_start=value(Person.work_start, date(2005, 9, 1)),
                is_manager=value(Person.is_manager, False),
                is_active=value(Person.is_active, True),
                created_at=value(Person.created_at, now),
                updated_at=value(Person.updated_at, now),
            )
        ),
    )
    person_ids = list(await session.scalars(select(Person.id).order_by(Person.id)))
    await session.commit()
    return municipality.id, person_ids
