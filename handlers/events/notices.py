"""Event messages the scheduler sends: reminders 24 hours and 1 hour before, with the event's card."""

from zoneinfo import ZoneInfo

from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.i18n import Translations
from handlers.common.notify import outgoing
from handlers.events.views import EventOpen
from services.events.reminders import EventNotice
from services.outbox import NewDelivery


def event_reminder(translations: Translations, notice: EventNotice) -> NewDelivery:
    """One per participant, event and lead time."""
    t = translations.get(notice.language)
    builder = InlineKeyboardBuilder()
    builder.button(text=t.plain("event-open"), callback_data=EventOpen(event=notice.event_id))
    start = notice.starts_at.astimezone(ZoneInfo(notice.timezone))
    text = t(
        f"event-reminder-{notice.kind}", title=notice.title, start=f"{start:%d.%m.%Y %H:%M}", place=notice.place or "—"
    )
    key = f"event-reminder:{notice.event_id}:{notice.kind}:{notice.tg_id}"
    return outgoing(key, notice.tg_id, text, builder.as_markup())
