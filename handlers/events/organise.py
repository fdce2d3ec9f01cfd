"""Organisers (methodists) manage their events: participants, attendance, seats, edits, materials, cancelling."""

import logging

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.deep_linking import create_start_link
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.callback_fields import Id
from handlers.common.context import Ctx
from handlers.common.door import staff_only
from handlers.common.keyboards import message_of, short
from handlers.common.notify import outgoing
from handlers.events.events import promotion_notice
from handlers.events.views import EventAct, EventOpen, list_button
from services.delivery.news import send_copies
from services.errors import InvalidInput
from services.events.attendance import attendance_counts, mark_attendance, material_chats, participants
from services.events.events import EventCard, event_for
from services.events.organise import (
    EDITABLE_EVENT_FIELDS,
    MAX_CAPACITY,
    cancel_event,
    checkin_code,
    edit_event,
    organised_events,
    require_organiser,
    set_capacity,
)
from services.files.writing import write_table
from services.models.events import RegistrationStatus
from services.models.people import Role
from services.numbers import parse_whole
from services.outbox import NewDelivery

router = Router(name="event_admin")
logger = logging.getLogger(__name__)


class EventManage(CallbackData, prefix="em"):
    action: str
    event: Id


class Attendance(CallbackData, prefix="at"):
    registration: Id
    attended: bool


@router.callback_query(EventAct.filter(F.action == "organised"))
async def organised_list(callback: CallbackQuery, ctx: Ctx) -> None:
    cards, _more = await organised_events(ctx.session, actor=ctx.actor, now=ctx.now())
    builder = InlineKeyboardBuilder()
    for card in cards:
        builder.button(text=list_button(card), callback_data=EventAct(action="manage", event=card.id))
    builder.adjust(1)
    await callback.answer()
    await message_of(callback).answer(ctx.t("events-mine-title", count=len(cards)), reply_markup=builder.as_markup())


@router.callback_query(EventAct.filter(F.action == "manage"))
async def manage_event(callback: CallbackQuery, callback_data: EventAct, ctx: Ctx) -> None:
    text, markup = await _manage_screen(ctx, callback_data.event)
    await callback.answer()
    await message_of(callback).answer(text, reply_markup=markup)


async def _manage_screen(ctx: Ctx, event_id: int) -> tuple[str, InlineKeyboardMarkup]:
    counts = await attendance_counts(ctx.session, actor=ctx.actor, event_id=event_id)
    card = await event_for(ctx.session, actor=ctx.actor, event_id=event_id, now=ctx.now())
    code = await checkin_code(ctx.session, actor=ctx.actor, event_id=event_id)
    t = ctx.t
    text = t(
        "event-manage-title",
        title=card.title,
        registered=counts.get(RegistrationStatus.REGISTERED, 0),
        waitlisted=counts.get(RegistrationStatus.WAITLISTED, 0),
        attended=counts.get(RegistrationStatus.ATTENDED, 0),
        no_show=counts.get(RegistrationStatus.NO_SHOW, 0),
        code=code,
        link=await create_start_link(ctx.bot, f"ci{event_id}_{code}"),
    )
    builder = InlineKeyboardBuilder()
    for key, field in (
        ("event-participants", "export"),
        ("event-attendance", "attendance"),
        ("event-edit", "edit"),
        ("event-change-capacity", "capacity"),
        ("event-materials", "materials"),
        ("event-cancel", "cancel"),
    ):
        builder.button(text=t.plain(key), callback_data=EventManage(action=field, event=event_id))
    builder.adjust(1)
    return text, builder.as_markup()


@router.callback_query(EventManage.filter(F.action == "export"))
async def export_participants(callback: CallbackQuery, callback_data: EventManage, ctx: Ctx) -> None:
    rows = await participants(ctx.session, actor=ctx.actor, event_id=callback_data.event)
    t = ctx.t
    header = [t.plain("col-name"), t.plain("col-school"), t.plain("col-status")]
    table = write_table(
        t.plain("event-participants-sheet"),
        header,
        [(name, school, t.plain(f"registration-{status.value}")) for _id, name, school, status in rows],
    )
    await callback.answer()
    await message_of(callback).answer_document(BufferedInputFile(table, filename="participants.xlsx"))


