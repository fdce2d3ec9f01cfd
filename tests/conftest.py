"""Fixtures: a real migrated database per test (SQLite; PostgreSQL when TEST_POSTGRES_URL names a server
to create databases on), a controllable clock, the real bot wiring."""

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiogram import Dispatcher
from aiogram.fsm.storage.memory import MemoryStorage
from sqlalchemy import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.app import build_bot, build_dispatcher
from bot.resources import Resources
from bot.settings import Settings
from handlers.common.i18n import Translations
from services.clock import Clock
from services.db import create_engine, create_session_factory, migrate
from services.people.orgs import Org, ensure_region
from tests.support.conversation import Harness
from tests.support.fake_telegram import FakeTelegram

pytest_plugins = ["tests.support.mentoring_setup", "tests.support.bot_api"]  # fixtures shared by several test modules

TOKEN = "123456789:AAEXAMPLEexampleEXAMPLEexample_-123"
ADMIN_ID = 1


class FrozenClock(Clock):
    """A clock that stands still until a test moves it."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


POSTGRES = os.environ.get("TEST_POSTGRES_URL")  # e.g. postgresql+asyncpg://postgres@127.0.0.1:5433/postgres
TEMPLATE = "nms_test_template"


async def _migrate(url: str) -> None:
    engine = create_engine(url)
    await migrate(engine)
    await engine.dispose()


async def _postgres_admin(statement: str) -> None:
    """CREATE/DROP DATABASE on the server (outside a transaction, as PostgreSQL requires)."""
    assert POSTGRES is not None
    engine = create_engine(POSTGRES)
    async with engine.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        await connection.exec_driver_sql(statement)
    await engine.dispose()


def _database(name: str) -> str:
    assert POSTGRES is not None
    return make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The real migrations, run once; each test gets a copy of the result (a file, or a database)."""
    if POSTGRES:
        asyncio.run(_postgres_admin(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)"))
        asyncio.run(_postgres_admin(f"CREATE DATABASE {TEMPLATE}"))
        asyncio.run(_migrate(_database(TEMPLATE)))
        return TEMPLATE
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    asyncio.run(_migrate(sqlite_url(path)))
    return str(path)


@pytest.fixture
async def database_url(migrated_template: str, tmp_path: Path) -> AsyncIterator[str]:
    if POSTGRES:
        name = f"nms_test_{uuid.uuid4().hex[:12]}"
        await _postgres_admin(f"CREATE DATABASE {name} TEMPLATE {migrated_template}")
        yield _database(name)
        await _postgres_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        return
    path = tmp_path / "test.sqlite3"
    shutil.copy(migrated_template, path)
    yield sqlite_url(path)


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_session_factory(engine)


@pytest.fixture
async def session(session_factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    async with session_factory() as session:
        yield session


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(_env_file=None, bot_token=TOKEN, database_url=database_url, admin_ids=frozenset({ADMIN_ID}))


@pytest.fixture
async def region(session: AsyncSession, clock: FrozenClock) -> Org:
    return await ensure_region(session, name="Тестовый регион", timezone="Europe/Moscow", now=clock.now())


@pytest.fixture(scope="session")
def dispatcher() -> Dispatcher:
    """aiogram routers attach to one dispatcher only, so the tests share one, as production does."""
    return build_dispatcher()


@pytest.fixture(scope="session")
def translations() -> Translations:
    return Translations()


@pytest.fixture
def harness(
    dispatcher: Dispatcher,
    settings: Settings,
    session_factory: async_sessionmaker[AsyncSession],
    region: Org,
    clock: FrozenClock,
    translations: Translations,
) -> Harness:
    dispatcher.fsm.storage = MemoryStorage()  # a fresh conversation state for every test
    telegram = FakeTelegram()
    resources = Resources(settings, session_factory, region.id, clock, translations)
    return Harness(dispatcher, build_bot(settings, session=telegram), telegram, resources.as_data())
