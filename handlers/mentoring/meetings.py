"""The meeting log in the bot: the mentor records a meeting in a few taps (a plan topic is one tap) and the
mentee confirms or disputes it; the mentee proposes an entry the same way and the mentor confirms it; both read
the pair's log; the mentor corrects or deletes an entry within a day."""

from datetime import date, timedelta
from functools import partial

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.context import Ctx
from handlers.common.dates import DatePick, date_keyboard
from handlers.common.keyboards import short
from handlers.common.navigation import confirm_keyboard, show, step_keyboard, with_nav
from handlers.common.notify import outgoing
from handlers.mentoring.callbacks import MeetingAnswer, MeetingEdit, MeetingLogPage, MeetingStep, MentorAct
from handlers.mentoring.relay import OVERVIEW, pair_parent
from services.errors import InvalidInput
from services.mentoring.meetings import (
    MAX_MINUTES,
    MIN_MINUTES,
    answer_meeting,
    check_meeting_day,
    delete_meeting,
    edit_meeting,
    log_meeting,
    own_meeting,
    parse_day,
)
from services.mentoring.pairs import PairView, pair_for
from services.mentoring.plan import plan_of
from services.models.mentoring import Meeting, MeetingStatus
from services.numbers import parse_id, parse_whole
from services.outbox import NewDelivery

router = Router(name="mentoring_meetings")
MEETING_DAY = "meeting_day_past"  # the date picker of the meeting form
MINUTES = (30, 45, 60, 90)
TOPIC_BUTTONS = 6


class MeetingForm(StatesGroup):
    date = State()
    minutes = State()
    format = State()
    topic = State()
    notes = State()


class MeetingEditForm(StatesGroup):
    text = State()


# --- The form: date, minutes, format, topic, notes; the mentor records, the mentee proposes.


@router.callback_query(MentorAct.filter(F.action == "meeting"))
async def meeting_begin(callback: CallbackQuery, callback_data: MentorAct, state: FSMContext, ctx: Ctx) -> None:
    _pair, is_mentor = await pair_for(ctx.session, actor=ctx.actor, pair_id=callback_data.pair)
    await state.set_state(MeetingForm.date)
    await state.update_data(pair_id=callback_data.pair, is_mentor=is_mentor)
    await callback.answer()
    await show(callback, *await _step(ctx, state, MeetingForm.date))


async def _step(ctx: Ctx, state: FSMContext, step: State) -> tuple[str, InlineKeyboardMarkup]:
    """The question of a step and its keyboard: its choices, «‹ Назад» to the step before, «Отмена»."""
    t, data = ctx.t, await state.get_data()
    builder = InlineKeyboardBuilder()
    if step == MeetingForm.date:
        for key, days in (("meeting-today", 0), ("meeting-yesterday", 1)):
            builder.button(text=t.plain(key), callback_data=MeetingStep(step="day", value=str(days)))
        back = pair_parent(data["pair_id"], data["is_mentor"])
        calendar = date_keyboard(t, MEETING_DAY, ctx.now().date(), presets=False, back=back)
        quick = builder.as_markup().inline_keyboard
        return t("meeting-ask-date"), InlineKeyboardMarkup(inline_keyboard=[*quick, *calendar.inline_keyboard])
    if step == MeetingForm.minutes:
        for minutes in MINUTES:
            builder.button(text=str(minutes), callback_data=MeetingStep(step="minutes", value=str(minutes)))
        builder.adjust(len(MINUTES))
        return t("meeting-ask-minutes"), step_keyboard(t, builder, back=MeetingStep(step="back", value="date"))
    if step == MeetingForm.format:
        for value in ("offline", "online"):
            builder.button(text=t.plain(f"meeting-{value}"), callback_data=MeetingStep(step="format", value=value))
        return t("meeting-ask-format"), step_keyboard(t, builder, back=MeetingStep(step="back", value="minutes"))
    if step == MeetingForm.topic:
        _pair, _is_mentor, plan = await plan_of(ctx.session, actor=ctx.actor, pair_id=data["pair_id"])
        month = ctx.now().date().replace(day=1)
        # Topics not yet covered, this month's and overdue ones first.
        uncovered = sorted((line for line in plan if not line.covered), key=lambda line: line.month > month)
        for line in uncovered[:TOPIC_BUTTONS]:
            builder.button(text=short(line.topic, 60), callback_data=MeetingStep(step="topic", value=str(line.id)))
        builder.adjust(1)
        key = "meeting-ask-topic-plan" if uncovered else "meeting-ask-topic"
        return t(key), step_keyboard(t, builder, back=MeetingStep(step="back", value="format"))
    builder.button(text=t.plain("meeting-no-notes"), callback_data=MeetingStep(step="notes", value=""))
    return t("meeting-ask-notes"), step_keyboard(t, builder, back=MeetingStep(step="back", value="topic"))


