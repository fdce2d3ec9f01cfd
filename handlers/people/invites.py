"""/invite: role invites — admins appoint methodists, methodists coordinators and mentors, coordinators mentors."""

from typing import Annotated

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.deep_linking import create_start_link
from aiogram.utils.keyboard import InlineKeyboardBuilder
from pydantic import AfterValidator

from handlers.common.context import Ctx
from handlers.common.keyboards import MenuAction, OrgPage, OrgPick, message_of, org_page_keyboard
from services.errors import Forbidden
from services.models.people import OrgKind, Role
from services.people.invites import ROLE_SCOPE, create_role_invite, invitable_roles
from services.people.orgs import get_org, list_orgs

router = Router(name="invites")


def _invited_by_link(role: Role) -> Role:
    if role not in ROLE_SCOPE:  # an admin is appointed in the settings, never by a link
        raise ValueError(f"{role.value} is not given by invite")
    return role


class InviteRole(CallbackData, prefix="ir"):
    role: Annotated[Role, AfterValidator(_invited_by_link)]


@router.message(Command("invite"))
async def invite_command(message: Message, ctx: Ctx) -> None:
    await message.answer(ctx.t("invite-choose-role"), reply_markup=_roles_keyboard(ctx))


@router.callback_query(MenuAction.filter(F.item == "invite"))
async def invite_button(callback: CallbackQuery, ctx: Ctx) -> None:
    await callback.answer()
    await message_of(callback).answer(ctx.t("invite-choose-role"), reply_markup=_roles_keyboard(ctx))


@router.callback_query(InviteRole.filter())
async def invite_pick_role(callback: CallbackQuery, callback_data: InviteRole, ctx: Ctx) -> None:
    role, actor, t = callback_data.role, ctx.actor, ctx.t
    if role not in invitable_roles(actor):
        raise Forbidden()
    await callback.answer()
    message = message_of(callback)
    # Where the role lives decides what to choose: a municipality, or a school within the actor's scope.
    if ROLE_SCOPE[role] == OrgKind.MUNICIPALITY or actor.has(Role.ADMIN):
        page = await list_orgs(ctx.session, kind=OrgKind.MUNICIPALITY)
        markup = org_page_keyboard(t, page, purpose="im", role=role.value)
        await message.edit_text(t("invite-choose-municipality"), reply_markup=markup)
        return
    if actor.has(Role.METHODIST):
        parent = actor.orgs(Role.METHODIST)[0]
        page = await list_orgs(ctx.session, kind=OrgKind.SCHOOL, parent_id=parent)
        markup = org_page_keyboard(t, page, purpose="is", parent=parent, role=role.value)
        await message.edit_text(t("invite-choose-school"), reply_markup=markup)
        return
    builder = InlineKeyboardBuilder()
    for school_id in actor.orgs(Role.COORDINATOR):
        school = await get_org(ctx.session, school_id)
        builder.button(text=school.name[:60], callback_data=OrgPick(purpose="is", org=school.id, role=role.value))
    builder.adjust(1)
    await message.edit_text(t("invite-choose-school"), reply_markup=builder.as_markup())


@router.callback_query(OrgPage.filter(F.purpose.in_({"im", "is"})))
async def invite_turn_page(callback: CallbackQuery, callback_data: OrgPage, ctx: Ctx) -> None:
    kind = OrgKind.MUNICIPALITY if callback_data.purpose == "im" else OrgKind.SCHOOL
    page = await list_orgs(ctx.session, kind=kind, parent_id=callback_data.parent or None, page=callback_data.page)
    await callback.answer()
    markup = org_page_keyboard(
        ctx.t, page, purpose=callback_data.purpose, parent=callback_data.parent, role=callback_data.role
    )
    await message_of(callback).edit_reply_markup(reply_markup=markup)


@router.callback_query(OrgPick.filter(F.purpose == "im"))
async def invite_pick_municipality(callback: CallbackQuery, callback_data: OrgPick, ctx: Ctx) -> None:
    role = _role(callback_data.role)
    if ROLE_SCOPE[role] == OrgKind.MUNICIPALITY:
        await _issue(callback, ctx, role, callback_data.org)
        return
    municipality = await get_org(ctx.session, callback_data.org, OrgKind.MUNICIPALITY)
    page = await list_orgs(ctx.session, kind=OrgKind.SCHOOL, parent_id=municipality.id)
    await callback.answer()
    markup = org_page_keyboard(ctx.t, page, purpose="is", parent=municipality.id, role=role.value)
    await message_of(callback).edit_text(ctx.t("invite-choose-school"), reply_markup=markup)


@router.callback_query(OrgPick.filter(F.purpose == "is"))
async def invite_pick_school(callback: CallbackQuery, callback_data: OrgPick, ctx: Ctx) -> None:
    await _issue(callback, ctx, _role(callback_data.role), callback_data.org)


async def _issue(callback: CallbackQuery, ctx: Ctx, role: Role, org_id: int) -> None:
    days = ctx.settings.invite_ttl_days
    token = await create_role_invite(
        ctx.session, actor=ctx.actor, role=role, org_id=org_id, now=ctx.now(), ttl_days=days
    )
    org = await get_org(ctx.session, org_id)
    await callback.answer()
    link = await create_start_link(ctx.bot, token)
    role_name = ctx.t.plain(f"role-{role.value}")
    await message_of(callback).edit_text(ctx.t("invite-created", role=role_name, org=org.name, link=link, days=days))


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
    return builder.as_markup()
