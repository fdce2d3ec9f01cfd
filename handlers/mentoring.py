"""/mentor: a mentee reaches their mentor, a mentor their mentees (messages relayed, meetings logged);
coordinators and methodists make pairs."""

from datetime import date, timedelta

from aiogram import F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.context import Ctx
from bot.i18n import Translator
from handlers.keyboards import MenuAction, message_of, short
from handlers.notify import notify
from handlers.people_search import answer_people
from services.errors import Forbidden, InvalidInput
from services.mentoring import (
    PairView,
    answer_meeting,
    create_pair,
    end_pair,
    log_meeting,
    meeting_log,
    pair_for,
    pair_view,
    pairs_of,
    parse_day,
    scope_pairs,
)
from services.mentoring_models import PairKind, PairStatus
from services.route_review import is_reviewer
from services.spreadsheets import write_table

router = Router(name="mentoring")
MINUTES = (30, 45, 60, 90)


class MentorAct(CallbackData, prefix="mt"):
    action: str
    pair: int = 0


class PairStep(CallbackData, prefix="ps"):
    step: str
    value: str


class MeetingStep(CallbackData, prefix="ms"):
    step: str
    value: str


class MeetingAnswer(CallbackData, prefix="ma"):
    meeting: int
    confirmed: bool


class PairForm(StatesGroup):
    mentor = State()
    mentee = State()


class RelayForm(StatesGroup):
    message = State()


class MeetingForm(StatesGroup):
    date = State()
    topic = State()
    notes = State()


@router.message(Command("mentor"))
async def mentor_command(message: Message, state: FSMContext, ctx: Ctx) -> None:
    await state.clear()
    text, markup = await _overview(ctx)
    await message.answer(text, reply_markup=markup)


@router.callback_query(MenuAction.filter(F.item == "mentor"))
async def mentor_button(callback: CallbackQuery, ctx: Ctx) -> None:
    text, markup = await _overview(ctx)
    await callback.answer()
    await message_of(callback).answer(text, reply_markup=markup)


async def _overview(ctx: Ctx) -> tuple[str, InlineKeyboardMarkup]:
    """My mentors and my mentees; for coordinators and methodists, the way to make a pair."""
    t, builder, lines = ctx.t, InlineKeyboardBuilder(), []
    if ctx.actor.person_id is not None:
        for pair in await pairs_of(ctx.session, person_id=ctx.actor.person_id, as_mentor=False):
            lines.append(
                _person_text(t, "mentor-yours", pair.mentor.full_name, pair.mentor.school, pair.mentor.subjects)
            )
            builder.button(text=t.plain("mentor-write-mentor"), callback_data=MentorAct(action="write", pair=pair.id))
        for pair in await pairs_of(ctx.session, person_id=ctx.actor.person_id, as_mentor=True):
            last = f"{pair.last_meeting:%d.%m.%Y}" if pair.last_meeting else "—"
            builder.button(
                text=f"{short(pair.mentee.full_name, 40)} · {last}",
                callback_data=MentorAct(action="mentee", pair=pair.id),
            )
    if is_reviewer(ctx.actor):
        builder.button(text=t.plain("pair-new"), callback_data=MentorAct(action="new"))
        builder.button(text=t.plain("pairs-overview"), callback_data=MentorAct(action="pairs"))
    builder.adjust(1)
    if not lines and not builder.export():
        return t("mentor-none"), builder.as_markup()
    return "\n\n".join([t("mentor-title"), *lines]), builder.as_markup()


def _person_text(t: Translator, key: str, name: str, school: str, subjects: tuple[str, ...]) -> str:
    return t(key, name=name, school=school, subjects=", ".join(subjects) or "—")


@router.callback_query(MentorAct.filter(F.action == "mentee"))
async def mentee_card(callback: CallbackQuery, callback_data: MentorAct, ctx: Ctx) -> None:
    pair, is_mentor = await pair_for(ctx.session, actor=ctx.actor, pair_id=callback_data.pair)
    if not is_mentor:
        raise Forbidden()
    view = await pair_view(ctx.session, pair)
    t = ctx.t
    text = _person_text(t, "mentor-mentee", view.mentee.full_name, view.mentee.school, view.mentee.subjects)
    text += "\n" + t("mentor-last-meeting", date=f"{view.last_meeting:%d.%m.%Y}" if view.last_meeting else "—")
    builder = InlineKeyboardBuilder()
    builder.button(text=t.plain("mentor-write-mentee"), callback_data=MentorAct(action="write", pair=pair.id))
    builder.button(text=t.plain("meeting-log"), callback_data=MentorAct(action="meeting", pair=pair.id))
    builder.adjust(1)
    await callback.answer()
    await message_of(callback).answer(text, reply_markup=builder.as_markup())


