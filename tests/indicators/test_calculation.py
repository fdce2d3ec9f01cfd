"""Every measure on a small hand-built municipality, the answers worked out here by reasoning.

The period is the 4th quarter of 2026 (1 October – 31 December); the roster and the ages are taken on
31 December 2026.

School 1: p1 turns exactly 35 on 31.12.2026 (not young); p2 has exactly 3 years of tenure (not young);
p3 is young and mentored by p4 from 05.10.2026; p4 was diagnosed in November and has an approved
route built on it; p5 was diagnosed in October but left the roster on 15.11.2026 (counted nowhere);
p6 was diagnosed before the period and her route was returned.
School 2: p7 is young, her pair with p8 was dissolved in September and she only signed up (not
attended) for a young-specialist event; p8 is a manager, in a municipal association since October;
p9 is young and attended a young-specialist event.
School 3 has no teachers.
"""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from services.errors import Forbidden
from services.indicators.calculation import (
    IndicatorValue,
    SetReport,
    choose_set,
    compute,
    enter_manual_value,
    period_of,
    scope_of,
    set_target,
)
from services.indicators.spec import Period
from services.models.events import Event, EventKind, EventStatus, Registration, RegistrationStatus
from services.models.indicators import Community, CommunityLevel, CommunityMember
from services.models.mentoring import MentorPair, PairKind, PairStatus
from services.models.people import Diagnostic, Organisation, OrgKind, Person, Role, User
from services.models.routes import Route, RouteStatus
from services.people.access import Actor, Grant

PERIOD = Period(date(2026, 10, 1), date(2026, 12, 31))
AFTER = datetime(2027, 1, 10, tzinfo=UTC)  # the quarter is over: every value is a verdict on 31.12.2026
JOINED = datetime(2025, 1, 10, tzinfo=UTC)


def person(
    name: str, school: int, born: date | None, started: date, *, manager: bool = False, left: date | None = None
) -> Person:
    return Person(
        school_id=school,
        full_name=name,
        name_key=name.casefold(),
        position="учитель",
        birth_date=born,
        work_start=started,
        is_manager=manager,
        is_active=left is None,
        left_on=left,
        created_at=JOINED,
        updated_at=JOINED,
    )