async def _go(event: CallbackQuery | Message, ctx: Ctx, state: FSMContext, step: State) -> None:
    await state.set_state(step)
    if isinstance(event, CallbackQuery):
        await event.answer()
    await show(event, *await _step(ctx, state, step))


@router.callback_query(StateFilter(MeetingForm), MeetingStep.filter(F.step == "back"))
async def meeting_back(callback: CallbackQuery, callback_data: MeetingStep, state: FSMContext, ctx: Ctx) -> None:
    steps = {"date": MeetingForm.date, "minutes": MeetingForm.minutes, "format": MeetingForm.format}
    await _go(callback, ctx, state, steps.get(callback_data.value, MeetingForm.topic))


@router.callback_query(MeetingForm.date, MeetingStep.filter(F.step == "day"))
async def meeting_day_button(callback: CallbackQuery, callback_data: MeetingStep, state: FSMContext, ctx: Ctx) -> None:
    days = parse_whole(callback_data.value, low=0, high=1) or 0  # today or yesterday
    await state.update_data(held_on=(ctx.now().date() - timedelta(days=days)).isoformat())
    await _go(callback, ctx, state, MeetingForm.minutes)


@router.callback_query(MeetingForm.date, DatePick.filter((F.purpose == MEETING_DAY) & (F.day > 0)))
async def meeting_day_chosen(callback: CallbackQuery, callback_data: DatePick, state: FSMContext, ctx: Ctx) -> None:
    held_on = check_meeting_day(callback_data.chosen(), ctx.now().date())
    await state.update_data(held_on=held_on.isoformat())
    await _go(callback, ctx, state, MeetingForm.minutes)


