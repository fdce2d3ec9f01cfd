"""Numbers a methodist gives the indicators by hand: a new target, or the value of an indicator the bot cannot
count (a yes/no one by a tap). A short conversation that can be cancelled or left back to the indicator."""

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.context import Ctx
from handlers.common.door import staff_only
from handlers.common.navigation import show, step_keyboard
from handlers.indicators.indicators import Ind, report_for, row_of, table
from services.errors import InvalidInput
from services.indicators.calculation import enter_manual_value, period_of, set_target
from services.indicators.definitions import YESNO
from services.models.people import Role

router = Router(name="indicator_numbers")


@staff_only(Role.ADMIN, Role.METHODIST, Role.COORDINATOR)
class IndicatorForm(StatesGroup):
    target = State()
    manual = State()


@router.callback_query(Ind.filter(F.action.in_({"target", "manual"})))
async def number_begin(callback: CallbackQuery, callback_data: Ind, state: FSMContext, ctx: Ctx) -> None:
    """Ask for the number; a yes/no indicator's value is also offered as two buttons."""
    row = row_of(await report_for(ctx, callback_data), callback_data.no)
    form = IndicatorForm.target if callback_data.action == "target" else IndicatorForm.manual
    await state.set_state(form)
    await state.update_data(
        org=callback_data.org, kind=callback_data.kind, back=callback_data.back, no=callback_data.no
    )
    builder = InlineKeyboardBuilder()
    if form == IndicatorForm.manual and row.definition.unit == YESNO:
        for answer in ("yes", "no"):
            builder.button(text=ctx.t.plain(f"indicator-{answer}"), callback_data=callback_data.to(answer))
    await callback.answer()
    markup = step_keyboard(ctx.t, builder, back=callback_data.to("detail"))
    await show(callback, ctx.t(f"indicator-ask-{callback_data.action}"), markup)


@router.message(IndicatorForm.target, F.text, ~F.text.startswith("/"))
@router.message(IndicatorForm.manual, F.text, ~F.text.startswith("/"))
async def number_typed(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    await _save(message, state, ctx, _number(message.text))


@router.callback_query(IndicatorForm.manual, Ind.filter(F.action.in_({"yes", "no"})))
async def answer_chosen(callback: CallbackQuery, callback_data: Ind, state: FSMContext, ctx: Ctx) -> None:
    await callback.answer()
    await _save(callback, state, ctx, 1.0 if callback_data.action == "yes" else 0.0)


async def _save(event: Message | CallbackQuery, state: FSMContext, ctx: Ctx, number: float) -> None:
    data = await state.get_data()
    if await state.get_state() == IndicatorForm.target.state:
        await set_target(
            ctx.session,
            actor=ctx.actor,
            municipality_id=data["org"],
            indicator_no=data["no"],
            target=number,
            now=ctx.now(),
        )
    else:
        period = period_of(data["kind"], ctx.now().date(), data["back"])
        await enter_manual_value(
            ctx.session,
            actor=ctx.actor,
            org_id=data["org"],
            indicator_no=data["no"],
            period=period,
            value=number,
            now=ctx.now(),
        )
    await state.clear()
    text, markup = await table(ctx, Ind(action="table", org=data["org"], kind=data["kind"], back=data["back"]))
    await show(event, text, markup)


def _number(text: str) -> float:
    """A number as people type it: 60, 62,5, 62.5 %, да/нет."""
    cleaned = text.strip().casefold().rstrip("%").strip().replace(",", ".")
    words = {"да": 1.0, "yes": 1.0, "нет": 0.0, "no": 0.0}
    if cleaned in words:
        return words[cleaned]
    try:
        return float(cleaned)
    except ValueError as error:
        raise InvalidInput("indicator-bad-number") from error
