"""A recording stand-in for the Bot API that refuses what Telegram refuses.

Every request the bot makes goes through aiogram's real session machinery (and our request
middlewares) and ends here: it is checked against Telegram's limits, recorded and answered.
"""

import itertools
import re
from collections import deque
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from html import unescape
from typing import Any

from aiogram import Bot
from aiogram.client.default import Default
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.methods import (
    AnswerCallbackQuery,
    CopyMessage,
    EditMessageReplyMarkup,
    EditMessageText,
    GetFile,
    GetMe,
    SendDocument,
    SendMessage,
    SendPhoto,
    SetMyCommands,
    TelegramMethod,
)
from aiogram.types import BufferedInputFile, Chat, Document, File, InlineKeyboardMarkup, Message, MessageId, User

BOT_USER = User(id=42, is_bot=True, first_name="НМС", username="nms_test_bot")
ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "tg-spoiler",
    "span",
    "blockquote",
    "tg-emoji",
}
TAG = re.compile(r"<(/?)([a-zA-Z-]+)((?:\s+[a-z-]+=\"[^\"<>]*\")*)\s*>")
ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


def html_to_plain(text: str) -> str:
    """Parse Telegram's HTML as strictly as Telegram does; return the visible text or raise ValueError."""
    stack: list[str] = []
    plain: list[str] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char == "<":
            match = TAG.match(text, position)
            if match is None:
                raise ValueError(f"stray '<' at {position}: {text[position : position + 20]!r}")
            closing, name = match.group(1), match.group(2).lower()
            if name not in ALLOWED_TAGS:
                raise ValueError(f"unsupported tag <{name}>")
            if closing:
                if not stack or stack.pop() != name:
                    raise ValueError(f"unbalanced </{name}>")
            else:
                stack.append(name)
            position = match.end()
        elif char == "&":
            match = ENTITY.match(text, position)
            if match is None:
                raise ValueError(f"bare '&' at {position}")
            plain.append(unescape(match.group(0)))
            position = match.end()
        elif char == ">":
            raise ValueError(f"stray '>' at {position}")
        else:
            plain.append(char)
            position += 1
    if stack:
        raise ValueError(f"unclosed <{stack[-1]}>")
    return "".join(plain)


@dataclass
class Sent:
    """One thing the bot did in a chat, as a person would see it."""

    method: str
    chat_id: int | None
    text: str = ""
    markup: InlineKeyboardMarkup | None = None
    file_name: str | None = None
    file_data: bytes | None = None
    alert: bool = False
    message_id: int | None = None

    def buttons(self) -> list[str]:
        if self.markup is None:
            return []
        return [button.text for row in self.markup.inline_keyboard for button in row]


