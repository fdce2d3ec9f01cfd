"""Organisers (methodists) create events one step by step (many at once: handlers.events.plan).

Every step of the wizard has «✖️ Отмена» and «‹ Назад» (to the step before, answers kept); the day is chosen from
a calendar and the time from a row of common times, the length, seats and subjects chosen or typed, and the
optional fields skipped with a tap."""

from datetime import date, datetime, time

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.context import Ctx
from handlers.common.dates import DatePick, date_keyboard
from handlers.common.keyboards import short
from handlers.common.navigation import show, step_keyboard, with_nav
from handlers.common.time_zones import zone_name
from handlers.events.form import EventForm
from handlers.events.schools import show_schools
from handlers.events.steps import (
    capacity_keyboard,
    chosen_capacity,
    chosen_time,
    durations_keyboard,
    times_keyboard,
)
from handlers.events.views import EventAct, EventChoice, OrganisedList
from services.errors import InvalidInput
from services.events.organise import (
    EventInput,
    check_description,
    check_registration_until,
    check_start,
    check_subjects,
    clean_event_title,
    create_event,
    local_moment,
    parse_clock,
    parse_end,
    parse_local,
)
from services.models.events import EventKind
from services.numbers import parse_whole
from services.people.access import organiser_municipality
from services.people.orgs import get_org
from services.people.subjects import municipality_subjects

router = Router(name="event_create")

AUDIENCES = ("all", "young", "schools", "mentor", "manager")
EVENT_DAY = "event_day"  # the wizard's date picker
SUBJECTS_SHOWN = 60  # Telegram shows up to 100 buttons; more subjects than this are typed


# Each step's «‹ Назад» goes to the step before.
PREVIOUS = {
    "kind": "title",
    "day": "kind",
    "time": "day",
    "end": "time",
    "place": "end",
    "description": "place",
    "capacity": "description",
    "deadline": "capacity",
    "subjects": "deadline",
    "audience": "subjects",
}


