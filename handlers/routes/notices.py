"""Route messages the scheduler sends: deadline reminders, with the button that opens the route."""

from datetime import datetime

from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.i18n import Translations
from handlers.common.notify import outgoing
from handlers.routes.views import ItemAction, RouteAction
from services.outbox import NewDelivery
from services.routes.reminders import Reminder


def deadline_reminder(translations: Translations, reminder: Reminder, *, now: datetime) -> NewDelivery:
    """7 days, 1 day before a route item's deadline, or once overdue (then with «Выполнено» and «Перенести срок»);
    one a day per item and kind."""
    t = translations.get(reminder.language)
    builder = InlineKeyboardBuilder()
    if reminder.kind == "overdue":  # it asks to report or to agree a new deadline: both are a tap away
        builder.button(text=t.plain("item-report"), callback_data=ItemAction(action="report", item=reminder.item_id))
        builder.button(
            text=t.plain("item-move-deadline"), callback_data=ItemAction(action="deadline", item=reminder.item_id)
        )
    builder.button(text=t.plain("route-open"), callback_data=RouteAction(action="show"))
    builder.adjust(1)
    text = t(f"reminder-{reminder.kind}", title=reminder.title, deadline=f"{reminder.deadline:%d.%m.%Y}")
    key = f"reminder:{reminder.item_id}:{reminder.kind}:{now:%Y%m%d}"
    return outgoing(key, reminder.tg_id, text, builder.as_markup())
