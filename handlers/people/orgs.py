"""/orgs: admins see the region's municipalities, add new ones with a time zone, set each school's organisation
type (общеобразовательная, дошкольная, …) that the indicators filter on, and choose the municipality they work in
as its methodist («🏙 Работать в муниципалитете»)."""

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.callback_fields import Id, Index
from handlers.common.context import Ctx
from handlers.common.door import staff_only
from handlers.common.keyboards import MenuAction, OrgPage, OrgPick, org_page_keyboard, page_row, short
from handlers.common.menu import refresh_commands
from handlers.common.navigation import show, step_keyboard, with_nav
from handlers.common.time_zones import zone_name
from handlers.people.home import home_screen
from handlers.people.invites import InviteRole
from services.errors import Forbidden
from services.models.people import OrgKind, OrgType, Role
from services.people.access import Actor, act_in_municipality
from services.people.orgs import clean_org_name, create_municipality, get_org, list_orgs, set_org_type

router = Router(name="orgs")
# Russia's time zones west to east; a municipality picks one by button.
TIMEZONES = (
    "Europe/Kaliningrad",
    "Europe/Moscow",
    "Europe/Samara",
    "Asia/Yekaterinburg",
    "Asia/Omsk",
    "Asia/Novosibirsk",
    "Asia/Krasnoyarsk",
    "Asia/Irkutsk",
    "Asia/Yakutsk",
    "Asia/Vladivostok",
    "Asia/Magadan",
    "Asia/Kamchatka",
)
PER_PAGE = 15
ORGS = OrgPage(purpose="ol")  # the /orgs screen, the parent of every other screen here
WORK_IN = OrgPage(purpose="wm")  # the admin's choice of a municipality to work in


@staff_only(Role.ADMIN)
class MunicipalityForm(StatesGroup):
    name = State()


class AddMunicipality(CallbackData, prefix="addm"):
    pass


class PickTimezone(CallbackData, prefix="tz"):
    index: Index


class SetOrgType(CallbackData, prefix="otype"):
    school: Id
    org_type: OrgType


@router.message(Command("orgs"))
async def orgs_command(message: Message, ctx: Ctx) -> None:
    await show(message, *await _orgs_screen(ctx, 0))


@router.callback_query(MenuAction.filter(F.item == "orgs"))
async def orgs_button(callback: CallbackQuery, ctx: Ctx) -> None:
    text, markup = await _orgs_screen(ctx, 0)
    await callback.answer()
    await show(callback, text, markup)


@router.callback_query(OrgPage.filter(F.purpose == "ol"))
async def orgs_turn_page(callback: CallbackQuery, callback_data: OrgPage, ctx: Ctx) -> None:
    text, markup = await _orgs_screen(ctx, callback_data.page)
    await callback.answer()
    await show(callback, text, markup)


async def _orgs_screen(ctx: Ctx, page_number: int) -> tuple[str, InlineKeyboardMarkup]:
    _require_admin(ctx.actor)
    t = ctx.t
    page = await list_orgs(ctx.session, kind=OrgKind.MUNICIPALITY, page=page_number, per_page=PER_PAGE)
    lines = [t("orgs-line", name=org.name, timezone=zone_name(t, org.timezone, ctx.now())) for org in page.items]
    text = "\n".join([t("orgs-title", count=page.total), *lines])
    builder = page_row(
        t,
        page.page,
        page.pages,
        lambda n: OrgPage(purpose="ol", page=n),
        total=page.total,
        size=page.per_page,
    )
    builder.button(text=t.plain("orgs-add"), callback_data=AddMunicipality())
    if page.total:
        builder.button(text=t.plain("menu-municipality"), callback_data=WORK_IN)
        builder.button(text=t.plain("orgs-types"), callback_data=OrgPage(purpose="otm"))
    builder.adjust(*([3] if page.pages > 1 else []), 1)
    return text, with_nav(t, builder)