@router.callback_query(EventAct.filter(F.action == "new"))
async def new_event(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    organiser_municipality(ctx.actor)
    await state.clear()
    await callback.answer()
    await _go(callback, state, ctx, "title")


@router.callback_query(StateFilter(EventForm), EventChoice.filter(F.field == "back"))
async def event_step_back(callback: CallbackQuery, callback_data: EventChoice, state: FSMContext, ctx: Ctx) -> None:
    if callback_data.value not in ("title", *PREVIOUS):
        raise InvalidInput("stale-button")
    await callback.answer()
    await _go(callback, state, ctx, callback_data.value)


async def _go(event: Message | CallbackQuery, state: FSMContext, ctx: Ctx, step: str) -> None:
    """Move the wizard to a step and ask its question (a tap redraws the form, a typed answer gets a new one)."""
    await state.set_state(getattr(EventForm, step))
    text, builder, skip = await _question(state, ctx, step)
    back = EventChoice(field="back", value=PREVIOUS[step]) if step in PREVIOUS else None
    if step == "day":
        markup = date_keyboard(ctx.t, EVENT_DAY, ctx.now().date(), presets=False, back=back)
    else:
        markup = step_keyboard(ctx.t, builder, skip=EventChoice(field="skip", value=step) if skip else None, back=back)
    await show(event, text, markup)


async def _question(state: FSMContext, ctx: Ctx, step: str) -> tuple[str, InlineKeyboardBuilder, bool]:
    """A step's question, its choices, and whether it can be skipped."""
    t, data = ctx.t, await state.get_data()
    builder = InlineKeyboardBuilder()
    if step == "kind":
        for kind in EventKind:
            builder.button(
                text=t.plain(f"event-kind-{kind.value}"), callback_data=EventChoice(field="kind", value=kind.value)
            )
        builder.adjust(2)
    elif step == "day":
        return t("event-ask-day", timezone=zone_name(t, await _timezone(ctx), ctx.now())), builder, False
    elif step == "time":
        return t("event-ask-time", day=f"{date.fromordinal(data['day']):%d.%m.%Y}"), times_keyboard(), False
    elif step == "end":
        return t("event-ask-end"), durations_keyboard(t), False
    elif step == "capacity":
        return t("event-ask-capacity"), capacity_keyboard(t), False
    elif step == "deadline":
        builder.button(text=t.plain("event-deadline-start"), callback_data=EventChoice(field="deadline", value="-"))
    elif step == "subjects":
        return t("event-ask-subjects"), await _subjects_keyboard(state, ctx), False
    elif step == "audience":
        for audience in AUDIENCES:
            label = t.plain(f"event-audience-{audience}")
            builder.button(text=label, callback_data=EventChoice(field="audience", value=audience))
        builder.adjust(1)
    return t(f"event-ask-{step}"), builder, step in ("place", "description")


async def _timezone(ctx: Ctx) -> str:
    return (await get_org(ctx.session, organiser_municipality(ctx.actor))).timezone


@router.message(EventForm.title, F.text, ~F.text.startswith("/"))
async def event_title(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    await state.update_data(title=clean_event_title(message.text))
    await _go(message, state, ctx, "kind")


@router.callback_query(EventForm.kind, EventChoice.filter(F.field == "kind"))
async def event_kind(callback: CallbackQuery, callback_data: EventChoice, state: FSMContext, ctx: Ctx) -> None:
    if callback_data.value not in EventKind._value2member_map_:
        raise InvalidInput("error-invalid-input")
    await state.update_data(kind=callback_data.value)
    await callback.answer()
    await _go(callback, state, ctx, "day")


@router.callback_query(EventForm.day, DatePick.filter((F.purpose == EVENT_DAY) & (F.day > 0)))
async def event_day_chosen(callback: CallbackQuery, callback_data: DatePick, state: FSMContext, ctx: Ctx) -> None:
    day = callback_data.chosen()
    if day < ctx.now().date():
        raise InvalidInput("event-in-past")
    await state.update_data(day=day.toordinal())
    await callback.answer()
    await _go(callback, state, ctx, "time")


@router.message(EventForm.day, F.text, ~F.text.startswith("/"))
async def event_start_typed(message: Message, state: FSMContext, ctx: Ctx) -> None:
    """The start typed whole (ДД.ММ.ГГГГ ЧЧ:ММ) instead of a day and a time chosen."""
    assert message.text is not None
    await _started(message, state, ctx, parse_local(message.text, await _timezone(ctx)))


@router.message(EventForm.time, F.text, ~F.text.startswith("/"))
async def event_time_typed(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    await _start_at(message, state, ctx, parse_clock(message.text))


@router.callback_query(EventForm.time, EventChoice.filter(F.field == "time"))
async def event_time_chosen(callback: CallbackQuery, callback_data: EventChoice, state: FSMContext, ctx: Ctx) -> None:
    clock = chosen_time(callback_data.value)
    await callback.answer()
    await _start_at(callback, state, ctx, clock)


async def _start_at(event: Message | CallbackQuery, state: FSMContext, ctx: Ctx, clock: time) -> None:
    day = date.fromordinal((await state.get_data())["day"])
    await _started(event, state, ctx, local_moment(day, clock, await _timezone(ctx)))


async def _started(event: Message | CallbackQuery, state: FSMContext, ctx: Ctx, starts_at: datetime) -> None:
    """The start is known; its day too (typed whole, it skipped the day and time steps «‹ Назад» may go back to)."""
    starts_at = check_start(starts_at, ctx.now())
    await state.update_data(starts_at=starts_at.isoformat(), day=starts_at.date().toordinal())
    await _go(event, state, ctx, "end")


@router.message(EventForm.end, F.text, ~F.text.startswith("/"))
async def event_end_typed(message: Message, state: FSMContext, ctx: Ctx) -> None:
    """The end as minutes («90»), a time on the same day («17:00») or a full date and time."""
    assert message.text is not None
    await _ended(message, state, ctx, message.text)


@router.callback_query(EventForm.end, EventChoice.filter(F.field == "minutes"))
async def event_length_chosen(callback: CallbackQuery, callback_data: EventChoice, state: FSMContext, ctx: Ctx) -> None:
    await _ended(callback, state, ctx, callback_data.value)
    await callback.answer()


async def _ended(event: Message | CallbackQuery, state: FSMContext, ctx: Ctx, text: str) -> None:
    starts_at = datetime.fromisoformat((await state.get_data())["starts_at"])  # keeps the local offset
    ends_at = parse_end(text, starts_at, await _timezone(ctx))
    await state.update_data(ends_at=ends_at.isoformat())
    await _go(event, state, ctx, "place")


@router.message(EventForm.place, F.text, ~F.text.startswith("/"))
async def event_place(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    await state.update_data(place=message.text.strip()[:500])
    await _go(message, state, ctx, "description")


@router.message(EventForm.description, F.text, ~F.text.startswith("/"))
async def event_description(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    await state.update_data(description=check_description(message.text.strip()))
    await _go(message, state, ctx, "capacity")


@router.callback_query(StateFilter(EventForm.place, EventForm.description), EventChoice.filter(F.field == "skip"))
async def event_skip(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    """«Пропустить ›» on the place or the description: left empty."""
    step = "place" if await state.get_state() == EventForm.place.state else "description"
    await state.update_data({step: ""})
    await callback.answer()
    await _go(callback, state, ctx, "description" if step == "place" else "capacity")


@router.message(EventForm.capacity, F.text, ~F.text.startswith("/"))
async def event_capacity_typed(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    await state.update_data(capacity=chosen_capacity(message.text))
    await _go(message, state, ctx, "deadline")


@router.callback_query(EventForm.capacity, EventChoice.filter(F.field == "capacity"))
async def event_capacity(callback: CallbackQuery, callback_data: EventChoice, state: FSMContext, ctx: Ctx) -> None:
    await state.update_data(capacity=chosen_capacity(callback_data.value))
    await callback.answer()
    await _go(callback, state, ctx, "deadline")


@router.message(EventForm.deadline, F.text, ~F.text.startswith("/"))
async def event_deadline_typed(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    starts_at = datetime.fromisoformat((await state.get_data())["starts_at"])
    until = check_registration_until(parse_local(message.text, await _timezone(ctx)), starts_at, ctx.now())
    await state.update_data(until=until.isoformat())
    await _go(message, state, ctx, "subjects")


@router.callback_query(EventForm.deadline, EventChoice.filter(F.field == "deadline"))
async def event_deadline_at_start(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    await state.update_data(until=None)
    await callback.answer()
    await _go(callback, state, ctx, "subjects")


async def _subjects_keyboard(state: FSMContext, ctx: Ctx) -> InlineKeyboardBuilder:
    """The roster's subjects to tick (remembered for this form, so a tap names one by its place), «Готово» once
    one is ticked, and «Для всех предметов»."""
    data = await state.get_data()
    options = data.get("subject_options")
    if options is None:
        options = (await municipality_subjects(ctx.session, municipality_id=organiser_municipality(ctx.actor)))[
            :SUBJECTS_SHOWN
        ]
        await state.update_data(subject_options=options)
    chosen = set(data.get("subjects", []))
    builder = InlineKeyboardBuilder()
    for index, subject in enumerate(options):
        mark = "✅ " if subject in chosen else ""
        builder.button(text=mark + short(subject, 30), callback_data=EventChoice(field="subject", value=str(index)))
    builder.adjust(2)
    last = InlineKeyboardBuilder()
    if chosen:
        last.button(text=ctx.t.plain("event-subjects-done"), callback_data=EventChoice(field="subjects", value="done"))
    last.button(text=ctx.t.plain("event-all-subjects"), callback_data=EventChoice(field="subjects", value="all"))
    last.adjust(1)
    builder.attach(last)
    return builder


@router.callback_query(EventForm.subjects, EventChoice.filter(F.field == "subject"))
async def event_toggle_subject(
    callback: CallbackQuery, callback_data: EventChoice, state: FSMContext, ctx: Ctx
) -> None:
    data = await state.get_data()
    options: list[str] = data.get("subject_options", [])
    index = parse_whole(callback_data.value, low=0, high=len(options) - 1)
    if index is None:
        raise InvalidInput("stale-button")
    chosen: list[str] = data.get("subjects", [])
    subject = options[index]
    chosen = [each for each in chosen if each != subject] if subject in chosen else [*chosen, subject]
    await state.update_data(subjects=chosen)
    await callback.answer()
    await _go(callback, state, ctx, "subjects")


@router.callback_query(EventForm.subjects, EventChoice.filter(F.field == "subjects"))
async def event_subjects_chosen(
    callback: CallbackQuery, callback_data: EventChoice, state: FSMContext, ctx: Ctx
) -> None:
    """«Готово» with the ticked subjects, or «Для всех предметов»."""
    if callback_data.value != "done":
        await state.update_data(subjects=[])
    await callback.answer()
    await _go(callback, state, ctx, "audience")


@router.message(EventForm.subjects, F.text, ~F.text.startswith("/"))
async def event_subjects_typed(message: Message, state: FSMContext, ctx: Ctx) -> None:
    """Subjects typed through commas (those the roster does not list yet), with any ticked ones."""
    assert message.text is not None
    typed = check_subjects(tuple(subject.strip() for subject in message.text.split(",") if subject.strip()))
    if not typed:
        raise InvalidInput("event-bad-subjects")
    chosen: list[str] = (await state.get_data()).get("subjects", [])
    await state.update_data(subjects=list(dict.fromkeys([*chosen, *typed])))
    await _go(message, state, ctx, "audience")


@router.callback_query(EventForm.audience, EventChoice.filter(F.field == "audience"))
async def event_audience(callback: CallbackQuery, callback_data: EventChoice, state: FSMContext, ctx: Ctx) -> None:
    """Most audiences create the event at once; "schools" first asks which ones."""
    if callback_data.value not in AUDIENCES:
        raise InvalidInput("error-invalid-input")
    if callback_data.value != "schools":
        await _create(callback, state, ctx, audience=callback_data.value)
        return
    await callback.answer()
    await show_schools(callback, state, ctx, page=0)


@router.callback_query(EventForm.audience, EventChoice.filter(F.field == "schools"))
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
            capacity=data["capacity"],
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
    builder.button(text=ctx.t.plain("event-open"), callback_data=EventAct(action="manage", event=event.id))
    builder.button(text=ctx.t.plain("event-new"), callback_data=EventAct(action="new", event=0))
    builder.adjust(1)
    await show(callback, ctx.t("event-created", title=event.title), with_nav(ctx.t, builder, back=OrganisedList()))
