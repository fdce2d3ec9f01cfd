"""Events in the service layer: validation, audiences, seats, the waitlist, and sign-ups racing for seats."""

import asyncio
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.errors import Forbidden, InvalidInput
from services.events.attendance import seat_page
from services.events.events import event_for, my_registrations, upcoming_events
from services.events.organise import EventInput, create_event, parse_end, parse_local, set_capacity
from services.events.plan_import import COLUMNS as PLAN_COLUMNS
from services.events.plan_import import import_plan
from services.events.seats import Promotion, cancel_registration, sign_up
from services.models.delivery import Delivery
from services.models.events import Event, EventKind, Registration, RegistrationStatus
from services.models.people import Organisation, OrgKind, Person, PersonSubject, Role, User
from services.outbox import NewDelivery
from services.people.access import Actor, Grant
from services.people.orgs import Org
from services.people.subjects import municipality_subjects
from tests.support.factories import xlsx

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SEMINAR = EventInput(
    title="Функциональная грамотность на уроках математики",
    kind=EventKind.SEMINAR,
    starts_at=NOW + timedelta(days=7),
    ends_at=NOW + timedelta(days=7, hours=2),
    place="ИМЦ, ауд. 12",
    capacity=10,
)


async def municipality_with_teachers(
    session: AsyncSession, region: Org, count: int, *, young: bool = False, first_tg_id: int = 10_000
) -> tuple[Actor, list[Actor], list[int]]:
    """A methodist and `count` teachers of two schools, each with an account."""
    municipality = Organisation(
        kind=OrgKind.MUNICIPALITY,
        name=f"Район {first_tg_id}",
        parent_id=region.id,
        timezone="Europe/Moscow",
        created_at=NOW,
    )
    session.add(municipality)
    await session.flush()
    schools = [
        Organisation(
            kind=OrgKind.SCHOOL, name=f"Школа {n}", parent_id=municipality.id, timezone="Europe/Moscow", created_at=NOW
        )
        for n in (1, 2)
    ]
    session.add_all(schools)
    await session.flush()
    teachers = []
    for n in range(count):
        birth = date(1998, 1, 1) if young and n % 2 == 0 else date(1980, 1, 1)
        start = date(2025, 9, 1) if young and n % 2 == 0 else date(2005, 9, 1)
        person = Person(
            school_id=schools[n % 2].id,
            full_name=f"Педагог {n}",
            name_key=f"педагог {n}",
            position="учитель",
            birth_date=birth,
            work_start=start,
            created_at=NOW,
            updated_at=NOW,
        )
        session.add(person)
        await session.flush()
        session.add(PersonSubject(person_id=person.id, subject="математика" if n % 2 == 0 else "история"))
        user = User(tg_id=first_tg_id + n, person_id=person.id, language="ru", consent_at=NOW, created_at=NOW)
        session.add(user)
        await session.flush()
        teachers.append(Actor(user.id, user.tg_id, person.id, "ru", True))
    methodist_user = User(tg_id=first_tg_id - 1_000, language="ru", consent_at=NOW, created_at=NOW)
    session.add(methodist_user)
    await session.commit()
    grants = (Grant(Role.METHODIST, municipality.id),)
    methodist = Actor(methodist_user.id, methodist_user.tg_id, None, "ru", True, grants)
    return methodist, teachers, [school.id for school in schools]