@router.message(MeetingForm.date, F.text, ~F.text.startswith("/"))
async def meeting_day_typed(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    held_on = check_meeting_day(parse_day(message.text), ctx.now().date())
    await state.update_data(held_on=held_on.isoformat())
    await _go(message, ctx, state, MeetingForm.minutes)


@router.callback_query(MeetingForm.minutes, MeetingStep.filter(F.step == "minutes"))
async def meeting_minutes_button(
    callback: CallbackQuery, callback_data: MeetingStep, state: FSMContext, ctx: Ctx
) -> None:
    await _minutes(callback, ctx, state, callback_data.value)


@router.message(MeetingForm.minutes, F.text, ~F.text.startswith("/"))
async def meeting_minutes_typed(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    await _minutes(message, ctx, state, message.text)


async def _minutes(event: CallbackQuery | Message, ctx: Ctx, state: FSMContext, value: str) -> None:
    minutes = parse_whole(value, low=MIN_MINUTES, high=MAX_MINUTES)
    if minutes is None:
        raise InvalidInput("meeting-bad-minutes")
    await state.update_data(minutes=minutes)
    await _go(event, ctx, state, MeetingForm.format)


@router.callback_query(MeetingForm.format, MeetingStep.filter(F.step == "format"))
async def meeting_format(callback: CallbackQuery, callback_data: MeetingStep, state: FSMContext, ctx: Ctx) -> None:
    await state.update_data(online=callback_data.value == "online")
    await _go(callback, ctx, state, MeetingForm.topic)


@router.callback_query(MeetingForm.topic, MeetingStep.filter(F.step == "topic"))
async def meeting_plan_topic(callback: CallbackQuery, callback_data: MeetingStep, state: FSMContext, ctx: Ctx) -> None:
    await state.update_data(plan_topic_id=parse_id(callback_data.value) or 0, topic="")
    await _go(callback, ctx, state, MeetingForm.notes)


@router.message(MeetingForm.topic, F.text, ~F.text.startswith("/"))
async def meeting_topic(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    await state.update_data(topic=message.text, plan_topic_id=None)
    await _go(message, ctx, state, MeetingForm.notes)


@router.callback_query(MeetingForm.notes, MeetingStep.filter(F.step == "notes"))
async def meeting_save_without_notes(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    await callback.answer()
    await _save(callback, ctx, state, "")


@router.message(MeetingForm.notes, F.text, ~F.text.startswith("/"))
async def meeting_save(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    await _save(message, ctx, state, message.text)


async def _save(event: CallbackQuery | Message, ctx: Ctx, state: FSMContext, notes: str) -> None:
    data = await state.get_data()
    meeting = await log_meeting(
        ctx.session,
        actor=ctx.actor,
        pair_id=data["pair_id"],
        held_on=date.fromisoformat(data["held_on"]),
        minutes=data["minutes"],
        online=data["online"],
        topic=data["topic"],
        plan_topic_id=data["plan_topic_id"],
        notes=notes,
        now=ctx.now(),
        notice=partial(_confirmation_request, ctx),
    )
    await state.clear()
    if meeting.logged_by_mentee:
        await show(event, ctx.t("meeting-proposed"), _log_button(ctx, meeting.pair_id, back=True))
    else:
        await show(event, ctx.t("meeting-saved"), _entry_keyboard(ctx, meeting))


def _confirmation_request(ctx: Ctx, meeting: Meeting, view: PairView) -> NewDelivery:
    """The other side is asked whether the meeting took place: the mentee about the mentor's entry, the mentor
    about the mentee's proposal."""
    author, other = (view.mentee, view.mentor) if meeting.logged_by_mentee else (view.mentor, view.mentee)
    assert other.tg_id is not None  # the service asks only someone with a chat
    t = ctx.translations.get(other.language)
    builder = InlineKeyboardBuilder()
    builder.button(text=t.plain("meeting-confirm"), callback_data=MeetingAnswer(meeting=meeting.id, confirmed=True))
    builder.button(text=t.plain("meeting-dispute"), callback_data=MeetingAnswer(meeting=meeting.id, confirmed=False))
    key = "meeting-proposal-check" if meeting.logged_by_mentee else "meeting-check"
    text = t(
        key,
        name=author.full_name,
        date=f"{meeting.held_on:%d.%m.%Y}",
        minutes=meeting.minutes,
        topic=meeting.topic,
        notes=short(meeting.notes, 1000) or "—",
    )
    return outgoing(f"meeting-check:{meeting.id}", other.tg_id, text, builder.as_markup())


@router.callback_query(MeetingAnswer.filter())
async def meeting_answer(callback: CallbackQuery, callback_data: MeetingAnswer, ctx: Ctx) -> None:
    meeting = await answer_meeting(
        ctx.session,
        actor=ctx.actor,
        meeting_id=callback_data.meeting,
        confirmed=callback_data.confirmed,
        now=ctx.now(),
        notice=partial(_answer_notice, ctx),
    )
    key = f"meeting-proposal-{meeting.status.value}" if meeting.logged_by_mentee else f"meeting-{meeting.status.value}"
    await callback.answer()
    await show(callback, ctx.t(key), _log_button(ctx, meeting.pair_id))


def _answer_notice(ctx: Ctx, meeting: Meeting, view: PairView) -> NewDelivery:
    """The mentee who proposed an entry learns the mentor's answer, with the way to the log."""
    assert view.mentee.tg_id is not None  # the service tells only someone with a chat
    t = ctx.translations.get(view.mentee.language)
    confirmed = meeting.status == MeetingStatus.CONFIRMED
    text = t(
        "meeting-proposal-answer-confirmed" if confirmed else "meeting-proposal-answer-disputed",
        name=view.mentor.full_name,
        date=f"{meeting.held_on:%d.%m.%Y}",
        topic=meeting.topic,
    )
    builder = InlineKeyboardBuilder()
    builder.button(text=t.plain("meeting-log-open"), callback_data=MeetingLogPage(pair=meeting.pair_id))
    return outgoing(f"meeting-answer:{meeting.id}", view.mentee.tg_id, text, builder.as_markup())


def _log_button(ctx: Ctx, pair_id: int, *, back: bool = False) -> InlineKeyboardMarkup:
    """«📖 Журнал встреч» and the menu (with «‹ Назад» to the overview where the person came from it)."""
    builder = InlineKeyboardBuilder()
    builder.button(text=ctx.t.plain("meeting-log-open"), callback_data=MeetingLogPage(pair=pair_id))
    return with_nav(ctx.t, builder, back=OVERVIEW if back else None)


# --- Corrections within a day: the topic, the notes, or the whole entry.


def _entry_keyboard(ctx: Ctx, meeting: Meeting) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for action in ("topic", "notes", "delete"):
        builder.button(
            text=ctx.t.plain(f"meeting-edit-{action}"), callback_data=MeetingEdit(action=action, meeting=meeting.id)
        )
    builder.adjust(3)
    return with_nav(ctx.t, builder, back=MentorAct(action="mentee", pair=meeting.pair_id))


def _meeting_text(ctx: Ctx, meeting: Meeting) -> str:
    return ctx.t(
        "meeting-card",
        date=f"{meeting.held_on:%d.%m.%Y}",
        minutes=meeting.minutes,
        format=ctx.t.plain("meeting-online" if meeting.online else "meeting-offline"),
        topic=meeting.topic,
        notes=short(meeting.notes, 1500) or "—",
        status=ctx.t.plain(f"meeting-{meeting.status.value}"),
    )


@router.callback_query(MeetingEdit.filter(F.action == "open"))
async def meeting_open(callback: CallbackQuery, callback_data: MeetingEdit, state: FSMContext, ctx: Ctx) -> None:
    meeting = await own_meeting(ctx.session, actor=ctx.actor, meeting_id=callback_data.meeting, now=ctx.now())
    await state.clear()  # «‹ Назад» from a correction lands here
    await callback.answer()
    await show(callback, _meeting_text(ctx, meeting), _entry_keyboard(ctx, meeting))


@router.callback_query(MeetingEdit.filter(F.action.in_({"topic", "notes"})))
async def meeting_edit_begin(callback: CallbackQuery, callback_data: MeetingEdit, state: FSMContext, ctx: Ctx) -> None:
    await own_meeting(ctx.session, actor=ctx.actor, meeting_id=callback_data.meeting, now=ctx.now())
    await state.set_state(MeetingEditForm.text)
    await state.update_data(meeting_id=callback_data.meeting, field=callback_data.action)
    await callback.answer()
    back = MeetingEdit(action="open", meeting=callback_data.meeting)
    await show(callback, ctx.t(f"meeting-ask-{callback_data.action}"), step_keyboard(ctx.t, back=back))


@router.message(MeetingEditForm.text, F.text, ~F.text.startswith("/"))
async def meeting_edit_save(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    data = await state.get_data()
    is_topic = data["field"] == "topic"
    meeting = await edit_meeting(
        ctx.session,
        actor=ctx.actor,
        meeting_id=data["meeting_id"],
        topic=message.text if is_topic else None,
        notes=None if is_topic else message.text,
        now=ctx.now(),
    )
    await state.clear()
    await message.answer(_meeting_text(ctx, meeting), reply_markup=_entry_keyboard(ctx, meeting))


@router.callback_query(MeetingEdit.filter(F.action == "delete"))
async def meeting_delete_ask(callback: CallbackQuery, callback_data: MeetingEdit, ctx: Ctx) -> None:
    meeting = await own_meeting(ctx.session, actor=ctx.actor, meeting_id=callback_data.meeting, now=ctx.now())
    markup = confirm_keyboard(
        ctx.t,
        yes=MeetingEdit(action="delete_yes", meeting=meeting.id),
        no=MeetingEdit(action="open", meeting=meeting.id),
        yes_key="meeting-delete-yes",
    )
    await callback.answer()
    await show(callback, ctx.t("meeting-delete-ask", date=f"{meeting.held_on:%d.%m.%Y}", topic=meeting.topic), markup)


@router.callback_query(MeetingEdit.filter(F.action == "delete_yes"))
async def meeting_delete(callback: CallbackQuery, callback_data: MeetingEdit, ctx: Ctx) -> None:
    pair_id = await delete_meeting(ctx.session, actor=ctx.actor, meeting_id=callback_data.meeting, now=ctx.now())
    await callback.answer()
    await show(callback, ctx.t("meeting-deleted"), with_nav(ctx.t, back=MentorAct(action="mentee", pair=pair_id)))
