"""/start (with or without an invite), consent to data processing, the main menu, /help and the profile."""

import re

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import Translator
from handlers.keyboards import MenuAction
from handlers.menu import main_menu, menu_text, refresh_commands
from services.access import Actor, actor_for_user, give_consent
from services.clock import Clock
from services.invites import redeem_invite
from services.people import get_profile

router = Router(name="start")
TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class ConsentGiven(CallbackData, prefix="consent"):
    pass


@router.message(CommandStart())
async def start(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    session: AsyncSession,
    actor: Actor,
    t: Translator,
    clock: Clock,
    bot: Bot,
) -> None:
    await state.clear()
    token = command.args or ""
    if not actor.consented:
        await state.update_data(invite_token=token)
        await message.answer(t("consent-ask"), reply_markup=_consent_keyboard(t))
        return
    await _welcome(message, session, actor, t, clock, bot, token)


@router.callback_query(ConsentGiven.filter())
async def consent_given(
    callback: CallbackQuery,
    state: FSMContext,
    session: AsyncSession,
    actor: Actor,
    t: Translator,
    clock: Clock,
    bot: Bot,
) -> None:
    await give_consent(session, actor=actor, now=clock.now())
    token = (await state.get_data()).get("invite_token", "")
    await state.clear()
    await callback.answer()
    assert isinstance(callback.message, Message)
    await callback.message.edit_text(t("consent-thanks"))
    await _welcome(callback.message, session, await actor_for_user(session, actor.user_id), t, clock, bot, token)


async def _welcome(
    message: Message, session: AsyncSession, actor: Actor, t: Translator, clock: Clock, bot: Bot, token: str
) -> None:
    """Redeem the invite if there is one, then show the menu, or the way to ask to join."""
    if token:
        if not TOKEN.match(token):
            await message.answer(t("invite-unknown"))
            return
        redeemed = await redeem_invite(session, actor=actor, token=token, now=clock.now())
        actor = await actor_for_user(session, actor.user_id)
        if redeemed.person_name:
            await message.answer(t("invite-linked", name=redeemed.person_name))
        if redeemed.role and redeemed.org_name:
            await message.answer(t("invite-role", role=t.plain(f"role-{redeemed.role.value}"), org=redeemed.org_name))
    if not actor.roles:
        await message.answer(t("start-unknown"), reply_markup=_join_keyboard(t))
        return
    await refresh_commands(bot, t, actor)
    await message.answer(menu_text(t, actor), reply_markup=main_menu(t, actor))


@router.message(Command("help"))
async def help_command(message: Message, actor: Actor, t: Translator) -> None:
    await message.answer(_help_text(t, actor))


@router.callback_query(MenuAction.filter(F.item == "help"))
async def help_button(callback: CallbackQuery, actor: Actor, t: Translator) -> None:
    await callback.answer()
    assert isinstance(callback.message, Message)
    await callback.message.answer(_help_text(t, actor))


@router.callback_query(MenuAction.filter(F.item == "profile"))
async def profile_button(
    callback: CallbackQuery, session: AsyncSession, actor: Actor, t: Translator, clock: Clock
) -> None:
    await callback.answer()
    assert isinstance(callback.message, Message)
    if actor.person_id is None:
        await callback.message.answer(t("start-unknown"), reply_markup=_join_keyboard(t))
        return
    profile = await get_profile(session, person_id=actor.person_id, today=clock.now().date())
    await callback.message.answer(
        t(
            "profile",
            name=profile.full_name,
            school=profile.school,
            position=profile.position or "—",
            subjects=", ".join(profile.subjects) or "—",
            young="yes" if profile.young_specialist else "no",
            diagnostic=f"{profile.last_diagnostic:%d.%m.%Y}" if profile.last_diagnostic else "none",
            level=profile.last_level or "",
        )
    )


def _help_text(t: Translator, actor: Actor) -> str:
    sections = [t("help-intro")] + [t(f"help-{role}") for role in actor.roles]
    if not actor.roles:
        sections.append(t("help-guest"))
    return "\n\n".join(sections)


def _consent_keyboard(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t.plain("consent-button"), callback_data=ConsentGiven())
    return builder.as_markup()


def _join_keyboard(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t.plain("join-button"), callback_data=MenuAction(item="join"))
    return builder.as_markup()