# --- Relay: messages between mentor and mentee go through the bot, no personal account is shown.


@router.callback_query(MentorAct.filter(F.action == "write"))
async def relay_begin(callback: CallbackQuery, callback_data: MentorAct, state: FSMContext, ctx: Ctx) -> None:
    await pair_for(ctx.session, actor=ctx.actor, pair_id=callback_data.pair)
    await state.set_state(RelayForm.message)
    await state.update_data(pair_id=callback_data.pair)
    await callback.answer()
    await message_of(callback).answer(ctx.t("relay-ask"))


@router.message(RelayForm.message, ~F.text.startswith("/"))
async def relay_send(message: Message, state: FSMContext, ctx: Ctx) -> None:
    if not (message.text or message.photo or message.document):
        raise InvalidInput("relay-wrong-type")
    pair, is_mentor = await pair_for(ctx.session, actor=ctx.actor, pair_id=(await state.get_data())["pair_id"])
    view = await pair_view(ctx.session, pair)
    sender, receiver = (view.mentor, view.mentee) if is_mentor else (view.mentee, view.mentor)
    await state.clear()
    if receiver.tg_id is None:
        await message.answer(ctx.t("relay-not-joined", name=receiver.full_name))
        return
    t = ctx.translations.get(receiver.language)
    builder = InlineKeyboardBuilder()
    builder.button(text=t.plain("relay-reply"), callback_data=MentorAct(action="write", pair=pair.id))
    key = "relay-from-mentor" if is_mentor else "relay-from-mentee"
    try:
        await ctx.bot.send_message(receiver.tg_id, t(key, name=sender.full_name))
        await ctx.bot.copy_message(
            receiver.tg_id, message.chat.id, message.message_id, reply_markup=builder.as_markup()
        )
    except TelegramAPIError:
        await message.answer(ctx.t("relay-failed", name=receiver.full_name))
        return
    await message.answer(ctx.t("relay-sent", name=receiver.full_name))


# --- Making a pair: find the mentor, find the mentee, choose the kind.