@router.callback_query(EventManage.filter(F.action == "attendance"))
async def attendance_list(callback: CallbackQuery, callback_data: EventManage, ctx: Ctx) -> None:
    text, markup = await _attendance_screen(ctx, callback_data.event)
    await callback.answer()
    await message_of(callback).answer(text, reply_markup=markup)


async def _attendance_screen(ctx: Ctx, event_id: int) -> tuple[str, InlineKeyboardMarkup]:
    rows = await participants(ctx.session, actor=ctx.actor, event_id=event_id)
    builder = InlineKeyboardBuilder()
    seated = (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW)
    for registration_id, name, _school, status in [row for row in rows if row[3] in seated][:50]:
        mark = {"attended": "✅", "no_show": "❌"}.get(status.value, "▫️")
        attended = status != RegistrationStatus.ATTENDED
        builder.button(
            text=f"{mark} {short(name, 40)}", callback_data=Attendance(registration=registration_id, attended=attended)
        )
    builder.adjust(1)
    return ctx.t("event-attendance-title"), builder.as_markup()


@router.callback_query(Attendance.filter())
async def toggle_attendance(callback: CallbackQuery, callback_data: Attendance, ctx: Ctx) -> None:
    await mark_attendance(
        ctx.session,
        actor=ctx.actor,
        registration_id=callback_data.registration,
        attended=callback_data.attended,
        now=ctx.now(),
    )
    await callback.answer(ctx.t.plain("edit-saved"))


@staff_only(Role.ADMIN, Role.METHODIST)
class CapacityForm(StatesGroup):
    seats = State()


@router.callback_query(EventManage.filter(F.action == "capacity"))
async def capacity_begin(callback: CallbackQuery, callback_data: EventManage, state: FSMContext, ctx: Ctx) -> None:
    await require_organiser(ctx.session, actor=ctx.actor, event_id=callback_data.event)
    await state.set_state(CapacityForm.seats)
    await state.update_data(event_id=callback_data.event)
    await callback.answer()
    await message_of(callback).answer(ctx.t("event-ask-new-capacity"))


