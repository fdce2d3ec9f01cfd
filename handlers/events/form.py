"""The event wizard's steps (handlers.events.create asks them; handlers.events.schools picks the schools)."""

from aiogram.fsm.state import State, StatesGroup

from handlers.common.door import staff_only
from services.models.people import Role


@staff_only(Role.METHODIST)
class EventForm(StatesGroup):
    title = State()
    kind = State()
    day = State()
    time = State()
    end = State()
    place = State()
    description = State()
    capacity = State()
    deadline = State()
    subjects = State()
    audience = State()
