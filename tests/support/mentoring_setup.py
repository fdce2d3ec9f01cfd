"""Shared steps of the mentoring conversations: three people in the bot, a pair, a logged meeting."""

import pytest
from sqlalchemy import select

from services.models.mentoring import MentorPair
from tests.support.conversation import Harness, Person, ru, texts
from tests.support.delivery import deliver
from tests.support.factories import import_roster, join_with_consent, read_xlsx, roster_row, start_token, xlsx
from tests.support.fake_telegram import Sent
from tests.support.route_setup import methodist_and_teacher

MENTOR = "Орлова Ольга Игоревна"
MENTEE = "Петрова Анна Сергеевна"  # a young specialist (born 1996, working since 2024)


@pytest.fixture
async def trio(harness: Harness) -> tuple[Person, Person, Person]:
    """A methodist, a young teacher and an experienced colleague who will mentor her, all in the bot."""
    methodist, mentee = await methodist_and_teacher(harness)
    replies = await import_roster(methodist, xlsx([roster_row(MENTOR, birth="01.02.1980", start="01.09.2003")]))
    token = next(start_token(str(row[2])) for row in read_xlsx(replies[-1].file_data or b"") if row[1] == MENTOR)
    mentor = harness.person(502, "Ольга")
    await join_with_consent(mentor, token)
    return methodist, mentor, mentee


async def make_pair(methodist: Person, kind: str = "молодой специалист", mentee: str = MENTEE) -> list[Sent]:
    """The pair wizard: the mentor (Орлова), the mentee found by surname, the kind."""
    await methodist.send("/mentor")
    await methodist.press_key("pair-new")
    await methodist.send("Орлова")
    await methodist.press(f"{MENTOR} · МБОУ СОШ № 1")
    await methodist.send(mentee.split()[0])
    await methodist.press(f"{mentee} · МБОУ СОШ № 1")
    replies = await methodist.press(kind)
    await deliver(methodist.harness)  # both are told through the outbox
    return replies


async def pair_id(harness: Harness) -> int:
    async with harness.resources["session_factory"]() as session:
        found = await session.scalar(select(MentorPair.id))
        assert found is not None
        return int(found)


async def open_card(mentor: Person) -> list[Sent]:
    """/mentor, then the mentee's card."""
    await mentor.send("/mentor")
    return await mentor.press(next(b for b in mentor.last.buttons() if MENTEE in b))


async def start_meeting(mentor: Person) -> None:
    """/mentor, the mentee's card, «Записать встречу»."""
    await open_card(mentor)
    await mentor.press_key("mentor-card-meeting")


async def log(mentor: Person, date_text: str = "") -> list[Sent]:
    """The meeting form from its first step: the date (today, or typed), 45 minutes, in person, a typed topic and
    notes; a refused date ends it there, with the refusal returned."""
    if date_text:
        replies = await mentor.send(date_text)
        if ru("meeting-ask-minutes") not in texts(replies):
            return replies
    else:
        await mentor.press_key("meeting-today")
    await mentor.press("45")
    await mentor.press_key("meeting-offline")
    await mentor.send("Планирование урока")
    replies = await mentor.send("Разобрали технологическую карту урока")
    await deliver(mentor.harness)  # the mentee's request to confirm goes through the outbox
    return replies
