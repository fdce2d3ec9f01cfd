"""Remembers which callback queries were answered in this update: Telegram takes one answer per query
(https://core.telegram.org/bots/api#answercallbackquery), so the error handler must know whether the
handler already answered before it explains or apologises."""

from contextvars import ContextVar

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.methods import AnswerCallbackQuery, TelegramMethod
from aiogram.methods.base import Response, TelegramType

# Set anew for each update by `track_answers`; a context variable, so concurrent updates do not mix.
_answered: ContextVar[set[str] | None] = ContextVar("answered_callbacks", default=None)


def track_answers() -> None:
    """Start remembering answers for the update being handled in this context."""
    _answered.set(set())


def was_answered(query_id: str) -> bool:
    answered = _answered.get()
    return answered is not None and query_id in answered


class CallbackAnswerTracker(BaseRequestMiddleware):
    """Notes every answerCallbackQuery that Telegram accepted."""

    async def __call__(
        self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot, method: TelegramMethod[TelegramType]
    ) -> Response[TelegramType]:
        response = await make_request(bot, method)
        answered = _answered.get()
        if isinstance(method, AnswerCallbackQuery) and answered is not None:
            answered.add(method.callback_query_id)
        return response
