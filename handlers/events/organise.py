"""Organisers (methodists): create an event step by step, see participants, change seats, cancel, mark attendance."""

import logging
from datetime import datetime

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
from handlers.common.time_zones import zone_name
from handlers.common.uploads import ask_for_file, reading_progress, report_problems, uploaded
from handlers.events.events import promotion_notice
from handlers.events.views import EventAct, EventOpen, list_button
from services.delivery.news import send_copies
from services.errors import InvalidInput, RosterRejected
from services.events.attendance import attendance_counts, mark_attendance, material_chats, participants
from services.events.events import EventCard, event_for
from services.events.organise import (
    EDITABLE_EVENT_FIELDS,
    MAX_CAPACITY,
    EventInput,
    cancel_event,
    check_description,
    check_end,
    check_registration_until,
    check_start,
    check_subjects,
    checkin_code,
    clean_event_title,
    create_event,
    edit_event,
    organised_events,
    parse_local,
    require_organiser,
    set_capacity,
)
from services.events.plan_import import COLUMNS as PLAN_COLUMNS
from services.events.plan_import import import_plan
from services.files.writing import write_table
from services.models.events import EventKind, RegistrationStatus
from services.models.people import OrgKind, Role
from services.numbers import parse_id, parse_whole
from services.outbox import NewDelivery
from services.people.access import organiser_municipality
from services.people.orgs import get_org, list_orgs

router = Router(name="event_admin")
logger = logging.getLogger(__name__)
# Copies to many participants stay well under Telegram's ~30 messages a second.
CAPACITY_CHOICES = (10, 20, 30, 50, 100, 0)  # 0: unlimited
AUDIENCES = ("all", "young", "schools", "mentor", "manager")


@staff_only(Role.METHODIST)
class EventForm(StatesGroup):
    title = State()
    start = State()
    end = State()
    place = State()
    description = State()
    capacity = State()
    deadline = State()
    subjects = State()


class EventChoice(CallbackData, prefix="ec"):
    """A choice in the event wizard or on the organiser's screen: `field` and its `value`."""

    field: str
    value: str


class EventManage(CallbackData, prefix="em"):
    action: str
    event: Id


class Attendance(CallbackData, prefix="at"):
    registration: Id
    attended: bool