@pytest.fixture
async def municipality(session: AsyncSession) -> dict[str, int]:
    """The municipality, its three schools and the nine people described above; returns their ids."""
    region = Organisation(kind=OrgKind.REGION, name="Регион", timezone="Europe/Moscow", created_at=JOINED)
    session.add(region)
    await session.flush()
    town = Organisation(
        kind=OrgKind.MUNICIPALITY, name="Район", parent_id=region.id, timezone="Europe/Moscow", created_at=JOINED
    )
    session.add(town)
    await session.flush()
    schools = [
        Organisation(
            kind=OrgKind.SCHOOL, name=f"Школа {n}", parent_id=town.id, timezone="Europe/Moscow", created_at=JOINED
        )
        for n in (1, 2, 3)
    ]
    session.add_all(schools)
    await session.flush()
    s1, s2, _s3 = (school.id for school in schools)

    people = {
        "p1": person("Один", s1, date(1991, 12, 31), date(2024, 9, 1)),
        "p2": person("Два", s1, date(1995, 5, 5), date(2023, 12, 31)),
        "p3": person("Три", s1, date(2000, 1, 1), date(2025, 9, 1)),
        "p4": person("Четыре", s1, date(1980, 2, 2), date(2005, 9, 1)),
        "p5": person("Пять", s1, date(1985, 3, 3), date(2010, 9, 1), left=date(2026, 11, 15)),
        "p6": person("Шесть", s1, date(1982, 4, 4), date(2008, 9, 1)),
        "p7": person("Семь", s2, date(1999, 6, 6), date(2025, 1, 10)),
        "p8": person("Восемь", s2, date(1975, 7, 7), date(2000, 9, 1), manager=True),
        "p9": person("Девять", s2, date(2001, 8, 8), date(2026, 9, 1)),
    }
    session.add_all(people.values())
    await session.flush()
    ids = {key: value.id for key, value in people.items()}
    diagnostics = {
        key: Diagnostic(person_id=ids[key], taken_on=day, kind="regional", level="basic")
        for key, day in (("p4", date(2026, 11, 10)), ("p5", date(2026, 10, 20)), ("p6", date(2026, 9, 1)))
    }
    session.add_all(diagnostics.values())
    await session.flush()
    session.add_all(
        [
            Route(
                person_id=ids["p4"],
                diagnostic_id=diagnostics["p4"].id,
                status=RouteStatus.APPROVED,
                created_at=datetime(2026, 11, 12, tzinfo=UTC),
                approved_at=datetime(2026, 11, 15, tzinfo=UTC),
            ),
            Route(
                person_id=ids["p6"],
                diagnostic_id=diagnostics["p6"].id,
                status=RouteStatus.RETURNED,
                created_at=datetime(2026, 10, 2, tzinfo=UTC),
            ),
            MentorPair(
                mentor_id=ids["p4"],
                mentee_id=ids["p3"],
                kind=PairKind.YOUNG,
                started_on=date(2026, 10, 5),
                planned_end=date(2027, 6, 1),
                created_at=datetime(2026, 10, 5, tzinfo=UTC),
            ),
            MentorPair(
                mentor_id=ids["p8"],
                mentee_id=ids["p7"],
                kind=PairKind.YOUNG,
                status=PairStatus.DISSOLVED,
                started_on=date(2026, 2, 1),
                planned_end=date(2027, 2, 1),
                created_at=datetime(2026, 2, 1, tzinfo=UTC),
                ended_at=datetime(2026, 9, 20, tzinfo=UTC),
            ),
        ]
    )
    organiser = User(tg_id=1, language="ru", display_name="", created_at=JOINED)
    session.add(organiser)
    await session.flush()
    await add_event(
        session,
        Event(
            municipality_id=town.id,
            organiser_user_id=organiser.id,
            title="Школа молодого педагога",
            kind=EventKind.SEMINAR,
            starts_at=datetime(2026, 11, 20, 10, tzinfo=UTC),
            ends_at=datetime(2026, 11, 20, 12, tzinfo=UTC),
            timezone="Europe/Moscow",
            young_only=True,
            status=EventStatus.ACTIVE,
            checkin_code="1234",
            created_at=JOINED,
        ),
        {ids["p7"]: RegistrationStatus.REGISTERED, ids["p9"]: RegistrationStatus.ATTENDED},
    )
    community = Community(
        municipality_id=town.id, name="РМО учителей математики", level=CommunityLevel.MUNICIPAL, created_at=JOINED
    )
    session.add(community)
    await session.flush()
    session.add(CommunityMember(community_id=community.id, person_id=ids["p8"], joined_on=date(2026, 10, 1)))
    await session.commit()
    return ids | {"town": town.id, "s1": s1, "s2": s2, "organiser": organiser.id}


async def add_event(session: AsyncSession, event: Event, registrations: dict[int, RegistrationStatus]) -> None:
    """An event and who registered for it, with what status."""
    session.add(event)
    await session.flush()
    for person_id, status in registrations.items():
        session.add(
            Registration(event_id=event.id, person_id=person_id, status=status, queued_at=JOINED, updated_at=JOINED)
        )


def methodist(ids: dict[str, int]) -> Actor:
    return Actor(ids["organiser"], 1, None, "ru", True, (Grant(Role.METHODIST, ids["town"]),))


def row(report: SetReport, no: str) -> IndicatorValue:
    return next(value for value in report.rows if value.definition.no == no)


def by_school(value: IndicatorValue) -> dict[str, tuple[int, int, float | None]]:
    return {school.name: (school.numerator, school.denominator, school.value) for school in value.schools}


