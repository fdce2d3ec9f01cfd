"""Per-update middlewares: a database session, the acting person, their language.

They take what they need from the dispatcher's workflow data (see `bot.app.Resources`),
so one Dispatcher serves whatever database and clock it is started with.
"""

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, User
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.i18n import Translations
from bot.settings import Settings
from services.access import load_actor
from services.clock import Clock

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class DbSessionMiddleware(BaseMiddleware):
    """One database session per update, closed (and rolled back if uncommitted) afterwards."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        session_factory: async_sessionmaker[AsyncSession] = data["session_factory"]
        async with session_factory() as session:
            data["session"] = session
            return await handler(event, data)


class ActorMiddleware(BaseMiddleware):
    """Loads the acting person's account and roles, and their translator."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        if user is None or user.is_bot:
            return await handler(event, data)
        settings: Settings = data["settings"]
        clock: Clock = data["clock"]
        translations: Translations = data["translations"]
        actor = await load_actor(
            data["session"],
            tg_id=user.id,
            display_name=user.full_name,
            language_code=user.language_code,
            admin_ids=settings.admin_ids,
            region_id=data["region_id"],
            now=clock.now(),
        )
        data["actor"] = actor
        data["t"] = translations.get(actor.language)
        return await handler(event, data)
