"""Per-update middlewares: a database session, the acting person, their language."""

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

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self.session_factory = session_factory

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        async with self.session_factory() as session:
            data["session"] = session
            return await handler(event, data)


class ActorMiddleware(BaseMiddleware):
    """Loads the acting person's account and roles, and their translator."""

    def __init__(self, settings: Settings, translations: Translations, clock: Clock, region_id: int) -> None:
        self.settings = settings
        self.translations = translations
        self.clock = clock
        self.region_id = region_id

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        if user is None or user.is_bot:
            return await handler(event, data)
        actor = await load_actor(
            data["session"],
            tg_id=user.id,
            display_name=user.full_name,
            language_code=user.language_code,
            admin_ids=self.settings.admin_ids,
            region_id=self.region_id,
            now=self.clock.now(),
        )
        data["actor"] = actor
        data["t"] = self.translations.get(actor.language)
        return await handler(event, data)