async def test_odintsovo_measures_on_the_boundaries(session: AsyncSession, municipality: dict[str, int]) -> None:
    actor = methodist(municipality)
    report = await compute(
        session, scope=await scope_of(session, actor=actor, org_id=municipality["town"]), period=PERIOD, now=AFTER
    )
    assert report.indicators.code == "odintsovo" and len(report.rows) == 13
    diagnosed = row(report, "1")
    # On the roster on 31.12: p1–p4, p6 in school 1 (p5 left), p7–p9 in school 2. Diagnosed in the period: p4.
    assert (diagnosed.numerator, diagnosed.denominator, diagnosed.value, diagnosed.met) == (1, 8, 12.5, False)
    assert by_school(diagnosed) == {"Школа 1": (1, 5, 20.0), "Школа 2": (0, 3, 0.0), "Школа 3": (0, 0, None)}
    developed, implemented = row(report, "2а"), row(report, "2б")
    assert (developed.numerator, developed.denominator) == (1, 8)  # p4; p6's returned route does not count
    assert (implemented.numerator, implemented.denominator, implemented.value) == (0, 1, 0.0)  # of those with one
    federal = row(report, "3")
    assert (federal.numerator, federal.denominator) == (0, 7)  # teachers only: p8 is a manager
    young = row(report, "5")
    # «60% от числа педагогических работников в возрасте до 35 лет»: under 35 on 31.12 are p2, p3, p7, p9
    # (p1 is exactly 35; p8 is a manager). Of them in the first 3 years and supported: p3 (pair), p9
    # (attended); p2 has exactly 3 years, p7 only signed up. 2 of 4 = 50 % < 60 %.
    assert (young.numerator, young.denominator, young.met) == (2, 4, False)
    assert by_school(young)["Школа 2"] == (1, 2, 50.0)
    contests = row(report, "6")
    assert (contests.value, contests.met) == (0.0, False)
    schools = row(report, "9")
    assert (schools.numerator, schools.denominator) == (1, 3)  # school 2's pair was dissolved before the period
    communities = row(report, "12")
    assert (communities.numerator, communities.denominator) == (1, 8)
    manual = row(report, "4")
    assert (manual.value, manual.met) == (None, None)  # not entered: no data


async def test_balakhta_mentoring_measures_and_school_scope(
    session: AsyncSession, municipality: dict[str, int]
) -> None:
    actor = methodist(municipality)
    await choose_set(session, actor=actor, municipality_id=municipality["town"], set_code="balakhta", now=JOINED)
    report = await compute(
        session, scope=await scope_of(session, actor=actor, org_id=municipality["town"]), period=PERIOD, now=AFTER
    )
    participants, covered = row(report, "C10"), row(report, "B3")
    # Teachers only (p8 is a manager): 7 on the roster; p3 and p4 in the pair; the dissolved pair is over.
    assert (participants.numerator, participants.denominator) == (2, 7)
    assert (covered.numerator, covered.denominator) == (1, 3)
    at_events = row(report, "C9")
    # Under 35, any tenure: p2, p3, p7, p9; p9 came, p7 only signed up.
    assert (at_events.numerator, at_events.denominator) == (1, 4)
    school = await compute(
        session, scope=await scope_of(session, actor=actor, org_id=municipality["s2"]), period=PERIOD, now=AFTER
    )
    assert (row(school, "C10").numerator, row(school, "C10").denominator) == (0, 2)  # p7, p9; p8 manages


async def test_targets_keep_their_history_and_manual_values_count_for_their_period(
    session: AsyncSession, municipality: dict[str, int]
) -> None:
    actor = methodist(municipality)
    town = municipality["town"]
    await set_target(session, actor=actor, municipality_id=town, indicator_no="1", target=10, now=JOINED)
    await set_target(session, actor=actor, municipality_id=town, indicator_no="1", target=12, now=JOINED)
    await enter_manual_value(session, actor=actor, org_id=town, indicator_no="4", period=PERIOD, value=75, now=JOINED)
    report = await compute(session, scope=await scope_of(session, actor=actor, org_id=town), period=PERIOD, now=AFTER)
    assert (row(report, "1").target, row(report, "1").met) == (12, True)  # 12.5 % against the latest target
    assert (row(report, "4").value, row(report, "4").met) == (75, False)
    other_quarter = await compute(
        session,
        scope=await scope_of(session, actor=actor, org_id=town),
        period=period_of("quarter", date(2026, 11, 1), back=1),
        now=AFTER,
    )
    assert row(other_quarter, "4").value is None
    stranger = Actor(999, 2, None, "ru", True, (Grant(Role.METHODIST, municipality["s1"]),))
    with pytest.raises(Forbidden):
        await scope_of(session, actor=stranger, org_id=town)


def test_periods() -> None:
    today = date(2026, 11, 23)
    assert period_of("month", today) == Period(date(2026, 11, 1), date(2026, 11, 30))
    assert period_of("month", date(2026, 1, 5), back=1) == Period(date(2025, 12, 1), date(2025, 12, 31))
    assert period_of("quarter", today) == Period(date(2026, 10, 1), date(2026, 12, 31))
    assert period_of("school_year", today) == Period(date(2026, 9, 1), date(2027, 8, 31))
    assert period_of("school_year", date(2026, 3, 1)) == Period(date(2025, 9, 1), date(2026, 8, 31))
    assert period_of("year", today, back=1) == Period(date(2025, 1, 1), date(2025, 12, 31))
