"""A deadline change request on an approved route: the teacher proposes a date and a reason, a reviewer decides in
one tap, the teacher is told; the overdue reminder leads to it."""

from datetime import date

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.jobs import send_route_reminders
from services.models.routes import DeadlineRequest, DeadlineRequestStatus, RouteItem
from tests.conftest import FrozenClock
from tests.support.conversation import Harness, Person, ru, texts
from tests.support.delivery import deliver, run_job
from tests.support.route_setup import approved_route, methodist_and_teacher

TITLE = "Формирование функциональной грамотности"


@pytest.fixture
async def people(harness: Harness) -> tuple[Person, Person]:
    return await approved_route(await methodist_and_teacher(harness))


async def open_item(teacher: Person, title: str = TITLE) -> None:
    await teacher.send("/route")
    await teacher.press(next(button for button in teacher.last.buttons() if title in button))


async def deadline_of(session: AsyncSession, title: str = TITLE) -> date:
    session.expire_all()
    deadline = await session.scalar(select(RouteItem.deadline).where(RouteItem.title == title))
    assert deadline is not None
    return deadline


async def test_a_teacher_asks_for_a_new_deadline_and_the_reviewer_approves_it_in_one_tap(
    harness: Harness, people: tuple[Person, Person], session: AsyncSession
) -> None:
    methodist, teacher = people
    before = await deadline_of(session)
    await open_item(teacher)
    replies = await teacher.press_key("item-move-deadline")
    assert ru("nav-cancel") in replies[-1].buttons()
    replies = await teacher.press_key("date-preset-year", date="31.05.2027")
    assert ru("deadline-ask-reason", deadline="31.05.2027") in replies[-1].text
    assert {ru("deadline-reason-1"), ru("nav-back"), ru("nav-cancel")} <= set(replies[-1].buttons())
    replies = await teacher.press_key("deadline-reason-1")
    assert ru("deadline-asked") in replies[-1].text and ru("nav-menu") in replies[-1].buttons()

    await deliver(harness)
    waiting = ru(
        "deadline-waiting",
        title=TITLE,
        name="Петрова Анна Сергеевна",
        deadline=f"{before:%d.%m.%Y}",
        date="31.05.2027",
        comment=ru("deadline-reason-1"),
    )
    assert methodist.last.text == waiting
    replies = await methodist.press_key("deadline-approve")
    assert ru("deadline-approved", title=TITLE, name="Петрова Анна Сергеевна", deadline="31.05.2027") in (
        replies[-1].text
    )
    assert await deadline_of(session) == date(2027, 5, 31)
    replies = await methodist.press_key("deadline-approve")  # a second tap changes nothing
    assert replies[-1].alert and ru("deadline-already-decided") in replies[-1].text

    await deliver(harness)
    assert ru("deadline-moved-owner", title=TITLE, deadline="31.05.2027") in teacher.last.text
    assert harness.telegram.refused == []


async def test_a_typed_date_and_reason_can_be_refused_and_the_deadline_stays(
    harness: Harness, people: tuple[Person, Person], session: AsyncSession
) -> None:
    methodist, teacher = people
    before = await deadline_of(session)
    await open_item(teacher)
    await teacher.press_key("item-move-deadline")
    assert ru("route-deadline-past") in texts(await teacher.send("01.01.2020"))
    await teacher.send("15.03.2027")
    await teacher.send("Курсы перенесли на весну")
    await open_item(teacher)
    replies = await teacher.press_key("item-move-deadline")  # one request at a time
    assert replies[-1].alert and ru("deadline-already-asked") in replies[-1].text

    await deliver(harness)
    assert "Курсы перенесли на весну" in methodist.last.text
    await methodist.press_key("deadline-refuse")
    await deliver(harness)
    assert ru("deadline-refused-owner", title=TITLE) in teacher.last.text
    assert await deadline_of(session) == before
    request = await session.scalar(select(DeadlineRequest))
    assert request is not None and request.status == DeadlineRequestStatus.REFUSED


async def test_a_teacher_cannot_decide_their_own_request(
    harness: Harness, people: tuple[Person, Person], session: AsyncSession
) -> None:
    _methodist, teacher = people
    await open_item(teacher)
    await teacher.press_key("item-move-deadline")
    await teacher.press_key("date-preset-year", date="31.05.2027")
    await teacher.press_key("deadline-reason-2")
    request_id = await session.scalar(select(DeadlineRequest.id))
    replies = await teacher.tap(f"dl:{request_id}:1")  # the teacher cannot approve their own request
    assert ru("error-forbidden") in replies[-1].text
    request = await session.scalar(select(DeadlineRequest))
    assert request is not None and request.status == DeadlineRequestStatus.PENDING


async def test_the_overdue_reminder_offers_to_move_the_deadline(
    harness: Harness, people: tuple[Person, Person], session: AsyncSession, clock: FrozenClock
) -> None:
    _methodist, teacher = people
    await session.execute(update(RouteItem).where(RouteItem.title == TITLE).values(deadline=date(2026, 11, 20)))
    await session.commit()
    await run_job(harness, send_route_reminders)
    assert ru("item-move-deadline") in teacher.last.buttons()
    replies = await teacher.press_key("item-move-deadline")
    assert ru("deadline-ask-date", title=TITLE, deadline="20.11.2026") in replies[-1].text
    assert harness.telegram.refused == []
