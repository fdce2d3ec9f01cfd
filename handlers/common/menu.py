"""The main menu and the per-person command list, both built from the person's roles."""

import logging

from aiogram import Bot
from aiogram.types import BotCommand, BotCommandScopeChat, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.i18n import Translator
from handlers.common.keyboards import MenuAction
from handlers.common.notify import SEND_FAILURES
from services.models.people import Role
from services.people.access import Actor

logger = logging.getLogger(__name__)

# Commands each role adds to a person's Telegram menu, in order.
ROLE_COMMANDS: dict[str, tuple[str, ...]] = {
    "everyone": ("start", "help", "settings"),
    "teacher": ("route", "events", "mentor", "communities"),
    Role.COORDINATOR: ("route", "events", "mentor", "indicators", "roster", "invite"),
    Role.METHODIST: ("route", "events", "mentor", "news", "indicators", "communities", "roster", "invite"),
    Role.ADMIN: ("orgs", "indicators", "invite"),
    Role.MENTOR: ("mentor",),
}
# Menu buttons each role adds: (callback item, locale key).
ROLE_BUTTONS: dict[str, tuple[str, ...]] = {
    "teacher": ("route", "events", "mentor", "communities", "profile"),
    Role.COORDINATOR: ("route", "events", "mentor", "indicators", "roster", "invite"),
    Role.METHODIST: ("route", "events", "mentor", "news", "indicators", "communities", "roster", "invite", "catalogue"),
    Role.ADMIN: ("orgs", "indicators", "invite", "municipality"),
    Role.MENTOR: ("mentor",),
    "everyone": ("settings", "help"),
}


def _for_roles(table: dict[str, tuple[str, ...]], actor: Actor) -> list[str]:
    keys = ["everyone", *actor.roles]
    items = [item for key in table if key in keys for item in table[key]]
    return list(dict.fromkeys(items))


def main_menu(t: Translator, actor: Actor) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for item in _for_roles(ROLE_BUTTONS, actor):
        builder.button(text=t.plain(f"menu-{item}"), callback_data=MenuAction(item=item))
    builder.adjust(2)
    return builder.as_markup()


def help_text(t: Translator, actor: Actor) -> str:
    """Help built from the menu definition itself: one line per button the person has, with its command, so it
    can never list something unbuilt or miss something built."""
    if not actor.roles:
        return "\n\n".join((t("help-intro"), t("help-guest")))
    commands = set(_for_roles(ROLE_COMMANDS, actor))
    lines = [
        t(
            "help-line",
            button=t.plain(f"menu-{item}"),
            what=t.plain(f"help-item-{item}"),
            command=f"/{item}" if item in commands else "none",
        )
        for item in _for_roles(ROLE_BUTTONS, actor)
    ]
    return "\n".join((t("help-intro"), "", *lines, "", t("help-navigation")))


def menu_text(t: Translator, actor: Actor) -> str:
    roles = ", ".join(t.plain(f"role-{role}") for role in actor.roles) or t.plain("role-none")
    return t("menu-title", roles=roles)


async def refresh_commands(bot: Bot, t: Translator, actor: Actor) -> None:
    """Show in this person's chat only the commands their roles allow (a chat-scoped command list)."""
    commands = [
        BotCommand(command=name, description=t.plain(f"cmd-{name}")) for name in _for_roles(ROLE_COMMANDS, actor)
    ]
    try:
        await bot.set_my_commands(commands, scope=BotCommandScopeChat(chat_id=actor.tg_id))
    except SEND_FAILURES:
        # The menu is a convenience: a failure here must not break the conversation.
        logger.warning("could not set commands for %s", actor.tg_id, exc_info=True)
