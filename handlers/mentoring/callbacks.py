"""Callback data of the mentoring screens, shared by their routers. Every field is user input: the
services check who may act on the pair, meeting or topic it names."""

from aiogram.filters.callback_data import CallbackData

from handlers.common.callback_fields import Id, Index


class MentorAct(CallbackData, prefix="mt"):
    """Actions on a pair (or, with pair=0, on the mentoring section)."""

    action: str
    pair: Id = 0


class PairsPage(CallbackData, prefix="pp"):
    page: Index


class PairStep(CallbackData, prefix="ps"):
    step: str
    value: str


class MeetingStep(CallbackData, prefix="ms"):
    step: str
    value: str


class MeetingAnswer(CallbackData, prefix="ma"):
    meeting: Id
    confirmed: bool


class MeetingEdit(CallbackData, prefix="me"):
    action: str  # open, topic, notes, delete, delete_yes
    meeting: Id


class PlanAct(CallbackData, prefix="pl"):
    action: str  # propose, add, month, remove, drop (asks), drop_yes
    pair: Id
    value: str = ""  # a month as YYYY-MM, or a topic id


class MeetingLogPage(CallbackData, prefix="mlg"):
    """A page of a pair's meeting log, as either of its people sees it."""

    pair: Id
    page: Index = 0


class RelayTo(CallbackData, prefix="rly"):
    """Send the text just typed (`draft`, its message id) to the other side of this pair: the one-tap
    confirmation."""

    pair: Id
    draft: Id