@router.message(CapacityForm.seats, F.text, ~F.text.startswith("/"))
async def capacity_set(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    capacity = parse_whole(message.text, low=0, high=MAX_CAPACITY)  # 0: unlimited
    if capacity is None:
        raise InvalidInput("event-bad-capacity", limit=MAX_CAPACITY)
    event_id = (await state.get_data())["event_id"]
    promoted = await set_capacity(
        ctx.session,
        actor=ctx.actor,
        event_id=event_id,
        capacity=capacity or None,
        now=ctx.now(),
        notice=promotion_notice(ctx),
    )
    await state.clear()
    await message.answer(ctx.t("event-capacity-set", promoted=len(promoted)))


@router.callback_query(EventManage.filter(F.action == "cancel"))
async def cancel_begin(callback: CallbackQuery, callback_data: EventManage, ctx: Ctx) -> None:
    await require_organiser(ctx.session, actor=ctx.actor, event_id=callback_data.event)
    builder = InlineKeyboardBuilder()
    confirm = EventManage(action="cancel_yes", event=callback_data.event)
    builder.button(text=ctx.t.plain("event-cancel-confirm"), callback_data=confirm)
    await callback.answer()
    await message_of(callback).answer(ctx.t("event-cancel-ask"), reply_markup=builder.as_markup())


@router.callback_query(EventManage.filter(F.action == "cancel_yes"))
async def cancel_confirmed(callback: CallbackQuery, callback_data: EventManage, ctx: Ctx) -> None:
    event_id = callback_data.event
    card = await event_for(ctx.session, actor=ctx.actor, event_id=event_id, now=ctx.now())

    def notice(card: EventCard, chat_id: int, language: str) -> NewDelivery:
        text = ctx.translations.get(language)(
            "event-cancelled-notice", title=card.title, start=f"{card.local_start:%d.%m.%Y %H:%M}"
        )
        return outgoing(f"event-cancelled:{card.id}:{chat_id}", chat_id, text)

    told = await cancel_event(ctx.session, actor=ctx.actor, event_id=event_id, now=ctx.now(), notice=notice)
    await callback.answer()
    await message_of(callback).edit_text(ctx.t("event-cancelled-told", title=card.title, count=told))


@staff_only(Role.ADMIN, Role.METHODIST)
class EditForm(StatesGroup):
    value = State()


@staff_only(Role.ADMIN, Role.METHODIST)
class MaterialsForm(StatesGroup):
    content = State()


@router.callback_query(EventManage.filter(F.action == "edit"))
async def edit_menu(callback: CallbackQuery, callback_data: EventManage, ctx: Ctx) -> None:
    await require_organiser(ctx.session, actor=ctx.actor, event_id=callback_data.event)
    builder = InlineKeyboardBuilder()
    for field in EDITABLE_EVENT_FIELDS:
        builder.button(
            text=ctx.t.plain(f"event-edit-{field}"),
            callback_data=EventManage(action=f"edit_{field}", event=callback_data.event),
        )
    builder.adjust(2)
    await callback.answer()
    await message_of(callback).answer(ctx.t("event-edit-choose"), reply_markup=builder.as_markup())


@router.callback_query(EventManage.filter(F.action.startswith("edit_")))
async def edit_field(callback: CallbackQuery, callback_data: EventManage, state: FSMContext, ctx: Ctx) -> None:
    field = callback_data.action.removeprefix("edit_")
    if field not in EDITABLE_EVENT_FIELDS:
        raise InvalidInput("error-invalid-input")
    await require_organiser(ctx.session, actor=ctx.actor, event_id=callback_data.event)
    await state.set_state(EditForm.value)
    await state.update_data(event_id=callback_data.event, field=field)
    await callback.answer()
    await message_of(callback).answer(ctx.t(f"event-edit-ask-{field}"))


@router.message(EditForm.value, F.text, ~F.text.startswith("/"))
async def edit_value(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    data = await state.get_data()

    def notice(card: EventCard, chat_id: int, language: str) -> NewDelivery:
        t = ctx.translations.get(language)
        builder = InlineKeyboardBuilder()
        builder.button(text=t.plain("event-open"), callback_data=EventOpen(event=card.id))
        text = t(
            "event-changed-notice",
            title=card.title,
            start=f"{card.local_start:%d.%m.%Y %H:%M}",
            place=card.place or "—",
        )
        key = f"event-changed:{card.id}:{chat_id}:{ctx.now():%Y%m%d%H%M%S%f}"
        return outgoing(key, chat_id, text, builder.as_markup())

    card, told = await edit_event(
        ctx.session,
        actor=ctx.actor,
        event_id=data["event_id"],
        field=data["field"],
        value=message.text,
        now=ctx.now(),
        notice=notice,
    )
    await state.clear()
    await message.answer(ctx.t("event-edited", title=card.title, count=told))


@router.callback_query(EventManage.filter(F.action == "materials"))
async def materials_begin(callback: CallbackQuery, callback_data: EventManage, state: FSMContext, ctx: Ctx) -> None:
    await require_organiser(ctx.session, actor=ctx.actor, event_id=callback_data.event)
    await state.set_state(MaterialsForm.content)
    await state.update_data(event_id=callback_data.event)
    await callback.answer()
    await message_of(callback).answer(ctx.t("event-materials-ask"))


@router.message(MaterialsForm.content, ~F.text.startswith("/"))
async def materials_send(message: Message, state: FSMContext, ctx: Ctx) -> None:
    """Copy what the organiser sent (a file, a photo or a text) to every participant of the event."""
    event_id = (await state.get_data())["event_id"]
    chats = await material_chats(ctx.session, actor=ctx.actor, event_id=event_id)
    card = await event_for(ctx.session, actor=ctx.actor, event_id=event_id, now=ctx.now())
    await state.clear()
    progress = await message.answer(ctx.t("event-materials-sending", count=len(chats)))
    await send_copies(
        ctx.session,
        actor=ctx.actor,
        label=ctx.t.plain("event-materials-label", title=card.title),
        chats=chats,
        copy_chat_id=message.chat.id,
        copy_message_id=message.message_id,
        progress_chat_id=message.chat.id,
        progress_message_id=progress.message_id,
        now=ctx.now(),
    )
