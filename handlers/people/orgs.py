"""/orgs: admins see the region's municipalities, add new ones with a time zone, and set each school's
organisation type (общеобразовательная, дошкольная, …) that the indicators filter on."""

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
from handlers.common.keyboards import MenuAction, OrgPage, OrgPick, message_of, org_page_keyboard
from handlers.common.time_zones import zone_name
from services.errors import Forbidden
from services.models.people import OrgKind, OrgType, Role
from services.people.access import Actor
from services.people.orgs import clean_org_name, create_municipality, list_orgs, set_org_type

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
    text, markup = await _orgs_screen(ctx, 0)
    await message.answer(text, reply_markup=markup)


@router.callback_query(MenuAction.filter(F.item == "orgs"))
async def orgs_button(callback: CallbackQuery, ctx: Ctx) -> None:
    text, markup = await _orgs_screen(ctx, 0)
    await callback.answer()
    await message_of(callback).answer(text, reply_markup=markup)


@router.callback_query(OrgPage.filter(F.purpose == "ol"))
async def orgs_turn_page(callback: CallbackQuery, callback_data: OrgPage, ctx: Ctx) -> None:
    text, markup = await _orgs_screen(ctx, callback_data.page)
    await callback.answer()
    await message_of(callback).edit_text(text, reply_markup=markup)


@router.callback_query(AddMunicipality.filter())
async def add_municipality(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    _require_admin(ctx.actor)
    await state.set_state(MunicipalityForm.name)
    await callback.answer()
    await message_of(callback).answer(ctx.t("orgs-type-name"))


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
    await message.answer(ctx.t("orgs-choose-timezone", name=name), reply_markup=builder.as_markup())


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
    await message_of(callback).edit_text(ctx.t("orgs-created", name=municipality.name, timezone=zone))


async def _orgs_screen(ctx: Ctx, page_number: int) -> tuple[str, InlineKeyboardMarkup]:
    _require_admin(ctx.actor)
    page = await list_orgs(ctx.session, kind=OrgKind.MUNICIPALITY, page=page_number, per_page=PER_PAGE)
    lines = [
        ctx.t("orgs-line", name=org.name, timezone=zone_name(ctx.t, org.timezone, ctx.now())) for org in page.items
    ]
    text = "\n".join([ctx.t("orgs-title", count=page.total), *lines])
    builder = InlineKeyboardBuilder()
    nav = 0
    if page.page > 0:
        builder.button(text="‹", callback_data=OrgPage(purpose="ol", page=page.page - 1))
        nav += 1
    if page.page + 1 < page.pages:
        builder.button(text="›", callback_data=OrgPage(purpose="ol", page=page.page + 1))
        nav += 1
    builder.button(text=ctx.t.plain("orgs-add"), callback_data=AddMunicipality())
    builder.button(text=ctx.t.plain("orgs-types"), callback_data=OrgPage(purpose="otm"))
    builder.adjust(*([nav] if nav else []), 1, 1)
    return text, builder.as_markup()


@router.callback_query(OrgPage.filter(F.purpose.in_({"otm", "ots"})))
async def type_pick_page(callback: CallbackQuery, callback_data: OrgPage, ctx: Ctx) -> None:
    """A page of municipalities (then of one municipality's schools) to set a school's type."""
    _require_admin(ctx.actor)
    schools = callback_data.purpose == "ots"
    kind = OrgKind.SCHOOL if schools else OrgKind.MUNICIPALITY
    page = await list_orgs(
        ctx.session, kind=kind, parent_id=callback_data.parent if schools else None, page=callback_data.page
    )
    markup = org_page_keyboard(ctx.t, page, purpose=callback_data.purpose, parent=callback_data.parent)
    await callback.answer()
    await message_of(callback).answer(ctx.t("orgs-types-pick"), reply_markup=markup)


@router.callback_query(OrgPick.filter(F.purpose == "otm"))
async def type_municipality_picked(callback: CallbackQuery, callback_data: OrgPick, ctx: Ctx) -> None:
    await type_pick_page(callback, OrgPage(purpose="ots", parent=callback_data.org), ctx)


@router.callback_query(OrgPick.filter(F.purpose == "ots"))
async def type_school_picked(callback: CallbackQuery, callback_data: OrgPick, ctx: Ctx) -> None:
    _require_admin(ctx.actor)
    builder = InlineKeyboardBuilder()
    for org_type in OrgType:
        builder.button(
            text=ctx.t.plain(f"org-type-{org_type.value}"),
            callback_data=SetOrgType(school=callback_data.org, org_type=org_type),
        )
    builder.adjust(1)
    await callback.answer()
    await message_of(callback).answer(ctx.t("orgs-types-choose"), reply_markup=builder.as_markup())


@router.callback_query(SetOrgType.filter())
async def type_chosen(callback: CallbackQuery, callback_data: SetOrgType, ctx: Ctx) -> None:
    org_type = callback_data.org_type  # an unknown type fails the filter and is answered as a stale button
    school = await set_org_type(ctx.session, actor=ctx.actor, school_id=callback_data.school, org_type=org_type)
    await callback.answer()
    await message_of(callback).edit_text(
        ctx.t("orgs-type-set", name=school.name, org_type=ctx.t.plain(f"org-type-{org_type.value}"))
    )


def _require_admin(actor: Actor) -> None:
    if not actor.has(Role.ADMIN):
        raise Forbidden()