@router.callback_query(MentorAct.filter(F.action == "new"))
async def pair_begin(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    if not is_reviewer(ctx.actor):
        raise Forbidden()
    await state.set_state(PairForm.mentor)
    await callback.answer()
    await message_of(callback).answer(ctx.t("pair-ask-mentor"))


@router.message(PairForm.mentor, F.text, ~F.text.startswith("/"))
@router.message(PairForm.mentee, F.text, ~F.text.startswith("/"))
async def pair_search(message: Message, state: FSMContext, ctx: Ctx) -> None:
    step = "mentor" if await state.get_state() == PairForm.mentor.state else "mentee"
    await answer_people(message, ctx, lambda person_id: PairStep(step=step, value=str(person_id)))


@router.callback_query(PairStep.filter(F.step == "mentor"))
async def pair_mentor_chosen(callback: CallbackQuery, callback_data: PairStep, state: FSMContext, ctx: Ctx) -> None:
    await state.update_data(mentor_id=int(callback_data.value) if callback_data.value.isdigit() else 0)
    await state.set_state(PairForm.mentee)
    await callback.answer()
    await message_of(callback).edit_text(ctx.t("pair-ask-mentee"))


@router.callback_query(PairStep.filter(F.step == "mentee"))
async def pair_mentee_chosen(callback: CallbackQuery, callback_data: PairStep, state: FSMContext, ctx: Ctx) -> None:
    await state.update_data(mentee_id=int(callback_data.value) if callback_data.value.isdigit() else 0)
    builder = InlineKeyboardBuilder()
    for kind in PairKind:
        builder.button(
            text=ctx.t.plain(f"pair-kind-{kind.value}"), callback_data=PairStep(step="kind", value=kind.value)
        )
    builder.adjust(1)
    await callback.answer()
    await message_of(callback).edit_text(ctx.t("pair-ask-kind"), reply_markup=builder.as_markup())


@router.callback_query(PairStep.filter(F.step == "kind"))
async def pair_create(callback: CallbackQuery, callback_data: PairStep, state: FSMContext, ctx: Ctx) -> None:
    data = await state.get_data()
    if callback_data.value not in PairKind._value2member_map_ or "mentee_id" not in data:
        await callback.answer(ctx.t.plain("stale-button"), show_alert=True)
        return
    created = await create_pair(
        ctx.session,
        actor=ctx.actor,
        mentor_id=data["mentor_id"],
        mentee_id=data["mentee_id"],
        kind=PairKind(callback_data.value),
        now=ctx.now(),
        mentor_limit=ctx.settings.mentor_limit,
    )
    await state.clear()
    await callback.answer()
    pair = created.view
    text = ctx.t("pair-created", mentor=pair.mentor.full_name, mentee=pair.mentee.full_name)
    if created.warning:
        text += "\n" + ctx.t(created.warning)
    await message_of(callback).edit_text(text)
    await _announce(ctx, pair)


async def _announce(ctx: Ctx, pair: PairView) -> None:
    for card, key in ((pair.mentor, "pair-told-mentor"), (pair.mentee, "pair-told-mentee")):
        t = ctx.translations.get(card.language)
        other = pair.mentee if card is pair.mentor else pair.mentor
        builder = InlineKeyboardBuilder()
        builder.button(text=t.plain("menu-mentor"), callback_data=MenuAction(item="mentor"))
        await notify(ctx.bot, card.tg_id, t(key, name=other.full_name, school=other.school), builder.as_markup())


# --- Meeting log: date, duration, format, topic, notes; the mentee confirms or disputes.


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
    days = int(callback_data.value) if callback_data.value.isdigit() else 0
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
    await state.update_data(minutes=int(callback_data.value) if callback_data.value.isdigit() else 0)
    builder = InlineKeyboardBuilder()
    for value in ("offline", "online"):
        builder.button(text=ctx.t.plain(f"meeting-{value}"), callback_data=MeetingStep(step="format", value=value))
    await callback.answer()
    await message_of(callback).edit_text(ctx.t("meeting-ask-format"), reply_markup=builder.as_markup())


@router.callback_query(MeetingForm.date, MeetingStep.filter(F.step == "format"))
async def meeting_format(callback: CallbackQuery, callback_data: MeetingStep, state: FSMContext, ctx: Ctx) -> None:
    await state.update_data(online=callback_data.value == "online")
    await state.set_state(MeetingForm.topic)
    await callback.answer()
    await message_of(callback).edit_text(ctx.t("meeting-ask-topic"))


@router.message(MeetingForm.topic, F.text, ~F.text.startswith("/"))
async def meeting_topic(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    await state.update_data(topic=message.text)
    await state.set_state(MeetingForm.notes)
    await message.answer(ctx.t("meeting-ask-notes"))


@router.message(MeetingForm.notes, F.text, ~F.text.startswith("/"))
async def meeting_save(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    data = await state.get_data()
    meeting_id = await log_meeting(
        ctx.session,
        actor=ctx.actor,
        pair_id=data["pair_id"],
        held_on=date.fromisoformat(data["held_on"]),
        minutes=data["minutes"],
        online=data["online"],
        topic=data["topic"],
        notes="" if message.text.strip() == "-" else message.text,
        now=ctx.now(),
    )
    await state.clear()
    await message.answer(ctx.t("meeting-saved"))
    pair, _is_mentor = await pair_for(ctx.session, actor=ctx.actor, pair_id=data["pair_id"])
    view = await pair_view(ctx.session, pair)
    t = ctx.translations.get(view.mentee.language)
    builder = InlineKeyboardBuilder()
    builder.button(text=t.plain("meeting-confirm"), callback_data=MeetingAnswer(meeting=meeting_id, confirmed=True))
    builder.button(text=t.plain("meeting-dispute"), callback_data=MeetingAnswer(meeting=meeting_id, confirmed=False))
    text = t(
        "meeting-check",
        name=view.mentor.full_name,
        date=date.fromisoformat(data["held_on"]).strftime("%d.%m.%Y"),
        topic=short(" ".join(data["topic"].split()), 300),
    )
    await notify(ctx.bot, view.mentee.tg_id, text, builder.as_markup())


@router.callback_query(MeetingAnswer.filter())
async def meeting_answer(callback: CallbackQuery, callback_data: MeetingAnswer, ctx: Ctx) -> None:
    status = await answer_meeting(
        ctx.session, actor=ctx.actor, meeting_id=callback_data.meeting, confirmed=callback_data.confirmed
    )
    await callback.answer()
    await message_of(callback).edit_text(ctx.t(f"meeting-{status.value}"))


# --- Overview for coordinators and methodists: pairs of their scope, those without meetings, exports.

SILENT_AFTER = timedelta(days=30)


@router.callback_query(MentorAct.filter(F.action == "pairs"))
async def scope_overview(callback: CallbackQuery, ctx: Ctx) -> None:
    rows = await scope_pairs(ctx.session, actor=ctx.actor)
    active = [row for row in rows if row.status == PairStatus.ACTIVE]
    today = ctx.now().date()
    silent = [row for row in active if (row.last_meeting or row.started_on) < today - SILENT_AFTER]
    t = ctx.t
    lines = [t("pairs-title", active=len(active), meetings=sum(row.meetings for row in active), silent=len(silent))]
    lines += [t("pairs-silent-line", mentor=short(row.mentor, 40), mentee=short(row.mentee, 40)) for row in silent[:20]]
    builder = InlineKeyboardBuilder()
    for row in active[:30]:
        builder.button(
            text=f"{short(row.mentor, 25)} → {short(row.mentee, 25)}",
            callback_data=MentorAct(action="manage", pair=row.id),
        )
    builder.button(text=t.plain("pairs-export"), callback_data=MentorAct(action="export"))
    builder.adjust(1)
    await callback.answer()
    await message_of(callback).answer("\n".join(lines), reply_markup=builder.as_markup())


@router.callback_query(MentorAct.filter(F.action == "export"))
async def scope_export(callback: CallbackQuery, ctx: Ctx) -> None:
    """Two spreadsheets: the pairs with their meeting counts, and the meeting log."""
    t = ctx.t
    pairs = await scope_pairs(ctx.session, actor=ctx.actor)
    header = [t.plain(f"pairs-col-{n}") for n in range(8)]
    pair_rows = [
        (
            row.school,
            row.mentor,
            row.mentee,
            t.plain(f"pair-kind-{row.kind.value}"),
            t.plain(f"pair-status-{row.status.value}"),
            f"{row.started_on:%d.%m.%Y}",
            row.meetings,
            f"{row.last_meeting:%d.%m.%Y}" if row.last_meeting else "",
        )
        for row in pairs
    ]
    meetings = await meeting_log(ctx.session, actor=ctx.actor)
    log_header = [t.plain(f"meetings-col-{n}") for n in range(9)]
    log_rows = [
        (
            row.school,
            row.mentor,
            row.mentee,
            f"{row.held_on:%d.%m.%Y}",
            row.minutes,
            t.plain("meeting-online" if row.online else "meeting-offline"),
            row.topic,
            row.notes,
            t.plain(f"meeting-{row.status.value}"),
        )
        for row in meetings
    ]
    await callback.answer()
    message = message_of(callback)
    await message.answer_document(
        BufferedInputFile(write_table(t.plain("pairs-sheet"), header, pair_rows), filename="mentoring-pairs.xlsx")
    )
    await message.answer_document(
        BufferedInputFile(
            write_table(t.plain("meetings-sheet"), log_header, log_rows), filename="mentoring-meetings.xlsx"
        )
    )


class EndForm(StatesGroup):
    reason = State()


@router.callback_query(MentorAct.filter(F.action == "manage"))
async def pair_manage(callback: CallbackQuery, callback_data: MentorAct, ctx: Ctx) -> None:
    """A manager's card of a pair: complete it or dissolve it (a reason is asked next)."""
    if not is_reviewer(ctx.actor):
        raise Forbidden()
    builder = InlineKeyboardBuilder()
    for action in ("complete", "dissolve"):
        builder.button(
            text=ctx.t.plain(f"pair-{action}"), callback_data=MentorAct(action=action, pair=callback_data.pair)
        )
    builder.adjust(2)
    await callback.answer()
    await message_of(callback).answer(ctx.t("pair-manage"), reply_markup=builder.as_markup())


@router.callback_query(MentorAct.filter(F.action.in_({"complete", "dissolve"})))
async def pair_end_begin(callback: CallbackQuery, callback_data: MentorAct, state: FSMContext, ctx: Ctx) -> None:
    if not is_reviewer(ctx.actor):
        raise Forbidden()
    await state.set_state(EndForm.reason)
    await state.update_data(pair_id=callback_data.pair, completed=callback_data.action == "complete")
    await callback.answer()
    await message_of(callback).answer(ctx.t("pair-ask-reason"))


@router.message(EndForm.reason, F.text, ~F.text.startswith("/"))
async def pair_end(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    data = await state.get_data()
    pair = await end_pair(
        ctx.session,
        actor=ctx.actor,
        pair_id=data["pair_id"],
        completed=data["completed"],
        reason=message.text,
        now=ctx.now(),
    )
    await state.clear()
    status = ctx.t.plain(f"pair-status-{pair.status.value}")
    await message.answer(ctx.t("pair-ended", mentor=pair.mentor.full_name, mentee=pair.mentee.full_name, status=status))
    for card in (pair.mentor, pair.mentee):
        t = ctx.translations.get(card.language)
        text = t(
            "pair-ended-notice",
            mentor=pair.mentor.full_name,
            mentee=pair.mentee.full_name,
            status=t.plain(f"pair-status-{pair.status.value}"),
        )
        await notify(ctx.bot, card.tg_id, text)
