"""/mentor: a mentee reaches their mentor, a mentor their mentees (messages relayed, the result written);
the way in to pairs, meetings and plans, which live in their own routers."""

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.context import Ctx
from handlers.common.i18n import Translator
from handlers.common.keyboards import MenuAction, message_of, short
from handlers.common.notify import SEND_FAILURES, outgoing
from handlers.mentoring.callbacks import MeetingEdit, MentorAct
from services.errors import Forbidden, InvalidInput
from services.mentoring.meetings import recent_meetings
from services.mentoring.pairs import RESULT_OPENS, PairView, PersonCard, pair_for, pair_view, pairs_of, record_result
from services.outbox import NewDelivery
from services.routes.review import is_reviewer

router = Router(name="mentoring")


class RelayForm(StatesGroup):
    message = State()


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
            builder.button(text=t.plain("plan-open"), callback_data=MentorAct(action="plan", pair=pair.id))
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
    """The mentor's card of a mentee: write, log a meeting, the plan, recent entries, the result."""
    pair, is_mentor = await pair_for(ctx.session, actor=ctx.actor, pair_id=callback_data.pair)
    if not is_mentor:
        raise Forbidden()
    view = await pair_view(ctx.session, pair)
    t, today = ctx.t, ctx.now().date()
    lines = [
        _person_text(t, "mentor-mentee", view.mentee.full_name, view.mentee.school, view.mentee.subjects),
        t("mentor-last-meeting", date=f"{view.last_meeting:%d.%m.%Y}" if view.last_meeting else "—"),
        t("mentor-planned-end", date=f"{pair.planned_end:%d.%m.%Y}"),
    ]
    if pair.result:
        lines.append(t("pair-result-line", result=short(pair.result, 500)))
    builder = InlineKeyboardBuilder()
    for action in ("write", "meeting", "plan"):
        builder.button(text=t.plain(f"mentor-card-{action}"), callback_data=MentorAct(action=action, pair=pair.id))
    for meeting in await recent_meetings(ctx.session, actor=ctx.actor, pair_id=pair.id, now=ctx.now()):
        builder.button(
            text=t.plain("meeting-correct", date=f"{meeting.held_on:%d.%m}", topic=short(meeting.topic, 30)),
            callback_data=MeetingEdit(action="open", meeting=meeting.id),
        )
    if today >= pair.planned_end - RESULT_OPENS:
        builder.button(text=t.plain("pair-result-write"), callback_data=MentorAct(action="result", pair=pair.id))
    builder.adjust(1)
    await callback.answer()
    await message_of(callback).answer("\n".join(lines), reply_markup=builder.as_markup())


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
    except SEND_FAILURES:
        await message.answer(ctx.t("relay-failed", name=receiver.full_name))
        return
    await message.answer(ctx.t("relay-sent", name=receiver.full_name))


# --- The mentor's result for the mentee at the end of the planned period.


class ResultForm(StatesGroup):
    text = State()


@router.callback_query(MentorAct.filter(F.action == "result"))
async def result_begin(callback: CallbackQuery, callback_data: MentorAct, state: FSMContext, ctx: Ctx) -> None:
    _pair, is_mentor = await pair_for(ctx.session, actor=ctx.actor, pair_id=callback_data.pair)
    if not is_mentor:
        raise Forbidden()
    await state.set_state(ResultForm.text)
    await state.update_data(pair_id=callback_data.pair)
    await callback.answer()
    await message_of(callback).answer(ctx.t("pair-result-ask"))


@router.message(ResultForm.text, F.text, ~F.text.startswith("/"))
async def result_save(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    result = message.text

    def notice(pair: PairView, mentee: PersonCard) -> NewDelivery:
        assert mentee.tg_id is not None  # the service tells only those with a chat
        text = ctx.translations.get(mentee.language)("pair-result-notice", name=pair.mentor.full_name, result=result)
        return outgoing(f"pair-result:{pair.id}:{ctx.now():%Y%m%d%H%M%S%f}", mentee.tg_id, text)

    pair = await record_result(
        ctx.session,
        actor=ctx.actor,
        pair_id=(await state.get_data())["pair_id"],
        text=result,
        now=ctx.now(),
        notice=notice,
    )
    await state.clear()
    await message.answer(ctx.t("pair-result-saved", name=pair.mentee.full_name))
