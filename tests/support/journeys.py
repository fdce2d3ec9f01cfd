"""Taps for the common journeys (issue 16): each starts where the person already is — the main menu, or the
notice that brings them — and counts the buttons pressed and the messages typed until the goal is on screen."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from tests.events.test_events import TITLE
from tests.support.conversation import Person, ru, ru_pattern, shows, texts
from tests.support.fake_telegram import Sent
from tests.support.mentoring_setup import MENTEE
from tests.support.route_setup import CATALOGUE
from tests.support.seed import TEACHER, Cast


@dataclass
class Counted:
    """A person whose every press and every typed message is counted."""

    person: Person
    taps: int = 0
    typed: int = 0

    async def press_key(self, key: str, **params: Any) -> list[Sent]:
        self.taps += 1
        return await self.person.press_key(key, **params)

    async def press_containing(self, part: str) -> list[Sent]:
        """The button whose label contains this text (labels that are data: an event, a person)."""
        self.taps += 1
        return await self.person.press(next(label for label in self.person.last.buttons() if part in label))

    async def press_on_notice(self, marker: str, key: str) -> list[Sent]:
        """The button on the latest notice that contains `marker`, as a person scrolling to it would."""
        notice = next(sent for sent in reversed(self.person.messages()) if marker in sent.text and sent.markup)
        data = next(b.callback_data for row in notice.markup.inline_keyboard for b in row if b.text == ru(key))  # type: ignore[union-attr]
        assert data is not None
        self.taps += 1
        return await self.person.tap(data, on=notice)

    async def send(self, text: str) -> list[Sent]:
        self.typed += 1
        return await self.person.send(text)


async def from_menu(person: Person) -> Counted:
    await person.send("/menu")
    return Counted(person)


async def teachers_route(cast: Cast) -> Counted:
    young = await from_menu(cast.young_specialist)
    replies = await young.press_key("menu-route")
    assert any("Формирование функциональной грамотности" in label for label in replies[-1].buttons())
    return young


async def sign_up_for_a_seminar(cast: Cast) -> Counted:
    teacher = await from_menu(cast.teacher)
    await teacher.press_key("menu-events")
    await teacher.press_containing(TITLE)
    assert shows(texts(await teacher.press_key("event-sign-up")), "event-signed-up", title=TITLE)
    return teacher


async def young_specialist_writes_to_the_mentor(cast: Cast) -> Counted:
    young = await from_menu(cast.young_specialist)
    await young.press_key("menu-mentor")
    await young.press_key("mentor-write-mentor")
    assert shows(texts(await young.send("Можно посетить ваш урок в четверг?")), "relay-sent")
    return young


async def mentor_logs_a_meeting(cast: Cast) -> Counted:
    mentor = await from_menu(cast.mentor)
    await mentor.press_key("menu-mentor")
    await mentor.press_containing(MENTEE)
    await mentor.press_key("mentor-card-meeting")
    await mentor.press_key("meeting-today")
    await mentor.press_containing("45")
    await mentor.press_key("meeting-offline")
    await mentor.send("Разбор открытого урока")
    assert ru("meeting-saved") in texts(await mentor.send("Обсудили структуру урока"))
    return mentor


async def methodist_sees_the_indicators(cast: Cast) -> Counted:
    methodist = await from_menu(cast.methodist)
    replies = await methodist.press_key("menu-indicators")
    assert ru_pattern("indicators-title").match(replies[-1].text)
    return methodist


async def approve_a_route(cast: Cast) -> Counted:
    methodist = Counted(cast.methodist)
    await methodist.press_on_notice(ru("review-route-waiting", name=TEACHER), "review-open")
    assert ru("review-route-approved", name=TEACHER) in texts(await methodist.press_key("review-approve"))
    return methodist


async def confirm_a_report(cast: Cast) -> Counted:
    methodist = Counted(cast.methodist)
    await methodist.press_on_notice(ru("review-item-waiting", title=str(CATALOGUE[1][0]), name=MENTEE), "review-open")
    assert ru("history-confirmed") in texts(await methodist.press_key("item-confirm"))
    return methodist


JOURNEYS: dict[str, Callable[[Cast], Awaitable[Counted]]] = {
    "teacher's route": teachers_route,
    "sign up for a seminar": sign_up_for_a_seminar,
    "young specialist writes to the mentor": young_specialist_writes_to_the_mentor,
    "mentor logs a meeting": mentor_logs_a_meeting,
    "methodist sees the municipality's indicators": methodist_sees_the_indicators,
    "approve a route": approve_a_route,
    "confirm a report": confirm_a_report,
}
