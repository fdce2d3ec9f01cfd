"""Callback data shapes, keyboards and text helpers shared by several screens."""

from collections.abc import Callable

from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.callback_fields import Id, Index
from handlers.common.i18n import Translator
from services.errors import InvalidInput
from services.people.orgs import Page


def short(text: str, limit: int) -> str:
    """Cut a person-supplied text to fit a button or a line, marking the cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def message_of(callback: CallbackQuery) -> Message:
    """The message a pressed button sits on. The door (handlers.common.door) answers taps on inaccessible or inline
    messages before any handler runs; were one to get through, it is answered as a stale button."""
    if not isinstance(callback.message, Message):
        raise InvalidInput("stale-button")
    return callback.message


class MenuAction(CallbackData, prefix="m"):
    item: str


class OrgPage(CallbackData, prefix="op"):
    """Turn to another page of an organisation list; `purpose` names the screen it belongs to."""

    purpose: str
    parent: Id = 0
    page: Index = 0
    role: str = ""


class OrgPick(CallbackData, prefix="pick"):
    purpose: str
    org: Id
    role: str = ""


def page_row(
    t: Translator,
    page: int,
    pages: int,
    callback_for: Callable[[int], CallbackData],
    *,
    total: int,
    size: int,
) -> InlineKeyboardBuilder:
    """‹ 11–20 из 134 › under a paginated list: both ways round, with the count (empty when all fits one page)."""
    row = InlineKeyboardBuilder()
    if pages > 1:
        label = t.plain("page-range", first=page * size + 1, last=min(total, (page + 1) * size), total=total)
        row.button(text="‹", callback_data=callback_for((page - 1) % pages))
        row.button(text=label, callback_data=callback_for(page))
        row.button(text="›", callback_data=callback_for((page + 1) % pages))
    return row


def org_page_keyboard(
    t: Translator, page: Page, *, purpose: str, parent: int = 0, role: str = ""
) -> InlineKeyboardMarkup:
    """One button per organisation, and ‹ n/N › when there is more than one page."""
    builder = InlineKeyboardBuilder()
    for org in page.items:
        builder.button(text=org.name[:60], callback_data=OrgPick(purpose=purpose, org=org.id, role=role))
    builder.adjust(1)
    builder.attach(
        page_row(
            t,
            page.page,
            page.pages,
            lambda n: OrgPage(purpose=purpose, parent=parent, page=n, role=role),
            total=page.total,
            size=page.per_page,
        )
    )
    return builder.as_markup()
