"""After an event: the organiser's participants file and marking who came, a page at a time."""

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.callback_fields import Id, Index
from handlers.common.context import Ctx
from handlers.common.keyboards import message_of, page_row, short
from handlers.common.navigation import show, with_nav
from handlers.events.organise import EventManage, back_to_manage
from services.events.attendance import mark_attendance, participants, seat_page
from services.files.writing import write_table
from services.models.events import RegistrationStatus

router = Router(name="event_attendance")


class AttendancePage(CallbackData, prefix="ap"):
    event: Id
    page: Index = 0


class Attendance(CallbackData, prefix="at"):
    registration: Id
    attended: bool
    page: Index = 0


@router.callback_query(EventManage.filter(F.action == "export"))
async def export_participants(callback: CallbackQuery, callback_data: EventManage, ctx: Ctx) -> None:
    rows = await participants(ctx.session, actor=ctx.actor, event_id=callback_data.event)
    t = ctx.t
    header = [t.plain("col-name"), t.plain("col-school"), t.plain("col-status")]
    table = write_table(
        t.plain("event-participants-sheet"),
        header,
        [(name, school, t.plain(f"registration-{status.value}")) for _id, name, school, status in rows],
    )
    await callback.answer()
    await message_of(callback).answer_document(BufferedInputFile(table, filename="participants.xlsx"))


@router.callback_query(EventManage.filter(F.action == "attendance"))
@router.callback_query(AttendancePage.filter())
async def attendance_list(callback: CallbackQuery, callback_data: EventManage | AttendancePage, ctx: Ctx) -> None:
    page = callback_data.page if isinstance(callback_data, AttendancePage) else 0
    screen = await _attendance_screen(ctx, callback_data.event, page)
    await callback.answer()
    await show(callback, *screen)


async def _attendance_screen(ctx: Ctx, event_id: int, page: int) -> tuple[str, InlineKeyboardMarkup]:
    found = await seat_page(ctx.session, actor=ctx.actor, event_id=event_id, page=page)
    builder = InlineKeyboardBuilder()
    for seat in found.seats:
        mark = {RegistrationStatus.ATTENDED: "✅", RegistrationStatus.NO_SHOW: "❌"}.get(seat.status, "▫️")
        attended = seat.status != RegistrationStatus.ATTENDED
        data = Attendance(registration=seat.registration_id, attended=attended, page=found.page)
        builder.button(text=f"{mark} {short(seat.name, 40)}", callback_data=data)
    builder.adjust(1)
    builder.attach(
        page_row(
            ctx.t,
            found.page,
            found.pages,
            lambda n: AttendancePage(event=event_id, page=n),
            total=found.total,
            size=found.per_page,
        )
    )
    text = ctx.t("event-attendance-title") if found.seats else ctx.t("event-attendance-none")
    return text, with_nav(ctx.t, builder, back=back_to_manage(event_id))


@router.callback_query(Attendance.filter())
async def toggle_attendance(callback: CallbackQuery, callback_data: Attendance, ctx: Ctx) -> None:
    event_id = await mark_attendance(
        ctx.session,
        actor=ctx.actor,
        registration_id=callback_data.registration,
        attended=callback_data.attended,
        now=ctx.now(),
    )
    screen = await _attendance_screen(ctx, event_id, callback_data.page)
    await callback.answer(ctx.t.plain("edit-saved"))
    await show(callback, *screen)
