"""Events through the real bot: an organiser creates one, teachers sign up, wait, get promoted, check in."""

from datetime import timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.jobs import send_event_reminders
from services.events.reminders import queue_event_reminders
from services.models.events import (
    Event,
    EventReminder,
    EventStatus,
    EventSubject,
    Registration,
    RegistrationStatus,
)
from services.models.routes import ItemStatus, RouteItem
from services.outbox import NewDelivery
from tests.conftest import FrozenClock
from tests.support.conversation import Harness, Person, ru, shows, texts
from tests.support.delivery import RenderingFailed, deliver, fails_on_second, outbox_size, run_job
from tests.support.factories import import_roster, read_xlsx, roster_row, start_token, xlsx
from tests.support.route_setup import approved_route

TITLE = "Функциональная грамотность"


async def create_event(methodist: Person, *, seats: str = "10", young: bool = False) -> None:
    """The wizard by taps: the day from the calendar, a common time, a length, seats, audience."""
    await methodist.send("/events")
    await methodist.press_key("event-new")
    await methodist.send(TITLE)
    await methodist.press_key("event-kind-seminar")
    await methodist.press("›")  # the clock stands in November 2026: on to December
    await methodist.press("1")
    await methodist.press("15:00")
    await methodist.press_key("event-duration", minutes=120)
    await methodist.send("ИМЦ, ауд. 12")
    await methodist.send("Практикум для учителей: задания PISA на уроках")
    await methodist.press(ru("event-unlimited") if seats == "0" else seats)
    await methodist.press_key("event-deadline-start")
    await methodist.press_key("event-all-subjects")
    replies = await methodist.press_key("event-audience-young" if young else "event-audience-all")
    assert ru("event-created", title=TITLE) in texts(replies)


async def sign_up(teacher: Person) -> list:  # type: ignore[type-arg]
    await teacher.send("/events")
    await teacher.press(next(b for b in teacher.last.buttons() if TITLE in b))
    return await teacher.press_key("event-sign-up")


async def event_with_two(methodist: Person, first: Person, second: Person, session: AsyncSession) -> Event:
    """A new event (10 seats) with both teachers registered."""
    await create_event(methodist)
    await sign_up(first)
    await sign_up(second)
    event = await session.scalar(select(Event))
    assert isinstance(event, Event)
    return event


async def test_sign_up_sends_a_calendar_file(harness: Harness, cast: tuple[Person, Person, Person]) -> None:
    methodist, teacher, _other = cast
    await create_event(methodist)
    await teacher.send("/events")
    assert any(TITLE in b and "· 10" in b for b in teacher.last.buttons())
    replies = await sign_up(teacher)
    assert ru("event-signed-up", title=TITLE) in texts(replies)
    assert "Практикум для учителей" in texts(replies)
    ics = next(reply for reply in replies if reply.file_name and reply.file_name.endswith(".ics"))
    calendar = Calendar.from_ical(ics.file_data or b"")
    event = next(iter(calendar.walk("VEVENT")))
    assert str(event["SUMMARY"]) == TITLE and str(event["LOCATION"]) == "ИМЦ, ауд. 12"
    assert event.decoded("DTSTART").hour == 12  # 15:00 in Moscow is 12:00 UTC
    assert ru("event-seats", left=9, capacity=10) in texts(replies)
    event_id = ics.file_name.split("-")[1].split(".")[0] if ics.file_name else ""
    replies = await teacher.tap(f"ea:signup:{event_id}")  # a second tap on a stale button
    assert ru("event-already-registered") in replies[-1].text


