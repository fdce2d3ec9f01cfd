"""Asking to join without an invite; the school's coordinator and the municipality's methodist decide."""

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.models.people import JoinRequest, JoinStatus, Person, User
from tests.support.conversation import Harness, ru, shows, texts
from tests.support.conversation import Person as Chatter
from tests.support.delivery import deliver
from tests.support.factories import (
    admin_with_municipality,
    import_roster,
    invite_to_school,
    join_with_consent,
    methodist_of,
    roster_row,
    xlsx,
)

MUNICIPALITY = "Пензенский район"
SCHOOL = "МБОУ СОШ № 1"


@pytest.fixture
async def staff(harness: Harness) -> tuple[Chatter, Chatter]:
    """A methodist of the municipality and a coordinator of its school (which has one teacher in the roster)."""
    admin = await admin_with_municipality(harness, MUNICIPALITY)
    methodist = await methodist_of(harness, admin, MUNICIPALITY)
    await import_roster(methodist, xlsx([roster_row("Орлова Ольга Игоревна", school=SCHOOL)]))
    coordinator = harness.person(600, "Координатор")
    await join_with_consent(coordinator, await invite_to_school(methodist, "role-coordinator", SCHOOL))
    return methodist, coordinator


async def ask_to_join(person: Chatter, full_name: str) -> list:  # type: ignore[type-arg]
    await join_with_consent(person)
    await person.press_key("join-button")
    await person.press(MUNICIPALITY)
    await person.press(SCHOOL)
    replies = await person.send(full_name)
    await deliver(person.harness)  # the managers are told through the outbox
    return replies


async def test_request_reaches_coordinator_and_methodist_with_buttons(
    harness: Harness, staff: tuple[Chatter, Chatter]
) -> None:
    methodist, coordinator = staff
    guest = harness.person(700, "Гость")
    replies = await ask_to_join(guest, "Смирнова  Юлия Павловна")
    assert ru("join-sent", who="coordinator", school=SCHOOL, municipality=MUNICIPALITY) in texts(replies)
    for manager in (methodist, coordinator):
        assert "Смирнова Юлия Павловна" in manager.last.text
        assert manager.last.buttons() == [ru("join-approve"), ru("join-reject")]


async def test_approval_adds_the_person_to_the_roster_and_opens_the_menu(
    harness: Harness, staff: tuple[Chatter, Chatter], session: AsyncSession
) -> None:
    methodist, coordinator = staff
    guest = harness.person(700, "Гость")
    await ask_to_join(guest, "Смирнова Юлия Павловна")
    replies = await coordinator.press_key("join-approve")
    assert ru("join-approved-by-you", name="Смирнова Юлия Павловна") in texts(replies)
    await deliver(harness)
    assert ru("join-approved") in guest.last.text
    assert guest.last.buttons()[:3] == [ru("menu-route"), ru("menu-events"), ru("menu-mentor")]
    person_id = await session.scalar(select(User.person_id).where(User.tg_id == 700))
    person = await session.get_one(Person, person_id)
    assert person.full_name == "Смирнова Юлия Павловна"
    replies = await methodist.press_key("join-approve")
    assert ru("join-already-decided") in texts(replies)
    assert replies[-1].alert


async def test_approval_links_an_existing_roster_person_instead_of_duplicating(
    harness: Harness, staff: tuple[Chatter, Chatter], session: AsyncSession
) -> None:
    _methodist, coordinator = staff
    await ask_to_join(harness.person(700), "орлова ольга игоревна")
    await coordinator.press_key("join-approve")
    assert await session.scalar(select(func.count()).select_from(Person)) == 1


async def test_rejection_is_told_to_the_person_and_links_nothing(
    harness: Harness, staff: tuple[Chatter, Chatter], session: AsyncSession
) -> None:
    methodist, _coordinator = staff
    guest = harness.person(700)
    await ask_to_join(guest, "Смирнова Юлия Павловна")
    await methodist.press_key("join-reject")
    await deliver(harness)
    assert ru("join-rejected") in guest.last.text
    assert await session.scalar(select(User.person_id).where(User.tg_id == 700)) is None
    assert await session.scalar(select(JoinRequest.status)) == JoinStatus.REJECTED


async def test_a_name_that_is_not_a_name_is_asked_again(harness: Harness, staff: tuple[Chatter, Chatter]) -> None:
    guest = harness.person(700)
    replies = await ask_to_join(guest, "123 <script>")
    assert ru("join-bad-name") in texts(replies)
    replies = await guest.send("Смирнова Юлия Павловна")
    assert ru("join-sent", who="coordinator", school=SCHOOL, municipality=MUNICIPALITY) in texts(replies)


