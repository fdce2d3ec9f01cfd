"""/events for participants: upcoming events open to them, «Мои записи», sign up with an .ics, cancel (confirmed
first), check in, add to route."""

import re

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.context import Ctx
from handlers.common.i18n import Translator
from handlers.common.keyboards import MenuAction, message_of, page_row, short
from handlers.common.navigation import confirm_keyboard, show, step_keyboard, with_nav
from handlers.common.notify import outgoing
from handlers.common.start_links import start_link
from handlers.events.views import (
    EventAct,
    EventList,
    EventOpen,
    MyEventOpen,
    MyRegistrations,
    OrganisedList,
    Origin,
    PastList,
    card_keyboard,
    card_text,
    list_button,
    list_keyboard,
)
from services.errors import Forbidden, InvalidInput, NotFound
from services.events.attendance import add_to_route, check_in
from services.events.events import EventCard, event_for, my_registrations, upcoming_events
from services.events.ics import ics_file
from services.events.seats import Promotion, PromotionNotice, cancel_registration, sign_up
from services.models.events import EventKind, RegistrationStatus
from services.models.people import Role
from services.numbers import parse_id
from services.outbox import NewDelivery

router = Router(name="events")


class CheckInForm(StatesGroup):
    code = State()


@router.message(Command("events"))
async def events_command(message: Message, state: FSMContext, ctx: Ctx) -> None:
    await state.clear()
    await show(message, *await _list(ctx, page=0, kind="", mine=False))


@router.callback_query(MenuAction.filter(F.item == "events"))
@router.callback_query(EventList.filter())
async def events_page(
    callback: CallbackQuery, callback_data: MenuAction | EventList, state: FSMContext, ctx: Ctx
) -> None:
    """The menu's «Мероприятия» (the first page, all kinds) or a page or filter of the list; reached by «‹ Назад»
    from the plan upload, it ends that step."""
    await state.clear()
    shown = callback_data if isinstance(callback_data, EventList) else EventList()
    screen = await _list(ctx, page=shown.page, kind=shown.kind, mine=shown.mine)
    await callback.answer()
    await show(callback, *screen)


async def _list(ctx: Ctx, *, page: int, kind: str, mine: bool) -> tuple[str, InlineKeyboardMarkup]:
    """Upcoming events for a person in the roster (theirs marked) and the way to «Мои записи»; methodists
    also get their organiser's buttons, and a methodist outside the roster only those; coordinators the way to
    past events (outside the roster, only that)."""
    t, organiser = ctx.t, ctx.actor.has(Role.METHODIST)
    if ctx.actor.person_id is None and organiser:
        return t("events-organiser"), with_nav(t, _organiser_buttons(ctx))
    if ctx.actor.person_id is None and ctx.actor.has(Role.COORDINATOR):  # outside the roster: the past only
        return t("events-coordinator"), with_nav(t, _past_button(t))
    chosen = EventKind(kind) if kind in EventKind._value2member_map_ else None
    found = await upcoming_events(ctx.session, actor=ctx.actor, now=ctx.now(), kind=chosen, my_subjects=mine, page=page)
    builder = list_keyboard(t, found, chosen.value if chosen else "", mine)
    builder.row(InlineKeyboardButton(text=t.plain("events-registrations"), callback_data=MyRegistrations().pack()))
    if organiser:
        builder.attach(_organiser_buttons(ctx))
    elif ctx.actor.has(Role.COORDINATOR):  # who of their teachers came to past events
        builder.attach(_past_button(t))
    return (t("events-title") if found.cards else t("events-none")), with_nav(t, builder)


def _past_button(t: Translator) -> InlineKeyboardBuilder:
    builder = InlineKeyboardBuilder()
    builder.button(text=t.plain("events-past"), callback_data=PastList())
    return builder


def _organiser_buttons(ctx: Ctx) -> InlineKeyboardBuilder:
    builder = InlineKeyboardBuilder()
    builder.button(text=ctx.t.plain("event-new"), callback_data=EventAct(action="new", event=0))
    builder.button(text=ctx.t.plain("events-mine"), callback_data=OrganisedList())
    builder.button(text=ctx.t.plain("event-plan"), callback_data=EventAct(action="plan", event=0))
    builder.adjust(2, 1)
    return builder


@router.callback_query(MyRegistrations.filter())
async def registrations_page(callback: CallbackQuery, callback_data: MyRegistrations, ctx: Ctx) -> None:
    screen = await _registrations(ctx, page=callback_data.page)
    await callback.answer()
    await show(callback, *screen)


