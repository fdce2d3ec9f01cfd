"""Callback data of the mentoring screens, shared by their routers. Every field is user input: the
services check who may act on the pair, meeting or topic it names."""

from aiogram.filters.callback_data import CallbackData


class MentorAct(CallbackData, prefix="mt"):
    """Actions on a pair (or, with pair=0, on the mentoring section)."""

    action: str
    pair: int = 0


class PairsPage(CallbackData, prefix="pp"):
    page: int


class PairStep(CallbackData, prefix="ps"):
    step: str
    value: str


class MeetingStep(CallbackData, prefix="ms"):
    step: str
    value: str


class MeetingAnswer(CallbackData, prefix="ma"):
    meeting: int
    confirmed: bool


class MeetingEdit(CallbackData, prefix="me"):
    action: str  # open, topic, notes, delete, delete_yes
    meeting: int


class PlanAct(CallbackData, prefix="pl"):
    action: str  # show, propose, add, month, remove, drop
    pair: int
    value: str = ""  # a month as YYYY-MM, or a topic id
