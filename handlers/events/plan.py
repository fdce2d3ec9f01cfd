"""Many events at once: the organiser's plan file (a template with an example row, then the filled-in file,
imported all or nothing)."""

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.context import Ctx
from handlers.common.door import staff_only
from handlers.common.navigation import show, step_keyboard, with_nav
from handlers.common.uploads import ask_for_file, run_import
from handlers.events.views import EventAct, EventList, OrganisedList
from services.events.plan_import import COLUMNS as PLAN_COLUMNS
from services.events.plan_import import import_plan
from services.models.people import Role
from services.people.access import organiser_municipality

router = Router(name="event_plan")


@staff_only(Role.METHODIST)
class PlanUpload(StatesGroup):
    file = State()


PLAN_EXAMPLE = (
    "Семинар по функциональной грамотности",
    "семинар",
    "15.12.2026 15:00",
    "15.12.2026 17:00",
    "ИМЦ, ауд. 12",
    "30",
    "14.12.2026 18:00",
    "нет",
    "",
    "математика",
)


@router.callback_query(EventAct.filter(F.action == "plan"))
async def plan_begin(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    organiser_municipality(ctx.actor)
    await state.set_state(PlanUpload.file)
    await ask_for_file(
        callback,
        ctx.t,
        sheet="event-plan-sheet",
        columns=PLAN_COLUMNS,
        example=PLAN_EXAMPLE,
        filename="events-plan.xlsx",
        caption="event-plan-ask",
        markup=step_keyboard(ctx.t, back=EventList()),
    )


@router.message(PlanUpload.file, F.document)
async def plan_file(message: Message, state: FSMContext, ctx: Ctx) -> None:
    created = await run_import(
        message,
        ctx,
        lambda content, file_name, progress: import_plan(
            ctx.session, actor=ctx.actor, content=content, file_name=file_name, now=ctx.now(), progress=progress
        ),
    )
    if created is None:
        return
    await state.clear()
    builder = InlineKeyboardBuilder()
    builder.button(text=ctx.t.plain("events-mine"), callback_data=OrganisedList())
    await show(message, ctx.t("event-plan-imported", count=created), with_nav(ctx.t, builder, back=EventList()))
