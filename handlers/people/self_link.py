"""After a role invite that named nobody: «Найдите себя в реестре» — the person types their full name, taps
«Это я» and their account is linked to the roster of the invite's organisation (a mentor then sees their pairs,
the menu shows what they can do); «Меня нет в реестре» goes on to the menu."""

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.callback_fields import Id
from handlers.common.context import Ctx
from handlers.common.keyboards import MenuAction, short
from handlers.common.menu import refresh_commands
from handlers.common.navigation import show, step_keyboard
from handlers.common.notify import outgoing
from handlers.people.home import home_screen
from services.errors import ConversationLost, Forbidden
from services.models.people import Role
from services.outbox import NewDelivery
from services.people.orgs import get_org
from services.people.self_link import RosterSelf, SelfLinkNotice, find_self, link_self

router = Router(name="self_link")


class SelfLinkForm(StatesGroup):
    name = State()


class ThisIsMe(CallbackData, prefix="sl"):
    """The roster person the one asking says they are; 0: «Меня нет в реестре»."""

    person: Id


async def ask_self(message: Message, state: FSMContext, ctx: Ctx, *, org_id: int, org: str) -> None:
    """The first step, right after the invite is redeemed."""
    await state.set_state(SelfLinkForm.name)
    await state.update_data(self_org=org_id, self_org_name=org)
    await message.answer(ctx.t("self-link-ask", org=org), reply_markup=_keyboard(ctx))


def _keyboard(ctx: Ctx, found: list[RosterSelf] | None = None) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for person in found or []:
        label = ctx.t.plain("self-link-this-is-me", name=short(person.full_name, 40), position=person.position or "—")
        builder.button(text=short(label, 60), callback_data=ThisIsMe(person=person.person_id))
    builder.button(text=ctx.t.plain("self-link-not-listed"), callback_data=ThisIsMe(person=0))
    builder.adjust(1)
    return step_keyboard(ctx.t, builder)


async def _org(state: FSMContext) -> tuple[int, str]:
    data = await state.get_data()
    if "self_org" not in data:
        raise ConversationLost()
    return int(data["self_org"]), str(data["self_org_name"])


@router.callback_query(MenuAction.filter(F.item == "find_me"))
async def find_me(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    """Later, from the mentor's screen: the same step for the first school where the person holds a role."""
    schools = [grant.org_id for grant in ctx.actor.grants if grant.role in (Role.COORDINATOR, Role.MENTOR)]
    if not schools or ctx.actor.person_id is not None:
        raise Forbidden()
    school = await get_org(ctx.session, schools[0])
    await state.set_state(SelfLinkForm.name)
    await state.update_data(self_org=school.id, self_org_name=school.name)
    await callback.answer()
    await show(callback, ctx.t("self-link-ask", org=school.name), _keyboard(ctx))


@router.message(SelfLinkForm.name, F.text, ~F.text.startswith("/"))
async def self_name_typed(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    org_id, org = await _org(state)
    found = await find_self(ctx.session, actor=ctx.actor, org_id=org_id, full_name=message.text)
    if not found:
        await message.answer(ctx.t("self-link-nobody", name=message.text.strip(), org=org), reply_markup=_keyboard(ctx))
        return
    await message.answer(ctx.t("self-link-found", org=org), reply_markup=_keyboard(ctx, found))


def _linked_notice(ctx: Ctx) -> SelfLinkNotice:
    """The school's coordinators and methodists are told who linked themselves to whom."""

    def notice(linked: RosterSelf, chat_id: int, language: str) -> NewDelivery:
        t = ctx.translations.get(language)
        text = t("self-link-told", name=linked.full_name, position=linked.position or "—", org=linked.school)
        return outgoing(f"self-link:{linked.person_id}", chat_id, text)

    return notice


@router.callback_query(SelfLinkForm.name, ThisIsMe.filter())
async def self_chosen(callback: CallbackQuery, callback_data: ThisIsMe, state: FSMContext, ctx: Ctx) -> None:
    org_id, _org_name = await _org(state)
    note = ctx.t("self-link-skipped")
    if callback_data.person:
        name = await link_self(
            ctx.session,
            actor=ctx.actor,
            org_id=org_id,
            person_id=callback_data.person,
            now=ctx.now(),
            notice=_linked_notice(ctx),
        )
        await ctx.reload_actor()
        note = ctx.t("invite-linked", name=name)
    await state.clear()
    await callback.answer()
    await refresh_commands(ctx.bot, ctx.t, ctx.actor)
    text, markup = await home_screen(ctx)
    await show(callback, f"{note}\n\n{text}", markup)
