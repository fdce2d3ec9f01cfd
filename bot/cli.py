"""The `migrate` and `demo` commands of `python -m bot`."""

import asyncio

from aiogram.utils.deep_linking import create_start_link

from bot.app import build_bot
from bot.i18n import Translations
from bot.settings import Settings
from services.clock import Clock
from services.db import create_engine, create_session_factory, migrate
from services.demo import fill_demo
from services.orgs import ensure_region


async def migrate_only(settings: Settings) -> None:
    engine = create_engine(settings.database_url)
    await migrate(engine)
    await engine.dispose()
    print(Translations().get("ru").plain("migrate-done"))


async def demo(settings: Settings) -> None:
    """Fill the demo municipality and print one invite per demo role."""
    engine = create_engine(settings.database_url)
    await migrate(engine)
    clock = Clock()
    async with create_session_factory(engine)() as session:
        region = await ensure_region(
            session, name=settings.region_name, timezone=settings.default_timezone, now=clock.now()
        )
        invites = await fill_demo(session, region_id=region.id, now=clock.now(), ttl_days=settings.invite_ttl_days)
    await engine.dispose()
    bot = build_bot(settings)
    try:
        # The bot's username makes real links; without a reachable Bot API the tokens still work via /start.
        links = [await asyncio.wait_for(create_start_link(bot, invite.token), timeout=10) for invite in invites]
    except Exception:
        links = [f"/start {invite.token}" for invite in invites]
    finally:
        await bot.session.close()
    t = Translations().get("ru")
    print(t.plain("demo-ready"))
    for invite, link in zip(invites, links, strict=True):
        role = t.plain(f"role-{invite.role.value if invite.role else 'teacher'}")
        print(t.plain("demo-invite", role=role, name=invite.full_name, link=link))
