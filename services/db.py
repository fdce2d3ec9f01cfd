"""Engine, sessions and migrations for SQLite (embedded default) and PostgreSQL."""

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path
from typing import Any, TypeAlias, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Update, event, insert, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

DEFAULT_DATABASE_URL = f"sqlite+aiosqlite:///{Path('data') / 'nms.sqlite3'}"
MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
TURN = 500  # rows a long use case handles (prepares, inserts) before the event loop gets a turn
Item = TypeVar("Item")


def create_engine(database_url: str) -> AsyncEngine:
    """Create the engine; SQLite gets its parent folder, foreign keys, WAL and a busy timeout."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return create_async_engine(url, pool_pre_ping=True)
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(url)
    event.listen(engine.sync_engine, "connect", _tune_sqlite)
    return engine


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL keeps the database consistent and skips an fsync per commit (SQLite's advice).
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Concurrent writers wait (up to 15 s) for the lock instead of failing at once with "database is locked".
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()


# The session as handlers hold it, without importing SQLAlchemy themselves.
Session: TypeAlias = AsyncSession


async def update_once(session: AsyncSession, statement: Update, refusal: Exception) -> None:
    """Run a conditional UPDATE that must change exactly one row, or roll back and raise `refusal`.

    State changes that only the first of two taps may make (a single-use invite, a decision on a
    request or a report) are guarded by the database this way, not by a read-then-write in Python.
    """
    result = await session.execute(statement)
    if result.rowcount != 1:  # type: ignore[attr-defined]
        await session.rollback()
        raise refusal


async def in_turns(items: Sequence[Item], size: int = TURN) -> AsyncIterator[Sequence[Item]]:
    """`items` by chunks of `size`, the event loop getting a turn between chunks: a use case that works
    through 20 000 rows in one go holds every other person's answer until it is done."""
    for start in range(0, len(items), size):
        if start:
            await asyncio.sleep(0)
        yield items[start : start + size]


async def insert_rows(session: AsyncSession, model: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Bulk insert `rows` (dicts by attribute name) as one executemany per TURN rows, in the caller's
    transaction (nothing is committed here). SQLAlchemy prepares every row's parameters on the event loop:
    20 000 rows in one call held it for up to two seconds."""
    async for chunk in in_turns(rows):
        await session.execute(insert(model), list(chunk))


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


MIGRATION_LOCK = 7_306_001  # any constant: PostgreSQL advisory locks are numbered


async def migrate(engine: AsyncEngine, revision: str = "head") -> None:
    """Upgrade the schema to `revision` over the given engine. On PostgreSQL, processes starting together
    take turns (a transaction-scoped advisory lock), so only the first one changes anything."""
    async with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        await connection.run_sync(_alembic, command.upgrade, revision)


async def downgrade(engine: AsyncEngine, revision: str) -> None:
    async with engine.begin() as connection:
        await connection.run_sync(_alembic, command.downgrade, revision)


def _alembic(connection: Connection, alembic_command: Callable[[Config, str], None], revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection  # migrations/env.py runs on this connection
    alembic_command(config, revision)
