"""The pieces event forms share (creating an event, changing one): a row of common times, common durations and
seat counts as buttons; typing stays possible at each of these steps."""

from datetime import time

from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.i18n import Translator
from handlers.events.views import EventChoice
from services.errors import InvalidInput
from services.events.organise import MAX_CAPACITY, parse_clock
from services.numbers import parse_whole

TIMES = ("09:00", "10:00", "14:00", "15:00", "16:00")
DURATIONS = (45, 60, 90, 120, 180)  # minutes
CAPACITY_CHOICES = (10, 20, 30, 50, 100, 0)  # 0: unlimited


def times_keyboard() -> InlineKeyboardBuilder:
    builder = InlineKeyboardBuilder()
    for clock in TIMES:
        # ":" separates callback data fields, so the time travels as 1500.
        builder.button(text=clock, callback_data=EventChoice(field="time", value=clock.replace(":", "")))
    builder.adjust(len(TIMES))
    return builder


def chosen_time(value: str) -> time:
    """A time from the row (callback data is user input: checked like a typed time)."""
    return parse_clock(f"{value[:2]}:{value[2:]}" if len(value) == 4 else value)


def durations_keyboard(t: Translator) -> InlineKeyboardBuilder:
    builder = InlineKeyboardBuilder()
    for minutes in DURATIONS:
        label = t.plain("event-duration", minutes=minutes)
        builder.button(text=label, callback_data=EventChoice(field="minutes", value=str(minutes)))
    builder.adjust(len(DURATIONS))
    return builder


def capacity_keyboard(t: Translator) -> InlineKeyboardBuilder:
    builder = InlineKeyboardBuilder()
    for seats in CAPACITY_CHOICES:
        label = t.plain("event-unlimited") if seats == 0 else str(seats)
        builder.button(text=label, callback_data=EventChoice(field="capacity", value=str(seats)))
    builder.adjust(3)
    return builder


def chosen_capacity(text: str) -> int | None:
    """Seats chosen or typed: a number up to the limit, 0 for unlimited (None)."""
    capacity = parse_whole(text, low=0, high=MAX_CAPACITY)
    if capacity is None:
        raise InvalidInput("event-bad-capacity", limit=MAX_CAPACITY)
    return capacity or None
