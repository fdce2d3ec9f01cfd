"""Route messages the scheduler sends: deadline reminders, with the button that opens the route."""

from datetime import datetime

from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.i18n import Translations
from handlers.common.notify import outgoing
from handlers.routes.views import RouteAction
from services.outbox import NewDelivery
from services.routes.reminders import Reminder


def deadline_reminder(translations: Translations, reminder: Reminder, *, now: datetime) -> NewDelivery:
    """7 days, 1 day before a route item's deadline, or once overdue; one a day per item and kind."""
    t = translations.get(reminder.language)
    builder = InlineKeyboardBuilder()
    builder.button(text=t.plain("route-open"), callback_data=RouteAction(action="show"))
    text = t(f"reminder-{reminder.kind}", title=reminder.title, deadline=f"{reminder.deadline:%d.%m.%Y}")
    key = f"reminder:{reminder.item_id}:{reminder.kind}:{now:%Y%m%d}"
    return outgoing(key, reminder.tg_id, text, builder.as_markup())
