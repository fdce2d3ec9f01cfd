"""Choosing a date with taps: presets (end of quarter, half-year, school year) and a month calendar that turns both
ways; typing ДД.ММ.ГГГГ stays possible wherever a date is asked.

A conversation step shows `date_keyboard(t, purpose, today)` and handles
`DatePick.filter((F.purpose == purpose) & (F.day > 0))` in its state; turning the month is answered here."""

import calendar
from datetime import date
from typing import Annotated

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder
from pydantic import Field

from handlers.common.context import Ctx
from handlers.common.i18n import Translator
from handlers.common.keyboards import message_of
from handlers.common.navigation import step_keyboard
from services.errors import InvalidInput
from services.school_year import deadline_presets

router = Router(name="dates")
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)  # what a chosen or turned-to date may be
Day = Annotated[int, Field(ge=0, le=LATEST.toordinal())]
Month = Annotated[int, Field(ge=0, le=LATEST.year * 12 + 11)]
_PAST: set[str] = set()  # purposes whose calendar offers days up to today (something held), not from today


def past_dates(purpose: str) -> str:
    """Register a purpose whose calendar offers today and the days before it (e.g. when a meeting was held)."""
    _PAST.add(purpose)
    return purpose


class DatePick(CallbackData, prefix="dp"):
    """A day chosen (`day`, as date.toordinal()) or a month turned to (`month`, as year * 12 + month - 1)."""

    purpose: str
    day: Day = 0
    month: Month = 0

    def chosen(self) -> date:
        """The chosen day; forged data outside the calendar is refused."""
        if self.day < EARLIEST.toordinal():
            raise InvalidInput("stale-button")
        return date.fromordinal(self.day)


def date_keyboard(
    t: Translator,
    purpose: str,
    today: date,
    *,
    shown: date | None = None,
    presets: bool = True,
    skip: CallbackData | None = None,
    back: CallbackData | None = None,
) -> InlineKeyboardMarkup:
    """Presets (optional), then the month of `shown` (default: today's) with days before today left out (days after
    today for a `past_dates` purpose), ‹ › to turn the month, and the conversation step's own buttons (skip, back,
    cancel)."""
    builder = InlineKeyboardBuilder()
    if presets:
        for name, day in deadline_presets(today).items():
            builder.button(
                text=t.plain(f"date-preset-{name}", date=f"{day:%d.%m.%Y}"),
                callback_data=DatePick(purpose=purpose, day=day.toordinal()),
            )
        builder.adjust(1)
    month = shown or today
    index = month.year * 12 + month.month - 1
    header = InlineKeyboardBuilder()
    header.button(text="‹", callback_data=DatePick(purpose=purpose, month=index - 1))
    header.button(
        text=t.plain(f"month-{month.month}") + f" {month.year}", callback_data=DatePick(purpose=purpose, month=index)
    )
    header.button(text="›", callback_data=DatePick(purpose=purpose, month=index + 1))
    builder.attach(header)
    for week in calendar.Calendar().monthdatescalendar(month.year, month.month):
        row = InlineKeyboardBuilder()
        for day in week:
            if day.month != month.month or (day > today if purpose in _PAST else day < today):
                row.button(text="·", callback_data=DatePick(purpose=purpose, month=index))
            else:
                row.button(text=str(day.day), callback_data=DatePick(purpose=purpose, day=day.toordinal()))
        builder.attach(row)
    return step_keyboard(t, builder, skip=skip, back=back)


@router.callback_query(DatePick.filter(F.day == 0))
async def turn_month(callback: CallbackQuery, callback_data: DatePick, ctx: Ctx) -> None:
    """‹ or › over a calendar (or a tap on an empty cell): the same question, another month; the step's own
    buttons (skip, back, cancel) stay as they were."""
    year, month = divmod(callback_data.month, 12)
    if year < EARLIEST.year:
        raise InvalidInput("stale-button")
    await callback.answer()
    message = message_of(callback)
    rows = message.reply_markup.inline_keyboard if message.reply_markup else []
    own_rows = [row for row in rows if not any(_is_date_pick(button.callback_data) for button in row)]
    had_presets = any(_is_date_pick(button.callback_data, day=True) for row in rows[:1] for button in row)
    calendar_rows = date_keyboard(
        ctx.t, callback_data.purpose, ctx.now().date(), shown=date(year, month + 1, 1), presets=had_presets
    ).inline_keyboard
    dates_only = [row for row in calendar_rows if any(_is_date_pick(button.callback_data) for button in row)]
    markup = InlineKeyboardMarkup(inline_keyboard=[*dates_only, *own_rows])
    if markup != message.reply_markup:
        await message.edit_reply_markup(reply_markup=markup)


def _is_date_pick(data: str | None, *, day: bool = False) -> bool:
    if not data or not data.startswith(f"{DatePick.__prefix__}:"):
        return False
    return not day or DatePick.unpack(data).day > 0
