"""/start (with or without an invite), consent to data processing, the main menu (also «🏠 Меню», /menu), leaving a
conversation («✖️ Отмена», /cancel), /help and the profile.

Handlers flagged BEFORE_CONSENT run for people who have not consented yet (handlers.common.door gates the rest)."""

import re

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.context import Ctx, HandlerSettings
from handlers.common.door import BEFORE_CONSENT
from handlers.common.i18n import Translator
from handlers.common.keyboards import MenuAction, message_of
from handlers.common.menu import help_text, refresh_commands
from handlers.common.navigation import show, with_nav
from handlers.common.start_links import open_start_link
from handlers.people.home import home_screen
from handlers.people.self_link import ask_self
from services.events.attendance import check_in
from services.models.people import OrgKind
from services.numbers import parse_id
from services.people.access import give_consent
from services.people.invites import ROLE_SCOPE, redeem_invite
from services.people.persons import get_profile
from services.routes.diagnostics import LEVELS

router = Router(name="start")
TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # what Telegram allows in a /start payload
CHECK_IN = re.compile(r"^ci(\d{1,10})_(\d{6})$", re.ASCII)  # a check-in link shown at an event: ci<event>_<code>


class ConsentGiven(CallbackData, prefix="consent"):
    pass


@router.message(CommandStart(), flags={BEFORE_CONSENT: True})
async def start(message: Message, command: CommandObject, state: FSMContext, ctx: Ctx) -> None:
    await state.clear()
    token = command.args or ""
    if not ctx.actor.consented:
        await state.update_data(invite_token=token)
        await message.answer(consent_text(ctx.t, ctx.settings), reply_markup=consent_keyboard(ctx.t))
        return
    await _welcome(message, state, ctx, token)


@router.callback_query(ConsentGiven.filter(), flags={BEFORE_CONSENT: True})
async def consent_given(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    await give_consent(ctx.session, actor=ctx.actor, display_name=callback.from_user.full_name, now=ctx.now())
    await ctx.reload_actor()
    token = (await state.get_data()).get("invite_token", "")
    await state.clear()
    await callback.answer()
    message = message_of(callback)
    await message.edit_text(ctx.t("consent-thanks"))
    await _welcome(message, state, ctx, token)


async def _welcome(message: Message, state: FSMContext, ctx: Ctx, token: str) -> None:
    """Redeem the invite if there is one, then show the menu, or the way to ask to join. A school role's invite
    that named nobody, opened by someone outside the roster, first asks them to find themselves in it."""
    t = ctx.t
    if (check_in_link := CHECK_IN.match(token)) and (event_id := parse_id(check_in_link.group(1))) is not None:
        code = check_in_link.group(2)
        title = await check_in(ctx.session, actor=ctx.actor, event_id=event_id, code=code, now=ctx.now())
        await message.answer(t("event-checked-in", title=title), reply_markup=with_nav(t))
        return
    if await open_start_link(message, ctx, token):
        return
    if token:
        if not TOKEN.match(token):
            await message.answer(t("invite-unknown"))
            return
        redeemed = await redeem_invite(ctx.session, actor=ctx.actor, token=token, now=ctx.now())
        await ctx.reload_actor()
        if redeemed.person_name:
            await message.answer(t("invite-linked", name=redeemed.person_name))
        if redeemed.role and redeemed.org_name:
            await message.answer(t("invite-role", role=t.plain(f"role-{redeemed.role.value}"), org=redeemed.org_name))
        school_role = redeemed.role is not None and ROLE_SCOPE.get(redeemed.role) == OrgKind.SCHOOL
        if school_role and redeemed.org_id and redeemed.org_name and ctx.actor.person_id is None:
            await refresh_commands(ctx.bot, t, ctx.actor)  # the role's commands work at once, the step aside
            await ask_self(message, state, ctx, org_id=redeemed.org_id, org=redeemed.org_name)
            return
    if not ctx.actor.roles:
        await message.answer(t("start-unknown"), reply_markup=_join_keyboard(t))
        return
    await refresh_commands(ctx.bot, t, ctx.actor)
    text, markup = await home_screen(ctx)
    await message.answer(text, reply_markup=markup)


@router.message(Command("menu", "cancel"))
async def menu_command(message: Message, command: CommandObject, ctx: Ctx) -> None:
    # The door has already ended any conversation this command interrupted.
    text, markup = await home_screen(ctx)
    if command.command == "cancel":
        text = "\n\n".join((ctx.t("nav-cancelled"), text))
    await message.answer(text, reply_markup=markup)


@router.callback_query(MenuAction.filter(F.item.in_({"home", "cancel"})))
async def menu_button(callback: CallbackQuery, callback_data: MenuAction, state: FSMContext, ctx: Ctx) -> None:
    """«🏠 Меню» on any screen and «✖️ Отмена» in any conversation: the conversation ends, the menu is redrawn."""
    cancelled = await state.get_state() is not None and callback_data.item == "cancel"
    await state.clear()
    await callback.answer(ctx.t.plain("nav-cancelled") if cancelled else None)
    await show(callback, *await home_screen(ctx))


@router.message(Command("help"), flags={BEFORE_CONSENT: True})
async def help_command(message: Message, ctx: Ctx) -> None:
    await message.answer(help_text(ctx.t, ctx.actor), reply_markup=_back_to_menu(ctx))


@router.callback_query(MenuAction.filter(F.item == "help"), flags={BEFORE_CONSENT: True})
async def help_button(callback: CallbackQuery, ctx: Ctx) -> None:
    await callback.answer()
    await show(callback, help_text(ctx.t, ctx.actor), _back_to_menu(ctx))


@router.callback_query(MenuAction.filter(F.item == "profile"))
async def profile_button(callback: CallbackQuery, ctx: Ctx) -> None:
    await callback.answer()
    t = ctx.t
    if ctx.actor.person_id is None:
        await show(callback, t("start-unknown"), _join_keyboard(t))
        return
    profile = await get_profile(ctx.session, person_id=ctx.actor.person_id, today=ctx.now().date())
    text = t(
        "profile",
        name=profile.full_name,
        school=profile.school,
        position=profile.position or "—",
        subjects=", ".join(profile.subjects) or "—",
        young="yes" if profile.young_specialist else "no",
        diagnostic=f"{profile.last_diagnostic:%d.%m.%Y}" if profile.last_diagnostic else "none",
        level=t.plain(f"level-{profile.last_level}") if profile.last_level in LEVELS else "",
    )
    await show(callback, text, with_nav(t))


def _back_to_menu(ctx: Ctx) -> InlineKeyboardMarkup | None:
    """Help before consent has no menu to go back to (without roles, the menu is the way to ask to join)."""
    return with_nav(ctx.t) if ctx.actor.consented else None


def consent_text(t: Translator, settings: HandlerSettings) -> str:
    """The consent request: who the operator is, what for, where its policy is and how to withdraw."""
    return t("consent-ask", operator=settings.operator_name, policy=settings.operator_policy_url or "none")


def consent_keyboard(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t.plain("consent-button"), callback_data=ConsentGiven())
    return builder.as_markup()


def _join_keyboard(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t.plain("join-button"), callback_data=MenuAction(item="join"))
    return builder.as_markup()
