"""Organisers (methodists) manage their events: the list, an event's screen with its links, seats, edits,
materials, cancelling (confirmed first). Participants and attendance live in attendance.py, past events in past.py."""

from datetime import date, time

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.deep_linking import create_start_link
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.callback_fields import Id
from handlers.common.context import Ctx
from handlers.common.dates import DatePick, date_keyboard
from handlers.common.door import staff_only
from handlers.common.keyboards import page_row
from handlers.common.navigation import confirm_keyboard, show, step_keyboard, with_nav
from handlers.common.notify import outgoing
from handlers.events.events import promotion_notice
from handlers.events.steps import (
    capacity_keyboard,
    chosen_capacity,
    chosen_time,
    durations_keyboard,
    times_keyboard,
)
from handlers.events.views import EventAct, EventChoice, EventList, EventOpen, OrganisedList, PastList, list_button
from services.delivery.news import send_copies
from services.errors import InvalidInput
from services.events.attendance import attendance_counts, material_chats
from services.events.events import EventCard, event_for
from services.events.organise import (
    EDITABLE_EVENT_FIELDS,
    cancel_event,
    checkin_code,
    edit_event,
    local_moment,
    organised_page,
    parse_clock,
    require_organiser,
    set_capacity,
)
from services.events.past import event_is_over
from services.models.events import RegistrationStatus
from services.models.people import Role
from services.outbox import NewDelivery

router = Router(name="event_admin")
EDIT_DAY = "event_edit_day"  # the date picker of a new start


class EventManage(CallbackData, prefix="em"):
    action: str
    event: Id


@router.callback_query(OrganisedList.filter())
async def organised_list(callback: CallbackQuery, callback_data: OrganisedList, ctx: Ctx) -> None:
    await callback.answer()
    await show(callback, *await _organised_screen(ctx, page=callback_data.page))


async def _organised_screen(ctx: Ctx, *, page: int = 0, note: str = "") -> tuple[str, InlineKeyboardMarkup]:
    found = await organised_page(ctx.session, actor=ctx.actor, now=ctx.now(), page=page)
    builder = InlineKeyboardBuilder()
    for card in found.cards:
        builder.button(text=list_button(card), callback_data=EventAct(action="manage", event=card.id))
    builder.adjust(1)
    builder.attach(
        page_row(
            ctx.t, found.page, found.pages, lambda n: OrganisedList(page=n), total=found.total, size=found.per_page
        )
    )
    builder.row(
        InlineKeyboardButton(text=ctx.t.plain("event-new"), callback_data=EventAct(action="new", event=0).pack()),
        InlineKeyboardButton(text=ctx.t.plain("events-past"), callback_data=PastList().pack()),
    )
    text = ctx.t("events-mine-title", count=found.total)
    return (f"{note}\n\n{text}" if note else text), with_nav(ctx.t, builder, back=EventList())


@router.callback_query(EventAct.filter(F.action == "manage"))
async def manage_event(callback: CallbackQuery, callback_data: EventAct, state: FSMContext, ctx: Ctx) -> None:
    """The organiser's screen of an event; reached by «‹ Назад» from seats or materials, it ends that step."""
    await state.clear()
    screen = await _manage_screen(ctx, callback_data.event)
    await callback.answer()
    await show(callback, *screen)


async def _manage_screen(ctx: Ctx, event_id: int, note: str = "") -> tuple[str, InlineKeyboardMarkup]:
    """The organiser's screen of one event: counts, the check-in code and link, the link to share."""
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
        share=await create_start_link(ctx.bot, f"ev{event_id}"),
    )
    over = event_is_over(card, ctx.now())  # held or cancelled: its attendance and materials are what is left
    builder = InlineKeyboardBuilder()
    for key, field in (
        ("event-participants", "export"),
        ("event-attendance", "attendance"),
        *(() if over else (("event-edit", "edit"), ("event-change-capacity", "capacity"))),
        ("event-materials", "materials"),
        *(() if over else (("event-cancel", "cancel"),)),
    ):
        builder.button(text=t.plain(key), callback_data=EventManage(action=field, event=event_id))
    builder.button(text=t.plain("event-card"), callback_data=EventOpen(event=event_id))
    builder.adjust(1)
    back = PastList() if over else OrganisedList()
    return (f"{note}\n\n{text}" if note else text), with_nav(t, builder, back=back)


def back_to_manage(event_id: int) -> EventAct:
    return EventAct(action="manage", event=event_id)


