"""The teacher's ИОМ screens as one navigation: every screen leads on and back, destructive taps are asked first,
deadlines and hours are chosen, and the report conversation can be left at every step."""

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.models.routes import ItemStatus, RouteItem
from tests.support.conversation import Harness, Person, ru, texts
from tests.support.route_setup import approved_route, methodist_and_teacher


@pytest.fixture
async def people(harness: Harness) -> tuple[Person, Person]:
    return await methodist_and_teacher(harness)


def item_button(person: Person, title: str) -> str:
    return next(button for button in person.last.buttons() if title in button)


async def open_draft_item(teacher: Person, title: str) -> None:
    """The teacher's route proposed from the diagnostic, and one of its items opened."""
    await teacher.send("/route")
    await teacher.press_key("route-start")
    await teacher.press(item_button(teacher, title))


async def test_the_route_and_its_items_lead_back_and_to_the_menu_redrawn_in_place(
    harness: Harness, people: tuple[Person, Person]
) -> None:
    _methodist, teacher = people
    replies = await teacher.send("/route")
    assert ru("nav-menu") in replies[-1].buttons()
    screen = replies[-1].message_id
    replies = await teacher.press_key("route-start")
    assert replies[-1].method == "EditMessageText" and replies[-1].message_id == screen
    assert ru("nav-menu") in replies[-1].buttons()
    replies = await teacher.press(item_button(teacher, "Цифровые"))
    assert replies[-1].message_id == screen
    assert {ru("nav-back"), ru("nav-menu"), ru("item-edit"), ru("item-remove")} <= set(replies[-1].buttons())
    replies = await teacher.press_key("nav-back")
    assert ru("route-progress", done=0, total=2, overdue=0) in replies[-1].text
    assert harness.telegram.refused == []


async def test_removing_an_item_is_asked_first_and_no_keeps_it(
    harness: Harness, people: tuple[Person, Person], session: AsyncSession
) -> None:
    _methodist, teacher = people
    await open_draft_item(teacher, "Цифровые")
    replies = await teacher.press_key("item-remove")
    assert ru("item-remove-confirm", title="Цифровые инструменты учителя") in texts(replies)
    replies = await teacher.press_key("nav-keep")
    assert ru("item-remove") in replies[-1].buttons()  # back on the item, nothing removed
    assert len(list(await session.scalars(select(RouteItem)))) == 2
    await teacher.press_key("item-remove")
    replies = await teacher.press_key("nav-confirm")
    assert ru("route-item-removed") in texts(replies)
    assert ru("route-progress", done=0, total=1, overdue=0) in replies[-1].text
    assert harness.telegram.refused == []


async def test_an_items_deadline_is_chosen_from_the_calendar_and_hours_from_buttons_or_skipped(
    harness: Harness, people: tuple[Person, Person], session: AsyncSession
) -> None:
    _methodist, teacher = people
    await open_draft_item(teacher, "Цифровые")
    await teacher.press_key("item-edit")
    replies = await teacher.press_key("edit-deadline")
    assert ru("nav-cancel") in replies[-1].buttons() and ru("nav-back") in replies[-1].buttons()
    replies = await teacher.press_key("date-preset-year", date="31.05.2027")
    assert ru("edit-done", title="Цифровые инструменты учителя") in replies[-1].text
    assert "31.05.2027" in replies[-1].text and ru("nav-menu") in replies[-1].buttons()
    await teacher.press_key("item-edit")
    await teacher.press_key("edit-hours")
    replies = await teacher.press("36")
    assert ru("edit-done", title="Цифровые инструменты учителя") in replies[-1].text
    await teacher.press_key("item-edit")
    await teacher.press_key("edit-hours")
    await teacher.press_key("nav-skip")
    item = await session.scalar(select(RouteItem).where(RouteItem.title == "Цифровые инструменты учителя"))
    assert item is not None
    await session.refresh(item)
    assert (f"{item.deadline:%d.%m.%Y}", item.hours) == ("31.05.2027", None)
    assert harness.telegram.refused == []


async def test_the_report_can_be_cancelled_at_every_step_and_nothing_is_reported(
    harness: Harness, people: tuple[Person, Person], session: AsyncSession
) -> None:
    _methodist, teacher = await approved_route(people)
    await teacher.send("/route")
    await teacher.press(item_button(teacher, "Формирование"))
    replies = await teacher.press_key("item-report")
    assert {ru("nav-cancel"), ru("nav-back")} <= set(replies[-1].buttons())
    replies = await teacher.send("Сертификат")
    assert {ru("report-send"), ru("nav-cancel")} <= set(replies[-1].buttons())
    replies = await teacher.press_key("nav-cancel")
    assert ru("nav-cancelled") in texts(replies)
    statuses = set(await session.scalars(select(RouteItem.status)))
    assert statuses == {ItemStatus.PLANNED}
    assert harness.telegram.refused == []
