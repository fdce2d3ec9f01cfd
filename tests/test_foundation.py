"""Settings, migrations, the young-specialist rule and the fake Bot API's own strictness (the demo: test_demo.py)."""

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from bot.app import build_bot
from bot.cli import backup
from bot.settings import Settings
from services.db import create_engine, downgrade, migrate
from services.models.people import Organisation, OrgKind, Person
from services.people.orgs import Org, ensure_region
from services.people.persons import is_young_specialist, young_specialist_clause
from tests.conftest import POSTGRES, TOKEN, FrozenClock, sqlite_url
from tests.support.fake_telegram import html_to_plain

ROOT = Path(__file__).resolve().parent.parent


def run_bot(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {key: value for key, value in os.environ.items() if key not in {"BOT_TOKEN", "DATABASE_URL", "ADMIN_IDS"}}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=ROOT / "tests",
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "Settings error: BOT_TOKEN is not set"),
        ({"BOT_TOKEN": "not-a-token"}, "Settings error: BOT_TOKEN does not look like a Bot API token"),
        ({"BOT_TOKEN": TOKEN, "DEFAULT_TIMEZONE": "Mars/Base"}, "DEFAULT_TIMEZONE unknown time zone"),
    ],
)
def test_bad_settings_give_one_clear_line_and_no_traceback(env: dict[str, str], message: str) -> None:
    result = run_bot("migrate", **env)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_migrate_command_creates_the_database(tmp_path: Path) -> None:
    result = run_bot("migrate", BOT_TOKEN=TOKEN, DATABASE_URL=sqlite_url(tmp_path / "sub" / "nms.sqlite3"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "sub" / "nms.sqlite3").exists()


def test_settings_read_admin_ids_and_bot_api_url() -> None:
    settings = Settings(_env_file=None, bot_token=TOKEN, admin_ids="1, 22 333", bot_api_url="http://127.0.0.1:8081/")
    assert settings.admin_ids == {1, 22, 333}
    bot = build_bot(settings)
    assert bot.session.api.api_url(TOKEN, "getMe") == f"http://127.0.0.1:8081/bot{TOKEN}/getMe"


async def test_migrations_go_up_and_down_on_an_empty_database(tmp_path: Path) -> None:
    engine = create_engine(sqlite_url(tmp_path / "empty.sqlite3"))
    try:
        await migrate(engine)
        async with engine.connect() as connection:
            tables = set(
                (await connection.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))).scalars()
            )
        assert {"organisations", "people", "users", "role_grants", "invites", "join_requests"} <= tables
        await downgrade(engine, "base")
        async with engine.connect() as connection:
            tables = set(
                (await connection.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))).scalars()
            )
        assert tables == {"alembic_version"}
    finally:
        await engine.dispose()


@pytest.mark.skipif(bool(POSTGRES), reason="SQLite's own settings")
async def test_sqlite_runs_with_foreign_keys_and_wal(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        assert (await connection.execute(text("PRAGMA foreign_keys"))).scalar() == 1
        assert (await connection.execute(text("PRAGMA journal_mode"))).scalar() == "wal"


@pytest.mark.parametrize(
    ("birth", "start", "young"),
    [
        (date(1996, 3, 14), date(2024, 9, 1), True),
        (date(1991, 11, 23), date(2024, 9, 1), False),  # turns 35 on the reporting date
        (date(1991, 11, 24), date(2024, 9, 1), True),
        (date(1996, 3, 14), date(2023, 11, 23), False),  # exactly three years of work
        (date(1996, 3, 14), date(2023, 11, 24), True),
        (None, date(2024, 9, 1), False),
    ],
)
async def test_young_specialist_rule_is_the_same_in_python_and_sql(
    session: AsyncSession, region: Org, clock: FrozenClock, birth: date | None, start: date, young: bool
) -> None:
    on = date(2026, 11, 23)
    assert is_young_specialist(birth, start, on) is young
    school = Organisation(
        kind=OrgKind.SCHOOL, name="Ш", parent_id=region.id, timezone="Europe/Moscow", created_at=clock.now()
    )
    session.add(school)
    await session.flush()
    session.add(
        Person(
            school_id=school.id,
            full_name="А Б",
            name_key="а б",
            position="учитель",
            birth_date=birth,
            work_start=start,
            created_at=clock.now(),
            updated_at=clock.now(),
        )
    )
    await session.flush()
    assert await session.scalar(select(func.count()).where(young_specialist_clause(on))) == int(young)


@pytest.mark.parametrize(
    "html",
    ["a < b", "<b>bold", "<b>x</i>", "<div>x</div>", "Tom & Jerry", "<script>alert(1)</script>"],
)
def test_the_fake_bot_api_refuses_html_telegram_refuses(html: str) -> None:
    with pytest.raises(ValueError):
        html_to_plain(html)


def test_the_fake_bot_api_measures_text_after_entity_parsing() -> None:
    assert html_to_plain('<b>a</b> &lt;3 <a href="https://t.me/x">link</a>') == "a <3 link"


@pytest.mark.skipif(bool(POSTGRES), reason="SQLite's online backup")
async def test_backup_copies_the_live_sqlite_database(
    settings: Settings, session: AsyncSession, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    await ensure_region(session, name="Регион для копии", timezone="Europe/Moscow", now=datetime.now(UTC))
    target = tmp_path / "copy.sqlite3"
    assert backup(settings, str(target)) == 0
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT name FROM organisations").fetchall() == [("Регион для копии",)]
    postgres = settings.model_copy(update={"database_url": "postgresql+asyncpg://nms@db.example:5432/nms"})
    assert backup(postgres, None) == 1
    assert "pg_dump --format=custom" in capsys.readouterr().err