@staff_only(Role.ADMIN, Role.METHODIST)
class CapacityForm(StatesGroup):
    seats = State()


@router.callback_query(EventManage.filter(F.action == "capacity"))
async def capacity_begin(callback: CallbackQuery, callback_data: EventManage, state: FSMContext, ctx: Ctx) -> None:
    await require_organiser(ctx.session, actor=ctx.actor, event_id=callback_data.event)
    await state.set_state(CapacityForm.seats)
    await state.update_data(event_id=callback_data.event)
    await callback.answer()
    markup = step_keyboard(ctx.t, capacity_keyboard(ctx.t), back=back_to_manage(callback_data.event))
    await show(callback, ctx.t("event-ask-new-capacity"), markup)


@router.message(CapacityForm.seats, F.text, ~F.text.startswith("/"))
async def capacity_typed(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    await _set_capacity(message, state, ctx, message.text)


@router.callback_query(CapacityForm.seats, EventChoice.filter(F.field == "capacity"))
async def capacity_chosen(callback: CallbackQuery, callback_data: EventChoice, state: FSMContext, ctx: Ctx) -> None:
    await _set_capacity(callback, state, ctx, callback_data.value)


async def _set_capacity(event: Message | CallbackQuery, state: FSMContext, ctx: Ctx, text: str) -> None:
    capacity = chosen_capacity(text)
    event_id = (await state.get_data())["event_id"]
    promoted = await set_capacity(
        ctx.session, actor=ctx.actor, event_id=event_id, capacity=capacity, now=ctx.now(), notice=promotion_notice(ctx)
    )
    await state.clear()
    if isinstance(event, CallbackQuery):
        await event.answer()
    await show(event, *await _manage_screen(ctx, event_id, note=ctx.t("event-capacity-set", promoted=len(promoted))))


@router.callback_query(EventManage.filter(F.action == "cancel"))
async def cancel_begin(callback: CallbackQuery, callback_data: EventManage, ctx: Ctx) -> None:
    """Cancelling an event is asked first: everyone registered or waiting is told at once."""
    counts = await attendance_counts(ctx.session, actor=ctx.actor, event_id=callback_data.event)
    told = counts.get(RegistrationStatus.REGISTERED, 0) + counts.get(RegistrationStatus.WAITLISTED, 0)
    yes = EventManage(action="cancel_yes", event=callback_data.event)
    markup = confirm_keyboard(ctx.t, yes=yes, no=back_to_manage(callback_data.event), yes_key="event-cancel-confirm")
    await callback.answer()
    await show(callback, ctx.t("event-cancel-ask", count=told), markup)


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
    note = ctx.t("event-cancelled-told", title=card.title, count=told)
    await show(callback, *await _organised_screen(ctx, note=note))


@staff_only(Role.ADMIN, Role.METHODIST)
class EditForm(StatesGroup):
    value = State()
    day = State()
    time = State()


@router.callback_query(EventManage.filter(F.action == "edit"))
async def edit_menu(callback: CallbackQuery, callback_data: EventManage, state: FSMContext, ctx: Ctx) -> None:
    await require_organiser(ctx.session, actor=ctx.actor, event_id=callback_data.event)
    await state.clear()  # «‹ Назад» from a field's step lands here
    builder = InlineKeyboardBuilder()
    for field in EDITABLE_EVENT_FIELDS:
        builder.button(
            text=ctx.t.plain(f"event-edit-{field}"),
            callback_data=EventManage(action=f"edit_{field}", event=callback_data.event),
        )
    builder.adjust(2)
    await callback.answer()
    markup = with_nav(ctx.t, builder, back=back_to_manage(callback_data.event))
    await show(callback, ctx.t("event-edit-choose"), markup)


@router.callback_query(EventManage.filter(F.action.startswith("edit_")))
async def edit_field(callback: CallbackQuery, callback_data: EventManage, state: FSMContext, ctx: Ctx) -> None:
    """One detail's step: a new title typed; a place or description typed or removed; a new start as a day
    then a time; a new end as a duration or a time."""
    field = callback_data.action.removeprefix("edit_")
    if field not in EDITABLE_EVENT_FIELDS:
        raise InvalidInput("error-invalid-input")
    await require_organiser(ctx.session, actor=ctx.actor, event_id=callback_data.event)
    await state.set_state(EditForm.day if field == "start" else EditForm.value)
    await state.update_data(event_id=callback_data.event, field=field)
    await callback.answer()
    back = EventManage(action="edit", event=callback_data.event)
    if field == "start":
        markup = date_keyboard(ctx.t, EDIT_DAY, ctx.now().date(), presets=False, back=back)
        await show(callback, ctx.t("event-edit-ask-start"), markup)
        return
    builder = InlineKeyboardBuilder()
    if field in ("place", "description"):
        builder.button(text=ctx.t.plain("event-edit-clear"), callback_data=EventChoice(field="clear", value="-"))
    elif field == "end":
        builder = durations_keyboard(ctx.t)
    await show(callback, ctx.t(f"event-edit-ask-{field}"), step_keyboard(ctx.t, builder, back=back))


@router.callback_query(EditForm.day, DatePick.filter((F.purpose == EDIT_DAY) & (F.day > 0)))
async def edit_day_chosen(callback: CallbackQuery, callback_data: DatePick, state: FSMContext, ctx: Ctx) -> None:
    day = callback_data.chosen()
    if day < ctx.now().date():
        raise InvalidInput("event-in-past")
    await state.update_data(day=day.toordinal())
    await state.set_state(EditForm.time)
    back = EventManage(action="edit_start", event=(await state.get_data())["event_id"])
    await callback.answer()
    await show(
        callback, ctx.t("event-ask-time", day=f"{day:%d.%m.%Y}"), step_keyboard(ctx.t, times_keyboard(), back=back)
    )


@router.message(EditForm.day, F.text, ~F.text.startswith("/"))
async def edit_start_typed(message: Message, state: FSMContext, ctx: Ctx) -> None:
    """A new start typed whole (ДД.ММ.ГГГГ ЧЧ:ММ) instead of chosen."""
    assert message.text is not None
    await _apply_edit(message, state, ctx, message.text)


@router.message(EditForm.time, F.text, ~F.text.startswith("/"))
async def edit_time_typed(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    await _edit_start_at(message, state, ctx, parse_clock(message.text))


@router.callback_query(EditForm.time, EventChoice.filter(F.field == "time"))
async def edit_time_chosen(callback: CallbackQuery, callback_data: EventChoice, state: FSMContext, ctx: Ctx) -> None:
    clock = chosen_time(callback_data.value)
    await callback.answer()
    await _edit_start_at(callback, state, ctx, clock)


async def _edit_start_at(event: Message | CallbackQuery, state: FSMContext, ctx: Ctx, clock: time) -> None:
    data = await state.get_data()
    card = await event_for(ctx.session, actor=ctx.actor, event_id=data["event_id"], now=ctx.now())
    moment = local_moment(date.fromordinal(data["day"]), clock, card.timezone)
    await _apply_edit(event, state, ctx, f"{moment:%d.%m.%Y %H:%M}")


@router.message(EditForm.value, F.text, ~F.text.startswith("/"))
async def edit_value(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    await _apply_edit(message, state, ctx, message.text)


@router.callback_query(EditForm.value, EventChoice.filter(F.field.in_({"clear", "minutes"})))
async def edit_value_chosen(callback: CallbackQuery, callback_data: EventChoice, state: FSMContext, ctx: Ctx) -> None:
    """«Убрать» (a place or description) or a duration (the end): the service checks the value either way."""
    field = (await state.get_data())["field"]
    if (callback_data.field == "clear") != (field in ("place", "description")):
        raise InvalidInput("stale-button")
    await callback.answer()
    await _apply_edit(callback, state, ctx, callback_data.value)


async def _apply_edit(event: Message | CallbackQuery, state: FSMContext, ctx: Ctx, value: str) -> None:
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
        value=value,
        now=ctx.now(),
        notice=notice,
    )
    await state.clear()
    note = ctx.t("event-edited", title=card.title, count=told)
    await show(event, *await _manage_screen(ctx, card.id, note=note))


@staff_only(Role.ADMIN, Role.METHODIST)
class MaterialsForm(StatesGroup):
    content = State()


@router.callback_query(EventManage.filter(F.action == "materials"))
async def materials_begin(callback: CallbackQuery, callback_data: EventManage, state: FSMContext, ctx: Ctx) -> None:
    await require_organiser(ctx.session, actor=ctx.actor, event_id=callback_data.event)
    await state.set_state(MaterialsForm.content)
    await state.update_data(event_id=callback_data.event)
    await callback.answer()
    markup = step_keyboard(ctx.t, back=back_to_manage(callback_data.event))
    await show(callback, ctx.t("event-materials-ask"), markup)


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
    # The progress message is redrawn as the sending goes (without buttons): the way on comes under it.
    await show(message, *await _manage_screen(ctx, event_id))
