"""The meeting log in the bot: the mentor records a meeting in a few taps (a plan topic is one tap), the
mentee confirms or disputes it, and the mentor corrects or deletes an entry within a day."""

from datetime import date, timedelta
from functools import partial

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.context import Ctx
from handlers.common.keyboards import message_of, short
from handlers.common.notify import outgoing
from handlers.mentoring.callbacks import MeetingAnswer, MeetingEdit, MeetingStep, MentorAct
from services.errors import Forbidden
from services.mentoring.meetings import (
    answer_meeting,
    delete_meeting,
    edit_meeting,
    log_meeting,
    own_meeting,
    parse_day,
)
from services.mentoring.pairs import PairView, pair_for
from services.mentoring.plan import plan_of
from services.models.mentoring import Meeting
from services.numbers import parse_id, parse_whole
from services.outbox import NewDelivery

router = Router(name="mentoring_meetings")
MINUTES = (30, 45, 60, 90)
TOPIC_BUTTONS = 6


class MeetingForm(StatesGroup):
    date = State()
    topic = State()
    notes = State()


class MeetingEditForm(StatesGroup):
    text = State()


@router.callback_query(MentorAct.filter(F.action == "meeting"))
async def meeting_begin(callback: CallbackQuery, callback_data: MentorAct, state: FSMContext, ctx: Ctx) -> None:
    _pair, is_mentor = await pair_for(ctx.session, actor=ctx.actor, pair_id=callback_data.pair)
    if not is_mentor:
        raise Forbidden()
    await state.set_state(MeetingForm.date)
    await state.update_data(pair_id=callback_data.pair)
    builder = InlineKeyboardBuilder()
    for label, days in (("meeting-today", 0), ("meeting-yesterday", 1)):
        builder.button(text=ctx.t.plain(label), callback_data=MeetingStep(step="date", value=str(days)))
    await callback.answer()
    await message_of(callback).answer(ctx.t("meeting-ask-date"), reply_markup=builder.as_markup())


@router.callback_query(MeetingForm.date, MeetingStep.filter(F.step == "date"))
async def meeting_date_button(callback: CallbackQuery, callback_data: MeetingStep, state: FSMContext, ctx: Ctx) -> None:
    days = parse_whole(callback_data.value, low=0, high=1) or 0  # today or yesterday
    await state.update_data(held_on=(ctx.now().date() - timedelta(days=days)).isoformat())
    await callback.answer()
    await message_of(callback).edit_text(ctx.t("meeting-ask-minutes"), reply_markup=_minutes_keyboard())


