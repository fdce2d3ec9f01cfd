"""/mentor: a mentee reaches their mentor, a mentor their mentees (messages relayed, the result written);
the way in to pairs, meetings and plans, which live in their own routers. A person in a pair can also just
write: the text goes to the other side after one tap."""

from dataclasses import replace
from functools import partial
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.context import Ctx
from handlers.common.i18n import Translator
from handlers.common.keyboards import MenuAction, message_of, short
from handlers.common.navigation import show, step_keyboard, with_nav
from handlers.common.notify import outgoing
from handlers.mentoring.callbacks import MeetingEdit, MentorAct, RelayTo
from services.errors import Forbidden, InvalidInput
from services.mentoring.meetings import recent_meetings
from services.mentoring.pairs import RESULT_OPENS, PairView, PersonCard, pair_for, pair_view, pairs_of, record_result
from services.mentoring.relay import MAX_RELAYED, pairs_with, relay_text
from services.models.people import Role
from services.outbox import NewDelivery
from services.routes.review import is_reviewer

router = Router(name="mentoring")
OVERVIEW = MenuAction(item="mentor")  # the parent of every mentoring screen


class RelayForm(StatesGroup):
    message = State()


@router.message(Command("mentor"))
async def mentor_command(message: Message, state: FSMContext, ctx: Ctx) -> None:
    await state.clear()
    text, markup = await _overview(ctx)
    await show(message, text, markup)


