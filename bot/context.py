"""What a handler gets besides the event: the process's resources and this update's context."""

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from aiogram import Bot
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.i18n import Translations, Translator
from bot.settings import Settings
from services.access import Actor, actor_for_user
from services.clock import Clock


@dataclass(frozen=True)
class Resources:
    """Built once at start; reaches every update as the dispatcher's workflow data."""

    settings: Settings
    session_factory: async_sessionmaker[AsyncSession]
    region_id: int
    clock: Clock
    translations: Translations

    def as_data(self) -> dict[str, Any]:
        return {field.name: getattr(self, field.name) for field in fields(self)}


@dataclass
class Ctx:
    """One update's context: the database session, who is acting, their language, the bot."""

    session: AsyncSession
    actor: Actor
    t: Translator
    bot: Bot
    settings: Settings
    clock: Clock
    translations: Translations

    def now(self) -> datetime:
        return self.clock.now()

    async def reload_actor(self) -> Actor:
        """Re-read the actor after their roles or roster link changed within this update."""
        self.actor = await actor_for_user(self.session, self.actor.user_id)
        self.t = self.translations.get(self.actor.language)
        return self.actor