@router.callback_query(AddMunicipality.filter())
async def add_municipality(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    _require_admin(ctx.actor)
    await state.set_state(MunicipalityForm.name)
    await callback.answer()
    await show(callback, ctx.t("orgs-type-name"), step_keyboard(ctx.t))


@router.message(MunicipalityForm.name, F.text, ~F.text.startswith("/"))
async def municipality_name(message: Message, state: FSMContext, ctx: Ctx) -> None:
    _require_admin(ctx.actor)
    assert message.text is not None
    name = clean_org_name(message.text)
    await state.update_data(name=name)
    builder = InlineKeyboardBuilder()
    for index, zone in enumerate(TIMEZONES):
        builder.button(text=zone.split("/")[1], callback_data=PickTimezone(index=index))
    builder.adjust(3)
    markup = step_keyboard(ctx.t, builder, back=AddMunicipality())
    await message.answer(ctx.t("orgs-choose-timezone", name=name), reply_markup=markup)


@router.callback_query(MunicipalityForm.name, PickTimezone.filter())
async def municipality_timezone(
    callback: CallbackQuery, callback_data: PickTimezone, state: FSMContext, ctx: Ctx
) -> None:
    name = (await state.get_data()).get("name")
    if name is None or not 0 <= callback_data.index < len(TIMEZONES):
        await callback.answer(ctx.t.plain("stale-button"), show_alert=True)
        return
    timezone = TIMEZONES[callback_data.index]
    municipality = await create_municipality(ctx.session, actor=ctx.actor, name=name, timezone=timezone, now=ctx.now())
    await state.clear()
    await callback.answer()
    zone = zone_name(ctx.t, municipality.timezone, ctx.now())
    # What an admin does next with a new municipality: appoint its methodist, or be its methodist.
    builder = InlineKeyboardBuilder()
    builder.button(text=ctx.t.plain("orgs-invite-methodist"), callback_data=InviteRole(role=Role.METHODIST))
    builder.button(text=ctx.t.plain("menu-municipality"), callback_data=OrgPick(purpose="wm", org=municipality.id))
    builder.adjust(1)
    text = ctx.t("orgs-created", name=municipality.name, timezone=zone)
    await show(callback, text, with_nav(ctx.t, builder, back=ORGS))


@router.callback_query(OrgPage.filter(F.purpose.in_({"otm", "ots"})))
async def type_pick_page(callback: CallbackQuery, callback_data: OrgPage, ctx: Ctx) -> None:
    """A page of municipalities (then of one municipality's schools) to set a school's type."""
    _require_admin(ctx.actor)
    t = ctx.t
    schools = callback_data.purpose == "ots"
    kind = OrgKind.SCHOOL if schools else OrgKind.MUNICIPALITY
    page = await list_orgs(
        ctx.session, kind=kind, parent_id=callback_data.parent if schools else None, page=callback_data.page
    )
    back = OrgPage(purpose="otm") if schools else ORGS
    await callback.answer()
    if schools and not page.items:  # schools come with the roster: say so, with the way to import one
        municipality = await get_org(ctx.session, callback_data.parent, OrgKind.MUNICIPALITY)
        builder = InlineKeyboardBuilder()
        builder.button(text=t.plain("menu-municipality"), callback_data=OrgPick(purpose="wm", org=municipality.id))
        text = t("orgs-no-schools", municipality=municipality.name)
        await show(callback, text, with_nav(t, builder, back=back))
        return
    markup = org_page_keyboard(t, page, purpose=callback_data.purpose, parent=callback_data.parent)
    await show(callback, t("orgs-types-pick"), with_nav(t, markup, back=back))


@router.callback_query(OrgPick.filter(F.purpose == "otm"))
async def type_municipality_picked(callback: CallbackQuery, callback_data: OrgPick, ctx: Ctx) -> None:
    await type_pick_page(callback, OrgPage(purpose="ots", parent=callback_data.org), ctx)


@router.callback_query(OrgPick.filter(F.purpose == "ots"))
async def type_school_picked(callback: CallbackQuery, callback_data: OrgPick, ctx: Ctx) -> None:
    _require_admin(ctx.actor)
    school = await get_org(ctx.session, callback_data.org, OrgKind.SCHOOL)
    builder = InlineKeyboardBuilder()
    for org_type in OrgType:
        builder.button(
            text=ctx.t.plain(f"org-type-{org_type.value}"),
            callback_data=SetOrgType(school=school.id, org_type=org_type),
        )
    builder.adjust(1)
    await callback.answer()
    back = OrgPage(purpose="ots", parent=school.parent_id or 0)
    await show(callback, ctx.t("orgs-types-choose"), with_nav(ctx.t, builder, back=back))


@router.callback_query(SetOrgType.filter())
async def type_chosen(callback: CallbackQuery, callback_data: SetOrgType, ctx: Ctx) -> None:
    org_type = callback_data.org_type  # an unknown type fails the filter and is answered as a stale button
    school = await set_org_type(ctx.session, actor=ctx.actor, school_id=callback_data.school, org_type=org_type)
    await callback.answer()
    text = ctx.t("orgs-type-set", name=school.name, org_type=ctx.t.plain(f"org-type-{org_type.value}"))
    await show(callback, text, with_nav(ctx.t, back=OrgPage(purpose="ots", parent=school.parent_id or 0)))


@router.callback_query(MenuAction.filter(F.item == "municipality"))
async def work_in_button(callback: CallbackQuery, ctx: Ctx) -> None:
    await work_in_page(callback, WORK_IN, ctx)


@router.callback_query(OrgPage.filter(F.purpose == "wm"))
async def work_in_page(callback: CallbackQuery, callback_data: OrgPage, ctx: Ctx) -> None:
    """The admin chooses the municipality to work in as its methodist; with none yet, the way to add one."""
    _require_admin(ctx.actor)
    t = ctx.t
    page = await list_orgs(ctx.session, kind=OrgKind.MUNICIPALITY, page=callback_data.page)
    await callback.answer()
    if not page.items:
        builder = InlineKeyboardBuilder()
        builder.button(text=t.plain("orgs-add"), callback_data=AddMunicipality())
        await show(callback, t("acting-no-municipalities"), with_nav(t, builder))
        return
    current = ctx.actor.acting_municipality
    text = t("acting-choose", name=short((await get_org(ctx.session, current)).name, 100) if current else "none")
    await show(callback, text, with_nav(t, org_page_keyboard(t, page, purpose="wm")))


@router.callback_query(OrgPick.filter(F.purpose == "wm"))
async def work_in_picked(callback: CallbackQuery, callback_data: OrgPick, ctx: Ctx) -> None:
    """From now on the admin's menu and every methodist screen are this municipality's."""
    ctx.actor = await act_in_municipality(ctx.session, actor=ctx.actor, municipality_id=callback_data.org)
    await callback.answer(ctx.t.plain("settings-saved"))
    await refresh_commands(ctx.bot, ctx.t, ctx.actor)
    await show(callback, *await home_screen(ctx))


def _require_admin(actor: Actor) -> None:
    if not actor.has(Role.ADMIN):
        raise Forbidden()
