"""Chat with the real Dispatcher as a person would: send text, files and taps; read what the bot sent."""

import html
import itertools
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.types import CallbackQuery, Chat, Document, Message, MessageEntity, PhotoSize, Update, User
from fluent.runtime import FluentBundle, FluentResource
from fluent.runtime.errors import FluentReferenceError

from handlers.common.i18n import LOCALES_DIR, Translations
from tests.support.fake_telegram import BOT_USER, FakeTelegram, Sent

_RUSSIAN = Translations().get("ru")
_BUNDLE = FluentBundle(["ru"], use_isolating=False)
_BUNDLE.add_resource(FluentResource((LOCALES_DIR / "ru.ftl").read_text(encoding="utf-8")))
_update_ids = itertools.count(1)
_message_ids = itertools.count(1)


@dataclass
class Harness:
    dispatcher: Dispatcher
    bot: Bot
    telegram: FakeTelegram
    resources: dict[str, Any]

    def person(self, tg_id: int, first_name: str = "Мария", language_code: str = "ru") -> "Person":
        return Person(self, User(id=tg_id, is_bot=False, first_name=first_name, language_code=language_code))

    async def feed(self, **update: Any) -> None:
        await self.dispatcher.feed_update(self.bot, Update(update_id=next(_update_ids), **update), **self.resources)


@dataclass
class Person:
    harness: Harness
    user: User
    _seen: int = field(default=0)

    @property
    def chat(self) -> Chat:
        return Chat(id=self.user.id, type="private", first_name=self.user.first_name)

    def _message(self, **content: Any) -> Message:
        return Message(
            message_id=next(_message_ids), date=datetime.now(UTC), chat=self.chat, from_user=self.user, **content
        )

    async def send(self, text: str, entities: list[MessageEntity] | None = None) -> list[Sent]:
        """Type a message (a leading /command gets its entity, as Telegram clients send it)."""
        if text.startswith("/"):
            entities = [MessageEntity(type="bot_command", offset=0, length=len(text.split()[0]))]
        return await self._feed(message=self._message(text=text, entities=entities))

    async def send_document(self, file_name: str, content: bytes, file_size: int | None = None) -> list[Sent]:
        file_id = f"upload{next(_message_ids)}"
        self.harness.telegram.files[file_id] = content
        document = Document(
            file_id=file_id, file_unique_id=file_id, file_name=file_name, file_size=file_size or len(content)
        )
        return await self._feed(message=self._message(document=document))

    async def send_photo(self, caption: str = "", photo_id: str = "photo1") -> list[Sent]:
        self.harness.telegram.files[photo_id] = b"\x89PNG"
        photo = [PhotoSize(file_id=photo_id, file_unique_id=photo_id, width=800, height=600)]
        return await self._feed(message=self._message(photo=photo, caption=caption or None))

    async def press(self, button_text: str) -> list[Sent]:
        """Tap the button with this text on the latest bot message in this chat that has it."""
        for sent in reversed(self.messages()):
            for row in sent.markup.inline_keyboard if sent.markup else []:
                for button in row:
                    if button.text == button_text:
                        assert button.callback_data is not None
                        return await self.tap(button.callback_data, on=sent)
        raise AssertionError(
            f"no button {button_text!r}; last buttons: {self.messages()[-1].buttons() if self.messages() else []}"
        )

    async def press_key(self, key: str, **params: Any) -> list[Sent]:
        """Tap the button labelled with this locale message (in Russian, as our test people speak), so a
        test survives rewording; `press` is for labels that are data (a school, a person, a date)."""
        return await self.press(ru(key, **params))

    async def tap(self, callback_data: str, on: Sent | None = None) -> list[Sent]:
        """Send callback data as a button press on a message would — or data no button ever had (forged)."""
        message = Message(
            message_id=on.message_id if on and on.message_id else next(_message_ids),
            date=datetime.now(UTC),
            chat=self.chat,
            from_user=BOT_USER,
            text=on.text if on and on.text else "…",
            reply_markup=on.markup if on else None,  # what Telegram sends with the pressed message
        )
        query = CallbackQuery(
            id=str(next(_message_ids)), from_user=self.user, chat_instance="ci", message=message, data=callback_data
        )
        return await self._feed(callback_query=query)

    async def _feed(self, **update: Any) -> list[Sent]:
        start = len(self.harness.telegram.sent)
        await self.harness.feed(**update)
        return [sent for sent in self.harness.telegram.sent[start:] if sent.chat_id in (self.user.id, None)]

    def messages(self) -> list[Sent]:
        """Everything the bot has sent to this person's chat."""
        return [sent for sent in self.harness.telegram.sent if sent.chat_id == self.user.id]

    @property
    def last(self) -> Sent:
        return self.messages()[-1]


def texts(replies: list[Sent]) -> str:
    """All the text of some replies, joined, for `in` checks."""
    return "\n".join(reply.text for reply in replies)


def ru(key: str, /, **params: Any) -> str:
    """A Russian text or button by its locale key, so tests survive rewording."""
    return _RUSSIAN.plain(key, **params)


def shows(text: str, key: str, /, **params: Any) -> bool:
    """Whether `text` (as sent: HTML) holds the Russian message `key`. A variable the test does not name matches
    any value, so a test states only what it is about and survives rewording."""
    return ru_pattern(key, **params).search(text) is not None


def ru_pattern(key: str, /, **params: Any) -> re.Pattern[str]:
    """The Russian message `key` as it is sent (values escaped, as the translator does), as a pattern in which each
    variable not given matches anything (a plural selector on it takes its default variant)."""
    message = _BUNDLE.get_message(key)
    assert message.value is not None, key
    filled = {
        name: html.escape(value, quote=False) if isinstance(value, str) else value for name, value in params.items()
    }
    for _ in range(20):
        text, errors = _BUNDLE.format_pattern(message.value, filled)
        missing = [
            str(error).removeprefix("Unknown external: ") for error in errors if isinstance(error, FluentReferenceError)
        ]
        assert len(missing) == len(errors), errors
        if not missing:
            break
        filled |= {name: f"\x00{name}\x00" for name in missing}
    pieces = re.split(r"\x00[^\x00]*\x00", str(text))
    return re.compile("(?s:.*?)".join(re.escape(piece) for piece in pieces))
