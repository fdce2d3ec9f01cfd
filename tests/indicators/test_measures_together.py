"""A whole indicator set is counted in one grouped pass that shares its columns between indicators (the
organisation types applied per school, a count several indicators need counted once). On a randomized
municipality every measure of every preset, over the windows `compute` uses, must come out of that shared
pass exactly as it does when counted alone."""

import random
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from services.indicators.calculation import period_of, window_of
from services.indicators.measures import measures
from services.indicators.presets import PRESETS
from services.indicators.sets import EVENT_KINDS
from services.indicators.spec import Period
from services.models.events import Event, EventKind, EventStatus, Registration, RegistrationStatus
from services.models.indicators import Community, CommunityLevel, CommunityMember
from services.models.mentoring import MentorPair, PairKind, PairStatus
from services.models.people import (
    Diagnostic,
    DiagnosticDeficit,
    DiagnosticKind,
    Organisation,
    OrgKind,
    OrgType,
    Person,
    User,
)
from services.models.routes import ActivityKind, Area, ItemStatus, Registry, Route, RouteItem, RouteStatus

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
DAYS = 500  # facts are spread over the 500 days before NOW and a few after


def some_day(rng: random.Random) -> date:
    return NOW.date() - timedelta(days=rng.randrange(-20, DAYS))


def some_moment(rng: random.Random) -> datetime:
    return NOW - timedelta(hours=rng.randrange(-20 * 24, DAYS * 24))


async def randomized_municipality(session: AsyncSession, rng: random.Random) -> list[int]:
    """Schools of every type, people of every age and tenure (some without dates, some managers, some gone),
    and each kind of fact the measures read, with their statuses, kinds and dates drawn at random."""
    town = Organisation(kind=OrgKind.MUNICIPALITY, name="Район", timezone="Europe/Moscow", created_at=NOW)
    session.add(town)
    await session.flush()
    schools = [
        Organisation(
            kind=OrgKind.SCHOOL,
            name=f"ОО {n}",
            parent_id=town.id,
            org_type=org_type,
            timezone="Europe/Moscow",
            created_at=NOW,
        )
        for n, org_type in enumerate([*OrgType, OrgType.GENERAL])
    ]
    session.add_all(schools)
    await session.flush()
    people = [
        Person(
            school_id=rng.choice(schools).id,
            full_name=f"Педагог {n}",
            name_key=f"педагог {n}",
            position="учитель",
            birth_date=rng.choice([None, date(rng.randrange(1960, 2004), rng.randrange(1, 13), 1)]),
            work_start=rng.choice([None, date(rng.randrange(2015, 2027), rng.randrange(1, 13), 1)]),
            is_manager=rng.random() < 0.2,
            is_active=True,
            left_on=rng.choice([None, None, some_day(rng)]),
            created_at=some_moment(rng),
            updated_at=NOW,
        )
        for n in range(80)
    ]
    session.add_all(people)
    await session.flush()
    diagnostics = [
        Diagnostic(
            person_id=rng.choice(people).id,
            taken_on=some_day(rng),
            kind=rng.choice(list(DiagnosticKind)),
            level=rng.choice(["high", "elevated", "basic", "low"]),
        )
        for _ in range(60)
    ]
    session.add_all(diagnostics)
    await session.flush()
    session.add_all(
        DiagnosticDeficit(diagnostic_id=diagnostic.id, area=area)
        for diagnostic in diagnostics
        for area in rng.sample(list(Area), 2)
    )
    routes = [
        Route(
            person_id=rng.choice(people).id,
            diagnostic_id=rng.choice([None, *[d.id for d in diagnostics]]),
            status=rng.choice(list(RouteStatus)),
            created_at=NOW - timedelta(days=DAYS),
            approved_at=rng.choice([None, some_moment(rng)]),
            implemented_at=rng.choice([None, some_moment(rng)]),
        )
        for _ in range(50)
    ]
    session.add_all(routes)
    await session.flush()
    session.add_all(
        RouteItem(
            route_id=rng.choice(routes).id,
            title="Пункт",
            kind=rng.choice(list(ActivityKind)),
            area=rng.choice([None, *Area]),
            course_registry=rng.choice(list(Registry)),
            deadline=NOW.date(),
            status=rng.choice(list(ItemStatus)),
            confirmed_at=rng.choice([None, some_moment(rng)]),
        )
        for _ in range(200)
    )
    organiser = User(tg_id=1, language="ru", display_name="", created_at=NOW)
    session.add(organiser)
    await session.flush()
    events = []
    for n in range(30):
        starts = some_moment(rng)
        events.append(
            Event(
                municipality_id=town.id,
                organiser_user_id=organiser.id,
                title=f"Событие {n}",
                kind=rng.choice(list(EventKind)),
                starts_at=starts,
                ends_at=starts + timedelta(hours=rng.choice([2, 30])),
                timezone="Europe/Moscow",
                young_only=rng.random() < 0.3,
                status=rng.choice(list(EventStatus)),
                checkin_code="0000",
                created_at=NOW - timedelta(days=DAYS),
            )
        )
    session.add_all(events)
    await session.flush()
    session.add_all(
        Registration(
            event_id=event.id,
            person_id=person.id,
            status=rng.choice(list(RegistrationStatus)),
            queued_at=NOW,
            updated_at=NOW,
        )
        for event in events
        for person in rng.sample(people, 8)
    )
    for mentor, mentee in zip(people[::2], people[1::2], strict=True):
        if rng.random() < 0.5:
            ended = rng.random() < 0.4
            session.add(
                MentorPair(
                    mentor_id=mentor.id,
                    mentee_id=mentee.id,
                    kind=PairKind.YOUNG,
                    status=PairStatus.DISSOLVED if ended else PairStatus.ACTIVE,
                    started_on=some_day(rng),
                    planned_end=NOW.date() + timedelta(days=300),
                    created_at=NOW,
                    ended_at=some_moment(rng) if ended else None,
                )
            )
    communities = [
        Community(municipality_id=town.id, name=f"Сообщество {level}", level=level, created_at=NOW)
        for level in CommunityLevel
    ]
    session.add_all(communities)
    await session.flush()
    session.add_all(
        CommunityMember(
            community_id=community.id,
            person_id=person.id,
            joined_on=some_day(rng),
            left_on=rng.choice([None, some_day(rng)]),
        )
        for community in communities
        for person in rng.sample(people, 15)
    )
    await session.commit()
    return [school.id for school in schools]


async def test_a_whole_set_counted_in_one_pass_equals_each_measure_counted_alone(session: AsyncSession) -> None:
    schools = await randomized_municipality(session, random.Random(14))
    as_of = NOW.date()
    for kind in ("month", "school_year", "year"):
        period = period_of(kind, as_of)
        # Every preset's measures over the windows compute uses, and each also over a longer window with the
        # same reporting date, all in one call: the most sharing the pass can do.
        wanted = [
            (spec, window)
            for indicators in PRESETS.values()
            for definition in indicators.indicators
            if definition.measure != "manual" and definition.measure not in EVENT_KINDS
            for spec in (definition.spec, definition.second)
            if spec is not None
            for found in [window_of(definition.horizon, period, as_of)[0]]
            for window in (found, Period(found.start - timedelta(days=90), found.end))
        ]
        together = await measures(session, wanted, schools, NOW)
        for key in wanted:
            alone = await measures(session, [key], schools, NOW)
            assert together[key] == alone[key], (kind, key)
        assert any(count.numerator for counts in together.values() for count in counts.values())
