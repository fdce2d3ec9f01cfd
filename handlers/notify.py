"""Messages to people other than the one acting: never let their blocked chat break the actor's step."""

import logging

from aiogram import Bot
from aiogram.exceptions import ClientDecodeError, TelegramAPIError
from aiogram.types import InlineKeyboardMarkup

from services.outbox import NewDelivery

logger = logging.getLogger(__name__)
# Every way a Bot API call can fail once the retries are spent: a refusal, or an answer that is not
# Bot API JSON at all (ClientDecodeError is not a TelegramAPIError).
SEND_FAILURES = (TelegramAPIError, ClientDecodeError)


async def notify(bot: Bot, chat_id: int | None, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Send if the person has a chat with the bot; log and carry on if Telegram refuses."""
    if chat_id is None:
        return
    try:
        await bot.send_message(chat_id, text, reply_markup=markup)
    except SEND_FAILURES:
        logger.warning("could not notify %s", chat_id, exc_info=True)


def outgoing(key: str, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None) -> NewDelivery:
    """A bulk message for the outbox, where the sender delivers it paced with all the others. The key
    names the message so that queueing it twice still sends it once."""
    return NewDelivery(key, chat_id, text=text, markup=markup.model_dump_json(exclude_none=True) if markup else None)
