"""The organiser's past events: held and cancelled ones, newest first, paged both ways with the count; each opens
the event's screen where attendance is marked and materials are sent, and «‹ Назад» leads back to the past list.
A coordinator sees the past events their teachers signed up for, and who of them came."""

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from tests.conftest import FrozenClock
from tests.events.test_event_journeys import plan, plan_row
from tests.support.conversation import Harness, Person, ru, texts
from tests.support.delivery import deliver
from tests.support.factories import invite_to_school, join_with_consent

TEACHER = "Петрова Анна Сергеевна"


def button(person: Person, part: str) -> str:
    return next(b for b in person.last.buttons() if part in b)


async def test_past_events_page_both_ways_and_open_attendance_and_materials(
    harness: Harness, cast: tuple[Person, Person, Person], session: AsyncSession, clock: FrozenClock
) -> None:
    methodist, teacher, _other = cast
    await plan(methodist, [plan_row(f"Семинар {n:02d}", 1 + n) for n in range(10)])
    await teacher.send("/events")
    await teacher.press(button(teacher, "Семинар 00"))
    await teacher.press_key("event-sign-up")
    await methodist.send("/events")
    await methodist.press_key("events-mine")
    await methodist.press(button(methodist, "Семинар 05"))
    await methodist.press_key("event-cancel")
    await methodist.press_key("event-cancel-confirm")

    clock.moment = datetime(2026, 12, 20, 9, 0, tzinfo=UTC)  # all of them over, more than a week ago
    await methodist.send("/events")
    replies = await methodist.press_key("events-mine")
    assert ru("events-mine-title", count=0) in texts(replies)  # the working list keeps the last week only
    replies = await methodist.press_key("events-past")
    assert ru("events-past-title", count=10).splitlines()[0] in texts(replies)
    buttons = replies[-1].buttons()
    assert ru("page-range", first=1, last=8, total=10) in buttons
    assert "Семинар 09" in buttons[0] and "Семинар 02" in buttons[7]  # newest first
    assert ru("event-past-cancelled", date="06.12.2026", title="Семинар 05") in buttons
    replies = await methodist.press("›")
    assert ru("page-range", first=9, last=10, total=10) in replies[-1].buttons()
    assert ru("event-past-held", date="01.12.2026", title="Семинар 00", attended=0) in replies[-1].buttons()
    replies = await methodist.press("‹")
    assert ru("page-range", first=1, last=8, total=10) in replies[-1].buttons()
    await methodist.press("›")

    replies = await methodist.press(button(methodist, "Семинар 00"))
    shown = replies[-1].buttons()
    assert ru("event-attendance") in shown and ru("event-materials") in shown and ru("event-participants") in shown
    assert ru("event-edit") not in shown and ru("event-cancel") not in shown  # nothing ahead to change
    await methodist.press_key("event-attendance")
    replies = await methodist.press(button(methodist, TEACHER))
    assert any(b.startswith("✅") and TEACHER in b for b in replies[-1].buttons())
    await methodist.press_key("nav-back")
    replies = await methodist.press_key("nav-back")  # from the event's screen: the past list
    assert ru("events-past-title", count=10).splitlines()[0] in texts(replies)
    replies = await methodist.press("›")
    assert ru("event-past-held", date="01.12.2026", title="Семинар 00", attended=1) in replies[-1].buttons()

    await methodist.press(button(methodist, "Семинар 00"))
    await methodist.press_key("event-materials")
    replies = await methodist.send_document("slides.pdf", b"%PDF slides")
    assert ru("event-materials-sending", count=1) in texts(replies)
    await deliver(harness)
    assert teacher.last.method == "CopyMessage"
    assert harness.telegram.refused == []


async def test_with_nothing_past_the_list_says_so_and_leads_back(
    harness: Harness, cast: tuple[Person, Person, Person]
) -> None:
    methodist, _teacher, _other = cast
    await plan(methodist, [plan_row("Семинар будущий", 15)])
    await methodist.send("/events")
    await methodist.press_key("events-mine")
    replies = await methodist.press_key("events-past")
    assert replies[-1].text == ru("events-past-none")
    assert ru("nav-menu") in replies[-1].buttons()
    replies = await methodist.press_key("nav-back")
    assert ru("events-mine-title", count=1) in texts(replies)


async def test_a_teacher_cannot_open_the_past_list(harness: Harness, cast: tuple[Person, Person, Person]) -> None:
    _methodist, teacher, _other = cast
    replies = await teacher.tap("ph:0")
    assert ru("events-past-title", count=0).splitlines()[0] not in texts(replies)
    assert ru("error-forbidden") in texts(replies)


async def test_a_coordinator_sees_who_of_their_teachers_came_to_past_events(
    harness: Harness, cast: tuple[Person, Person, Person], session: AsyncSession, clock: FrozenClock
) -> None:
    methodist, teacher, other = cast
    await plan(methodist, [plan_row(f"Семинар {n:02d}", 1 + n) for n in range(3)])
    for person, title in ((teacher, "Семинар 00"), (other, "Семинар 00"), (other, "Семинар 01")):
        await person.send("/events")
        await person.press(button(person, title))
        await person.press_key("event-sign-up")
    coordinator = harness.person(650, "Координатор")
    await join_with_consent(coordinator, await invite_to_school(methodist, "role-coordinator", "МБОУ СОШ № 1"))
    await coordinator.press_key("self-link-not-listed")

    clock.moment = datetime(2026, 12, 20, 9, 0, tzinfo=UTC)
    await methodist.send("/events")
    await methodist.press_key("events-mine")
    await methodist.press_key("events-past")
    await methodist.press(button(methodist, "Семинар 00"))
    await methodist.press_key("event-attendance")
    await methodist.press(button(methodist, TEACHER))

    await coordinator.send("/events")
    replies = await coordinator.press_key("events-past")
    assert ru("events-past-school-title", count=2).splitlines()[0] in texts(replies)  # not «Семинар 02»: nobody went
    assert ru("event-past-held", date="01.12.2026", title="Семинар 00", attended=1) in replies[-1].buttons()
    assert ru("event-past-held", date="02.12.2026", title="Семинар 01", attended=0) in replies[-1].buttons()
    replies = await coordinator.press(button(coordinator, "Семинар 00"))
    assert ru("event-school-seat", mark="✅", name=TEACHER) in replies[-1].text
    assert ru("event-school-seat", mark="▫️", name="Орлова Ольга Игоревна") in replies[-1].text
    replies = await coordinator.press_key("nav-back")
    assert ru("events-past-school-title", count=2).splitlines()[0] in texts(replies)
    forged = await teacher.tap(replies[-1].markup.inline_keyboard[0][0].callback_data or "")  # type: ignore[union-attr]
    assert ru("error-forbidden") in texts(forged)
    assert harness.telegram.refused == []
