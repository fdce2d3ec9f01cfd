"""The per-update middleware: a database session, the acting person and their language, as one `Ctx`.

It takes what it needs from the dispatcher's workflow data (`bot.context.Resources`), so one
Dispatcher serves whatever database and clock it is started with.
"""

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, User

from handlers.common.context import Ctx
from services.people.access import load_actor

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class ContextMiddleware(BaseMiddleware):
    """Opens one database session per update (closed, and rolled back if uncommitted, afterwards)."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User = data["event_from_user"]  # the door (handlers.common.door) lets only people through
        async with data["session_factory"]() as session:
            settings, clock, translations = data["settings"], data["clock"], data["translations"]
            actor = await load_actor(
                session,
                tg_id=user.id,
                language_code=user.language_code,
                admin_ids=settings.admin_ids,
                region_id=data["region_id"],
                now=clock.now(),
            )
            data["ctx"] = Ctx(
                session=session,
                actor=actor,
                t=translations.get(actor.language),
                bot=data["bot"],
                settings=settings,
                clock=clock,
                translations=translations,
            )
            return await handler(event, data)