async def _registrations(ctx: Ctx, *, page: int) -> tuple[str, InlineKeyboardMarkup]:
    """«Мои записи»: my seats and waitlist places on events ahead, each opening its card (cancel, .ics)."""
    t = ctx.t
    found = await my_registrations(ctx.session, actor=ctx.actor, now=ctx.now(), page=page)
    builder = InlineKeyboardBuilder()
    for card in found.cards:
        place = t.plain("event-waitlist-place", position=card.my_position) if card.my_position else ""
        label = list_button(card) + (f" · {place}" if place else "")
        builder.button(text=label, callback_data=MyEventOpen(event=card.id))
    builder.adjust(1)
    builder.attach(
        page_row(t, found.page, found.pages, lambda n: MyRegistrations(page=n), total=found.total, size=found.per_page)
    )
    if not found.cards:
        builder.row(InlineKeyboardButton(text=t.plain("events-find"), callback_data=EventList().pack()))
        return t("events-registrations-none"), with_nav(t, builder)
    return t("events-registrations-title", count=found.total), with_nav(t, builder, back=EventList())


@router.callback_query(EventOpen.filter())
@router.callback_query(MyEventOpen.filter())
async def event_open(
    callback: CallbackQuery, callback_data: EventOpen | MyEventOpen, state: FSMContext, ctx: Ctx
) -> None:
    """An event's card; reached by «‹ Назад» from the check-in code, it ends that step."""
    await state.clear()
    card = await event_for(ctx.session, actor=ctx.actor, event_id=callback_data.event, now=ctx.now())
    await callback.answer()
    await show(callback, *card_screen(ctx, card, back="my" if isinstance(callback_data, MyEventOpen) else ""))


def card_screen(ctx: Ctx, card: EventCard, *, back: Origin = "", note: str = "") -> tuple[str, InlineKeyboardMarkup]:
    """An event's card with what the person can do there, under an optional line saying what just happened."""
    text = card_text(ctx.t, card)
    markup = card_keyboard(ctx.t, card, organiser=ctx.actor.has(Role.METHODIST), back=back)
    return (f"{note}\n\n{text}" if note else text), markup


@router.callback_query(EventAct.filter(F.action.in_({"signup", "join"})))
async def event_sign_up(callback: CallbackQuery, callback_data: EventAct, ctx: Ctx) -> None:
    """«Записаться» on a card redraws the card; under a news broadcast («join») the card comes as a new
    message, so the news stays. A seat brings the calendar file; a full event a waitlist place."""
    result = await sign_up(ctx.session, actor=ctx.actor, event_id=callback_data.event, now=ctx.now())
    card = await event_for(ctx.session, actor=ctx.actor, event_id=callback_data.event, now=ctx.now())
    waitlisted = result.status == RegistrationStatus.WAITLISTED
    told = ctx.t.plain("event-waitlisted", title=card.title, position=result.position or 0)
    await callback.answer(short(told, 200) if waitlisted else None)  # 200: Telegram's limit for the answer
    message = message_of(callback)
    text, markup = card_screen(ctx, card)
    if callback_data.action == "join":
        await message.answer(text, reply_markup=markup)
    else:
        await show(callback, text, markup)
    if not waitlisted:
        await message.answer_document(_calendar(card), caption=ctx.t("event-signed-up", title=card.title))


def _calendar(card: EventCard) -> BufferedInputFile:
    return BufferedInputFile(ics_file(card), filename=f"event-{card.id}.ics")


@router.callback_query(EventAct.filter(F.action == "ics"))
async def event_calendar_again(callback: CallbackQuery, callback_data: EventAct, ctx: Ctx) -> None:
    """The calendar file again for a seat (from the card, also as opened from «Мои записи»)."""
    card = await event_for(ctx.session, actor=ctx.actor, event_id=callback_data.event, now=ctx.now())
    if card.my_status != RegistrationStatus.REGISTERED:
        raise InvalidInput("event-not-registered")
    await callback.answer()
    await message_of(callback).answer_document(_calendar(card), caption=ctx.t("event-ics-caption", title=card.title))


