"""How events look in a chat: list buttons, the event card, its keyboard."""

from typing import Literal

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.callback_fields import Id, Index
from handlers.common.i18n import Translator
from handlers.common.keyboards import short
from handlers.common.time_zones import zone_name
from services.events.events import EventCard
from services.models.events import EventKind, EventStatus, RegistrationStatus


class EventList(CallbackData, prefix="ev"):
    page: Index = 0
    kind: EventKind | Literal[""] = ""  # "" for all
    mine: bool = False  # only events for the person's subjects


class EventOpen(CallbackData, prefix="eo"):
    event: Id


class EventAct(CallbackData, prefix="ea"):
    """A participant's action on an event: sign up, cancel, add to route, check in."""

    action: str
    event: Id


def when(card: EventCard) -> str:
    return f"{card.local_start:%d.%m.%Y %H:%M}"


def list_button(card: EventCard) -> str:
    seats = "∞" if card.seats_left is None else str(card.seats_left)
    return f"{card.local_start:%d.%m %H:%M} · {short(card.title, 34)} · {seats}"


def list_keyboard(
    t: Translator, cards: list[EventCard], page: int, has_next: bool, kind: str, mine: bool
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for card in cards:
        builder.button(text=list_button(card), callback_data=EventOpen(event=card.id))
    builder.adjust(1)
    nav = InlineKeyboardBuilder()
    if page > 0:
        nav.button(text="‹", callback_data=EventList(page=page - 1, kind=kind, mine=mine))
    if has_next:
        nav.button(text="›", callback_data=EventList(page=page + 1, kind=kind, mine=mine))
    builder.attach(nav)
    kinds = InlineKeyboardBuilder()
    for option in ("", *[kind_.value for kind_ in EventKind]):
        mark = "• " if option == kind else ""
        label = t.plain("events-all-kinds") if not option else t.plain(f"event-kind-{option}")
        kinds.button(text=mark + label, callback_data=EventList(page=0, kind=option, mine=mine))
    subjects_mark = "• " if mine else ""
    kinds.button(
        text=subjects_mark + t.plain("events-my-subjects"), callback_data=EventList(page=0, kind=kind, mine=not mine)
    )
    kinds.adjust(3)
    builder.attach(kinds)
    return builder.as_markup()


def card_text(t: Translator, card: EventCard) -> str:
    lines = [
        t("event-title", title=card.title),
        t(
            "event-when",
            kind=t.plain(f"event-kind-{card.kind.value}"),
            start=when(card),
            end=f"{card.ends_at.astimezone(card.local_start.tzinfo):%H:%M}",
            timezone=zone_name(t, card.timezone, card.starts_at),
        ),
    ]
    if card.place:
        lines.append(t("event-place", place=card.place))
    if card.description:
        lines.append(t("event-description", description=short(card.description, 1500)))
    lines.append(t("event-seats", left=-1 if card.seats_left is None else card.seats_left, capacity=card.capacity or 0))
    if card.status == EventStatus.CANCELLED:
        lines.append(t("event-is-cancelled"))
    elif card.my_status is not None:
        lines.append(t("event-my-status", status=card.my_status.value, position=card.my_position or 0))
    return "\n".join(lines)


def card_keyboard(t: Translator, card: EventCard, *, organiser: bool) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if card.status == EventStatus.ACTIVE:
        if card.my_status in (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED):
            builder.button(text=t.plain("event-cancel-mine"), callback_data=EventAct(action="cancel", event=card.id))
            builder.button(text=t.plain("event-to-route"), callback_data=EventAct(action="route", event=card.id))
            builder.button(text=t.plain("event-check-in"), callback_data=EventAct(action="checkin", event=card.id))
        elif card.my_status not in (RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW):
            builder.button(text=t.plain("event-sign-up"), callback_data=EventAct(action="signup", event=card.id))
    if organiser:
        builder.button(text=t.plain("event-manage"), callback_data=EventAct(action="manage", event=card.id))
    builder.button(text=t.plain("events-back"), callback_data=EventList())
    builder.adjust(1)
    return builder.as_markup()
