"""One navigation model for every screen: a screen is redrawn in place, carries «🏠 Меню» (and «‹ Назад» where it
has a parent), and every step of a conversation carries «Отмена» (and «Пропустить» where the field is optional).

Screens call `show`; keyboards end with `nav_row` (screens) or `step_keyboard` (conversation steps). The menu and
cancel buttons are `MenuAction(item="home")` and `MenuAction(item="cancel")`, answered in handlers.people.start,
which also answers /menu and /cancel; any other command ends a conversation at the door (handlers.common.door)."""

from aiogram.exceptions import TelegramBadRequest
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.i18n import Translator
from handlers.common.keyboards import MenuAction, message_of

HOME = MenuAction(item="home")
CANCEL = MenuAction(item="cancel")


def nav_buttons(t: Translator, back: CallbackData | None = None) -> list[InlineKeyboardButton]:
    """«‹ Назад» (when the screen has a parent) and «🏠 Меню», for the last row of a screen."""
    row = [InlineKeyboardButton(text=t.plain("nav-back"), callback_data=back.pack())] if back else []
    return [*row, InlineKeyboardButton(text=t.plain("nav-menu"), callback_data=HOME.pack())]


def with_nav(
    t: Translator,
    keyboard: InlineKeyboardBuilder | InlineKeyboardMarkup | None = None,
    back: CallbackData | None = None,
) -> InlineKeyboardMarkup:
    """A screen's keyboard with the navigation row under it."""
    builder = (
        keyboard
        if isinstance(keyboard, InlineKeyboardBuilder)
        else InlineKeyboardBuilder.from_markup(keyboard or InlineKeyboardMarkup(inline_keyboard=[]))
    )
    builder.row(*nav_buttons(t, back))
    return builder.as_markup()


def step_keyboard(
    t: Translator,
    keyboard: InlineKeyboardBuilder | InlineKeyboardMarkup | None = None,
    *,
    skip: CallbackData | None = None,
    back: CallbackData | None = None,
) -> InlineKeyboardMarkup:
    """A conversation step's keyboard: its choices, then «Пропустить» for an optional field, «‹ Назад» to the step
    before and «Отмена», which leaves the conversation."""
    builder = (
        keyboard
        if isinstance(keyboard, InlineKeyboardBuilder)
        else InlineKeyboardBuilder.from_markup(keyboard or InlineKeyboardMarkup(inline_keyboard=[]))
    )
    if skip is not None:
        builder.row(InlineKeyboardButton(text=t.plain("nav-skip"), callback_data=skip.pack()))
    last = [InlineKeyboardButton(text=t.plain("nav-back"), callback_data=back.pack())] if back else []
    builder.row(*last, InlineKeyboardButton(text=t.plain("nav-cancel"), callback_data=CANCEL.pack()))
    return builder.as_markup()


def confirm_keyboard(
    t: Translator, yes: CallbackData, no: CallbackData, *, yes_key: str = "nav-confirm"
) -> InlineKeyboardMarkup:
    """The question before a destructive or irreversible tap: do it, or go back to where the person was."""
    builder = InlineKeyboardBuilder()
    builder.button(text=t.plain(yes_key), callback_data=yes)
    builder.button(text=t.plain("nav-keep"), callback_data=no)
    builder.adjust(1)
    return with_nav(t, builder)


async def show(event: CallbackQuery | Message, text: str, markup: InlineKeyboardMarkup | None = None) -> Message:
    """Show a screen: a tapped text message is redrawn in place; a typed message, or a tap on a file or a photo
    (which cannot become text), gets a new message. Redrawing what is already shown is not an error."""
    if isinstance(event, Message):
        return await event.answer(text, reply_markup=markup)
    message = message_of(event)
    if message.text is not None:
        try:
            edited = await message.edit_text(text, reply_markup=markup)
        except TelegramBadRequest as error:
            if "message is not modified" in error.message:
                return message
            if "message can't be edited" not in error.message and "message to edit not found" not in error.message:
                raise
        else:
            return edited if isinstance(edited, Message) else message
    return await message.answer(text, reply_markup=markup)