@router.callback_query(MenuAction.filter(F.item == "mentor"))
async def mentor_button(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    await state.clear()  # «‹ Назад» from a step (the result, a message) lands here too
    text, markup = await _overview(ctx)
    await callback.answer()
    await show(callback, text, markup)


async def _overview(ctx: Ctx) -> tuple[str, InlineKeyboardMarkup]:
    """My mentors and my mentees; for coordinators and methodists, the way to make a pair; for a mentor with
    no pairs yet, what happens next."""
    t, builder, lines = ctx.t, InlineKeyboardBuilder(), []
    mentors = mentees = []
    if ctx.actor.person_id is not None:
        mentors = await pairs_of(ctx.session, person_id=ctx.actor.person_id, as_mentor=False)
        mentees = await pairs_of(ctx.session, person_id=ctx.actor.person_id, as_mentor=True)
    for pair in mentors:
        lines.append(_person_text(t, "mentor-yours", pair.mentor.full_name, pair.mentor.school, pair.mentor.subjects))
        whose = f" · {short(pair.mentor.full_name, 20)}" if len(mentors) > 1 else ""
        for action, key in (("write", "mentor-write-mentor"), ("log", "meeting-log-open")):
            builder.button(text=t.plain(key) + whose, callback_data=MentorAct(action=action, pair=pair.id))
        for action, key in (("meeting", "meeting-propose"), ("plan", "plan-open")):
            builder.button(text=t.plain(key) + whose, callback_data=MentorAct(action=action, pair=pair.id))
    for pair in mentees:
        last = f"{pair.last_meeting:%d.%m.%Y}" if pair.last_meeting else "—"
        builder.button(
            text=f"{short(pair.mentee.full_name, 40)} · {last}", callback_data=MentorAct(action="mentee", pair=pair.id)
        )
    if is_reviewer(ctx.actor):
        builder.button(text=t.plain("pair-new"), callback_data=MentorAct(action="new"))
        builder.button(text=t.plain("pairs-overview"), callback_data=MentorAct(action="pairs"))
    builder.adjust(1)
    if mentors or mentees:
        lines.append(t("mentor-just-write"))
    elif ctx.actor.has(Role.MENTOR):
        lines.append(t("mentor-waiting"))
        if ctx.actor.person_id is None:  # pairs are made of roster people: the way to find oneself in it
            lines.append(t("mentor-not-in-roster"))
            builder.button(text=t.plain("self-link-start"), callback_data=MenuAction(item="find_me"))
    elif not builder.export():
        return t("mentor-none"), with_nav(t)
    return "\n\n".join([t("mentor-title"), *lines]), with_nav(t, builder)


def _person_text(t: Translator, key: str, name: str, school: str, subjects: tuple[str, ...]) -> str:
    return t(key, name=name, school=school, subjects=", ".join(subjects) or "—")


@router.callback_query(MentorAct.filter(F.action == "mentee"))
async def mentee_card(callback: CallbackQuery, callback_data: MentorAct, state: FSMContext, ctx: Ctx) -> None:
    """The mentor's card of a mentee: write, log a meeting, the log, the plan, recent entries, the result."""
    pair, is_mentor = await pair_for(ctx.session, actor=ctx.actor, pair_id=callback_data.pair)
    if not is_mentor:
        raise Forbidden()
    await state.clear()  # «‹ Назад» from a step of the mentor's forms lands here
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
    for action, key in (
        ("write", "mentor-card-write"),
        ("meeting", "mentor-card-meeting"),
        ("log", "meeting-log-open"),
        ("plan", "mentor-card-plan"),
    ):
        builder.button(text=t.plain(key), callback_data=MentorAct(action=action, pair=pair.id))
    for meeting in await recent_meetings(ctx.session, actor=ctx.actor, pair_id=pair.id, now=ctx.now()):
        builder.button(
            text=t.plain("meeting-correct", date=f"{meeting.held_on:%d.%m}", topic=short(meeting.topic, 30)),
            callback_data=MeetingEdit(action="open", meeting=meeting.id),
        )
    if today >= pair.planned_end - RESULT_OPENS:
        builder.button(text=t.plain("pair-result-write"), callback_data=MentorAct(action="result", pair=pair.id))
    builder.adjust(1)
    await callback.answer()
    await show(callback, "\n".join(lines), with_nav(t, builder, back=OVERVIEW))


def pair_parent(pair_id: int, is_mentor: bool) -> MentorAct | MenuAction:
    """Where «‹ Назад» leads from a pair's screen: the mentor's card of the mentee, or the mentee's overview."""
    return MentorAct(action="mentee", pair=pair_id) if is_mentor else OVERVIEW


# --- Relay: messages between mentor and mentee go through the bot, no personal account is shown.


@router.callback_query(MentorAct.filter(F.action.in_({"write", "reply"})))
async def relay_begin(callback: CallbackQuery, callback_data: MentorAct, state: FSMContext, ctx: Ctx) -> None:
    """«✉️ Написать» on a screen (asked in place) or «↩️ Ответить» under a received message (asked below it, so
    the message stays)."""
    await pair_for(ctx.session, actor=ctx.actor, pair_id=callback_data.pair)
    await state.set_state(RelayForm.message)
    await state.update_data(pair_id=callback_data.pair)
    await callback.answer()
    if callback_data.action == "reply":
        await message_of(callback).answer(ctx.t("relay-ask"), reply_markup=step_keyboard(ctx.t))
    else:
        await show(callback, ctx.t("relay-ask"), step_keyboard(ctx.t))


@router.message(RelayForm.message, ~F.text.startswith("/"))
async def relay_send(message: Message, state: FSMContext, ctx: Ctx) -> None:
    """A text, a photo or a document written in the form goes to the other side through the outbox (a file with
    its caption), under the line naming the sender."""
    media: tuple[str, str] | None = None
    if message.photo:
        media = ("photo", message.photo[-1].file_id)
    elif message.document:
        media = ("document", message.document.file_id)
    elif not message.text:
        raise InvalidInput("relay-wrong-type")
    text = message.text or message.caption or ""
    pair_id = (await state.get_data())["pair_id"]
    _pair, is_mentor = await pair_for(ctx.session, actor=ctx.actor, pair_id=pair_id)
    back = with_nav(ctx.t, back=pair_parent(pair_id, is_mentor))
    try:
        receiver = await relay_text(
            ctx.session,
            actor=ctx.actor,
            pair_id=pair_id,
            text=text,
            now=ctx.now(),
            notice=partial(_relayed, ctx, text.strip(), message.message_id, media),
            with_file=media is not None,
        )
    except InvalidInput as refusal:
        if refusal.key != "relay-not-joined":
            raise  # too long: the form stays open for a shorter one
        await state.clear()
        await message.answer(ctx.t(refusal.key, **refusal.params), reply_markup=back)
        return
    await state.clear()
    await message.answer(ctx.t("relay-sent", name=receiver.full_name), reply_markup=back)


def _reply_keyboard(t: Translator, pair_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t.plain("relay-reply"), callback_data=MentorAct(action="reply", pair=pair_id))
    return builder.as_markup()


async def _people_to_write(message: Message, ctx: Ctx) -> dict[str, Any] | bool:
    """The filter of plain text: only people in a pair have someone to write to (others get «Не понял»)."""
    if ctx.actor.person_id is None:
        return False
    pairs = await pairs_with(ctx.session, person_id=ctx.actor.person_id)
    return {"pairs": pairs} if pairs else False


@router.message(StateFilter(None), F.text, ~F.text.startswith("/"), _people_to_write)
async def relay_draft(message: Message, state: FSMContext, ctx: Ctx, pairs: list[tuple[PairView, bool]]) -> None:
    """Text typed outside any form by someone in a pair: one tap sends it to the other side (with several pairs,
    the tap says to whom). Nothing is sent before the tap; a new text replaces the draft."""
    assert message.text is not None
    t = ctx.t
    if len(message.text.strip()) > MAX_RELAYED:
        raise InvalidInput("relay-too-long", limit=MAX_RELAYED)
    await state.update_data(relay_text=message.text, relay_draft=message.message_id)
    builder = InlineKeyboardBuilder()
    for pair, is_mentor in pairs:
        other = pair.mentee if is_mentor else pair.mentor
        key = "relay-send-mentee" if is_mentor else "relay-send-mentor"
        builder.button(
            text=t.plain(key, name=short(other.full_name, 40)),
            callback_data=RelayTo(pair=pair.id, draft=message.message_id),
        )
    builder.adjust(1)
    question = "relay-confirm" if len(pairs) == 1 else "relay-choose"
    await message.answer(t(question), reply_markup=step_keyboard(t, builder))


@router.callback_query(RelayTo.filter())
async def relay_draft_send(callback: CallbackQuery, callback_data: RelayTo, state: FSMContext, ctx: Ctx) -> None:
    data = await state.get_data()
    if data.get("relay_draft") != callback_data.draft or not data.get("relay_text"):
        raise InvalidInput("relay-draft-gone")
    text = data["relay_text"]
    receiver = await relay_text(
        ctx.session,
        actor=ctx.actor,
        pair_id=callback_data.pair,
        text=text,
        now=ctx.now(),
        notice=partial(_relayed, ctx, text.strip(), callback_data.draft, None),
    )
    await state.set_data({})
    await callback.answer()
    await show(callback, ctx.t("relay-sent", name=receiver.full_name), with_nav(ctx.t, back=OVERVIEW))


def _relayed(
    ctx: Ctx,
    text: str,
    message_id: int,
    media: tuple[str, str] | None,
    pair: PairView,
    sender: PersonCard,
    receiver: PersonCard,
) -> NewDelivery:
    """The message as the other side gets it: who wrote it, the text (escaped) or the file with its caption,
    «↩️ Ответить»."""
    assert receiver.tg_id is not None  # the service relays only to someone with a chat
    t = ctx.translations.get(receiver.language)
    side = "mentor" if sender.person_id == pair.mentor.person_id else "mentee"
    if text:
        body = t(f"relay-text-from-{side}", name=sender.full_name, text=text)
    else:
        body = t(f"relay-from-{side}", name=sender.full_name)
    key = f"relay:{pair.id}:{sender.person_id}:{message_id}"
    delivery = outgoing(key, receiver.tg_id, body, _reply_keyboard(t, pair.id))
    if media is None:
        return delivery
    return replace(delivery, media_kind=media[0], file_id=media[1])


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
    await show(
        callback,
        ctx.t("pair-result-ask"),
        step_keyboard(ctx.t, back=MentorAct(action="mentee", pair=callback_data.pair)),
    )


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
    await message.answer(
        ctx.t("pair-result-saved", name=pair.mentee.full_name),
        reply_markup=with_nav(ctx.t, back=MentorAct(action="mentee", pair=pair.id)),
    )