async def refuse_events_titled(session: AsyncSession, title: str) -> None:
    """A database that refuses one particular event, as a failing disk or a broken constraint would."""
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(
            text(
                "CREATE FUNCTION refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"IF NEW.title = '{title}' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$"
            )
        )
        await session.execute(
            text("CREATE TRIGGER refuse_event BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION refuse_event()")
        )
    else:
        await session.execute(
            text(
                f"CREATE TRIGGER refuse_event BEFORE INSERT ON events WHEN NEW.title = '{title}' "
                "BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
        )
    await session.commit()


async def test_a_plan_whose_third_event_fails_creates_none(
    session: AsyncSession, session_factory: async_sessionmaker[AsyncSession], region: Org
) -> None:
    methodist, _teachers, _schools = await municipality_with_teachers(session, region, 1)
    await refuse_events_titled(session, "Третье")
    rows = [[title, "семинар", "10.12.2026 10:00", "10.12.2026 12:00"] for title in ("Первое", "Второе", "Третье")]
    plan = xlsx(rows, header=PLAN_COLUMNS[:4])
    with pytest.raises(DBAPIError):
        await import_plan(session, actor=methodist, content=plan, file_name="plan.xlsx", now=NOW)
    async with session_factory() as fresh:
        assert await fresh.scalar(select(func.count()).select_from(Event)) == 0


def test_local_times_are_read_in_the_organisers_zone() -> None:
    assert parse_local("25.12.2026 15:30", "Asia/Krasnoyarsk") == datetime(2026, 12, 25, 8, 30, tzinfo=UTC)
    with pytest.raises(InvalidInput):
        parse_local("завтра", "Europe/Moscow")


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"starts_at": NOW - timedelta(hours=1)}, "event-in-past"),
        ({"ends_at": NOW + timedelta(days=6)}, "event-ends-before-start"),
        ({"capacity": 0}, "event-bad-capacity"),
        ({"registration_until": NOW + timedelta(days=8)}, "event-bad-deadline"),
        ({"title": "  "}, "event-bad-title"),
    ],
)
async def test_bad_event_data_is_refused(
    session: AsyncSession, region: Org, change: dict[str, object], key: str
) -> None:
    methodist, _teachers, _schools = await municipality_with_teachers(session, region, 1)
    with pytest.raises(InvalidInput) as refused:
        await create_event(session, actor=methodist, data=replace(SEMINAR, **change), now=NOW)  # type: ignore[arg-type]
    assert refused.value.key == key


def promotion_delivery(promotion: Promotion) -> NewDelivery:
    assert promotion.tg_id is not None
    return NewDelivery(f"promoted:{promotion.person_id}", promotion.tg_id, text=promotion.event_title)


async def test_full_event_waitlists_and_a_cancellation_promotes_the_first(session: AsyncSession, region: Org) -> None:
    methodist, teachers, _schools = await municipality_with_teachers(session, region, 4)
    event = await create_event(session, actor=methodist, data=replace(SEMINAR, capacity=2), now=NOW)
    results = [await sign_up(session, actor=teacher, event_id=event.id, now=NOW) for teacher in teachers]
    assert [(r.status, r.position) for r in results] == [
        (RegistrationStatus.REGISTERED, None),
        (RegistrationStatus.REGISTERED, None),
        (RegistrationStatus.WAITLISTED, 1),
        (RegistrationStatus.WAITLISTED, 2),
    ]
    with pytest.raises(InvalidInput, match="event-already-registered"):
        await sign_up(session, actor=teachers[0], event_id=event.id, now=NOW)
    outcome = await cancel_registration(
        session, actor=teachers[0], event_id=event.id, now=NOW, notice=promotion_delivery
    )
    assert [p.person_id for p in outcome.promoted] == [teachers[2].person_id]
    promoted = await set_capacity(
        session, actor=methodist, event_id=event.id, capacity=3, now=NOW, notice=promotion_delivery
    )
    assert [p.person_id for p in promoted] == [teachers[3].person_id]
    # The promoted are told in the same transaction as their seat.
    assert set(await session.scalars(select(Delivery.chat_id))) == {teachers[2].tg_id, teachers[3].tg_id}
    with pytest.raises(InvalidInput, match="event-capacity-below"):
        await set_capacity(session, actor=methodist, event_id=event.id, capacity=2, now=NOW, notice=promotion_delivery)
    again = await sign_up(session, actor=teachers[0], event_id=event.id, now=NOW)  # after cancelling, anew
    assert (again.status, again.position) == (RegistrationStatus.WAITLISTED, 1)


async def test_audience_limits_who_sees_and_signs_up(session: AsyncSession, region: Org) -> None:
    methodist, teachers, schools = await municipality_with_teachers(session, region, 4, young=True)
    for_school = await create_event(
        session, actor=methodist, data=replace(SEMINAR, title="Для школы 1", school_ids=(schools[0],)), now=NOW
    )
    for_history = await create_event(
        session, actor=methodist, data=replace(SEMINAR, title="Историкам", subjects=("история",)), now=NOW
    )
    for_young = await create_event(
        session, actor=methodist, data=replace(SEMINAR, title="Молодым", young_only=True), now=NOW
    )
    seen = {
        n: {card.title for card in (await upcoming_events(session, actor=teachers[n], now=NOW)).cards} for n in range(4)
    }
    assert seen[0] == {"Для школы 1", "Молодым"}  # school 1, mathematics, young
    assert seen[1] == {"Историкам"}  # school 2, history, not young
    with pytest.raises(InvalidInput, match="event-not-for-you"):
        await sign_up(session, actor=teachers[1], event_id=for_school.id, now=NOW)
    with pytest.raises(InvalidInput, match="event-not-for-you"):
        await sign_up(session, actor=teachers[1], event_id=for_young.id, now=NOW)
    assert (
        await sign_up(session, actor=teachers[1], event_id=for_history.id, now=NOW)
    ).status == RegistrationStatus.REGISTERED