@router.callback_query(EventAct.filter(F.action == "cancel"))
async def event_cancel_ask(callback: CallbackQuery, callback_data: EventAct, ctx: Ctx) -> None:
    """Cancelling one's registration is asked first: a seat goes to the waitlist at once."""
    card = await event_for(ctx.session, actor=ctx.actor, event_id=callback_data.event, now=ctx.now())
    text = ctx.t("event-cancel-mine-ask", title=card.title)
    if card.my_status == RegistrationStatus.REGISTERED and card.waiting:
        text += "\n" + ctx.t("event-cancel-mine-waitlist")
    yes = EventAct(action="cancel_yes", event=card.id)
    no = EventOpen(event=card.id)
    await callback.answer()
    await show(callback, text, confirm_keyboard(ctx.t, yes=yes, no=no, yes_key="event-cancel-mine-confirm"))


@router.callback_query(EventAct.filter(F.action == "cancel_yes"))
async def event_cancel_mine(callback: CallbackQuery, callback_data: EventAct, ctx: Ctx) -> None:
    await cancel_registration(
        ctx.session, actor=ctx.actor, event_id=callback_data.event, now=ctx.now(), notice=promotion_notice(ctx)
    )
    card = await event_for(ctx.session, actor=ctx.actor, event_id=callback_data.event, now=ctx.now())
    await callback.answer(ctx.t.plain("event-cancelled-mine"))
    await show(callback, *card_screen(ctx, card, note=ctx.t("event-cancelled-mine")))


def promotion_notice(ctx: Ctx) -> PromotionNotice:
    """The message for someone who got a seat from the waitlist, with the event to open (through the
    outbox: more seats can promote many at once)."""

    def notice(promotion: Promotion) -> NewDelivery:
        assert promotion.tg_id is not None  # the service tells only those with a chat
        t = ctx.translations.get(promotion.language)
        builder = InlineKeyboardBuilder()
        builder.button(text=t.plain("event-open"), callback_data=EventOpen(event=promotion.event_id))
        key = f"promoted:{promotion.event_id}:{promotion.person_id}:{ctx.now():%Y%m%d%H%M%S%f}"
        return outgoing(key, promotion.tg_id, t("event-promoted", title=promotion.event_title), builder.as_markup())

    return notice


@router.callback_query(EventAct.filter(F.action == "route"))
async def event_to_route(callback: CallbackQuery, callback_data: EventAct, ctx: Ctx) -> None:
    title = await add_to_route(ctx.session, actor=ctx.actor, event_id=callback_data.event, now=ctx.now())
    card = await event_for(ctx.session, actor=ctx.actor, event_id=callback_data.event, now=ctx.now())
    await callback.answer()
    note = ctx.t("event-added-to-route", title=title)
    await show(callback, *card_screen(ctx, card, note=note))


@router.callback_query(EventAct.filter(F.action == "checkin"))
async def event_check_in_begin(callback: CallbackQuery, callback_data: EventAct, state: FSMContext, ctx: Ctx) -> None:
    await state.set_state(CheckInForm.code)
    await state.update_data(event_id=callback_data.event)
    await callback.answer()
    await show(callback, ctx.t("event-check-in-ask"), step_keyboard(ctx.t, back=EventOpen(event=callback_data.event)))


@router.message(CheckInForm.code, F.text, ~F.text.startswith("/"))
async def event_check_in_code(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    event_id = (await state.get_data())["event_id"]
    title = await check_in(ctx.session, actor=ctx.actor, event_id=event_id, code=message.text, now=ctx.now())
    await state.clear()
    card = await event_for(ctx.session, actor=ctx.actor, event_id=event_id, now=ctx.now())
    await show(message, *card_screen(ctx, card, note=ctx.t("event-checked-in", title=title)))


@start_link(r"ev(\d{1,10})")
async def event_link(message: Message, ctx: Ctx, link: re.Match[str]) -> None:
    """t.me/<bot>?start=ev<id>: the event's card with «Записаться», if the event is open to this person (the
    same check as any card); otherwise one answer for an unknown event and one not for them, so a link says
    nothing about events elsewhere."""
    t = ctx.t
    if not ctx.actor.roles:
        join = InlineKeyboardButton(text=t.plain("join-button"), callback_data=MenuAction(item="join").pack())
        await message.answer(t("event-link-join-first"), reply_markup=InlineKeyboardMarkup(inline_keyboard=[[join]]))
        return
    event_id = parse_id(link.group(1))
    try:
        if event_id is None:
            raise NotFound()
        card = await event_for(ctx.session, actor=ctx.actor, event_id=event_id, now=ctx.now())
    except (NotFound, Forbidden):
        builder = InlineKeyboardBuilder()
        builder.button(text=t.plain("events-find"), callback_data=EventList())
        await message.answer(t("event-link-unavailable"), reply_markup=with_nav(t, builder))
        return
    await show(message, *card_screen(ctx, card))
