"""Finding a roster person by typed name, for coordinators and methodists: one answer for every screen."""

from collections.abc import Callable

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.context import Ctx
from handlers.common.keyboards import short
from handlers.common.navigation import step_keyboard
from services.routes.diagnostics import find_people


async def answer_people(
    message: Message,
    ctx: Ctx,
    pick: Callable[[int], CallbackData],
    *,
    finish: Callable[[InlineKeyboardBuilder], InlineKeyboardMarkup] | None = None,
) -> bool:
    """Answer a typed name with the matching people in scope as buttons; False if nobody matched. The search is a
    conversation step: `finish` ends the keyboard (by default with the step's «Отмена»), also under "nobody found"."""
    assert message.text is not None
    finish = finish or (lambda builder: step_keyboard(ctx.t, builder))
    matches = await find_people(ctx.session, actor=ctx.actor, query=message.text)
    if not matches:
        await message.answer(ctx.t("diagnostic-nobody"), reply_markup=finish(InlineKeyboardBuilder()))
        return False
    builder = InlineKeyboardBuilder()
    for match in matches:
        builder.button(text=f"{short(match.full_name, 40)} · {short(match.school, 20)}", callback_data=pick(match.id))
    builder.adjust(1)
    await message.answer(ctx.t("diagnostic-choose-person"), reply_markup=finish(builder))
    return True
