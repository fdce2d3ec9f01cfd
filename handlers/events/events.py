"""/events for participants: upcoming events open to them, sign up with an .ics, cancel, check in, add to route."""

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.context import Ctx
from handlers.common.keyboards import MenuAction, message_of
from handlers.common.notify import outgoing
from handlers.events.views import EventAct, EventList, EventOpen, card_keyboard, card_text, list_keyboard
from services.events.attendance import add_to_route, check_in
from services.events.events import Promotion, PromotionNotice, cancel_registration, event_for, sign_up, upcoming_events
from services.events.ics import ics_file
from services.models.events import EventKind, RegistrationStatus
from services.models.people import Role
from services.outbox import NewDelivery

router = Router(name="events")


class CheckInForm(StatesGroup):
    code = State()


@router.message(Command("events"))
async def events_command(message: Message, state: FSMContext, ctx: Ctx) -> None:
    await state.clear()
    text, markup = await _list(ctx, page=0, kind="", mine=False)
    await message.answer(text, reply_markup=markup)


@router.callback_query(MenuAction.filter(F.item == "events"))
async def events_button(callback: CallbackQuery, ctx: Ctx) -> None:
    text, markup = await _list(ctx, page=0, kind="", mine=False)
    await callback.answer()
    await message_of(callback).answer(text, reply_markup=markup)


@router.callback_query(EventList.filter())
async def events_page(callback: CallbackQuery, callback_data: EventList, ctx: Ctx) -> None:
    text, markup = await _list(ctx, page=callback_data.page, kind=callback_data.kind, mine=callback_data.mine)
    await callback.answer()
    await message_of(callback).edit_text(text, reply_markup=markup)


async def _list(ctx: Ctx, *, page: int, kind: str, mine: bool) -> tuple[str, InlineKeyboardMarkup]:
    """Upcoming events for a person in the roster; methodists also get their organiser's menu."""
    t, organiser = ctx.t, ctx.actor.has(Role.METHODIST)
    if ctx.actor.person_id is None and organiser:
        return t("events-organiser"), _organiser_menu(ctx)
    chosen = EventKind(kind) if kind in EventKind._value2member_map_ else None
    cards, has_next = await upcoming_events(
        ctx.session, actor=ctx.actor, now=ctx.now(), kind=chosen, my_subjects=mine, page=page
    )
    markup = list_keyboard(t, cards, page, has_next, chosen.value if chosen else "", mine)
    if organiser:
        markup.inline_keyboard.extend(_organiser_menu(ctx).inline_keyboard)
    return (t("events-title") if cards else t("events-none")), markup


def _organiser_menu(ctx: Ctx) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=ctx.t.plain("event-new"), callback_data=EventAct(action="new", event=0))
    builder.button(text=ctx.t.plain("events-mine"), callback_data=EventAct(action="organised", event=0))
    builder.button(text=ctx.t.plain("event-plan"), callback_data=EventAct(action="plan", event=0))
    builder.adjust(2, 1)
    return builder.as_markup()


@router.callback_query(EventOpen.filter())
async def event_open(callback: CallbackQuery, callback_data: EventOpen, ctx: Ctx) -> None:
    card = await event_for(ctx.session, actor=ctx.actor, event_id=callback_data.event, now=ctx.now())
    await callback.answer()
    markup = card_keyboard(ctx.t, card, organiser=ctx.actor.has(Role.METHODIST))
    await message_of(callback).edit_text(card_text(ctx.t, card), reply_markup=markup)


@router.callback_query(EventAct.filter(F.action == "signup"))
async def event_sign_up(callback: CallbackQuery, callback_data: EventAct, ctx: Ctx) -> None:
    result = await sign_up(ctx.session, actor=ctx.actor, event_id=callback_data.event, now=ctx.now())
    card = await event_for(ctx.session, actor=ctx.actor, event_id=callback_data.event, now=ctx.now())
    await callback.answer()
    message = message_of(callback)
    await message.edit_text(card_text(ctx.t, card), reply_markup=card_keyboard(ctx.t, card, organiser=False))
    if result.status == RegistrationStatus.REGISTERED:
        calendar = BufferedInputFile(ics_file(card), filename=f"event-{card.id}.ics")
        await message.answer_document(calendar, caption=ctx.t("event-signed-up", title=card.title))
    else:
        await message.answer(ctx.t("event-waitlisted", title=card.title, position=result.position or 0))


@router.callback_query(EventAct.filter(F.action == "cancel"))
async def event_cancel_mine(callback: CallbackQuery, callback_data: EventAct, ctx: Ctx) -> None:
    await cancel_registration(
        ctx.session, actor=ctx.actor, event_id=callback_data.event, now=ctx.now(), notice=promotion_notice(ctx)
    )
    card = await event_for(ctx.session, actor=ctx.actor, event_id=callback_data.event, now=ctx.now())
    await callback.answer(ctx.t.plain("event-cancelled-mine"))
    await message_of(callback).edit_text(
        card_text(ctx.t, card), reply_markup=card_keyboard(ctx.t, card, organiser=False)
    )


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
    await callback.answer()
    await message_of(callback).answer(ctx.t("event-added-to-route", title=title))


@router.callback_query(EventAct.filter(F.action == "checkin"))
async def event_check_in_begin(callback: CallbackQuery, callback_data: EventAct, state: FSMContext, ctx: Ctx) -> None:
    await state.set_state(CheckInForm.code)
    await state.update_data(event_id=callback_data.event)
    await callback.answer()
    await message_of(callback).answer(ctx.t("event-check-in-ask"))


@router.message(CheckInForm.code, F.text, ~F.text.startswith("/"))
async def event_check_in_code(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    event_id = (await state.get_data())["event_id"]
    title = await check_in(ctx.session, actor=ctx.actor, event_id=event_id, code=message.text, now=ctx.now())
    await state.clear()
    await message.answer(ctx.t("event-checked-in", title=title))
