"""Mentoring messages the scheduler sends: nudges for silent pairs and the request for the result."""

from datetime import datetime

from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.i18n import Translations
from handlers.common.keyboards import MenuAction
from handlers.common.notify import outgoing
from handlers.mentoring.callbacks import MentorAct
from services.mentoring.nudges import Nudge
from services.outbox import NewDelivery


def nudge_message(translations: Translations, nudge: Nudge, *, now: datetime) -> NewDelivery:
    """To the mentor, the school's managers, or (at the planned end) the mentor asked for the result."""
    t = translations.get(nudge.language)
    text = t(f"nudge-{nudge.kind}", mentor=nudge.mentor, mentee=nudge.mentee, days=nudge.days)
    builder = InlineKeyboardBuilder()
    if nudge.kind == "result":
        builder.button(text=t.plain("pair-result-write"), callback_data=MentorAct(action="result", pair=nudge.pair_id))
    else:
        builder.button(text=t.plain("menu-mentor"), callback_data=MenuAction(item="mentor"))
    key = f"nudge:{nudge.pair_id}:{nudge.kind}:{nudge.tg_id}:{now:%Y%m%d}"
    return outgoing(key, nudge.tg_id, text, builder.as_markup())
