"""Messages to people other than the one acting go through the outbox, in the transaction of the change
that causes them; the sender delivers them paced, and a blocked chat never breaks the actor's step."""

from aiogram.exceptions import ClientDecodeError, TelegramAPIError
from aiogram.types import InlineKeyboardMarkup

from services.outbox import NewDelivery

# Every way a Bot API call can fail once the retries are spent: a refusal, or an answer that is not
# Bot API JSON at all (ClientDecodeError is not a TelegramAPIError).
SEND_FAILURES = (TelegramAPIError, ClientDecodeError)


def outgoing(key: str, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None) -> NewDelivery:
    """A message for the outbox, where the sender delivers it paced with all the others. The key
    names the message so that queueing it twice still sends it once."""
    return NewDelivery(key, chat_id, text=text, markup=markup.model_dump_json(exclude_none=True) if markup else None)
