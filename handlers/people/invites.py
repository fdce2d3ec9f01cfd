"""/invite: role invites — admins appoint methodists, methodists coordinators and mentors, coordinators mentors.
A coordinator's or mentor's invite names their roster person (found by typed name), so whoever opens it is linked
to the roster too: a mentor's pairs and a coordinator's own route need that."""

from typing import Annotated

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.deep_linking import create_start_link
from aiogram.utils.keyboard import InlineKeyboardBuilder
from pydantic import AfterValidator

from handlers.common.callback_fields import Id
from handlers.common.context import Ctx
from handlers.common.door import staff_only
from handlers.common.keyboards import MenuAction, OrgPage, OrgPick, org_page_keyboard, short
from handlers.common.navigation import show, step_keyboard, with_nav
from handlers.common.people_search import answer_people
from services.errors import Forbidden
from services.models.people import OrgKind, Role
from services.people.invites import ROLE_SCOPE, check_invite_scope, create_role_invite, invitable_roles
from services.people.orgs import Page, get_org, list_orgs

router = Router(name="invites")
INVITES = MenuAction(item="invite")  # the role list, the parent of every screen here


def _invited_by_link(role: Role) -> Role:
    if role not in ROLE_SCOPE:  # an admin is appointed in the settings, never by a link
        raise ValueError(f"{role.value} is not given by invite")
    return role


class InviteRole(CallbackData, prefix="ir"):
    role: Annotated[Role, AfterValidator(_invited_by_link)]


class InviteFor(CallbackData, prefix="if"):
    """The roster person a school role's invite is for; 0: whoever opens it."""

    person: Id


@staff_only(Role.ADMIN, Role.METHODIST, Role.COORDINATOR)
class InviteForm(StatesGroup):
    person = State()


@router.message(Command("invite"))
async def invite_command(message: Message, ctx: Ctx) -> None:
    await show(message, ctx.t("invite-choose-role"), _roles_keyboard(ctx))


