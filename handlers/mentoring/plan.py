"""The mentoring plan in the bot: topics by month with what is covered; the mentor proposes it from the
template, adds and removes topics; the mentee reads it."""

from datetime import date

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.context import Ctx
from handlers.common.i18n import Translator
from handlers.common.keyboards import short
from handlers.common.navigation import confirm_keyboard, show, step_keyboard, with_nav
from handlers.mentoring.callbacks import MentorAct, PlanAct
from handlers.mentoring.relay import pair_parent
from services.errors import Forbidden, InvalidInput
from services.mentoring.plan import add_topic, plan_months, plan_of, propose_plan, remove_topic
from services.numbers import parse_id

router = Router(name="mentoring_plan")
TEMPLATE_SIZE = 9  # plan-template-0 … plan-template-8 in the locales, one topic a month


class PlanForm(StatesGroup):
    topic = State()


def month_name(t: Translator, month: date) -> str:
    return f"{t.plain(f'month-{month.month}')} {month.year}"


async def _plan_screen(ctx: Ctx, pair_id: int) -> tuple[str, InlineKeyboardMarkup]:
    pair, is_mentor, plan = await plan_of(ctx.session, actor=ctx.actor, pair_id=pair_id)
    t = ctx.t
    lines = [t("plan-title", covered=sum(line.covered for line in plan), total=len(plan))]
    month = None
    for line in plan:
        if line.month != month:
            month = line.month
            lines.append(f"\n<b>{month_name(t, month)}</b>")
        lines.append(t("plan-line", mark="✅" if line.covered else "▫️", topic=short(line.topic, 80)))
    if not plan:
        lines.append(t("plan-empty"))
    builder = InlineKeyboardBuilder()
    if is_mentor:
        actions = ("add", "remove") if plan else ("propose", "add")
        for action in actions:
            builder.button(text=t.plain(f"plan-{action}"), callback_data=PlanAct(action=action, pair=pair.id))
    builder.adjust(2)
    return "\n".join(lines), with_nav(t, builder, back=pair_parent(pair.id, is_mentor))


@router.callback_query(MentorAct.filter(F.action == "plan"))
async def plan_show(callback: CallbackQuery, callback_data: MentorAct, state: FSMContext, ctx: Ctx) -> None:
    await state.clear()  # «‹ Назад» from the topic step lands here
    text, markup = await _plan_screen(ctx, callback_data.pair)
    await callback.answer()
    await show(callback, text, markup)


@router.callback_query(PlanAct.filter(F.action == "propose"))
async def plan_propose(callback: CallbackQuery, callback_data: PlanAct, ctx: Ctx) -> None:
    template = [ctx.t.plain(f"plan-template-{n}") for n in range(TEMPLATE_SIZE)]
    await propose_plan(ctx.session, actor=ctx.actor, pair_id=callback_data.pair, template=template)
    text, markup = await _plan_screen(ctx, callback_data.pair)
    await callback.answer()
    await show(callback, text, markup)


@router.callback_query(PlanAct.filter(F.action == "add"))
async def plan_add_month(callback: CallbackQuery, callback_data: PlanAct, state: FSMContext, ctx: Ctx) -> None:
    pair, is_mentor, _plan = await plan_of(ctx.session, actor=ctx.actor, pair_id=callback_data.pair)
    if not is_mentor:
        raise Forbidden()
    await state.clear()  # «‹ Назад» from the topic step lands here
    builder = InlineKeyboardBuilder()
    for month in plan_months(pair):
        builder.button(
            text=month_name(ctx.t, month), callback_data=PlanAct(action="month", pair=pair.id, value=f"{month:%Y-%m}")
        )
    builder.adjust(3)
    await callback.answer()
    await show(callback, ctx.t("plan-ask-month"), with_nav(ctx.t, builder, back=MentorAct(action="plan", pair=pair.id)))


@router.callback_query(PlanAct.filter(F.action == "month"))
async def plan_add_begin(callback: CallbackQuery, callback_data: PlanAct, state: FSMContext, ctx: Ctx) -> None:
    try:
        month = date.fromisoformat(f"{callback_data.value}-01")
    except ValueError as error:
        raise InvalidInput("plan-bad-month") from error
    _pair, is_mentor, _plan = await plan_of(ctx.session, actor=ctx.actor, pair_id=callback_data.pair)
    if not is_mentor:  # only the pair's mentor adds topics: checked before the conversation opens
        raise Forbidden()
    await state.set_state(PlanForm.topic)
    await state.update_data(pair_id=callback_data.pair, month=month.isoformat())
    await callback.answer()
    back = PlanAct(action="add", pair=callback_data.pair)
    await show(callback, ctx.t("plan-ask-topic", month=month_name(ctx.t, month)), step_keyboard(ctx.t, back=back))


@router.message(PlanForm.topic, F.text, ~F.text.startswith("/"))
async def plan_add(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    data = await state.get_data()
    await add_topic(
        ctx.session,
        actor=ctx.actor,
        pair_id=data["pair_id"],
        month=date.fromisoformat(data["month"]),
        topic=message.text,
    )
    await state.clear()
    text, markup = await _plan_screen(ctx, data["pair_id"])
    await message.answer(text, reply_markup=markup)


@router.callback_query(PlanAct.filter(F.action == "remove"))
async def plan_remove_choose(callback: CallbackQuery, callback_data: PlanAct, ctx: Ctx) -> None:
    pair, is_mentor, plan = await plan_of(ctx.session, actor=ctx.actor, pair_id=callback_data.pair)
    if not is_mentor:
        raise Forbidden()
    builder = InlineKeyboardBuilder()
    for line in plan:
        builder.button(
            text=f"🗑 {line.month:%m.%Y} {short(line.topic, 40)}",
            callback_data=PlanAct(action="drop", pair=pair.id, value=str(line.id)),
        )
    builder.adjust(1)
    await callback.answer()
    back = MentorAct(action="plan", pair=pair.id)
    await show(callback, ctx.t("plan-ask-remove"), with_nav(ctx.t, builder, back=back))


@router.callback_query(PlanAct.filter(F.action == "drop"))
async def plan_remove_ask(callback: CallbackQuery, callback_data: PlanAct, ctx: Ctx) -> None:
    """The consequence first: the topic leaves the plan, meetings on it stay in the log."""
    topic_id = parse_id(callback_data.value) or 0
    pair, is_mentor, plan = await plan_of(ctx.session, actor=ctx.actor, pair_id=callback_data.pair)
    line = next((line for line in plan if line.id == topic_id), None)
    if not is_mentor:
        raise Forbidden()
    if line is None:
        raise InvalidInput("plan-topic-gone")
    markup = confirm_keyboard(
        ctx.t,
        yes=PlanAct(action="drop_yes", pair=pair.id, value=str(line.id)),
        no=PlanAct(action="remove", pair=pair.id),
        yes_key="plan-remove-yes",
    )
    await callback.answer()
    await show(callback, ctx.t("plan-remove-ask", topic=line.topic, month=month_name(ctx.t, line.month)), markup)


@router.callback_query(PlanAct.filter(F.action == "drop_yes"))
async def plan_remove(callback: CallbackQuery, callback_data: PlanAct, ctx: Ctx) -> None:
    topic_id = parse_id(callback_data.value) or 0
    pair_id = await remove_topic(ctx.session, actor=ctx.actor, topic_id=topic_id)
    text, markup = await _plan_screen(ctx, pair_id)
    await callback.answer()
    await show(callback, text, markup)
