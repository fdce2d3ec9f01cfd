"""The last word: domain errors explained, unexpected ones logged with an apology, stale input answered."""

import logging
from contextlib import suppress

from aiogram import Bot, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import ExceptionMessageFilter, ExceptionTypeFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, ErrorEvent, InlineKeyboardMarkup, Message

from handlers.common.callback_answers import was_answered
from handlers.common.context import Ctx
from handlers.common.door import BEFORE_CONSENT
from handlers.common.i18n import DEFAULT_LANGUAGE, Translations, Translator
from handlers.common.navigation import step_keyboard
from handlers.common.notify import SEND_FAILURES
from services.errors import DomainError

router = Router(name="errors")
logger = logging.getLogger(__name__)
ALERT_LIMIT = 200  # Telegram's limit for answerCallbackQuery text


@router.error(ExceptionTypeFilter(TelegramBadRequest), ExceptionMessageFilter(r".*message is not modified"))
async def nothing_to_change(event: ErrorEvent) -> None:
    """A tap that would redraw a screen exactly as it is (the same page or filter): Telegram refuses the
    edit, and the person already sees what they asked for, so there is nothing to say."""


@router.error(ExceptionTypeFilter(DomainError))
async def explain_domain_error(
    event: ErrorEvent,
    bot: Bot,
    translations: Translations,
    ctx: Ctx | None = None,
    state: FSMContext | None = None,
) -> None:
    error = event.exception
    assert isinstance(error, DomainError)
    t = _translator(translations, ctx)
    await _tell(event, bot, t(error.key, **error.params), t.plain(error.key, **error.params), await _step(t, state))


@router.error()
async def apologise(
    event: ErrorEvent,
    bot: Bot,
    translations: Translations,
    ctx: Ctx | None = None,
    state: FSMContext | None = None,
) -> None:
    logger.error("update %s failed", event.update.update_id, exc_info=event.exception)
    t = _translator(translations, ctx)
    await _tell(event, bot, t("error-unexpected"), t.plain("error-unexpected"), await _step(t, state))


def _translator(translations: Translations, ctx: Ctx | None) -> Translator:
    """The person's language if we got as far as knowing them, else the default."""
    return ctx.t if ctx is not None else translations.get(DEFAULT_LANGUAGE)


async def _step(t: Translator, state: FSMContext | None) -> InlineKeyboardMarkup | None:
    """«Отмена» for a message told in the middle of a conversation: the newest message of a step offers the way
    out, as every step does; outside a conversation (or one the error ended) nothing."""
    return step_keyboard(t) if state is not None and await state.get_state() is not None else None


async def _tell(
    event: ErrorEvent, bot: Bot, html_text: str, plain_text: str, step: InlineKeyboardMarkup | None = None
) -> None:
    """Answer where the person is looking: an alert on a button press, unless the handler has already
    answered it (Telegram takes one answer per press), else a message in their chat (with the step's «Отмена»
    when the press was at a step of a conversation)."""
    # Telling the person must not raise again (they may have blocked the bot meanwhile).
    with suppress(*SEND_FAILURES):
        if (callback := event.update.callback_query) is not None:
            if not was_answered(callback.id):
                await callback.answer(plain_text[:ALERT_LIMIT], show_alert=True)
            else:
                await bot.send_message(callback.from_user.id, html_text, reply_markup=step)
        elif (message := event.update.message) is not None:
            await message.answer(html_text)


# What nobody else took shows no personal data, so it is answered before consent too.
fallback = Router(name="fallback")


@fallback.callback_query(flags={BEFORE_CONSENT: True})
async def stale_button(callback: CallbackQuery, ctx: Ctx) -> None:
    await callback.answer(ctx.t.plain("stale-button"), show_alert=True)


@fallback.message(flags={BEFORE_CONSENT: True})
async def not_understood(message: Message, ctx: Ctx) -> None:
    await message.answer(ctx.t("not-understood"))
