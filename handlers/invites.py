"""/invite: role invites — admins appoint methodists, methodists coordinators and mentors, coordinators mentors."""

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.deep_linking import create_start_link
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import Translator
from bot.settings import Settings
from handlers.keyboards import MenuAction, OrgPage, OrgPick, org_page_keyboard
from services.access import Actor
from services.clock import Clock
from services.errors import Forbidden
from services.invites import ROLE_SCOPE, create_role_invite, invitable_roles
from services.models import OrgKind, Role
from services.orgs import get_org, list_orgs

router = Router(name="invites")


class InviteRole(CallbackData, prefix="ir"):
    role: Role


@router.message(Command("invite"))
async def invite_command(message: Message, actor: Actor, t: Translator) -> None:
    await message.answer(t("invite-choose-role"), reply_markup=_roles_keyboard(t, actor))


@router.callback_query(MenuAction.filter(F.item == "invite"))
async def invite_button(callback: CallbackQuery, actor: Actor, t: Translator) -> None:
    await callback.answer()
    assert isinstance(callback.message, Message)
    await callback.message.answer(t("invite-choose-role"), reply_markup=_roles_keyboard(t, actor))


@router.callback_query(InviteRole.filter())
async def invite_pick_role(
    callback: CallbackQuery, callback_data: InviteRole, session: AsyncSession, actor: Actor, t: Translator
) -> None:
    role = callback_data.role
    if role not in invitable_roles(actor):
        raise Forbidden()
    await callback.answer()
    assert isinstance(callback.message, Message)
    # Where the role lives decides what to choose: a municipality, or a school within the actor's scope.
    if ROLE_SCOPE[role] == OrgKind.MUNICIPALITY or actor.has(Role.ADMIN):
        page = await list_orgs(session, kind=OrgKind.MUNICIPALITY)
        await callback.message.edit_text(
            t("invite-choose-municipality"), reply_markup=org_page_keyboard(t, page, purpose="im", role=role.value)
        )
        return
    parent = actor.orgs(Role.METHODIST)[0] if actor.has(Role.METHODIST) else None
    if parent is None:
        schools = [await get_org(session, org_id) for org_id in actor.orgs(Role.COORDINATOR)]
        builder = InlineKeyboardBuilder()
        for school in schools:
            builder.button(text=school.name[:60], callback_data=OrgPick(purpose="is", org=school.id, role=role.value))
        builder.adjust(1)
        await callback.message.edit_text(t("invite-choose-school"), reply_markup=builder.as_markup())
        return
    page = await list_orgs(session, kind=OrgKind.SCHOOL, parent_id=parent)
    await callback.message.edit_text(
        t("invite-choose-school"), reply_markup=org_page_keyboard(t, page, purpose="is", parent=parent, role=role.value)
    )


@router.callback_query(OrgPage.filter(F.purpose.in_({"im", "is"})))
async def invite_turn_page(
    callback: CallbackQuery, callback_data: OrgPage, session: AsyncSession, t: Translator
) -> None:
    kind = OrgKind.MUNICIPALITY if callback_data.purpose == "im" else OrgKind.SCHOOL
    page = await list_orgs(session, kind=kind, parent_id=callback_data.parent or None, page=callback_data.page)
    await callback.answer()
    assert isinstance(callback.message, Message)
    await callback.message.edit_reply_markup(
        reply_markup=org_page_keyboard(
            t, page, purpose=callback_data.purpose, parent=callback_data.parent, role=callback_data.role
        )
    )


@router.callback_query(OrgPick.filter(F.purpose == "im"))
async def invite_pick_municipality(
    callback: CallbackQuery,
    callback_data: OrgPick,
    session: AsyncSession,
    actor: Actor,
    t: Translator,
    settings: Settings,
    clock: Clock,
    bot: Bot,
) -> None:
    role = _role(callback_data.role)
    if ROLE_SCOPE[role] == OrgKind.MUNICIPALITY:
        await _issue(callback, session, actor, t, settings, clock, bot, role, callback_data.org)
        return
    municipality = await get_org(session, callback_data.org, OrgKind.MUNICIPALITY)
    page = await list_orgs(session, kind=OrgKind.SCHOOL, parent_id=municipality.id)
    await callback.answer()
    assert isinstance(callback.message, Message)
    await callback.message.edit_text(
        t("invite-choose-school"),
        reply_markup=org_page_keyboard(t, page, purpose="is", parent=municipality.id, role=role.value),
    )


@router.callback_query(OrgPick.filter(F.purpose == "is"))
async def invite_pick_school(
    callback: CallbackQuery,
    callback_data: OrgPick,
    session: AsyncSession,
    actor: Actor,
    t: Translator,
    settings: Settings,
    clock: Clock,
    bot: Bot,
) -> None:
    await _issue(callback, session, actor, t, settings, clock, bot, _role(callback_data.role), callback_data.org)


async def _issue(
    callback: CallbackQuery,
    session: AsyncSession,
    actor: Actor,
    t: Translator,
    settings: Settings,
    clock: Clock,
    bot: Bot,
    role: Role,
    org_id: int,
) -> None:
    token = await create_role_invite(
        session, actor=actor, role=role, org_id=org_id, now=clock.now(), ttl_days=settings.invite_ttl_days
    )
    org = await get_org(session, org_id)
    await callback.answer()
    assert isinstance(callback.message, Message)
    await callback.message.edit_text(
        t(
            "invite-created",
            role=t.plain(f"role-{role.value}"),
            org=org.name,
            link=await create_start_link(bot, token),
            days=settings.invite_ttl_days,
        )
    )


def _role(value: str) -> Role:
    """The role named in callback data, which is user input: anything else is refused."""
    try:
        return Role(value)
    except ValueError as error:
        raise Forbidden() from error


def _roles_keyboard(t: Translator, actor: Actor) -> InlineKeyboardMarkup:
    roles = invitable_roles(actor)
    if not roles:
        raise Forbidden()
    builder = InlineKeyboardBuilder()
    for role in roles:
        builder.button(text=t.plain(f"role-{role.value}"), callback_data=InviteRole(role=role))
    builder.adjust(1)
    return builder.as_markup()