async def test_waitlist_is_promoted_on_cancellation_and_on_more_seats(
    harness: Harness, cast: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, first, second = cast
    await create_event(methodist, seats="10")
    event_id = await session.scalar(select(Event.id))
    await methodist.send("/events")
    await methodist.press_key("events-mine")
    await methodist.press(next(b for b in methodist.last.buttons() if TITLE in b))
    await methodist.press_key("event-change-capacity")
    await methodist.send("1")
    await sign_up(first)
    replies = await sign_up(second)
    assert ru("registration-waitlisted") in texts(replies) and shows(texts(replies), "event-waitlisted", position=1)
    waiting_card = [reply for reply in replies if ru("event-cancel-mine") in reply.buttons()][-1]
    assert ru("event-check-in") not in waiting_card.buttons()  # checking in on the spot is for a seat
    assert any(ru("event-check-in") in message.buttons() for message in first.messages())
    replies = await first.press_key("event-cancel-mine")
    assert ru("event-cancel-mine-waitlist") in texts(replies)  # asked first, with what follows
    await first.press_key("event-cancel-mine-confirm")
    await deliver(harness)
    assert ru("event-promoted", title=TITLE) in second.last.text
    await sign_up(first)
    await methodist.tap(f"em:capacity:{event_id}")
    replies = await methodist.send("2")
    assert ru("event-capacity-set", promoted=1) in texts(replies)
    await deliver(harness)
    assert ru("event-promoted", title=TITLE) in first.last.text
    await methodist.tap(f"em:capacity:{event_id}")
    assert ru("event-capacity-below", taken=2) in texts(await methodist.send("1"))
    statuses = set(await session.scalars(select(Registration.status)))
    assert statuses == {RegistrationStatus.REGISTERED}


async def test_check_in_with_the_code_confirms_the_route_item(
    harness: Harness, cast: tuple[Person, Person, Person], session: AsyncSession, clock: FrozenClock
) -> None:
    methodist, teacher, _other = cast
    await approved_route((methodist, teacher))
    await create_event(methodist)
    await sign_up(teacher)
    replies = await teacher.press(ru("event-to-route"))
    assert ru("event-added-to-route", title=TITLE) in texts(replies)
    event = await session.scalar(select(Event))
    assert event is not None
    await teacher.press_key("event-check-in")
    assert ru("event-check-in-closed") in texts(await teacher.send(event.checkin_code))
    clock.moment = event.starts_at + timedelta(minutes=10)
    await teacher.press_key("event-check-in")
    assert ru("event-bad-code") in texts(await teacher.send("000000" if event.checkin_code != "000000" else "111111"))
    replies = await teacher.send(event.checkin_code)
    assert ru("event-checked-in", title=TITLE) in texts(replies)
    item = await session.scalar(select(RouteItem).where(RouteItem.title == TITLE))
    assert item is not None and item.status == ItemStatus.CONFIRMED
    await teacher.press_key("event-check-in")
    assert ru("event-already-checked-in") in texts(await teacher.send(event.checkin_code))


async def test_organiser_marks_attendance_and_exports_participants(
    harness: Harness, cast: tuple[Person, Person, Person], session: AsyncSession, clock: FrozenClock
) -> None:
    methodist, first, second = cast
    event = await event_with_two(methodist, first, second, session)
    await methodist.tap(f"em:attendance:{event.id}")
    replies = await methodist.press(next(b for b in methodist.last.buttons() if "Петрова" in b))
    assert ru("event-not-started") in replies[-1].text
    clock.moment = event.starts_at
    await methodist.tap(f"em:attendance:{event.id}")
    await methodist.press(next(b for b in methodist.last.buttons() if "Петрова" in b))
    await methodist.tap(f"em:attendance:{event.id}")
    assert any(b.startswith("✅") and "Петрова" in b for b in methodist.last.buttons())
    replies = await methodist.tap(f"em:export:{event.id}")
    table = read_xlsx(replies[-1].file_data or b"")
    assert ("Петрова Анна Сергеевна", "МБОУ СОШ № 1", ru("registration-attended")) in table


async def test_cancelling_an_event_is_asked_first_and_tells_everyone_registered(
    harness: Harness, cast: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, first, second = cast
    await create_event(methodist)
    await sign_up(first)
    await sign_up(second)
    event_id = await session.scalar(select(Event.id))
    await methodist.tap(f"ea:manage:{event_id}")
    replies = await methodist.press_key("event-cancel")
    assert ru("event-cancel-ask", count=2) in texts(replies)  # the consequence, before anything happens
    replies = await methodist.press_key("nav-keep")
    assert ru("event-cancel") in replies[-1].buttons()  # the event's screen again, the event untouched
    session.expire_all()
    assert (await session.get_one(Event, event_id)).status == EventStatus.ACTIVE
    await methodist.press_key("event-cancel")
    replies = await methodist.press_key("event-cancel-confirm")
    assert ru("event-cancelled-told", title=TITLE, count=2) in texts(replies)
    assert ru("event-new") in replies[-1].buttons() and ru("nav-menu") in replies[-1].buttons()  # the list again
    await deliver(harness)
    assert all(shows(person.last.text, "event-cancelled-notice", title=TITLE) for person in (first, second))
    replies = await first.tap(f"ea:signup:{event_id}")
    assert replies[-1].alert
    assert harness.telegram.refused == []


async def test_bad_event_input_gets_clear_answers(harness: Harness, cast: tuple[Person, Person, Person]) -> None:
    methodist, _first, _second = cast
    await methodist.send("/events")
    await methodist.press_key("event-new")
    await methodist.send(TITLE)
    await methodist.press_key("event-kind-seminar")
    assert ru("event-bad-datetime") in texts(await methodist.send("первого декабря"))
    assert ru("event-in-past") in texts(await methodist.send("01.01.2020 10:00"))
    await methodist.send("01.12.2026 15:00")
    assert ru("event-ends-before-start") in texts(await methodist.send("14:00"))


async def test_young_specialist_events_are_refused_to_others(
    harness: Harness, cast: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, young, older = cast
    await create_event(methodist, young=True)
    await older.send("/events")
    assert not any(TITLE in b for b in older.last.buttons())
    event_id = await session.scalar(select(Event.id))
    replies = await older.tap(f"ea:signup:{event_id}")
    assert ru("event-not-for-you") in replies[-1].text
    assert ru("event-signed-up", title=TITLE) in texts(await sign_up(young))


async def test_teachers_cannot_manage_events_by_forged_buttons(
    harness: Harness, cast: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, teacher, other = cast
    await create_event(methodist)
    await sign_up(other)
    event_id = await session.scalar(select(Event.id))
    registration_id = await session.scalar(select(Registration.id))
    for forged in (
        f"em:cancel_yes:{event_id}",
        f"em:capacity:{event_id}",
        f"em:export:{event_id}",
        f"at:{registration_id}:1:0",
        "ea:new:0",
    ):
        replies = await teacher.tap(forged)
        assert ru("error-forbidden") in replies[-1].text, forged
    event = await session.get_one(Event, event_id)
    assert event.status.value == "active"


async def test_reminders_go_a_day_and_an_hour_before_once_each(
    harness: Harness, cast: tuple[Person, Person, Person], session: AsyncSession, clock: FrozenClock
) -> None:
    methodist, first, second = cast
    await create_event(methodist)
    await sign_up(first)
    event = await session.scalar(select(Event))
    assert event is not None

    async def sent_now() -> list[str]:
        before = len(first.messages())
        await run_job(harness, send_event_reminders)
        return [sent.text for sent in first.messages()[before:]]

    clock.moment = event.starts_at - timedelta(hours=30)
    assert await sent_now() == []
    clock.moment = event.starts_at - timedelta(hours=23)
    assert [shows(text, "event-reminder-24h", title=TITLE) for text in await sent_now()] == [True]
    assert await sent_now() == []
    clock.moment = event.starts_at - timedelta(minutes=55)
    reminders = await sent_now()
    assert len(reminders) == 1 and shows(reminders[0], "event-reminder-1h", title=TITLE, place="ИМЦ, ауд. 12")
    assert await sent_now() == []
    assert not any(shows(sent.text, "event-reminder-24h") for sent in second.messages())  # not registered, not reminded


async def test_a_failure_while_queueing_event_reminders_marks_none_sent_and_the_next_run_sends_them_all(
    harness: Harness,
    cast: tuple[Person, Person, Person],
    session: AsyncSession,
    session_factory: async_sessionmaker[AsyncSession],
    clock: FrozenClock,
) -> None:
    methodist, first, second = cast
    event = await event_with_two(methodist, first, second, session)
    clock.moment = event.starts_at - timedelta(hours=23)
    queued = await outbox_size(session)
    async with session_factory() as job_session:
        with pytest.raises(RenderingFailed):
            await queue_event_reminders(job_session, now=clock.now(), render=fails_on_second(NewDelivery("first", 1)))
    assert await session.scalar(select(func.count()).select_from(EventReminder)) == 0
    assert await outbox_size(session) == queued
    assert await run_job(harness, send_event_reminders) == 2
    assert all(
        any(shows(sent.text, "event-reminder-24h") for sent in teacher.messages()) for teacher in (first, second)
    )


PLAN_HEADER = [
    "Название",
    "Вид",
    "Начало",
    "Окончание",
    "Место",
    "Мест",
    "Запись до",
    "Только молодые",
    "Организации",
    "Предметы",
]


async def test_a_plan_file_creates_many_events_or_none(
    harness: Harness, cast: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, teacher, _other = cast
    await methodist.send("/events")
    replies = await methodist.press_key("event-plan")
    assert replies[-1].file_name == "events-plan.xlsx"
    assert read_xlsx(replies[-1].file_data or b"")[0] == tuple(PLAN_HEADER)
    bad = [
        ["Мастер-класс", "мастер-класс", "10.12.2026 10:00", "10.12.2026 12:00", "", "", "", "", "", ""],
        ["Вебинар", "лекция", "10.12.2026 10:00", "09.12.2026 12:00", "", "много", "", "", "МБОУ № 99", ""],
        ["Прошлое", "семинар", "10.01.2026 10:00", "10.01.2026 12:00", "", "", "", "", "", ""],
    ]
    replies = await methodist.send_document("plan.xlsx", xlsx(bad, header=PLAN_HEADER))
    text = texts(replies)
    assert ru("roster-problem", line=3, column="Вид", problem=ru("problem-bad-choice", value="лекция")) in text
    assert ru("roster-problem", line=3, column="Мест", problem=ru("problem-bad-number", value="много")) in text
    assert shows(text, "problem-unknown-school", value="МБОУ № 99")
    assert ru("roster-problem", line=4, column="Начало", problem=ru("problem-event-in-past")) in text
    assert await session.scalar(select(func.count()).select_from(Event)) == 0
    good = [
        ["Мастер-класс", "мастер-класс", "10.12.2026 10:00", "10.12.2026 12:00", "ИМЦ", "", "", "нет", "", ""],
        [
            "Заседание МО математиков",
            "заседание МО",
            "11.12.2026 15:00",
            "11.12.2026 16:30",
            "",
            "25",
            "",
            "",
            "МБОУ СОШ № 1",
            "математика",
        ],
    ]
    replies = await methodist.send_document("plan.xlsx", xlsx(good, header=PLAN_HEADER))
    assert ru("event-plan-imported", count=2) in texts(replies)
    await teacher.send("/events")
    assert any("Заседание МО" in b for b in teacher.last.buttons())


async def test_editing_an_event_tells_participants_and_moves_it(
    harness: Harness, cast: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, teacher, _other = cast
    await create_event(methodist)
    await sign_up(teacher)
    event_id = await session.scalar(select(Event.id))
    await methodist.tap(f"em:edit:{event_id}")
    await methodist.press_key("event-edit-start")
    assert ru("event-in-past") in texts(await methodist.send("01.01.2020 10:00"))
    await methodist.tap(f"em:edit_start:{event_id}")
    replies = await methodist.send("02.12.2026 16:00")
    assert shows(texts(replies), "event-edited", count=1)
    await deliver(harness)
    assert shows(teacher.last.text, "event-changed-notice", title=TITLE) and "02.12.2026 16:00" in teacher.last.text
    session.expire_all()
    event = await session.get_one(Event, event_id)
    assert (event.ends_at - event.starts_at) == timedelta(hours=2)


async def test_materials_reach_the_participants_and_check_in_works_by_link(
    harness: Harness, cast: tuple[Person, Person, Person], session: AsyncSession, clock: FrozenClock
) -> None:
    methodist, first, second = cast
    event = await event_with_two(methodist, first, second, session)
    replies = await methodist.tap(f"eo:{event.id}")
    replies = await methodist.press_key("event-manage")
    link = start_token(replies[-1].text)
    assert link == f"ci{event.id}_{event.checkin_code}"
    clock.moment = event.starts_at + timedelta(minutes=5)
    replies = await first.send(f"/start {link}")
    assert ru("event-checked-in", title=TITLE) in texts(replies)
    await methodist.tap(f"em:materials:{event.id}")
    replies = await methodist.send_document("slides.pdf", b"%PDF slides")
    assert ru("event-materials-sending", count=1) in texts(replies)
    await deliver(harness)
    assert shows(methodist.last.text, "news-done", sent=1, total=1)
    assert [sent.method for sent in first.messages()][-1] == "CopyMessage"
    assert "CopyMessage" not in [sent.method for sent in second.messages()]  # only those who came


async def test_an_event_for_chosen_schools_with_a_registration_deadline(
    harness: Harness, cast: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, teacher, _other = cast
    await import_roster(
        methodist, xlsx([roster_row("Сидорова Мария Павловна", school="МБОУ Лицей № 7", birth="03.03.1985")])
    )
    await methodist.send("/events")
    await methodist.press_key("event-new")
    await methodist.send("Стажировка в лицее")
    await methodist.press_key("event-kind-internship")
    await methodist.send("05.12.2026 10:00")  # typed whole instead of chosen
    await methodist.send("14:00")
    await methodist.press_key("nav-skip")
    await methodist.press_key("nav-skip")
    await methodist.press("20")
    assert ru("event-bad-deadline") in texts(await methodist.send("06.12.2026 10:00"))
    await methodist.send("04.12.2026 18:00")
    await methodist.send("математика, информатика")
    await methodist.press_key("event-audience-schools")
    replies = await methodist.press_key("event-schools-done")
    assert replies[-1].alert
    await methodist.press("МБОУ Лицей № 7")
    await methodist.press("✅ МБОУ Лицей № 7")
    await methodist.press("МБОУ Лицей № 7")
    replies = await methodist.press_key("event-schools-done")
    assert "Стажировка в лицее" in texts(replies)
    event = await session.scalar(select(Event))
    assert event is not None and event.registration_until is not None and event.place == ""
    subjects = set(await session.scalars(select(EventSubject.subject)))
    assert subjects == {"математика", "информатика"}
    await teacher.send("/events")
    assert not any(ru("kind-internship") in b for b in teacher.last.buttons())  # MБОУ СОШ № 1 is not chosen


async def test_the_list_filters_by_kind_and_by_my_subjects(
    harness: Harness, cast: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, teacher, _other = cast
    await create_event(methodist)  # a seminar for every subject
    await methodist.send("/events")
    await methodist.press_key("event-plan")
    plan = [
        ["Конкурс математиков", "конкурс", "12.12.2026 10:00", "12.12.2026 12:00", "", "", "", "", "", "математика"]
    ]
    await methodist.send_document("plan.xlsx", xlsx(plan, header=PLAN_HEADER))
    await teacher.send("/events")
    titles = teacher.last.buttons()
    assert any(TITLE in b for b in titles) and any("Конкурс математиков" in b for b in titles)
    replies = await teacher.press_key("event-kind-contest")
    assert any(ru("kind-contest") in b for b in replies[-1].buttons()) and not any(
        TITLE in b for b in replies[-1].buttons()
    )
    replies = await teacher.press("• " + ru("event-kind-contest"))  # the same filter again: the screen stays, no error
    assert not any(reply.alert for reply in replies)
    await teacher.press_key("events-all-kinds")
    replies = await teacher.press_key("events-my-subjects")
    buttons = replies[-1].buttons()
    assert any("Конкурс математиков" in b for b in buttons) and not any(TITLE in b for b in buttons)
