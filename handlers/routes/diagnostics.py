"""Diagnostics: a teacher's self-assessment by competence area, and a diagnostic a reviewer enters by hand."""

from datetime import date

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.callback_fields import Index
from handlers.common.context import Ctx
from handlers.common.dates import DatePick, date_keyboard
from handlers.common.door import staff_only
from handlers.common.i18n import Translator
from handlers.common.navigation import show, step_keyboard, with_nav
from handlers.common.people_search import answer_people
from handlers.routes.routes import TeacherRoute
from handlers.routes.views import RouteAction
from services.errors import Forbidden, InvalidInput
from services.files.reading import date_of
from services.models.people import PROCEDURES, Role
from services.models.routes import Area
from services.numbers import parse_id
from services.routes.diagnostics import (
    LEVELS,
    check_taken_on,
    record_diagnostic,
    record_self_assessment,
)
from services.routes.review import is_reviewer

router = Router(name="diagnostics")
AREAS = list(Area)
TAKEN_ON = "diagnostic_past"  # the calendar of the day a diagnostic was taken (days up to today)


class SelfRating(CallbackData, prefix="sa"):
    area: Index
    value: Index


class SelfAssessment(StatesGroup):
    rating = State()


@router.callback_query(RouteAction.filter(F.action == "self"))
async def self_assessment_begin(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    if ctx.actor.person_id is None:
        raise Forbidden()
    await state.clear()
    await state.set_state(SelfAssessment.rating)
    await state.update_data(ratings={})
    await callback.answer()
    await show(callback, _question(ctx.t, 0), _scale(ctx.t, 0))


@router.callback_query(SelfAssessment.rating, SelfRating.filter())
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
        await show(callback, _question(ctx.t, following), _scale(ctx.t, following))
        return
    deficits = await record_self_assessment(
        ctx.session, actor=ctx.actor, ratings={Area(area): value for area, value in ratings.items()}, now=ctx.now()
    )
    await state.clear()
    names = ", ".join(ctx.t.plain(f"area-{area.value}") for area in deficits) or "—"
    builder = InlineKeyboardBuilder()
    builder.button(text=ctx.t.plain("route-start"), callback_data=RouteAction(action="start"))
    await show(callback, ctx.t("self-assessment-done", deficits=names), with_nav(ctx.t, builder))


def _question(t: Translator, index: int) -> str:
    return t("self-assessment-question", number=index + 1, total=len(AREAS), area=t.plain(f"area-{AREAS[index].value}"))


def _scale(t: Translator, index: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for value in range(1, 5):
        builder.button(text=t.plain(f"self-assessment-{value}"), callback_data=SelfRating(area=index, value=value))
    builder.adjust(1)
    return step_keyboard(t, builder)


@staff_only(Role.ADMIN, Role.METHODIST, Role.COORDINATOR)
class DiagnosticForm(StatesGroup):
    search = State()
    taken_on = State()


class DiagnosticStep(CallbackData, prefix="dg"):
    """One tap of the by-hand diagnostic: pick a person, a kind, a level, toggle areas, then the date."""

    step: str
    value: str = ""


DIAGNOSTIC_KINDS = tuple(kind.value for kind in PROCEDURES)


@router.callback_query(RouteAction.filter(F.action == "diagnostic"))
async def diagnostic_begin(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    if not is_reviewer(ctx.actor):
        raise Forbidden()
    await state.clear()
    await state.set_state(DiagnosticForm.search)
    await callback.answer()
    await show(callback, ctx.t("diagnostic-search"), step_keyboard(ctx.t))


@router.message(DiagnosticForm.search, F.text, ~F.text.startswith("/"))
async def diagnostic_search(message: Message, ctx: Ctx) -> None:
    await answer_people(message, ctx, lambda person_id: DiagnosticStep(step="person", value=str(person_id)))


@router.callback_query(DiagnosticForm.search, DiagnosticStep.filter())
@router.callback_query(DiagnosticForm.taken_on, DiagnosticStep.filter())
async def diagnostic_step(callback: CallbackQuery, callback_data: DiagnosticStep, state: FSMContext, ctx: Ctx) -> None:
    """Each tap stores one answer and shows the next question (‹ Назад goes one question back); everything is
    checked again on saving."""
    data = await state.get_data()
    step, value, t = callback_data.step, callback_data.value, ctx.t
    builder = InlineKeyboardBuilder()
    back: CallbackData | None = RouteAction(action="diagnostic")
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
        back = DiagnosticStep(step="person", value=str(data["person_id"]))
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
        builder.button(text=t.plain("diagnostic-next"), callback_data=DiagnosticStep(step="date"))
        question = t("diagnostic-choose-areas")
        back = DiagnosticStep(step="kind", value=data["kind"])
    elif step == "date" and "level" in data:
        await state.set_state(DiagnosticForm.taken_on)
        await callback.answer()
        back = DiagnosticStep(step="level", value=data["level"])
        await show(callback, t("diagnostic-choose-date"), date_keyboard(t, TAKEN_ON, ctx.now().date(), back=back))
        return
    else:
        await callback.answer(t.plain("stale-button"), show_alert=True)
        return
    await state.set_state(DiagnosticForm.search)
    builder.adjust(1)
    await callback.answer()
    await show(callback, question, step_keyboard(t, builder, back=back))


@router.callback_query(DiagnosticForm.taken_on, DatePick.filter((F.purpose == TAKEN_ON) & (F.day > 0)))
async def diagnostic_date_chosen(callback: CallbackQuery, callback_data: DatePick, state: FSMContext, ctx: Ctx) -> None:
    taken_on = check_taken_on(callback_data.chosen(), ctx.now().date())
    await _save(callback, state, ctx, taken_on)


@router.message(DiagnosticForm.taken_on, F.text, ~F.text.startswith("/"))
async def diagnostic_date_typed(message: Message, state: FSMContext, ctx: Ctx) -> None:
    taken_on = check_taken_on(date_of(message.text), ctx.now().date())
    await _save(message, state, ctx, taken_on)


async def _save(event: CallbackQuery | Message, state: FSMContext, ctx: Ctx, taken_on: date) -> None:
    data = await state.get_data()
    if "level" not in data:
        raise InvalidInput("stale-button")
    await record_diagnostic(
        ctx.session,
        actor=ctx.actor,
        person_id=data["person_id"],
        kind=data["kind"],
        level=data["level"],
        areas=[Area(area) for area in data.get("areas", [])],
        taken_on=taken_on,
        today=ctx.now().date(),
    )
    await state.clear()
    if isinstance(event, CallbackQuery):
        await event.answer()
    t = ctx.t
    builder = InlineKeyboardBuilder()
    builder.button(text=t.plain("diagnostic-open-route"), callback_data=TeacherRoute(person=data["person_id"]))
    builder.button(text=t.plain("diagnostic-another"), callback_data=RouteAction(action="diagnostic"))
    builder.adjust(1)
    await show(event, t("diagnostic-saved"), with_nav(t, builder))
