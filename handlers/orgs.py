"""/orgs: admins see the region's municipalities and add new ones with a time zone."""

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import Translator
from handlers.keyboards import MenuAction, OrgPage
from services.access import Actor
from services.clock import Clock
from services.errors import Forbidden
from services.models import OrgKind, Role
from services.orgs import clean_org_name, create_municipality, list_orgs

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


class MunicipalityForm(StatesGroup):
    name = State()


class AddMunicipality(CallbackData, prefix="addm"):
    pass


class PickTimezone(CallbackData, prefix="tz"):
    index: int


@router.message(Command("orgs"))
async def orgs_command(message: Message, session: AsyncSession, actor: Actor, t: Translator) -> None:
    text, markup = await _orgs_screen(session, actor, t, 0)
    await message.answer(text, reply_markup=markup)


@router.callback_query(MenuAction.filter(F.item == "orgs"))
async def orgs_button(callback: CallbackQuery, session: AsyncSession, actor: Actor, t: Translator) -> None:
    text, markup = await _orgs_screen(session, actor, t, 0)
    await callback.answer()
    assert isinstance(callback.message, Message)
    await callback.message.answer(text, reply_markup=markup)


@router.callback_query(OrgPage.filter(F.purpose == "ol"))
async def orgs_turn_page(
    callback: CallbackQuery, callback_data: OrgPage, session: AsyncSession, actor: Actor, t: Translator
) -> None:
    text, markup = await _orgs_screen(session, actor, t, callback_data.page)
    await callback.answer()
    assert isinstance(callback.message, Message)
    await callback.message.edit_text(text, reply_markup=markup)


@router.callback_query(AddMunicipality.filter())
async def add_municipality(callback: CallbackQuery, actor: Actor, state: FSMContext, t: Translator) -> None:
    _require_admin(actor)
    await state.set_state(MunicipalityForm.name)
    await callback.answer()
    assert isinstance(callback.message, Message)
    await callback.message.answer(t("orgs-type-name"))


@router.message(MunicipalityForm.name, F.text)
async def municipality_name(message: Message, actor: Actor, state: FSMContext, t: Translator) -> None:
    _require_admin(actor)
    assert message.text is not None
    name = clean_org_name(message.text)
    await state.update_data(name=name)
    builder = InlineKeyboardBuilder()
    for index, zone in enumerate(TIMEZONES):
        builder.button(text=zone.split("/")[1], callback_data=PickTimezone(index=index))
    builder.adjust(3)
    await message.answer(t("orgs-choose-timezone", name=name), reply_markup=builder.as_markup())


@router.callback_query(MunicipalityForm.name, PickTimezone.filter())
async def municipality_timezone(
    callback: CallbackQuery,
    callback_data: PickTimezone,
    session: AsyncSession,
    actor: Actor,
    state: FSMContext,
    t: Translator,
    clock: Clock,
) -> None:
    name = (await state.get_data()).get("name")
    if name is None or not 0 <= callback_data.index < len(TIMEZONES):
        await callback.answer(t.plain("stale-button"), show_alert=True)
        return
    municipality = await create_municipality(
        session, actor=actor, name=name, timezone=TIMEZONES[callback_data.index], now=clock.now()
    )
    await state.clear()
    await callback.answer()
    assert isinstance(callback.message, Message)
    await callback.message.edit_text(t("orgs-created", name=municipality.name, timezone=municipality.timezone))


async def _orgs_screen(
    session: AsyncSession, actor: Actor, t: Translator, page_number: int
) -> tuple[str, InlineKeyboardMarkup]:
    _require_admin(actor)
    page = await list_orgs(session, kind=OrgKind.MUNICIPALITY, page=page_number, per_page=15)
    lines = [t("orgs-line", name=org.name, timezone=org.timezone) for org in page.items]
    text = t("orgs-title", count=len(lines)) + ("\n" + "\n".join(lines) if lines else "")
    builder = InlineKeyboardBuilder()
    if page.page > 0:
        builder.button(text="‹", callback_data=OrgPage(purpose="ol", page=page.page - 1))
    if page.page + 1 < page.pages:
        builder.button(text="›", callback_data=OrgPage(purpose="ol", page=page.page + 1))
    builder.button(text=t.plain("orgs-add"), callback_data=AddMunicipality())
    builder.adjust(2 if page.page > 0 and page.page + 1 < page.pages else 1, 1)
    return text, builder.as_markup()


def _require_admin(actor: Actor) -> None:
    if not actor.has(Role.ADMIN):
        raise Forbidden()
