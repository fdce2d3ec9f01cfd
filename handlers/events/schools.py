"""The event wizard's school picker, for an event meant for chosen schools only: the municipality's schools a page
at a time, each ticked or unticked with a tap; «Готово» is answered by the wizard (handlers.events.create)."""

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.context import Ctx
from handlers.common.keyboards import page_row, short
from handlers.common.navigation import show, step_keyboard
from handlers.events.form import EventForm
from handlers.events.views import EventChoice
from services.errors import InvalidInput
from services.models.people import OrgKind
from services.numbers import parse_id, parse_whole
from services.people.access import organiser_municipality
from services.people.orgs import list_orgs

router = Router(name="event_schools")

SCHOOLS_PER_PAGE = 10


async def show_schools(callback: CallbackQuery, state: FSMContext, ctx: Ctx, *, page: int) -> None:
    chosen: list[int] = (await state.get_data()).get("schools", [])
    found = await list_orgs(
        ctx.session,
        kind=OrgKind.SCHOOL,
        parent_id=organiser_municipality(ctx.actor),
        page=page,
        per_page=SCHOOLS_PER_PAGE,
    )
    builder = InlineKeyboardBuilder()
    for school in found.items:
        mark = "✅ " if school.id in chosen else ""
        builder.button(
            text=mark + short(school.name, 40),
            callback_data=EventChoice(field="school", value=f"{school.id}.{found.page}"),
        )
    builder.adjust(1)
    builder.attach(
        page_row(
            ctx.t,
            found.page,
            found.pages,
            lambda n: EventChoice(field="schools_page", value=str(n)),
            total=found.total,
            size=found.per_page,
        )
    )
    done = EventChoice(field="schools", value="done").pack()
    builder.row(InlineKeyboardButton(text=ctx.t.plain("event-schools-done"), callback_data=done))
    markup = step_keyboard(ctx.t, builder, back=EventChoice(field="back", value="audience"))
    await show(callback, ctx.t("event-ask-schools", count=len(chosen)), markup)


@router.callback_query(EventForm.audience, EventChoice.filter(F.field == "schools_page"))
async def event_schools_page(callback: CallbackQuery, callback_data: EventChoice, state: FSMContext, ctx: Ctx) -> None:
    page = parse_whole(callback_data.value, low=0, high=10_000)
    if page is None:
        raise InvalidInput("stale-button")
    await callback.answer()
    await show_schools(callback, state, ctx, page=page)


@router.callback_query(EventForm.audience, EventChoice.filter(F.field == "school"))
async def event_toggle_school(callback: CallbackQuery, callback_data: EventChoice, state: FSMContext, ctx: Ctx) -> None:
    """Tick or untick a school (the service checks every chosen school belongs to the municipality)."""
    school, _, page = callback_data.value.partition(".")
    school_id, page_no = parse_id(school), parse_whole(page, low=0, high=10_000)
    if school_id is None or page_no is None:
        raise InvalidInput("stale-button")
    chosen: list[int] = (await state.get_data()).get("schools", [])
    chosen = [each for each in chosen if each != school_id] if school_id in chosen else [*chosen, school_id]
    await state.update_data(schools=chosen)
    await callback.answer()
    await show_schools(callback, state, ctx, page=page_no)
