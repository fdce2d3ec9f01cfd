"""Past events: for the organiser held and cancelled ones, newest first, a page at a time with the count, each
opening the event's screen with its attendance and materials; for a coordinator those their teachers signed up
for, each showing who of them came."""

from aiogram import Router
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.callback_fields import Id, Index
from handlers.common.context import Ctx
from handlers.common.i18n import Translator
from handlers.common.keyboards import page_row, short
from handlers.common.navigation import show, with_nav
from handlers.events.views import EventAct, EventList, OrganisedList, PastList, announcement_text
from services.events.past import PastEvent, past_events, school_attendance, school_past_events
from services.models.events import EventStatus, RegistrationStatus
from services.models.people import Role

router = Router(name="event_past")
SEAT_MARK = {
    RegistrationStatus.ATTENDED: "✅",
    RegistrationStatus.NO_SHOW: "❌",
    RegistrationStatus.REGISTERED: "▫️",
    RegistrationStatus.WAITLISTED: "⏳",
}


class SchoolPast(CallbackData, prefix="sp"):
    """A past event as a coordinator sees it: who of their teachers came."""

    event: Id
    page: Index = 0  # the page of the past list to go back to


@router.callback_query(PastList.filter())
async def past_list(callback: CallbackQuery, callback_data: PastList, ctx: Ctx) -> None:
    t, organiser = ctx.t, ctx.actor.has(Role.METHODIST)
    lister = past_events if organiser else school_past_events  # the latter refuses anyone but coordinators
    found = await lister(ctx.session, actor=ctx.actor, now=ctx.now(), page=callback_data.page)
    builder = InlineKeyboardBuilder()
    for past in found.events:
        opens = (
            EventAct(action="manage", event=past.card.id)
            if organiser
            else SchoolPast(event=past.card.id, page=found.page)
        )
        builder.button(text=_button(t, past), callback_data=opens)
    builder.adjust(1)
    builder.attach(
        page_row(t, found.page, found.pages, lambda n: PastList(page=n), total=found.total, size=found.per_page)
    )
    title = "events-past-title" if organiser else "events-past-school-title"
    text = t(title, count=found.total) if found.events else t("events-past-none")
    await callback.answer()
    await show(callback, text, with_nav(t, builder, back=OrganisedList() if organiser else EventList()))


def _button(t: Translator, past: PastEvent) -> str:
    """«12.11.2026 · Title · пришли: 14», or «… · отменено»."""
    day, title = f"{past.card.local_start:%d.%m.%Y}", short(past.card.title, 34)
    if past.card.status == EventStatus.CANCELLED:
        return t.plain("event-past-cancelled", date=day, title=title)
    return t.plain("event-past-held", date=day, title=title, attended=past.attended)


@router.callback_query(SchoolPast.filter())
async def school_past(callback: CallbackQuery, callback_data: SchoolPast, ctx: Ctx) -> None:
    t = ctx.t
    card, seats = await school_attendance(ctx.session, actor=ctx.actor, event_id=callback_data.event, now=ctx.now())
    lines = [announcement_text(t, card)]
    if card.status == EventStatus.CANCELLED:
        lines.append(t("event-is-cancelled"))
    lines.append(t("event-school-attendance"))
    lines += [t("event-school-seat", mark=SEAT_MARK.get(seat.status, "▫️"), name=seat.name) for seat in seats]
    await callback.answer()
    await show(callback, "\n".join(lines), with_nav(t, back=PastList(page=callback_data.page)))