class FakeTelegram(BaseSession):
    def __init__(self) -> None:
        super().__init__()
        self.sent: list[Sent] = []
        self.requests: list[TelegramMethod[Any]] = []
        self.files: dict[str, bytes] = {}
        self.failures: deque[Exception] = deque()
        self.blocked: set[int] = set()
        self.refused: list[str] = []  # why each refused request was refused, for tests that expect none
        self.commands: dict[int, list[str]] = {}
        self.answered_queries: set[str] = set()  # Telegram takes one answer per callback query
        # What each message shows now, to refuse an edit that changes nothing, as Telegram does.
        self.shown: dict[tuple[int, int], tuple[str, str]] = {}
        self._ids = itertools.count(1000)
        self.on_request: Callable[[TelegramMethod[Any]], None] | None = None  # e.g. to note when sends happen

    async def close(self) -> None:
        pass

    def fail_next(self, *errors: Exception) -> None:
        self.failures.extend(errors)

    async def make_request(self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None) -> Any:
        self.requests.append(method)
        if self.on_request is not None:
            self.on_request(method)
        if self.failures:
            raise self.failures.popleft()
        chat_id = getattr(method, "chat_id", None)
        if chat_id in self.blocked:
            raise TelegramForbiddenError(method=method, message="Forbidden: bot was blocked by the user")
        self._check(bot, method)
        return self._answer(bot, method)

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        yield self.files[url.rsplit("/", 1)[-1]]

    def _refuse(self, method: TelegramMethod[Any], why: str) -> None:
        self.refused.append(f"{type(method).__name__}: {why}")
        raise TelegramBadRequest(method=method, message=f"Bad Request: {why}")

    def _check(self, bot: Bot, method: TelegramMethod[Any]) -> None:
        for field, limit in (("text", 4096), ("caption", 1024)):
            value = getattr(method, field, None)
            if not isinstance(value, str):
                continue
            parse_mode = getattr(method, "parse_mode", None)
            if isinstance(parse_mode, Default):
                parse_mode = bot.default[parse_mode.name]
            visible = value
            if parse_mode == "HTML":
                try:
                    visible = html_to_plain(value)
                except ValueError as error:
                    self._refuse(method, f"can't parse entities: {error}")
            if not visible.strip() and field == "text":
                self._refuse(method, "message text is empty")
            if len(visible) > limit:
                self._refuse(method, f"{field} is too long ({len(visible)} > {limit})")
        markup = getattr(method, "reply_markup", None)
        if isinstance(markup, InlineKeyboardMarkup):
            for row in markup.inline_keyboard:
                for button in row:
                    if not button.text:
                        self._refuse(method, "button text is empty")
                    if button.callback_data is not None and not 1 <= len(button.callback_data.encode()) <= 64:
                        self._refuse(method, "BUTTON_DATA_INVALID")
        if isinstance(method, AnswerCallbackQuery):
            if method.text and len(method.text) > 200:
                self._refuse(method, "MESSAGE_TOO_LONG")
            if method.callback_query_id in self.answered_queries:
                self._refuse(method, "query is too old and response timeout expired or query ID is invalid")
            self.answered_queries.add(method.callback_query_id)
        if isinstance(method, SetMyCommands):
            for command in method.commands:
                if not re.fullmatch(r"[a-z0-9_]{1,32}", command.command) or not 1 <= len(command.description) <= 256:
                    self._refuse(method, "BOT_COMMAND_INVALID")

    def _check_modified(
        self, method: Any, chat_id: int, message_id: int, text: str, markup: InlineKeyboardMarkup | None
    ) -> None:
        key = (chat_id, message_id)
        before = self.shown.get(key)
        markup_json = markup.model_dump_json() if markup else ""
        if isinstance(method, EditMessageReplyMarkup):
            text = before[0] if before else ""
        if isinstance(method, EditMessageText | EditMessageReplyMarkup) and before == (text, markup_json):
            self._refuse(
                method, "message is not modified: specified new message content and reply markup are exactly the same"
            )
        self.shown[key] = (text, markup_json)

    def _answer(self, bot: Bot, method: TelegramMethod[Any]) -> Any:
        if isinstance(method, GetMe):
            return BOT_USER
        if isinstance(method, SetMyCommands):
            scope_chat = getattr(method.scope, "chat_id", 0)
            self.commands[scope_chat] = [command.command for command in method.commands]
            return True
        if isinstance(method, AnswerCallbackQuery):
            self.sent.append(Sent("answerCallbackQuery", None, method.text or "", alert=bool(method.show_alert)))
            return True
        if isinstance(method, CopyMessage):
            self.sent.append(Sent("CopyMessage", int(method.chat_id), f"copy of {method.message_id}"))
            return MessageId(message_id=next(self._ids))
        if isinstance(method, GetFile):
            return File(file_id=method.file_id, file_unique_id=method.file_id, file_path=f"documents/{method.file_id}")
        if isinstance(method, SendMessage | EditMessageText | EditMessageReplyMarkup | SendDocument | SendPhoto):
            return self._record_message(method).as_(bot)
        return True

    def _record_message(self, method: Any) -> Message:
        chat_id = int(method.chat_id)
        markup = method.reply_markup if isinstance(method.reply_markup, InlineKeyboardMarkup) else None
        name = type(method).__name__
        text = getattr(method, "text", None) or getattr(method, "caption", None) or ""
        message_id = getattr(method, "message_id", None) or next(self._ids)
        self._check_modified(method, chat_id, message_id, text, markup)
        document = None
        if isinstance(method, SendDocument | SendPhoto):
            upload = method.document if isinstance(method, SendDocument) else method.photo
            if isinstance(upload, BufferedInputFile):
                file_id, file_name = f"sent{next(self._ids)}", upload.filename
                self.files[file_id] = upload.data
            else:  # a file Telegram already has, re-sent by its file_id
                assert isinstance(upload, str) and upload in self.files, f"unknown file_id {upload!r}"
                file_id, file_name = upload, None
            document = Document(file_id=file_id, file_unique_id=file_id, file_name=file_name)
            self.sent.append(Sent(name, chat_id, text, markup, file_name, self.files[file_id]))
        elif isinstance(method, EditMessageReplyMarkup):
            self.sent.append(Sent(name, chat_id, "", markup))
        else:
            self.sent.append(Sent(name, chat_id, text, markup))
        self.sent[-1].message_id = message_id
        return Message(
            message_id=message_id,
            date=datetime.now(UTC),
            chat=Chat(id=chat_id, type="private"),
            from_user=BOT_USER,
            text=text if not document else None,
            caption=text if document else None,
            document=document,
            reply_markup=markup,
        )