@router.message(MeetingForm.date, F.text, ~F.text.startswith("/"))
async def meeting_date_typed(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    await state.update_data(held_on=parse_day(message.text).isoformat())
    await message.answer(ctx.t("meeting-ask-minutes"), reply_markup=_minutes_keyboard())


def _minutes_keyboard() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for minutes in MINUTES:
        builder.button(text=str(minutes), callback_data=MeetingStep(step="minutes", value=str(minutes)))
    builder.adjust(4)
    return builder.as_markup()


@router.callback_query(MeetingForm.date, MeetingStep.filter(F.step == "minutes"))
async def meeting_minutes(callback: CallbackQuery, callback_data: MeetingStep, state: FSMContext, ctx: Ctx) -> None:
    await state.update_data(minutes=parse_whole(callback_data.value, low=min(MINUTES), high=max(MINUTES)) or 0)
    builder = InlineKeyboardBuilder()
    for value in ("offline", "online"):
        builder.button(text=ctx.t.plain(f"meeting-{value}"), callback_data=MeetingStep(step="format", value=value))
    await callback.answer()
    await message_of(callback).edit_text(ctx.t("meeting-ask-format"), reply_markup=builder.as_markup())


@router.callback_query(MeetingForm.date, MeetingStep.filter(F.step == "format"))
async def meeting_format(callback: CallbackQuery, callback_data: MeetingStep, state: FSMContext, ctx: Ctx) -> None:
    await state.update_data(online=callback_data.value == "online")
    await state.set_state(MeetingForm.topic)
    _pair, _is_mentor, plan = await plan_of(ctx.session, actor=ctx.actor, pair_id=(await state.get_data())["pair_id"])
    builder = InlineKeyboardBuilder()
    month = ctx.now().date().replace(day=1)
    # Topics not yet covered, this month's and overdue ones first.
    for line in sorted((line for line in plan if not line.covered), key=lambda line: line.month > month)[
        :TOPIC_BUTTONS
    ]:
        builder.button(text=short(line.topic, 60), callback_data=MeetingStep(step="topic", value=str(line.id)))
    builder.adjust(1)
    key = "meeting-ask-topic-plan" if builder.export() else "meeting-ask-topic"
    await callback.answer()
    await message_of(callback).edit_text(ctx.t(key), reply_markup=builder.as_markup())


@router.callback_query(MeetingForm.topic, MeetingStep.filter(F.step == "topic"))
async def meeting_plan_topic(callback: CallbackQuery, callback_data: MeetingStep, state: FSMContext, ctx: Ctx) -> None:
    await state.update_data(plan_topic_id=parse_id(callback_data.value) or 0, topic="")
    await state.set_state(MeetingForm.notes)
    await callback.answer()
    await message_of(callback).edit_text(ctx.t("meeting-ask-notes"))


@router.message(MeetingForm.topic, F.text, ~F.text.startswith("/"))
async def meeting_topic(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    await state.update_data(topic=message.text, plan_topic_id=None)
    await state.set_state(MeetingForm.notes)
    await message.answer(ctx.t("meeting-ask-notes"))


@router.message(MeetingForm.notes, F.text, ~F.text.startswith("/"))
async def meeting_save(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
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
        notes=message.text,
        now=ctx.now(),
        notice=partial(_confirmation_request, ctx),
    )
    await state.clear()
    await message.answer(ctx.t("meeting-saved"), reply_markup=_correction_keyboard(ctx, meeting.id))


def _confirmation_request(ctx: Ctx, meeting: Meeting, view: PairView) -> NewDelivery:
    """The mentee is asked whether the logged meeting happened."""
    assert view.mentee.tg_id is not None  # the service asks only a mentee with a chat
    t = ctx.translations.get(view.mentee.language)
    builder = InlineKeyboardBuilder()
    builder.button(text=t.plain("meeting-confirm"), callback_data=MeetingAnswer(meeting=meeting.id, confirmed=True))
    builder.button(text=t.plain("meeting-dispute"), callback_data=MeetingAnswer(meeting=meeting.id, confirmed=False))
    text = t("meeting-check", name=view.mentor.full_name, date=f"{meeting.held_on:%d.%m.%Y}", topic=meeting.topic)
    return outgoing(f"meeting-check:{meeting.id}", view.mentee.tg_id, text, builder.as_markup())


@router.callback_query(MeetingAnswer.filter())
async def meeting_answer(callback: CallbackQuery, callback_data: MeetingAnswer, ctx: Ctx) -> None:
    status = await answer_meeting(
        ctx.session, actor=ctx.actor, meeting_id=callback_data.meeting, confirmed=callback_data.confirmed
    )
    await callback.answer()
    await message_of(callback).edit_text(ctx.t(f"meeting-{status.value}"))


# --- Overview for coordinators and methodists: pairs of their scope, those without meetings, exports.

SILENT_AFTER = timedelta(days=30)


# --- Corrections within a day: the topic, the notes, or the whole entry.


def _correction_keyboard(ctx: Ctx, meeting_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for action in ("topic", "notes", "delete"):
        builder.button(
            text=ctx.t.plain(f"meeting-edit-{action}"), callback_data=MeetingEdit(action=action, meeting=meeting_id)
        )
    builder.adjust(3)
    return builder.as_markup()


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
async def meeting_open(callback: CallbackQuery, callback_data: MeetingEdit, ctx: Ctx) -> None:
    meeting = await own_meeting(ctx.session, actor=ctx.actor, meeting_id=callback_data.meeting, now=ctx.now())
    await callback.answer()
    await message_of(callback).answer(_meeting_text(ctx, meeting), reply_markup=_correction_keyboard(ctx, meeting.id))


@router.callback_query(MeetingEdit.filter(F.action.in_({"topic", "notes"})))
async def meeting_edit_begin(callback: CallbackQuery, callback_data: MeetingEdit, state: FSMContext, ctx: Ctx) -> None:
    await own_meeting(ctx.session, actor=ctx.actor, meeting_id=callback_data.meeting, now=ctx.now())
    await state.set_state(MeetingEditForm.text)
    await state.update_data(meeting_id=callback_data.meeting, field=callback_data.action)
    await callback.answer()
    await message_of(callback).answer(ctx.t(f"meeting-ask-{callback_data.action}"))


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
    await message.answer(_meeting_text(ctx, meeting), reply_markup=_correction_keyboard(ctx, meeting.id))


@router.callback_query(MeetingEdit.filter(F.action == "delete"))
async def meeting_delete_ask(callback: CallbackQuery, callback_data: MeetingEdit, ctx: Ctx) -> None:
    meeting = await own_meeting(ctx.session, actor=ctx.actor, meeting_id=callback_data.meeting, now=ctx.now())
    builder = InlineKeyboardBuilder()
    builder.button(
        text=ctx.t.plain("meeting-delete-yes"), callback_data=MeetingEdit(action="delete_yes", meeting=meeting.id)
    )
    await callback.answer()
    await message_of(callback).answer(
        ctx.t("meeting-delete-ask", date=f"{meeting.held_on:%d.%m.%Y}", topic=meeting.topic),
        reply_markup=builder.as_markup(),
    )


@router.callback_query(MeetingEdit.filter(F.action == "delete_yes"))
async def meeting_delete(callback: CallbackQuery, callback_data: MeetingEdit, ctx: Ctx) -> None:
    await delete_meeting(ctx.session, actor=ctx.actor, meeting_id=callback_data.meeting, now=ctx.now())
    await callback.answer()
    await message_of(callback).edit_text(ctx.t("meeting-deleted"))