@router.callback_query(EventAct.filter(F.action == "new"))
async def new_event(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    organiser_municipality(ctx.actor)
    await state.clear()
    await state.set_state(EventForm.title)
    await callback.answer()
    await message_of(callback).answer(ctx.t("event-ask-title"))


@router.message(EventForm.title, F.text, ~F.text.startswith("/"))
async def event_title(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    await state.update_data(title=clean_event_title(message.text))
    builder = InlineKeyboardBuilder()
    for kind in EventKind:
        builder.button(
            text=ctx.t.plain(f"event-kind-{kind.value}"), callback_data=EventChoice(field="kind", value=kind.value)
        )
    builder.adjust(2)
    await message.answer(ctx.t("event-ask-kind"), reply_markup=builder.as_markup())


@router.callback_query(EventForm.title, EventChoice.filter(F.field == "kind"))
async def event_kind(callback: CallbackQuery, callback_data: EventChoice, state: FSMContext, ctx: Ctx) -> None:
    if callback_data.value not in EventKind._value2member_map_:
        raise InvalidInput("error-invalid-input")
    await state.update_data(kind=callback_data.value)
    await state.set_state(EventForm.start)
    await callback.answer()
    timezone = zone_name(ctx.t, await _timezone(ctx), ctx.now())
    await message_of(callback).edit_text(ctx.t("event-ask-start", timezone=timezone))


async def _timezone(ctx: Ctx) -> str:
    return (await get_org(ctx.session, organiser_municipality(ctx.actor))).timezone


@router.message(EventForm.start, F.text, ~F.text.startswith("/"))
async def event_start(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    starts_at = check_start(parse_local(message.text, await _timezone(ctx)), ctx.now())
    await state.update_data(starts_at=starts_at.isoformat())
    await state.set_state(EventForm.end)
    await message.answer(ctx.t("event-ask-end"))


@router.message(EventForm.end, F.text, ~F.text.startswith("/"))
async def event_end(message: Message, state: FSMContext, ctx: Ctx) -> None:
    """The end as a time on the same day (ЧЧ:ММ) or a full date and time."""
    assert message.text is not None
    starts_at = datetime.fromisoformat((await state.get_data())["starts_at"])  # keeps the local offset
    text = message.text.strip()
    if len(text) <= 5 and ":" in text:
        text = f"{starts_at:%d.%m.%Y} {text}"
    ends_at = check_end(starts_at, parse_local(text, await _timezone(ctx)))
    await state.update_data(ends_at=ends_at.isoformat())
    await state.set_state(EventForm.place)
    await message.answer(ctx.t("event-ask-place"))


@router.message(EventForm.place, F.text, ~F.text.startswith("/"))
async def event_place(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    await state.update_data(place="" if message.text.strip() == "-" else message.text.strip()[:500])
    await state.set_state(EventForm.description)
    await message.answer(ctx.t("event-ask-description"))


@router.message(EventForm.description, F.text, ~F.text.startswith("/"))
async def event_description(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    description = check_description("" if message.text.strip() == "-" else message.text.strip())
    await state.update_data(description=description)
    await state.set_state(EventForm.capacity)
    builder = InlineKeyboardBuilder()
    for seats in CAPACITY_CHOICES:
        label = ctx.t.plain("event-unlimited") if seats == 0 else str(seats)
        builder.button(text=label, callback_data=EventChoice(field="capacity", value=str(seats)))
    builder.adjust(3)
    await message.answer(ctx.t("event-ask-capacity"), reply_markup=builder.as_markup())


@router.callback_query(EventForm.capacity, EventChoice.filter(F.field == "capacity"))
async def event_capacity(callback: CallbackQuery, callback_data: EventChoice, state: FSMContext, ctx: Ctx) -> None:
    capacity = parse_whole(callback_data.value, low=0, high=MAX_CAPACITY)  # 0: unlimited
    if capacity is None:
        raise InvalidInput("error-invalid-input")
    await state.update_data(capacity=capacity)
    await state.set_state(EventForm.deadline)
    builder = InlineKeyboardBuilder()
    builder.button(text=ctx.t.plain("event-deadline-start"), callback_data=EventChoice(field="deadline", value="-"))
    await callback.answer()
    await message_of(callback).edit_text(ctx.t("event-ask-deadline"), reply_markup=builder.as_markup())


@router.message(EventForm.deadline, F.text, ~F.text.startswith("/"))
async def event_deadline_typed(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    starts_at = datetime.fromisoformat((await state.get_data())["starts_at"])
    until = check_registration_until(parse_local(message.text, await _timezone(ctx)), starts_at, ctx.now())
    await state.update_data(until=until.isoformat())
    await state.set_state(EventForm.subjects)
    await message.answer(ctx.t("event-ask-subjects"), reply_markup=_all_subjects_keyboard(ctx))


@router.callback_query(EventForm.deadline, EventChoice.filter(F.field == "deadline"))
async def event_deadline_at_start(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    await state.update_data(until=None)
    await state.set_state(EventForm.subjects)
    await callback.answer()
    await message_of(callback).edit_text(ctx.t("event-ask-subjects"), reply_markup=_all_subjects_keyboard(ctx))


def _all_subjects_keyboard(ctx: Ctx) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=ctx.t.plain("event-all-subjects"), callback_data=EventChoice(field="subjects", value="-"))
    return builder.as_markup()


@router.message(EventForm.subjects, F.text, ~F.text.startswith("/"))
async def event_subjects_typed(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    subjects = check_subjects(tuple(subject.strip() for subject in message.text.split(",") if subject.strip()))
    if not subjects:
        raise InvalidInput("event-bad-subjects")
    await state.update_data(subjects=list(subjects))
    await message.answer(ctx.t("event-ask-audience"), reply_markup=_audience_keyboard(ctx))


@router.callback_query(EventForm.subjects, EventChoice.filter(F.field == "subjects"))
async def event_all_subjects(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    await state.update_data(subjects=[])
    await callback.answer()
    await message_of(callback).edit_text(ctx.t("event-ask-audience"), reply_markup=_audience_keyboard(ctx))


def _audience_keyboard(ctx: Ctx) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for audience in AUDIENCES:
        builder.button(
            text=ctx.t.plain(f"event-audience-{audience}"), callback_data=EventChoice(field="audience", value=audience)
        )
    builder.adjust(1)
    return builder.as_markup()


@router.callback_query(EventForm.subjects, EventChoice.filter(F.field == "audience"))
async def event_audience(callback: CallbackQuery, callback_data: EventChoice, state: FSMContext, ctx: Ctx) -> None:
    """Most audiences create the event at once; "schools" first asks which ones."""
    if callback_data.value not in AUDIENCES:
        raise InvalidInput("error-invalid-input")
    if callback_data.value != "schools":
        await _create(callback, state, ctx, audience=callback_data.value)
        return
    await state.update_data(schools=[])
    await callback.answer()
    await message_of(callback).edit_text(ctx.t("event-ask-schools"), reply_markup=await _schools_keyboard(ctx, []))


async def _schools_keyboard(ctx: Ctx, chosen: list[int]) -> InlineKeyboardMarkup:
    page = await list_orgs(ctx.session, kind=OrgKind.SCHOOL, parent_id=organiser_municipality(ctx.actor), per_page=40)
    builder = InlineKeyboardBuilder()
    for school in page.items:
        mark = "✅ " if school.id in chosen else ""
        builder.button(
            text=mark + short(school.name, 40), callback_data=EventChoice(field="school", value=str(school.id))
        )
    builder.button(text=ctx.t.plain("event-schools-done"), callback_data=EventChoice(field="schools", value="done"))
    builder.adjust(1)
    return builder.as_markup()


@router.callback_query(EventForm.subjects, EventChoice.filter(F.field == "school"))
async def event_toggle_school(callback: CallbackQuery, callback_data: EventChoice, state: FSMContext, ctx: Ctx) -> None:
    school_id = parse_id(callback_data.value)
    if school_id is None:
        raise InvalidInput("error-invalid-input")
    chosen: list[int] = (await state.get_data()).get("schools", [])
    chosen = [each for each in chosen if each != school_id] if school_id in chosen else [*chosen, school_id]
    await state.update_data(schools=chosen)
    await callback.answer()
    await message_of(callback).edit_reply_markup(reply_markup=await _schools_keyboard(ctx, chosen))


@router.callback_query(EventForm.subjects, EventChoice.filter(F.field == "schools"))
async def event_schools_done(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    if not (await state.get_data()).get("schools"):
        await callback.answer(ctx.t.plain("event-schools-none"), show_alert=True)
        return
    await _create(callback, state, ctx, audience="schools")


async def _create(callback: CallbackQuery, state: FSMContext, ctx: Ctx, *, audience: str) -> None:
    """Create the event from the wizard's answers (the service checks everything again, schools included)."""
    data = await state.get_data()
    event = await create_event(
        ctx.session,
        actor=ctx.actor,
        data=EventInput(
            title=data["title"],
            kind=EventKind(data["kind"]),
            starts_at=datetime.fromisoformat(data["starts_at"]),
            ends_at=datetime.fromisoformat(data["ends_at"]),
            place=data["place"],
            description=data.get("description", ""),
            subjects=tuple(data.get("subjects", [])),
            capacity=data["capacity"] or None,
            registration_until=datetime.fromisoformat(data["until"]) if data.get("until") else None,
            young_only=audience == "young",
            audience_role=audience if audience in ("mentor", "manager") else None,
            school_ids=tuple(data.get("schools", [])) if audience == "schools" else (),
        ),
        now=ctx.now(),
    )
    await state.clear()
    await callback.answer()
    builder = InlineKeyboardBuilder()
    builder.button(text=ctx.t.plain("event-open"), callback_data=EventOpen(event=event.id))
    await message_of(callback).edit_text(ctx.t("event-created", title=event.title), reply_markup=builder.as_markup())


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


@staff_only(Role.METHODIST)
class PlanUpload(StatesGroup):
    file = State()


PLAN_EXAMPLE = (
    "Семинар по функциональной грамотности",
    "семинар",
    "15.12.2026 15:00",
    "15.12.2026 17:00",
    "ИМЦ, ауд. 12",
    "30",
    "14.12.2026 18:00",
    "нет",
    "",
    "математика",
)


@router.callback_query(EventAct.filter(F.action == "plan"))
async def plan_begin(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    organiser_municipality(ctx.actor)
    await state.set_state(PlanUpload.file)
    await ask_for_file(
        callback,
        ctx.t,
        sheet="event-plan-sheet",
        columns=PLAN_COLUMNS,
        example=PLAN_EXAMPLE,
        filename="events-plan.xlsx",
        caption="event-plan-ask",
    )


@router.message(PlanUpload.file, F.document)
async def plan_file(message: Message, state: FSMContext, ctx: Ctx) -> None:
    content, file_name = await uploaded(message, ctx)
    try:
        async with reading_progress(message, ctx.t) as progress:
            created = await import_plan(
                ctx.session, actor=ctx.actor, content=content, file_name=file_name, now=ctx.now(), progress=progress
            )
    except RosterRejected as rejected:
        await report_problems(message, ctx.t, rejected)
        return
    await state.clear()
    await message.answer(ctx.t("event-plan-imported", count=created))


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