async def test_sign_up_after_the_deadline_is_refused(session: AsyncSession, region: Org) -> None:
    methodist, teachers, _schools = await municipality_with_teachers(session, region, 1)
    event = await create_event(
        session, actor=methodist, data=replace(SEMINAR, registration_until=NOW + timedelta(days=1)), now=NOW
    )
    with pytest.raises(InvalidInput, match="event-registration-closed"):
        await sign_up(session, actor=teachers[0], event_id=event.id, now=NOW + timedelta(days=2))


async def test_fifty_simultaneous_sign_ups_for_ten_seats(
    session: AsyncSession, session_factory: async_sessionmaker[AsyncSession], region: Org
) -> None:
    methodist, teachers, _schools = await municipality_with_teachers(session, region, 50)
    event = await create_event(session, actor=methodist, data=SEMINAR, now=NOW)

    async def one(teacher: Actor) -> RegistrationStatus:
        async with session_factory() as own:
            return (await sign_up(own, actor=teacher, event_id=event.id, now=NOW)).status

    statuses = await asyncio.gather(*(one(teacher) for teacher in teachers))
    assert statuses.count(RegistrationStatus.REGISTERED) == 10
    assert statuses.count(RegistrationStatus.WAITLISTED) == 40
    session.expire_all()
    assert (await session.get_one(Event, event.id)).taken == 10
    waitlist = list(
        await session.scalars(
            select(Registration.id)
            .where(Registration.status == RegistrationStatus.WAITLISTED)
            .order_by(Registration.queued_at, Registration.id)
        )
    )
    assert len(waitlist) == 40
    positions = []
    for registration_id in waitlist:
        registration = await session.get_one(Registration, registration_id)
        teacher = next(t for t in teachers if t.person_id == registration.person_id)
        async with session_factory() as own:
            positions.append((await event_for(own, actor=teacher, event_id=event.id, now=NOW)).my_position)
    assert positions == list(range(1, 41))
    assert await session.scalar(select(func.count()).select_from(Registration)) == 50


