"""Organisers (methodists) create events: one step by step, or many at once from a plan file."""

from datetime import datetime

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.context import Ctx
from handlers.common.door import staff_only
from handlers.common.keyboards import message_of, short
from handlers.common.time_zones import zone_name
from handlers.common.uploads import ask_for_file, run_import
from handlers.events.views import EventAct, EventOpen
from services.errors import InvalidInput
from services.events.organise import (
    MAX_CAPACITY,
    EventInput,
    check_description,
    check_end,
    check_registration_until,
    check_start,
    check_subjects,
    clean_event_title,
    create_event,
    parse_local,
)
from services.events.plan_import import COLUMNS as PLAN_COLUMNS
from services.events.plan_import import import_plan
from services.models.events import EventKind
from services.models.people import OrgKind, Role
from services.numbers import parse_id, parse_whole
from services.people.access import organiser_municipality
from services.people.orgs import get_org, list_orgs

router = Router(name="event_create")

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
    created = await run_import(
        message,
        ctx,
        lambda content, file_name, progress: import_plan(
            ctx.session, actor=ctx.actor, content=content, file_name=file_name, now=ctx.now(), progress=progress
        ),
    )
    if created is None:
        return
    await state.clear()
    await message.answer(ctx.t("event-plan-imported", count=created))
