"""The methodist's «Каталог и диагностика»: the municipality's activity catalogue (browse, hide, upload) and the
diagnostics upload, each upload answered with its template file."""

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.callback_fields import Id
from handlers.common.context import Ctx
from handlers.common.door import staff_only
from handlers.common.keyboards import MenuAction, page_row, short
from handlers.common.navigation import confirm_keyboard, show, step_keyboard, with_nav
from handlers.common.uploads import ask_for_file, run_import
from handlers.routes.views import RouteAction, activity_text
from services.errors import InvalidInput, NotFound
from services.files.reading import ReadProgress
from services.models.people import Role
from services.routes import catalogue as catalogue_file
from services.routes import diagnostics as diagnostics_file
from services.routes.catalogue import (
    PER_PAGE,
    catalogue_municipality,
    get_activity,
    hide_activity,
    import_catalogue,
    list_activities,
)
from services.routes.diagnostics import import_diagnostics

router = Router(name="catalogue")
MENU = MenuAction(item="catalogue")
CATALOGUE_EXAMPLE = ("Формирование функциональной грамотности", "курс", 36, "ФР", "методические, предметные")
DIAGNOSTICS_EXAMPLE = (
    "Петрова Анна Сергеевна",
    "14.03.1996",
    "01.11.2026",
    "региональная",
    "базовый",
    "методические, цифровые",
)


@staff_only(Role.METHODIST)
class Upload(StatesGroup):
    catalogue = State()
    diagnostics = State()


class CatalogueEntry(CallbackData, prefix="ce"):
    """An activity of the catalogue: `open` it, ask to `hide` it, or `hidden` (confirmed)."""

    activity: Id
    action: str = "open"


@router.callback_query(MenuAction.filter(F.item == MENU.item))
async def catalogue_menu(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    catalogue_municipality(ctx.actor)  # methodists only
    await state.clear()
    t = ctx.t
    builder = InlineKeyboardBuilder()
    builder.button(text=t.plain("catalogue-manage"), callback_data=RouteAction(action="catalogue_list"))
    builder.button(text=t.plain("upload-catalogue"), callback_data=RouteAction(action="upload_catalogue"))
    builder.button(text=t.plain("upload-diagnostics"), callback_data=RouteAction(action="upload_diagnostics"))
    builder.button(text=t.plain("diagnostic-by-hand"), callback_data=RouteAction(action="diagnostic"))
    builder.adjust(1)
    await callback.answer()
    await show(callback, t("catalogue-menu-title"), with_nav(t, builder))


@router.callback_query(RouteAction.filter(F.action.in_({"upload_catalogue", "upload_diagnostics"})))
async def upload_begin(callback: CallbackQuery, callback_data: RouteAction, state: FSMContext, ctx: Ctx) -> None:
    """The template to fill in (its columns and an example row), and the step waiting for the file."""
    catalogue_municipality(ctx.actor)  # methodists only
    catalogue = callback_data.action == "upload_catalogue"
    await state.set_state(Upload.catalogue if catalogue else Upload.diagnostics)
    await ask_for_file(
        callback,
        ctx.t,
        sheet="catalogue-sheet" if catalogue else "diagnostics-sheet",
        columns=catalogue_file.COLUMNS if catalogue else diagnostics_file.COLUMNS,
        example=CATALOGUE_EXAMPLE if catalogue else DIAGNOSTICS_EXAMPLE,
        filename="activity-catalogue-template.xlsx" if catalogue else "diagnostics-template.xlsx",
        caption="upload-catalogue-ask" if catalogue else "upload-diagnostics-ask",
        markup=step_keyboard(ctx.t, back=MENU),
    )


@router.message(Upload.catalogue, F.document)
@router.message(Upload.diagnostics, F.document)
async def upload_file(message: Message, state: FSMContext, ctx: Ctx) -> None:
    catalogue = await state.get_state() == Upload.catalogue.state

    async def importer(content: bytes, name: str, progress: ReadProgress) -> str:
        if catalogue:
            created, updated = await import_catalogue(
                ctx.session, actor=ctx.actor, content=content, file_name=name, now=ctx.now(), progress=progress
            )
            return ctx.t("catalogue-imported", created=created, updated=updated)
        added, skipped = await import_diagnostics(
            ctx.session, actor=ctx.actor, content=content, file_name=name, today=ctx.now().date(), progress=progress
        )
        return ctx.t("diagnostics-imported", added=added, skipped=skipped)

    text = await run_import(message, ctx, importer)
    if text is None:
        return
    await state.clear()
    builder = InlineKeyboardBuilder()
    builder.button(text=ctx.t.plain("catalogue-manage"), callback_data=RouteAction(action="catalogue_list"))
    await message.answer(text, reply_markup=with_nav(ctx.t, builder, back=MENU))


@router.callback_query(RouteAction.filter(F.action == "catalogue_list"))
async def catalogue_list(callback: CallbackQuery, callback_data: RouteAction, ctx: Ctx) -> None:
    await callback.answer()
    await _show_list(callback, ctx, callback_data.page)


async def _show_list(callback: CallbackQuery, ctx: Ctx, page: int, note: str = "") -> None:
    municipality_id = catalogue_municipality(ctx.actor)
    activities, total = await list_activities(ctx.session, municipality_id=municipality_id, page=page)
    t = ctx.t
    builder = InlineKeyboardBuilder()
    for activity in activities:
        builder.button(text=short(activity.title, 60), callback_data=CatalogueEntry(activity=activity.id))
    builder.adjust(1)
    pages = max(1, -(-total // PER_PAGE))
    builder.attach(
        page_row(t, page, pages, lambda n: RouteAction(action="catalogue_list", page=n), total=total, size=PER_PAGE)
    )
    builder.row()
    builder.button(text=t.plain("upload-catalogue"), callback_data=RouteAction(action="upload_catalogue"))
    text = t("catalogue-title") if activities else t("catalogue-empty-manage")
    await show(callback, (note + "\n\n" if note else "") + text, with_nav(t, builder, back=MENU))


@router.callback_query(CatalogueEntry.filter())
async def catalogue_entry(callback: CallbackQuery, callback_data: CatalogueEntry, ctx: Ctx) -> None:
    """An activity's card; hiding it is asked first, with what it means."""
    municipality_id = catalogue_municipality(ctx.actor)
    t, action = ctx.t, callback_data.action
    if action not in ("open", "hide", "hidden"):
        raise InvalidInput("stale-button")
    if action == "hidden":
        activity = await hide_activity(ctx.session, actor=ctx.actor, activity_id=callback_data.activity)
        await callback.answer(t.plain("catalogue-hidden"))
        await _show_list(callback, ctx, 0, note=t("catalogue-hidden-title", title=activity.title))
        return
    found = await get_activity(ctx.session, callback_data.activity, municipality_id)
    if found is None:
        raise NotFound()
    await callback.answer()
    if action == "hide":
        markup = confirm_keyboard(
            t, yes=CatalogueEntry(activity=found.id, action="hidden"), no=CatalogueEntry(activity=found.id)
        )
        await show(callback, t("catalogue-hide-confirm", title=found.title), markup)
        return
    builder = InlineKeyboardBuilder()
    builder.button(text=t.plain("catalogue-hide"), callback_data=CatalogueEntry(activity=found.id, action="hide"))
    await show(callback, activity_text(t, found), with_nav(t, builder, back=RouteAction(action="catalogue_list")))
