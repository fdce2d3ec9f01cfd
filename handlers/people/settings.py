"""/settings: the interface language, the weekly summary (on or off, weekday, local hour) and the way to
one's own data (handlers/personal_data.py)."""

from typing import Literal

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.callback_fields import Index
from handlers.common.context import Ctx
from handlers.common.door import BEFORE_CONSENT
from handlers.common.keyboards import MenuAction, message_of
from handlers.common.menu import refresh_commands
from handlers.common.navigation import show, with_nav
from handlers.people.personal_data import MyData
from services.delivery.digests import digest_settings, set_digest
from services.people.access import LANGUAGES, set_language

router = Router(name="settings")


class PickLanguage(CallbackData, prefix="lang"):
    code: Literal["ru", "en"]  # services.access.LANGUAGES


class DigestSet(CallbackData, prefix="digest"):  # "dg" is the diagnostic steps
    action: str  # on, off, days, day, hours, hour
    value: Index = 0


HOURS = range(6, 22)
SETTINGS = MenuAction(item="settings")


@router.message(Command("settings"), flags={BEFORE_CONSENT: True})
async def settings_command(message: Message, ctx: Ctx) -> None:
    await show(message, *await _settings_screen(ctx))


@router.callback_query(MenuAction.filter(F.item == "settings"), flags={BEFORE_CONSENT: True})
async def settings_button(callback: CallbackQuery, ctx: Ctx) -> None:
    text, markup = await _settings_screen(ctx)
    await callback.answer()
    await show(callback, text, markup)


@router.callback_query(MyData.filter(F.action == "keep"))
async def keep_consent(callback: CallbackQuery, ctx: Ctx) -> None:
    """«Нет» to withdrawing consent: back to the settings, nothing changed."""
    text, markup = await _settings_screen(ctx, note=ctx.t("privacy-kept"))
    await callback.answer()
    await show(callback, text, markup)


async def _settings_screen(ctx: Ctx, note: str = "") -> tuple[str, InlineKeyboardMarkup]:
    digest = await digest_settings(ctx.session, user_id=ctx.actor.user_id)
    t = ctx.t
    state = (
        t.plain("settings-digest-on", day=t.plain(f"weekday-{digest.weekday}"), hour=f"{digest.hour:02d}:00")
        if digest.enabled
        else t.plain("settings-digest-off")
    )
    builder = InlineKeyboardBuilder()
    for code in LANGUAGES:
        builder.button(text=t.plain(f"language-{code}"), callback_data=PickLanguage(code=code))
    digest_row = InlineKeyboardBuilder()
    if digest.enabled:
        digest_row.button(text=t.plain("settings-digest-day"), callback_data=DigestSet(action="days"))
        digest_row.button(text=t.plain("settings-digest-hour"), callback_data=DigestSet(action="hours"))
        digest_row.button(text=t.plain("settings-digest-stop"), callback_data=DigestSet(action="off"))
    else:
        digest_row.button(text=t.plain("settings-digest-start"), callback_data=DigestSet(action="on"))
    builder.attach(digest_row)
    privacy = InlineKeyboardBuilder()
    privacy.button(text=t.plain("privacy-export"), callback_data=MyData(action="export"))
    privacy.button(text=t.plain("privacy-withdraw"), callback_data=MyData(action="withdraw"))
    privacy.adjust(1)
    builder.attach(privacy)
    text = t("settings-title") + "\n" + t("settings-digest", state=state)
    # Before consent there is no menu to go to (only the language can be changed then).
    markup = with_nav(t, builder) if ctx.actor.consented else builder.as_markup()
    return (f"{note}\n\n{text}" if note else text), markup


@router.callback_query(DigestSet.filter(F.action.in_({"on", "off", "day", "hour"})))
async def digest_change(callback: CallbackQuery, callback_data: DigestSet, ctx: Ctx) -> None:
    action, value = callback_data.action, callback_data.value
    await set_digest(
        ctx.session,
        user_id=ctx.actor.user_id,
        enabled={"on": True, "off": False}.get(action),
        weekday=value if action == "day" else None,
        hour=value if action == "hour" else None,
    )
    text, markup = await _settings_screen(ctx)
    await callback.answer(ctx.t.plain("settings-saved"))
    await show(callback, text, markup)


@router.callback_query(DigestSet.filter(F.action.in_({"days", "hours"})))
async def digest_choose(callback: CallbackQuery, callback_data: DigestSet, ctx: Ctx) -> None:
    builder = InlineKeyboardBuilder()
    if callback_data.action == "days":
        for day in range(7):
            builder.button(text=ctx.t.plain(f"weekday-{day}"), callback_data=DigestSet(action="day", value=day))
        builder.adjust(2)
    else:
        for hour in HOURS:
            builder.button(text=f"{hour:02d}:00", callback_data=DigestSet(action="hour", value=hour))
        builder.adjust(4)
    await callback.answer()
    await message_of(callback).edit_reply_markup(reply_markup=with_nav(ctx.t, builder, back=SETTINGS))


@router.callback_query(PickLanguage.filter(), flags={BEFORE_CONSENT: True})
async def pick_language(callback: CallbackQuery, callback_data: PickLanguage, ctx: Ctx) -> None:
    await set_language(ctx.session, actor=ctx.actor, language=callback_data.code)
    actor = await ctx.reload_actor()
    await callback.answer(ctx.t.plain("settings-language-set"))
    if actor.roles:
        await refresh_commands(ctx.bot, ctx.t, actor)
    await show(callback, *await _settings_screen(ctx, note=ctx.t("settings-language-set")))
