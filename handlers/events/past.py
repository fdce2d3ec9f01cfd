"""The organiser's past events: held and cancelled ones, newest first, a page at a time with the count; each opens
the event's screen with its attendance and materials."""

from aiogram import Router
from aiogram.types import CallbackQuery
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.context import Ctx
from handlers.common.i18n import Translator
from handlers.common.keyboards import page_row, short
from handlers.common.navigation import show, with_nav
from handlers.events.views import EventAct, OrganisedList, PastList
from services.events.past import PastEvent, past_events
from services.models.events import EventStatus

router = Router(name="event_past")


@router.callback_query(PastList.filter())
async def past_list(callback: CallbackQuery, callback_data: PastList, ctx: Ctx) -> None:
    found = await past_events(ctx.session, actor=ctx.actor, now=ctx.now(), page=callback_data.page)
    t = ctx.t
    builder = InlineKeyboardBuilder()
    for past in found.events:
        builder.button(text=_button(t, past), callback_data=EventAct(action="manage", event=past.card.id))
    builder.adjust(1)
    builder.attach(
        page_row(t, found.page, found.pages, lambda n: PastList(page=n), total=found.total, size=found.per_page)
    )
    text = t("events-past-title", count=found.total) if found.events else t("events-past-none")
    await callback.answer()
    await show(callback, text, with_nav(t, builder, back=OrganisedList()))


def _button(t: Translator, past: PastEvent) -> str:
    """«12.11.2026 · Title · пришли: 14», or «… · отменено»."""
    day, title = f"{past.card.local_start:%d.%m.%Y}", short(past.card.title, 34)
    if past.card.status == EventStatus.CANCELLED:
        return t.plain("event-past-cancelled", date=day, title=title)
    return t.plain("event-past-held", date=day, title=title, attended=past.attended)