@router.callback_query(MenuAction.filter(F.item == "invite"))
async def invite_button(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    await state.clear()  # «‹ Назад» from the person step lands here
    await callback.answer()
    await show(callback, ctx.t("invite-choose-role"), _roles_keyboard(ctx))


@router.callback_query(InviteRole.filter())
async def invite_pick_role(callback: CallbackQuery, callback_data: InviteRole, state: FSMContext, ctx: Ctx) -> None:
    role, actor, t = callback_data.role, ctx.actor, ctx.t
    if role not in invitable_roles(actor):
        raise Forbidden()
    await state.clear()
    await callback.answer()
    # Where the role lives decides what to choose: a municipality, or a school within the actor's scope.
    municipalities = actor.orgs(Role.METHODIST)
    if ROLE_SCOPE[role] == OrgKind.MUNICIPALITY or (actor.has(Role.ADMIN) and not municipalities):
        page = await list_orgs(ctx.session, kind=OrgKind.MUNICIPALITY)
        await _show_municipalities(callback, ctx, page, role)
        return
    if municipalities:
        page = await list_orgs(ctx.session, kind=OrgKind.SCHOOL, parent_id=municipalities[0])
        await _show_schools(callback, ctx, page, role, municipalities[0])
        return
    builder = InlineKeyboardBuilder()
    for school_id in actor.orgs(Role.COORDINATOR):
        school = await get_org(ctx.session, school_id)
        builder.button(text=short(school.name, 60), callback_data=OrgPick(purpose="is", org=school.id, role=role.value))
    builder.adjust(1)
    await show(callback, t("invite-choose-school"), with_nav(t, builder, back=INVITES))


@router.callback_query(OrgPage.filter(F.purpose.in_({"im", "is"})))
async def invite_turn_page(callback: CallbackQuery, callback_data: OrgPage, ctx: Ctx) -> None:
    role = _role(callback_data.role)
    await callback.answer()
    if callback_data.purpose == "im":
        page = await list_orgs(ctx.session, kind=OrgKind.MUNICIPALITY, page=callback_data.page)
        await _show_municipalities(callback, ctx, page, role)
        return
    page = await list_orgs(
        ctx.session, kind=OrgKind.SCHOOL, parent_id=callback_data.parent or None, page=callback_data.page
    )
    await _show_schools(callback, ctx, page, role, callback_data.parent)


@router.callback_query(OrgPick.filter(F.purpose == "im"))
async def invite_pick_municipality(callback: CallbackQuery, callback_data: OrgPick, ctx: Ctx) -> None:
    role = _role(callback_data.role)
    if ROLE_SCOPE[role] == OrgKind.MUNICIPALITY:
        await _issue(callback, ctx, role, callback_data.org)
        return
    municipality = await get_org(ctx.session, callback_data.org, OrgKind.MUNICIPALITY)
    page = await list_orgs(ctx.session, kind=OrgKind.SCHOOL, parent_id=municipality.id)
    await callback.answer()
    await _show_schools(callback, ctx, page, role, municipality.id)


async def _show_municipalities(callback: CallbackQuery, ctx: Ctx, page: Page, role: Role) -> None:
    """The municipality picker, or, with none yet, the way to add one."""
    t = ctx.t
    if not page.items:
        builder = InlineKeyboardBuilder()
        builder.button(text=t.plain("menu-orgs"), callback_data=MenuAction(item="orgs"))
        await show(callback, t("invite-no-municipalities"), with_nav(t, builder, back=INVITES))
        return
    markup = org_page_keyboard(t, page, purpose="im", role=role.value)
    await show(callback, t("invite-choose-municipality"), with_nav(t, markup, back=INVITES))


async def _show_schools(callback: CallbackQuery, ctx: Ctx, page: Page, role: Role, municipality_id: int) -> None:
    """The school picker, or, with none yet (schools come with the roster), the way to import one."""
    t = ctx.t
    if not page.items:
        builder = InlineKeyboardBuilder()
        if municipality_id in ctx.actor.orgs(Role.METHODIST):
            builder.button(text=t.plain("menu-roster"), callback_data=MenuAction(item="roster"))
        else:  # an admin working elsewhere: the roster is imported as this municipality's methodist
            builder.button(text=t.plain("menu-municipality"), callback_data=OrgPick(purpose="wm", org=municipality_id))
        await show(callback, t("invite-no-schools"), with_nav(t, builder, back=INVITES))
        return
    markup = org_page_keyboard(t, page, purpose="is", parent=municipality_id, role=role.value)
    await show(callback, t("invite-choose-school"), with_nav(t, markup, back=INVITES))


@router.callback_query(OrgPick.filter(F.purpose == "is"))
async def invite_pick_school(callback: CallbackQuery, callback_data: OrgPick, state: FSMContext, ctx: Ctx) -> None:
    """A school role: ask whom it is for, so the invite links them to the roster."""
    role = _role(callback_data.role)
    await check_invite_scope(ctx.session, actor=ctx.actor, role=role, org_id=callback_data.org)
    school = await get_org(ctx.session, callback_data.org, OrgKind.SCHOOL)
    await state.set_state(InviteForm.person)
    await state.update_data(role=role.value, school=school.id)
    await callback.answer()
    text = ctx.t("invite-who", role=ctx.t.plain(f"role-{role.value}"), school=school.name)
    await show(callback, text, _person_step(ctx, role))


@router.message(InviteForm.person, F.text, ~F.text.startswith("/"))
async def invite_search_person(message: Message, state: FSMContext, ctx: Ctx) -> None:
    role = _role((await state.get_data())["role"])
    await answer_people(
        message, ctx, lambda person_id: InviteFor(person=person_id), finish=lambda b: _person_step(ctx, role, b)
    )


@router.callback_query(InviteForm.person, InviteFor.filter())
async def invite_for_person(callback: CallbackQuery, callback_data: InviteFor, state: FSMContext, ctx: Ctx) -> None:
    data = await state.get_data()
    await _issue(callback, ctx, _role(data["role"]), data["school"], callback_data.person or None)
    await state.clear()


def _person_step(ctx: Ctx, role: Role, builder: InlineKeyboardBuilder | None = None) -> InlineKeyboardMarkup:
    return step_keyboard(ctx.t, builder, skip=InviteFor(person=0), back=InviteRole(role=role))


async def _issue(callback: CallbackQuery, ctx: Ctx, role: Role, org_id: int, person_id: int | None = None) -> None:
    days = ctx.settings.invite_ttl_days
    token = await create_role_invite(
        ctx.session, actor=ctx.actor, role=role, org_id=org_id, now=ctx.now(), ttl_days=days, person_id=person_id
    )
    org = await get_org(ctx.session, org_id)
    await callback.answer()
    link = await create_start_link(ctx.bot, token)
    role_name = ctx.t.plain(f"role-{role.value}")
    text = ctx.t("invite-created", role=role_name, org=org.name, link=link, days=days)
    await show(callback, text, with_nav(ctx.t, back=INVITES))


def _role(value: str) -> Role:
    """The role named in callback data, which is user input: anything but an invitable role is refused."""
    for role in ROLE_SCOPE:
        if role.value == value:
            return role
    raise Forbidden()


def _roles_keyboard(ctx: Ctx) -> InlineKeyboardMarkup:
    roles = invitable_roles(ctx.actor)
    if not roles:
        raise Forbidden()
    builder = InlineKeyboardBuilder()
    for role in roles:
        builder.button(text=ctx.t.plain(f"role-{role.value}"), callback_data=InviteRole(role=role))
    builder.adjust(1)
    return with_nav(ctx.t, builder)
