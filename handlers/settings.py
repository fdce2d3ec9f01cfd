"""/settings: the interface language (more personal settings come with the digests)."""

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import Translations, Translator
from handlers.keyboards import MenuAction
from handlers.menu import main_menu, menu_text, refresh_commands
from services.access import LANGUAGES, Actor, actor_for_user, set_language

router = Router(name="settings")


class PickLanguage(CallbackData, prefix="lang"):
    code: str


@router.message(Command("settings"))
async def settings_command(message: Message, t: Translator) -> None:
    await message.answer(t("settings-title"), reply_markup=_languages_keyboard(t))


@router.callback_query(MenuAction.filter(F.item == "settings"))
async def settings_button(callback: CallbackQuery, t: Translator) -> None:
    await callback.answer()
    assert isinstance(callback.message, Message)
    await callback.message.answer(t("settings-title"), reply_markup=_languages_keyboard(t))


@router.callback_query(PickLanguage.filter())
async def pick_language(
    callback: CallbackQuery,
    callback_data: PickLanguage,
    session: AsyncSession,
    actor: Actor,
    translations: Translations,
    bot: Bot,
) -> None:
    await set_language(session, actor=actor, language=callback_data.code)
    actor = await actor_for_user(session, actor.user_id)
    t = translations.get(actor.language)
    await callback.answer(t.plain("settings-language-set"))
    assert isinstance(callback.message, Message)
    await callback.message.edit_text(t("settings-language-set"))
    if actor.roles:
        await refresh_commands(bot, t, actor)
        await callback.message.answer(menu_text(t, actor), reply_markup=main_menu(t, actor))


def _languages_keyboard(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for code in LANGUAGES:
        builder.button(text=t.plain(f"language-{code}"), callback_data=PickLanguage(code=code))
    return builder.as_markup()
