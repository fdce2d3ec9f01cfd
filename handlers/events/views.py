"""How events look in a chat: list buttons, the event card, its keyboard, and the card a news broadcast carries."""

from typing import Literal

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.callback_fields import Id, Index
from handlers.common.i18n import Translator
from handlers.common.keyboards import page_row, short
from handlers.common.navigation import with_nav
from handlers.common.time_zones import zone_name
from services.events.events import CardPage, EventCard
from services.models.events import EventKind, EventStatus, RegistrationStatus

# Where an event's card goes back to: the events list, or «Мои записи».
Origin = Literal["", "my"]
LIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)


class EventList(CallbackData, prefix="ev"):
    page: Index = 0
    kind: EventKind | Literal[""] = ""  # "" for all
    mine: bool = False  # only events for the person's subjects


class MyRegistrations(CallbackData, prefix="mr"):
    """«Мои записи», one page of them."""

    page: Index = 0


class OrganisedList(CallbackData, prefix="ol"):
    """The organiser's list of the municipality's events, one page of it."""

    page: Index = 0


class PastList(CallbackData, prefix="ph"):
    """The organiser's past (held and cancelled) events, one page of them."""

    page: Index = 0


class EventOpen(CallbackData, prefix="eo"):
    event: Id


class MyEventOpen(CallbackData, prefix="mo"):
    """An event's card opened from «Мои записи» (its «‹ Назад» goes there). A class of its own rather than a
    field of EventOpen, so the «Открыть мероприятие» buttons of notices already sent keep working."""

    event: Id


class EventAct(CallbackData, prefix="ea"):
    """A participant's action on an event: sign up, cancel, add to route, check in, the calendar file."""

    action: str
    event: Id


class EventChoice(CallbackData, prefix="ec"):
    """A choice in the event wizard or an organiser's form: `field` and its `value`."""

    field: str
    value: str


def when(card: EventCard) -> str:
    return f"{card.local_start:%d.%m.%Y %H:%M}"


def list_button(card: EventCard) -> str:
    """«✅ 01.12 15:00 · Title · 9»: a mark for where I have a seat (✅) or wait (⏳), then seats left."""
    mark = {RegistrationStatus.REGISTERED: "✅ ", RegistrationStatus.WAITLISTED: "⏳ "}.get(card.my_status, "")  # type: ignore[arg-type]
    seats = "∞" if card.seats_left is None else str(card.seats_left)
    return f"{mark}{card.local_start:%d.%m %H:%M} · {short(card.title, 34)} · {seats}"


def list_keyboard(t: Translator, found: CardPage, kind: str, mine: bool) -> InlineKeyboardBuilder:
    """The events, ‹ 1–6 из 14 ›, and the filters by kind and by my subjects."""
    builder = InlineKeyboardBuilder()
    for card in found.cards:
        builder.button(text=list_button(card), callback_data=EventOpen(event=card.id))
    builder.adjust(1)
    builder.attach(
        page_row(
            t,
            found.page,
            found.pages,
            lambda n: EventList(page=n, kind=kind, mine=mine),
            total=found.total,
            size=found.per_page,
        )
    )
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
    return builder


def _about(t: Translator, card: EventCard, *, description_limit: int) -> list[str]:
    """What the event is, where and when: the same for everyone."""
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
        lines.append(t("event-description", description=short(card.description, description_limit)))
    return lines


def card_text(t: Translator, card: EventCard) -> str:
    lines = _about(t, card, description_limit=1500)
    lines.append(t("event-seats", left=-1 if card.seats_left is None else card.seats_left, capacity=card.capacity or 0))
    if card.status == EventStatus.CANCELLED:
        lines.append(t("event-is-cancelled"))
    elif card.my_status is not None:
        lines.append(t("event-my-status", status=card.my_status.value, position=card.my_position or 0))
    return "\n".join(lines)


def card_keyboard(t: Translator, card: EventCard, *, organiser: bool, back: Origin = "") -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if card.status == EventStatus.ACTIVE:
        if card.my_status in LIVE:
            # The calendar file and checking in on the spot are for a seat, not a waitlist place.
            seated = card.my_status == RegistrationStatus.REGISTERED
            for key, action in (
                *((("event-ics", "ics"),) if seated else ()),
                ("event-to-route", "route"),
                *((("event-check-in", "checkin"),) if seated else ()),
                ("event-cancel-mine", "cancel"),
            ):
                builder.button(text=t.plain(key), callback_data=EventAct(action=action, event=card.id))
        elif card.my_status not in (RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW):
            builder.button(text=t.plain("event-sign-up"), callback_data=EventAct(action="signup", event=card.id))
    if organiser:
        builder.button(text=t.plain("event-manage"), callback_data=EventAct(action="manage", event=card.id))
    builder.adjust(1)
    return with_nav(t, builder, back=MyRegistrations() if back == "my" else EventList())


def announcement_text(t: Translator, card: EventCard) -> str:
    """An event's card for a news broadcast: what, when and where, the same for every recipient (seats and
    one's own registration change after it is sent, so the card opened by «Записаться» tells them)."""
    return "\n".join(_about(t, card, description_limit=600))


def signup_button(t: Translator, event_id: int) -> InlineKeyboardButton:
    """«✅ Записаться» under a news broadcast: signs the person up (audience and seats are checked then) and
    answers with the event's card as a new message, so the news stays as it was."""
    return InlineKeyboardButton(
        text=t.plain("event-sign-up"), callback_data=EventAct(action="join", event=event_id).pack()
    )
