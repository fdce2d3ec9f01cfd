"""The last word: domain errors explained, unexpected ones logged with an apology, stale input answered."""

import logging
from contextlib import suppress

from aiogram import Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import CallbackQuery, ErrorEvent, Message

from bot.i18n import Translations, Translator
from services.errors import DomainError

router = Router(name="errors")
logger = logging.getLogger(__name__)
ALERT_LIMIT = 200  # Telegram's limit for answerCallbackQuery text


@router.error(ExceptionTypeFilter(DomainError))
async def explain_domain_error(event: ErrorEvent, translations: Translations, t: Translator | None = None) -> None:
    error = event.exception
    assert isinstance(error, DomainError)
    t = t or translations.get("ru")
    await _tell(event, t(error.key, **error.params), t.plain(error.key, **error.params))


@router.error()
async def apologise(event: ErrorEvent, translations: Translations, t: Translator | None = None) -> None:
    logger.error("update %s failed", event.update.update_id, exc_info=event.exception)
    t = t or translations.get("ru")
    await _tell(event, t("error-unexpected"), t.plain("error-unexpected"))


async def _tell(event: ErrorEvent, html_text: str, plain_text: str) -> None:
    """Answer where the person is looking: an alert on a button press, a message otherwise."""
    # Telling the person must not raise again (they may have blocked the bot meanwhile).
    with suppress(TelegramAPIError):
        if (callback := event.update.callback_query) is not None:
            await callback.answer(plain_text[:ALERT_LIMIT], show_alert=True)
        elif (message := event.update.message) is not None:
            await message.answer(html_text)


fallback = Router(name="fallback")


@fallback.callback_query()
async def stale_button(callback: CallbackQuery, t: Translator) -> None:
    await callback.answer(t.plain("stale-button"), show_alert=True)


@fallback.message()
async def not_understood(message: Message, t: Translator) -> None:
    await message.answer(t("not-understood"))
