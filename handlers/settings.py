"""/settings: the interface language (more personal settings come with the digests)."""

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.context import Ctx
from bot.i18n import Translator
from handlers.keyboards import MenuAction, message_of
from handlers.menu import main_menu, menu_text, refresh_commands
from services.access import LANGUAGES, set_language

router = Router(name="settings")


class PickLanguage(CallbackData, prefix="lang"):
    code: str


@router.message(Command("settings"))
async def settings_command(message: Message, ctx: Ctx) -> None:
    await message.answer(ctx.t("settings-title"), reply_markup=_languages_keyboard(ctx.t))


@router.callback_query(MenuAction.filter(F.item == "settings"))
async def settings_button(callback: CallbackQuery, ctx: Ctx) -> None:
    await callback.answer()
    await message_of(callback).answer(ctx.t("settings-title"), reply_markup=_languages_keyboard(ctx.t))


@router.callback_query(PickLanguage.filter())
async def pick_language(callback: CallbackQuery, callback_data: PickLanguage, ctx: Ctx) -> None:
    await set_language(ctx.session, actor=ctx.actor, language=callback_data.code)
    actor = await ctx.reload_actor()
    await callback.answer(ctx.t.plain("settings-language-set"))
    message = message_of(callback)
    await message.edit_text(ctx.t("settings-language-set"))
    if actor.roles:
        await refresh_commands(ctx.bot, ctx.t, actor)
        await message.answer(menu_text(ctx.t, actor), reply_markup=main_menu(ctx.t, actor))


def _languages_keyboard(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for code in LANGUAGES:
        builder.button(text=t.plain(f"language-{code}"), callback_data=PickLanguage(code=code))
    return builder.as_markup()
