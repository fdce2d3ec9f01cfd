"""The main menu screen: the person's menu, topped for a methodist (or an admin working in a municipality) by the
municipality they work in and, until everything is set up, the first-day checklist."""

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.context import Ctx
from handlers.common.keyboards import MenuAction
from handlers.common.menu import main_menu, menu_text
from handlers.people.invites import InviteRole
from services.checklist import first_day_checklist
from services.models.people import Role
from services.people.orgs import get_org

# Where each checklist step leads: the existing screen that does it.
STEP_SCREENS: dict[str, CallbackData] = {
    "roster": MenuAction(item="roster"),
    "coordinators": InviteRole(role=Role.COORDINATOR),
    "catalogue": MenuAction(item="route"),  # the reviewer's screen, with «Каталог активностей»
    "event": MenuAction(item="events"),  # the organiser's screen, with «Новое мероприятие»
    "indicators": MenuAction(item="indicators"),  # with «Наборы показателей»
}


async def home_screen(ctx: Ctx) -> tuple[str, InlineKeyboardMarkup]:
    """The menu text and keyboard for this person now."""
    t, actor = ctx.t, ctx.actor
    text, markup = menu_text(t, actor), main_menu(t, actor)
    if not actor.roles:  # outside the roster: the way in first
        builder = InlineKeyboardBuilder()
        builder.button(text=t.plain("join-button"), callback_data=MenuAction(item="join"))
        builder.attach(InlineKeyboardBuilder.from_markup(markup))
        return t("start-unknown"), builder.as_markup()
    if actor.person_id is None and (actor.has(Role.COORDINATOR) or actor.has(Role.MENTOR)):
        # A school role without the roster link (the step after the invite was skipped): the way to find oneself.
        builder = InlineKeyboardBuilder()
        builder.button(text=t.plain("self-link-start"), callback_data=MenuAction(item="find_me"))
        builder.attach(InlineKeyboardBuilder.from_markup(markup))
        text, markup = f"{text}\n\n{t('home-not-in-roster')}", builder.as_markup()
    municipalities = actor.orgs(Role.METHODIST)
    if not municipalities:
        return text, markup
    lines = [text]
    if actor.acting_municipality is not None:
        municipality = await get_org(ctx.session, actor.acting_municipality)
        lines.append(t("acting-in", municipality=municipality.name))
    builder = InlineKeyboardBuilder()
    steps = await first_day_checklist(ctx.session, municipality_id=municipalities[0])
    if steps:
        lines.append(t("checklist-title"))
        for step in steps:
            mark = "✅" if step.done else "▫️"
            builder.button(text=f"{mark} {t.plain(f'checklist-{step.name}')}", callback_data=STEP_SCREENS[step.name])
        builder.adjust(1)
    builder.attach(InlineKeyboardBuilder.from_markup(markup))
    return "\n\n".join(lines), builder.as_markup()