async def test_the_waitlist_place_told_at_a_racing_sign_up_is_the_place_the_card_shows(
    session: AsyncSession, session_factory: async_sessionmaker[AsyncSession], region: Org
) -> None:
    methodist, teachers, _schools = await municipality_with_teachers(session, region, 30)
    event = await create_event(session, actor=methodist, data=replace(SEMINAR, capacity=5), now=NOW)

    async def one(n: int, teacher: Actor) -> tuple[Actor, int | None]:
        # Clocks read before the lock disagree with the order of arrival at it: some later, some equal.
        now = NOW + timedelta(days=1, milliseconds=(len(teachers) - n) // 3)
        async with session_factory() as own:
            return teacher, (await sign_up(own, actor=teacher, event_id=event.id, now=now)).position

    results = await asyncio.gather(*(one(n, teacher) for n, teacher in enumerate(teachers)))
    told = [(teacher, place) for teacher, place in results if place is not None]
    shown = []
    for teacher, _place in told:
        async with session_factory() as own:
            shown.append((await event_for(own, actor=teacher, event_id=event.id, now=NOW)).my_position)
    assert [place for _teacher, place in told] == shown
    assert sorted(place for _teacher, place in told) == list(range(1, 26))


async def test_an_event_is_read_by_its_audience_its_organisers_and_admins_only(
    session: AsyncSession, region: Org
) -> None:
    methodist, teachers, schools = await municipality_with_teachers(session, region, 2, young=True)
    events = {
        "school 1": replace(SEMINAR, school_ids=(schools[0],)),
        "history": replace(SEMINAR, subjects=("история",)),
        "young": replace(SEMINAR, young_only=True),
        "mentors": replace(SEMINAR, audience_role="mentor"),
        "managers": replace(SEMINAR, audience_role="manager"),
        "everyone": SEMINAR,
    }
    ids = {name: (await create_event(session, actor=methodist, data=data, now=NOW)).id for name, data in events.items()}

    async def readable(actor: Actor) -> set[str]:
        seen = set()
        for name, event_id in ids.items():
            try:
                await event_for(session, actor=actor, event_id=event_id, now=NOW)
                seen.add(name)
            except Forbidden as refused:
                assert refused.key in ("event-not-for-you", "events-need-roster")
        return seen

    assert await readable(teachers[0]) == {"school 1", "young", "everyone"}  # school 1, mathematics, young
    assert await readable(teachers[1]) == {"history", "everyone"}  # school 2, history, not young
    assert await readable(methodist) == set(ids)
    assert await readable(Actor(9_001, 9_001, None, "ru", True, (Grant(Role.ADMIN, region.id),))) == set(ids)
    assert await readable(Actor(9_002, 9_002, None, "ru", True)) == set()  # a stranger
    other_methodist, elsewhere, _schools = await municipality_with_teachers(session, region, 1, first_tg_id=20_000)
    assert await readable(other_methodist) == set()
    assert await readable(elsewhere[0]) == set()


async def test_my_registrations_give_each_waitlist_place_in_one_page_with_the_total(
    session: AsyncSession, region: Org
) -> None:
    methodist, teachers, _schools = await municipality_with_teachers(session, region, 4)
    small = await create_event(session, actor=methodist, data=replace(SEMINAR, capacity=1), now=NOW)
    later = replace(SEMINAR, title="Позже", starts_at=SEMINAR.starts_at + timedelta(days=1), capacity=None)
    large = await create_event(
        session, actor=methodist, data=replace(later, ends_at=later.starts_at + timedelta(hours=1)), now=NOW
    )
    for teacher in teachers[:3]:
        await sign_up(session, actor=teacher, event_id=small.id, now=NOW)
    await sign_up(session, actor=teachers[2], event_id=large.id, now=NOW)
    found = await my_registrations(session, actor=teachers[2], now=NOW)
    assert found.total == 2
    assert [(card.title, card.my_status, card.my_position) for card in found.cards] == [
        (SEMINAR.title, RegistrationStatus.WAITLISTED, 2),
        ("Позже", RegistrationStatus.REGISTERED, None),
    ]
    assert (await my_registrations(session, actor=teachers[3], now=NOW)).total == 0
    listed = await upcoming_events(session, actor=teachers[0], now=NOW)
    assert [card.my_status for card in listed.cards] == [RegistrationStatus.REGISTERED, None]
    assert (await event_for(session, actor=teachers[0], event_id=small.id, now=NOW)).waiting == 2


async def test_the_attendance_list_pages_by_name_with_the_count(session: AsyncSession, region: Org) -> None:
    methodist, teachers, _schools = await municipality_with_teachers(session, region, 12)
    event = await create_event(session, actor=methodist, data=replace(SEMINAR, capacity=None), now=NOW)
    for teacher in teachers:
        await sign_up(session, actor=teacher, event_id=event.id, now=NOW)
    first = await seat_page(session, actor=methodist, event_id=event.id, per_page=10)
    last = await seat_page(session, actor=methodist, event_id=event.id, page=5, per_page=10)  # past the end
    assert (first.total, first.pages, len(first.seats), last.page, len(last.seats)) == (12, 2, 10, 1, 2)
    names = [seat.name for seat in first.seats + last.seats]
    assert names == sorted(names) and len(set(names)) == 12
    with pytest.raises(Forbidden):
        await seat_page(session, actor=teachers[0], event_id=event.id)


async def test_the_municipalitys_subjects_come_from_its_active_roster(session: AsyncSession, region: Org) -> None:
    methodist, _teachers, _schools = await municipality_with_teachers(session, region, 3)
    other, _others, _ = await municipality_with_teachers(session, region, 1, first_tg_id=20_000)
    assert await municipality_subjects(session, municipality_id=methodist.grants[0].org_id) == ["история", "математика"]
    assert await municipality_subjects(session, municipality_id=other.grants[0].org_id) == ["математика"]


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [("20", 20), ("90", 90), ("17:00", 7 * 60), ("17.30", 7 * 60 + 30), ("26.12.2026 11:00", 25 * 60)],
)
def test_the_end_is_read_as_minutes_a_time_that_day_or_a_date_and_time(typed: str, minutes: int) -> None:
    starts_at = parse_local("25.12.2026 10:00", "Europe/Moscow")
    assert parse_end(typed, starts_at, "Europe/Moscow") - starts_at == timedelta(minutes=minutes)


@pytest.mark.parametrize(
    ("typed", "key"), [("09:00", "event-ends-before-start"), ("0", "event-bad-time"), ("полдень", "event-bad-datetime")]
)
def test_a_bad_end_gets_a_clear_answer(typed: str, key: str) -> None:
    with pytest.raises(InvalidInput, match=key):
        parse_end(typed, parse_local("25.12.2026 10:00", "Europe/Moscow"), "Europe/Moscow")