async def test_second_request_while_one_is_pending_is_refused(harness: Harness, staff: tuple[Chatter, Chatter]) -> None:
    guest = harness.person(700)
    await ask_to_join(guest, "Смирнова Юлия Павловна")
    replies = await ask_to_join(guest, "Смирнова Юлия Павловна")
    assert ru("join-already-pending") in texts(replies)


async def test_requester_who_blocked_the_bot_does_not_break_the_approval(
    harness: Harness, staff: tuple[Chatter, Chatter], session: AsyncSession
) -> None:
    _methodist, coordinator = staff
    guest = harness.person(700)
    await ask_to_join(guest, "Смирнова Юлия Павловна")
    harness.telegram.blocked.add(700)
    replies = await coordinator.press_key("join-approve")
    assert shows(texts(replies), "join-approved-by-you")
    await deliver(harness)  # the sender records the blocked chat and carries on
    assert await session.scalar(select(JoinRequest.status)) == JoinStatus.APPROVED
    assert await session.scalar(select(User.blocked_at).where(User.tg_id == 700)) is not None


async def test_a_teacher_cannot_decide_requests_by_forged_button(
    harness: Harness, staff: tuple[Chatter, Chatter], session: AsyncSession
) -> None:
    await ask_to_join(harness.person(700), "Смирнова Юлия Павловна")
    request_id = await session.scalar(select(JoinRequest.id))
    outsider = harness.person(800)
    await ask_to_join(outsider, "Кузнецова Дарья Андреевна")
    replies = await outsider.tap(f"jr:{request_id}:1")
    assert ru("error-forbidden") in texts(replies)
    session.expire_all()
    assert await session.scalar(select(JoinRequest.status).where(JoinRequest.id == request_id)) == JoinStatus.PENDING


async def test_without_a_coordinator_the_request_says_the_methodist_decides(harness: Harness) -> None:
    admin = await admin_with_municipality(harness, MUNICIPALITY)
    methodist = await methodist_of(harness, admin, MUNICIPALITY)
    await import_roster(methodist, xlsx([roster_row("Орлова Ольга Игоревна", school=SCHOOL)]))
    replies = await ask_to_join(harness.person(700), "Смирнова Юлия Павловна")
    assert ru("join-sent", who="methodist", school=SCHOOL, municipality=MUNICIPALITY) in texts(replies)
    assert "Смирнова Юлия Павловна" in methodist.last.text
    assert "Смирнова Юлия Павловна" not in admin.last.text


async def test_without_coordinator_or_methodist_the_administrator_decides(harness: Harness) -> None:
    admin = await admin_with_municipality(harness, MUNICIPALITY)
    await admin.press_key("menu-municipality")  # the admin imports the roster as the municipality's methodist
    await import_roster(admin, xlsx([roster_row("Орлова Ольга Игоревна", school=SCHOOL)]))
    await admin.send("/orgs")
    await admin.press_key("orgs-add")
    await admin.send("Другой район")
    await admin.press("Moscow")
    await admin.press_key("menu-municipality")  # the new one's: now working elsewhere, Пензенский район has nobody
    replies = await ask_to_join(harness.person(700), "Смирнова Юлия Павловна")
    assert ru("join-sent", who="admin", school=SCHOOL, municipality=MUNICIPALITY) in texts(replies)
    assert admin.last.buttons() == [ru("join-approve"), ru("join-reject")]
    replies = await admin.press_key("join-approve")
    assert "Смирнова Юлия Павловна" in texts(replies)


async def test_the_join_form_can_be_left_or_stepped_back_at_every_step(harness: Harness) -> None:
    methodist = await methodist_of(harness, await admin_with_municipality(harness, MUNICIPALITY), MUNICIPALITY)
    await import_roster(methodist, xlsx([roster_row("Орлова Ольга Игоревна", school=SCHOOL)]))
    guest = harness.person(700)
    await join_with_consent(guest)
    replies = await guest.press_key("join-button")
    assert ru("nav-cancel") in replies[-1].buttons()
    replies = await guest.press(MUNICIPALITY)
    assert ru("nav-back") in replies[-1].buttons() and ru("nav-cancel") in replies[-1].buttons()
    replies = await guest.press(SCHOOL)
    assert replies[-1].buttons() == [ru("nav-back"), ru("nav-cancel")]
    replies = await guest.press_key("nav-back")  # back to the schools
    assert SCHOOL in replies[-1].buttons()
    await guest.press(SCHOOL)
    replies = await guest.press_key("nav-cancel")
    assert ru("nav-cancelled") in texts(replies)
    assert ru("join-button") in replies[-1].buttons()  # the way in, again
    replies = await guest.send("Смирнова Юлия Павловна")
    assert not any(shows(texts(replies), "join-sent", who=who) for who in ("coordinator", "methodist", "admin"))
    assert harness.telegram.refused == []
