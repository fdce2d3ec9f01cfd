"""Diagnostics: a teacher's self-assessment by competence area; methodists upload diagnostics and the catalogue."""

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.callback_fields import Id, Index
from handlers.common.context import Ctx
from handlers.common.door import staff_only
from handlers.common.i18n import Translator
from handlers.common.keyboards import message_of, page_row, short
from handlers.common.people_search import answer_people
from handlers.common.uploads import run_import
from handlers.routes.views import RouteAction
from services.errors import Forbidden, NotFound
from services.files.reading import ReadProgress
from services.models.people import PROCEDURES, Role
from services.models.routes import Area
from services.numbers import parse_id
from services.routes.catalogue import (
    catalogue_municipality,
    get_activity,
    hide_activity,
    import_catalogue,
    list_activities,
)
from services.routes.diagnostics import LEVELS, import_diagnostics, record_diagnostic, record_self_assessment
from services.routes.review import is_reviewer

router = Router(name="diagnostics")
AREAS = list(Area)


class SelfRating(CallbackData, prefix="sa"):
    area: Index
    value: Index


@staff_only(Role.METHODIST)
class Upload(StatesGroup):
    catalogue = State()
    diagnostics = State()


@router.callback_query(RouteAction.filter(F.action == "self"))
async def self_assessment_begin(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    if ctx.actor.person_id is None:
        raise Forbidden()
    await state.clear()
    await state.update_data(ratings={})
    await callback.answer()
    await message_of(callback).edit_text(_question(ctx.t, 0), reply_markup=_scale(ctx.t, 0))


@router.callback_query(SelfRating.filter())
async def self_assessment_answer(
    callback: CallbackQuery, callback_data: SelfRating, state: FSMContext, ctx: Ctx
) -> None:
    ratings: dict[str, int] | None = (await state.get_data()).get("ratings")
    if ratings is None or not 0 <= callback_data.area < len(AREAS) or not 1 <= callback_data.value <= 4:
        await callback.answer(ctx.t.plain("stale-button"), show_alert=True)
        return
    ratings[AREAS[callback_data.area].value] = callback_data.value
    await state.update_data(ratings=ratings)
    await callback.answer()
    following = callback_data.area + 1
    if following < len(AREAS):
        await message_of(callback).edit_text(_question(ctx.t, following), reply_markup=_scale(ctx.t, following))
        return
    deficits = await record_self_assessment(
        ctx.session, actor=ctx.actor, ratings={Area(area): value for area, value in ratings.items()}, now=ctx.now()
    )
    await state.clear()
    names = ", ".join(ctx.t.plain(f"area-{area.value}") for area in deficits) or "—"
    builder = InlineKeyboardBuilder()
    builder.button(text=ctx.t.plain("route-start"), callback_data=RouteAction(action="start"))
    await message_of(callback).edit_text(
        ctx.t("self-assessment-done", deficits=names), reply_markup=builder.as_markup()
    )


def _question(t: Translator, index: int) -> str:
    return t("self-assessment-question", number=index + 1, total=len(AREAS), area=t.plain(f"area-{AREAS[index].value}"))


def _scale(t: Translator, index: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for value in range(1, 5):
        builder.button(text=t.plain(f"self-assessment-{value}"), callback_data=SelfRating(area=index, value=value))
    builder.adjust(1)
    return builder.as_markup()


@router.callback_query(RouteAction.filter(F.action.in_({"upload_catalogue", "upload_diagnostics"})))
async def upload_begin(callback: CallbackQuery, callback_data: RouteAction, state: FSMContext, ctx: Ctx) -> None:
    catalogue_municipality(ctx.actor)  # methodists only
    catalogue = callback_data.action == "upload_catalogue"
    await state.set_state(Upload.catalogue if catalogue else Upload.diagnostics)
    await callback.answer()
    await message_of(callback).answer(ctx.t("upload-catalogue-ask" if catalogue else "upload-diagnostics-ask"))


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
    await message.answer(text)


@staff_only(Role.ADMIN, Role.METHODIST, Role.COORDINATOR)
class DiagnosticForm(StatesGroup):
    search = State()


class DiagnosticStep(CallbackData, prefix="dg"):
    """One tap of the by-hand diagnostic: pick a person, a kind, a level, toggle areas, save."""

    step: str
    value: str = ""


DIAGNOSTIC_KINDS = tuple(kind.value for kind in PROCEDURES)


@router.callback_query(RouteAction.filter(F.action == "diagnostic"))
async def diagnostic_begin(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    if not is_reviewer(ctx.actor):
        raise Forbidden()
    await state.set_state(DiagnosticForm.search)
    await callback.answer()
    await message_of(callback).answer(ctx.t("diagnostic-search"))


@router.message(DiagnosticForm.search, F.text, ~F.text.startswith("/"))
async def diagnostic_search(message: Message, ctx: Ctx) -> None:
    await answer_people(message, ctx, lambda person_id: DiagnosticStep(step="person", value=str(person_id)))


@router.callback_query(DiagnosticForm.search, DiagnosticStep.filter())
async def diagnostic_step(callback: CallbackQuery, callback_data: DiagnosticStep, state: FSMContext, ctx: Ctx) -> None:
    """Each tap stores one answer and shows the next question; everything is checked again on saving."""
    data = await state.get_data()
    step, value, t = callback_data.step, callback_data.value, ctx.t
    builder = InlineKeyboardBuilder()
    if step == "person" and (person_id := parse_id(value)) is not None:
        await state.update_data(person_id=person_id, areas=[])
        for kind in DIAGNOSTIC_KINDS:
            builder.button(
                text=t.plain(f"diagnostic-kind-{kind}"), callback_data=DiagnosticStep(step="kind", value=kind)
            )
        question = t("diagnostic-choose-kind")
    elif step == "kind" and value in DIAGNOSTIC_KINDS and "person_id" in data:
        await state.update_data(kind=value)
        for level in LEVELS:
            builder.button(text=t.plain(f"level-{level}"), callback_data=DiagnosticStep(step="level", value=level))
        question = t("diagnostic-choose-level")
    elif step in ("level", "area") and "kind" in data:
        areas: list[str] = data.get("areas", [])
        if step == "level" and value in LEVELS:
            await state.update_data(level=value)
        elif step == "area" and value in Area._value2member_map_:
            areas = [area for area in areas if area != value] if value in areas else [*areas, value]
            await state.update_data(areas=areas)
        for area in Area:
            mark = "✅ " if area.value in areas else ""
            builder.button(
                text=mark + t.plain(f"area-{area.value}"), callback_data=DiagnosticStep(step="area", value=area.value)
            )
        builder.button(text=t.plain("diagnostic-save"), callback_data=DiagnosticStep(step="save"))
        question = t("diagnostic-choose-areas")
    elif step == "save" and "level" in data:
        await record_diagnostic(
            ctx.session,
            actor=ctx.actor,
            person_id=data["person_id"],
            kind=data["kind"],
            level=data["level"],
            areas=[Area(area) for area in data.get("areas", [])],
            taken_on=ctx.now().date(),
        )
        await state.clear()
        await callback.answer()
        await message_of(callback).edit_text(t("diagnostic-saved"))
        return
    else:
        await callback.answer(t.plain("stale-button"), show_alert=True)
        return
    builder.adjust(1)
    await callback.answer()
    await message_of(callback).edit_text(question, reply_markup=builder.as_markup())


class CatalogueEntry(CallbackData, prefix="ce"):
    activity: Id
    hide: bool = False


@router.callback_query(RouteAction.filter(F.action == "catalogue_list"))
async def catalogue_list(callback: CallbackQuery, callback_data: RouteAction, ctx: Ctx) -> None:
    municipality_id = catalogue_municipality(ctx.actor)
    activities, pages = await list_activities(ctx.session, municipality_id=municipality_id, page=callback_data.page)
    builder = InlineKeyboardBuilder()
    for activity in activities:
        builder.button(text=short(activity.title, 60), callback_data=CatalogueEntry(activity=activity.id))
    builder.adjust(1)
    builder.attach(page_row(ctx.t, callback_data.page, pages, lambda n: RouteAction(action="catalogue_list", page=n)))
    builder.row()
    builder.button(text=ctx.t.plain("upload-catalogue"), callback_data=RouteAction(action="upload_catalogue"))
    await callback.answer()
    text = ctx.t("catalogue-title") if activities else ctx.t("catalogue-empty-manage")
    await message_of(callback).answer(text, reply_markup=builder.as_markup())


@router.callback_query(CatalogueEntry.filter())
async def catalogue_entry(callback: CallbackQuery, callback_data: CatalogueEntry, ctx: Ctx) -> None:
    municipality_id = catalogue_municipality(ctx.actor)
    t = ctx.t
    if callback_data.hide:
        activity = await hide_activity(ctx.session, actor=ctx.actor, activity_id=callback_data.activity)
        await callback.answer(t.plain("catalogue-hidden"))
        await message_of(callback).edit_text(t("catalogue-hidden-title", title=activity.title))
        return
    found = await get_activity(ctx.session, callback_data.activity, municipality_id)
    if found is None:
        raise NotFound()
    areas = ", ".join(t.plain(f"area-{area.value}") for area in found.areas)
    builder = InlineKeyboardBuilder()
    builder.button(text=t.plain("catalogue-hide"), callback_data=CatalogueEntry(activity=found.id, hide=True))
    builder.button(text=t.plain("back"), callback_data=RouteAction(action="catalogue_list"))
    builder.adjust(1)
    await callback.answer()
    text = t(
        "catalogue-entry",
        title=found.title,
        kind=t.plain(f"kind-{found.kind.value}"),
        hours=found.hours or 0,
        registry=found.registry.value,
        areas=areas,
    )
    await message_of(callback).edit_text(text, reply_markup=builder.as_markup())
