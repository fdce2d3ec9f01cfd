"""/settings → «Мои данные» (a file with everything stored) and withdrawal of consent with deletion (152-ФЗ)."""

from dataclasses import replace

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery

from handlers.common.context import Ctx
from handlers.common.keyboards import message_of
from handlers.common.menu import refresh_commands
from handlers.common.navigation import confirm_keyboard, show
from handlers.people.start import consent_keyboard, consent_text
from services.people.personal_data import my_data_file, withdraw_consent

router = Router(name="personal_data")


class MyData(CallbackData, prefix="pd"):
    action: str  # export, withdraw, confirm


@router.callback_query(MyData.filter(F.action == "export"))
async def send_my_data(callback: CallbackQuery, ctx: Ctx) -> None:
    document = await my_data_file(ctx.session, user_id=ctx.actor.user_id)
    await callback.answer()
    await message_of(callback).answer_document(
        BufferedInputFile(document, filename="my-data.json"), caption=ctx.t("privacy-export-caption")
    )


@router.callback_query(MyData.filter(F.action == "withdraw"))
async def ask_to_withdraw(callback: CallbackQuery, ctx: Ctx) -> None:
    """The consequence first; «Нет» goes back to the settings (answered there)."""
    markup = confirm_keyboard(
        ctx.t, yes=MyData(action="confirm"), no=MyData(action="keep"), yes_key="privacy-withdraw-confirm"
    )
    await callback.answer()
    await show(callback, ctx.t("privacy-withdraw-ask"), markup)


@router.callback_query(MyData.filter(F.action == "confirm"))
async def confirm_withdrawal(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    await withdraw_consent(ctx.session, user_id=ctx.actor.user_id, now=ctx.now())
    await state.clear()
    await callback.answer()
    message, t = message_of(callback), ctx.t
    await refresh_commands(ctx.bot, t, replace(ctx.actor, person_id=None, grants=(), consented=False))
    await message.edit_text(t("privacy-withdrawn"))
    await message.answer(consent_text(t, ctx.settings), reply_markup=consent_keyboard(t))
