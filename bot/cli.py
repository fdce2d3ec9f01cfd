"""The `migrate`, `demo` and `backup` commands of `python -m bot`."""

import asyncio
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

from aiogram.utils.deep_linking import create_start_link
from sqlalchemy import make_url

from bot.app import build_bot
from bot.settings import Settings
from handlers.common.i18n import Translations
from services.clock import Clock
from services.db import create_engine, create_session_factory, migrate
from services.demo import RealDataFound, fill_demo
from services.people.orgs import ensure_region


async def migrate_only(settings: Settings) -> None:
    engine = create_engine(settings.database_url)
    await migrate(engine)
    await engine.dispose()
    print(Translations().get("ru").plain("migrate-done"))


async def demo(settings: Settings) -> int:
    """Fill the demo municipality and print one invite per demo role; exit code 1, with nothing written,
    when the database holds real data."""
    engine = create_engine(settings.database_url)
    t = Translations().get("ru")
    try:
        await migrate(engine)
        clock = Clock()
        async with create_session_factory(engine)() as session:
            region = await ensure_region(
                session, name=settings.region_name, timezone=settings.default_timezone, now=clock.now()
            )
            filled = await fill_demo(session, region_id=region.id, now=clock.now(), ttl_days=settings.invite_ttl_days)
    except RealDataFound as refusal:
        found = ", ".join(t.plain(f"demo-found-{kind}") for kind in refusal.found)
        print(t.plain("demo-refused", names=found), file=sys.stderr)
        return 1
    finally:
        await engine.dispose()
    prefix = await _start_link_prefix(settings)
    print(t.plain("demo-ready"))
    for invite in filled.invites:
        role = t.plain("demo-role-mentee" if invite.who == "mentee" else f"role-{invite.who}")
        if invite.token is None:
            print(t.plain("demo-joined", role=role, name=invite.full_name or ""))
            continue
        link = prefix + invite.token if prefix else f"/start {invite.token}"
        print(t.plain("demo-invite", role=role, name=invite.full_name or t.plain("demo-any-name"), link=link))
    if not settings.admin_ids:
        print(t.plain("demo-admin-note"))
    return 0


async def _start_link_prefix(settings: Settings) -> str | None:
    """`https://t.me/<bot>?start=` when the Bot API tells the bot's username; None without a reachable
    Bot API (the tokens then work typed as /start <token>)."""
    bot = build_bot(settings)
    try:
        return await asyncio.wait_for(create_start_link(bot, ""), timeout=10)
    except Exception:  # any failure to ask Telegram only changes how the links are printed
        return None
    finally:
        await bot.session.close()


def backup(settings: Settings, target: str | None) -> int:
    """A consistent copy of the SQLite database while the bot runs (SQLite's online backup); for
    PostgreSQL, how to take one with pg_dump. Returns the exit code."""
    url = make_url(settings.database_url)
    if not url.drivername.startswith("sqlite"):
        print(
            "PostgreSQL: pg_dump --format=custom --file=nms-$(date +%F).dump "
            f"--host={url.host or 'localhost'} --port={url.port or 5432} "
            f"--username={url.username or 'postgres'} {url.database}  (restore with pg_restore)",
            file=sys.stderr,
        )
        return 1
    source_path = Path(url.database or "")
    if not source_path.exists():
        print(f"No database at {source_path}", file=sys.stderr)
        return 1
    destination = Path(target or f"backups/nms-{datetime.now(UTC):%Y%m%d-%H%M%S}.sqlite3")
    destination.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source_path) as source, sqlite3.connect(destination) as copy:
        source.backup(copy)  # page by page, consistent even while the bot writes
    print(destination)
    return 0
