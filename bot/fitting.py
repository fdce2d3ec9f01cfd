"""The last check before a request leaves: every text fits Telegram's limits and parses as Telegram HTML.

Texts are built from locale messages whose arguments `Translator` escapes, so this is a safety net, not
the way to escape: when a text is not valid HTML (some code put a person's text into it raw) it is sent
escaped, visible as typed, and logged as a defect; a text longer than Telegram takes is cut with "…",
tags kept balanced; a button label too long or empty is cut or filled. A screen that breaks for everybody
because of one person's `<` or a 5 000-character description is worse than any of these.
https://core.telegram.org/bots/api#html-style, https://core.telegram.org/bots/api#sendmessage
"""

import html
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from aiogram import Bot
from aiogram.client.default import Default
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.methods import AnswerCallbackQuery, TelegramMethod
from aiogram.methods.base import Response, TelegramType
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

logger = logging.getLogger(__name__)

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
ALERT_LIMIT = 200
BUTTON_LIMIT = 64  # Telegram shows about this much of a button; longer labels only get cut on screen
CUT = "…"
TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "tg-spoiler", "span"}
TAGS |= {"blockquote", "tg-emoji"}
TAG = re.compile(r"<(/?)([a-zA-Z-]+)([^<>]*)>")
ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});")


class UnsafeHtml(ValueError):
    """A text Telegram would refuse to parse."""


@dataclass(frozen=True)
class _Token:
    raw: str
    width: int = 0  # visible length in UTF-16 code units, as Telegram counts
    opens: str = ""
    closes: str = ""


def utf16_length(text: str) -> int:
    return len(text.encode("utf_16_le")) // 2


def _tokens(text: str) -> Iterator[_Token]:
    """Tags, entities and characters; raises UnsafeHtml where Telegram's parser would fail."""
    stack: list[str] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char == "<":
            match = TAG.match(text, position)
            name = match.group(2).lower() if match else ""
            if match is None or name not in TAGS:
                raise UnsafeHtml(f"'<' at {position} starts no supported tag")
            position = match.end()
            if match.group(1):
                if not stack or stack.pop() != name:
                    raise UnsafeHtml(f"unbalanced </{name}>")
                yield _Token(match.group(0), closes=name)
            else:
                stack.append(name)
                yield _Token(match.group(0), opens=name)
        elif char == "&":
            match = ENTITY.match(text, position)
            if match is None:
                raise UnsafeHtml(f"bare '&' at {position}")
            position = match.end()
            yield _Token(match.group(0), utf16_length(html.unescape(match.group(0))))
        elif char == ">":
            raise UnsafeHtml(f"bare '>' at {position}")
        else:
            position += 1
            yield _Token(char, utf16_length(char))
    if stack:
        raise UnsafeHtml(f"<{stack[-1]}> is never closed")


def fit_html(text: str, limit: int) -> str:
    """The text if it fits `limit` visible characters, else cut to fit with "…" and its tags closed."""
    tokens = list(_tokens(text))
    if sum(token.width for token in tokens) <= limit:
        return text
    kept: list[str] = []
    open_tags: list[str] = []
    width = 0
    for token in tokens:
        if token.width and width + token.width > limit - utf16_length(CUT):
            break
        width += token.width
        kept.append(token.raw)
        if token.opens:
            open_tags.append(token.opens)
        elif token.closes:
            open_tags.pop()
    return "".join(kept) + CUT + "".join(f"</{name}>" for name in reversed(open_tags))


def fit_plain(text: str, limit: int) -> str:
    return text if utf16_length(text) <= limit else _cut_plain(text, limit)


def _cut_plain(text: str, limit: int) -> str:
    kept, width = [], 0
    for char in text:
        width += utf16_length(char)
        if width > limit - 1:
            break
        kept.append(char)
    return "".join(kept) + CUT


def safe_html(text: str, limit: int, method: str) -> str:
    """`fit_html`, or the text escaped (shown as typed) when it is not valid HTML, which is logged."""
    try:
        return fit_html(text, limit)
    except UnsafeHtml as error:
        logger.error("%s: text is not valid HTML (%s); sent escaped", method, error)
        return fit_html(html.escape(text, quote=False), limit)


def _fit_button(button: InlineKeyboardButton) -> InlineKeyboardButton:
    text = fit_plain(button.text, BUTTON_LIMIT) if button.text.strip() else CUT
    return button if text == button.text else button.model_copy(update={"text": text})


def _fit_markup(markup: InlineKeyboardMarkup) -> InlineKeyboardMarkup:
    rows = [[_fit_button(button) for button in row] for row in markup.inline_keyboard]
    return markup if rows == markup.inline_keyboard else markup.model_copy(update={"inline_keyboard": rows})


class FitMiddleware(BaseRequestMiddleware):
    """Fits texts, captions, alerts and button labels into what Telegram accepts (see the module)."""

    async def __call__(
        self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot, method: TelegramMethod[TelegramType]
    ) -> Response[TelegramType]:
        changes: dict[str, Any] = {}
        parse_mode = getattr(method, "parse_mode", None)
        if isinstance(parse_mode, Default):
            parse_mode = bot.default[parse_mode.name]
        for field, limit in (("text", TEXT_LIMIT), ("caption", CAPTION_LIMIT)):
            value = getattr(method, field, None)
            if not isinstance(value, str):
                continue
            if isinstance(method, AnswerCallbackQuery):
                fitted = fit_plain(value, ALERT_LIMIT)
            elif parse_mode == "HTML":
                fitted = safe_html(value, limit, type(method).__name__)
            else:
                fitted = fit_plain(value, limit)
            if fitted != value:
                changes[field] = fitted
        markup = getattr(method, "reply_markup", None)
        if isinstance(markup, InlineKeyboardMarkup) and (fitted_markup := _fit_markup(markup)) is not markup:
            changes["reply_markup"] = fitted_markup
        return await make_request(bot, method.model_copy(update=changes) if changes else method)
