"""What a handler gets besides the event: this update's context."""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from aiogram import Bot

from handlers.common.i18n import Translations, Translator
from services.clock import Clock
from services.db import Session
from services.people.access import Actor, actor_for_user


class HandlerSettings(Protocol):
    """The settings handlers read; `bot.settings.Settings` provides them (handlers never import `bot`)."""

    invite_ttl_days: int
    mentor_limit: int
    operator_name: str
    operator_policy_url: str | None


@dataclass
class Ctx:
    """One update's context: the database session, who is acting, their language, the bot."""

    session: Session
    actor: Actor
    t: Translator
    bot: Bot
    settings: HandlerSettings
    clock: Clock
    translations: Translations

    def now(self) -> datetime:
        return self.clock.now()

    async def reload_actor(self) -> Actor:
        """Re-read the actor after their roles or roster link changed within this update."""
        self.actor = await actor_for_user(self.session, self.actor.user_id)
        self.t = self.translations.get(self.actor.language)
        return self.actor
