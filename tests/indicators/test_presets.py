"""Each preset read against its document on a hand-built municipality, the answers reasoned out here.

The base is the municipality of tests/test_indicators_service.py (read its docstring: p1 is exactly 35 on
31.12.2026, p2 has exactly 3 years of tenure on that day, p5 left mid-period, p7 only signed up for a
young-specialists' event, p8 is a manager in a municipal association). Added here:
- p10 (school 1) has only a self-assessment, and a route approved on it;
- p11 (school 2) took a school-level diagnostic in November;
- p12 (school 2) has no birth date;
- school 4 is a kindergarten (ДОО) with one teacher, p13, who passed a federal-registry course;
- p4's regional diagnostic found a methodical deficit; a federal course addressing it was confirmed in
  November, and so was a consultation in December; p2 (regional diagnostic and route in September) passed a
  federal course in a subject area, a deficit her diagnostic did not find;
- a contest on 18.11.2026: p9 attended, p3 only registered;
- p3 is in a regional community (РМА), p2 in a network one.
On 31.12.2026 the roster is p1–p4, p6, p10 (school 1), p7–p9, p11, p12 (school 2), p13 (school 4): 12
people, 11 of them teachers (p8 manages), 10 teachers in general-education schools.
"""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.indicators.calculation import SetReport, choose_set, compute, people_without_age, period_of, scope_of
from services.indicators.presets import PRESETS
from services.indicators.readings import reading
from services.models.events import Event, EventKind, EventStatus, RegistrationStatus
from services.models.indicators import Community, CommunityLevel, CommunityMember
from services.models.people import Diagnostic, DiagnosticDeficit, DiagnosticKind, Organisation, OrgKind, OrgType
from services.models.routes import ActivityKind, Area, ItemStatus, Registry, Route, RouteItem, RouteStatus
from tests.indicators.test_calculation import (
    AFTER,
    JOINED,
    PERIOD,
    add_event,
    by_school,
    methodist,
    municipality,
    person,
    row,
)

__all__ = ["municipality"]  # the base fixture, used by `boundaries`


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=UTC)


def course(route: Route, area: Area | None, confirmed: date, kind: ActivityKind = ActivityKind.COURSE) -> RouteItem:
    return RouteItem(
        route_id=route.id,
        title="Курс",
        kind=kind,
        area=area,
        course_registry=Registry.FEDERAL if kind == ActivityKind.COURSE else Registry.NONE,
        deadline=date(2027, 5, 1),
        status=ItemStatus.CONFIRMED,
        confirmed_at=at(confirmed),
    )


@pytest.fixture
async def boundaries(session: AsyncSession, municipality: dict[str, int]) -> dict[str, int]:
    ids = dict(municipality)
    kindergarten = Organisation(
        kind=OrgKind.SCHOOL,
        name="Детский сад № 4",
        parent_id=ids["town"],
        org_type=OrgType.PRESCHOOL,
        timezone="Europe/Moscow",
        created_at=JOINED,
    )
    session.add(kindergarten)
    await session.flush()
    added = {
        "p10": person("Десять", ids["s1"], date(1980, 1, 1), date(2005, 9, 1)),
        "p11": person("Одиннадцать", ids["s2"], date(1985, 1, 1), date(2009, 9, 1)),
        "p12": person("Двенадцать", ids["s2"], None, date(2026, 9, 1)),
        "p13": person("Тринадцать", kindergarten.id, date(1990, 1, 1), date(2010, 9, 1)),
    }
    session.add_all(added.values())
    await session.flush()
    ids |= {key: person.id for key, person in added.items()}
    self_check = Diagnostic(person_id=ids["p10"], taken_on=date(2026, 11, 5), kind=DiagnosticKind.SELF, level="low")
    self_check.deficits = [DiagnosticDeficit(area=Area.DIGITAL.value)]
    at_school = Diagnostic(person_id=ids["p11"], taken_on=date(2026, 11, 12), kind=DiagnosticKind.SCHOOL, level="low")
    september = Diagnostic(person_id=ids["p2"], taken_on=date(2026, 9, 15), kind=DiagnosticKind.REGIONAL, level="basic")
    september.deficits = [DiagnosticDeficit(area=Area.DIGITAL.value)]
    session.add_all([self_check, at_school, september])
    await session.flush()
    p4_diagnostic = await session.scalar(select(Diagnostic).where(Diagnostic.person_id == ids["p4"]))
    assert p4_diagnostic is not None
    session.add(DiagnosticDeficit(diagnostic_id=p4_diagnostic.id, area=Area.METHODICAL.value))
    routes = {
        "p10": Route(person_id=ids["p10"], diagnostic_id=self_check.id, approved_at=at(date(2026, 11, 6))),
        "p2": Route(person_id=ids["p2"], diagnostic_id=september.id, approved_at=at(date(2026, 9, 20))),
        "p13": Route(person_id=ids["p13"], diagnostic_id=None, approved_at=at(date(2026, 10, 1))),
    }
    for route in routes.values():
        route.status, route.created_at = RouteStatus.APPROVED, JOINED
    session.add_all(routes.values())
    await session.flush()
    p4_route = await session.scalar(select(Route).where(Route.person_id == ids["p4"]))
    assert p4_route is not None
    session.add_all(
        [
            course(p4_route, Area.METHODICAL, date(2026, 11, 25)),
            course(p4_route, None, date(2026, 12, 5), ActivityKind.CONSULTATION),
            course(routes["p2"], Area.SUBJECT, date(2026, 11, 20)),
            course(routes["p13"], None, date(2026, 11, 1)),
        ]
    )
    contest = Event(
        municipality_id=ids["town"],
        organiser_user_id=ids["organiser"],
        title="Учитель года",
        kind=EventKind.CONTEST,
        starts_at=at(date(2026, 11, 18)),
        ends_at=at(date(2026, 11, 18)).replace(hour=16),
        timezone="Europe/Moscow",
        status=EventStatus.ACTIVE,
        checkin_code="4321",
        created_at=JOINED,
    )
    await add_event(
        session, contest, {ids["p3"]: RegistrationStatus.REGISTERED, ids["p9"]: RegistrationStatus.ATTENDED}
    )
    for key, level in (("p3", CommunityLevel.REGIONAL), ("p2", CommunityLevel.NETWORK)):
        community = Community(municipality_id=ids["town"], name=f"{level}", level=level, created_at=JOINED)
        session.add(community)
        await session.flush()
        session.add(CommunityMember(community_id=community.id, person_id=ids[key], joined_on=date(2026, 10, 1)))
    await session.commit()
    return ids | {"kindergarten": kindergarten.id}


async def report_of(session: AsyncSession, ids: dict[str, int], code: str, now: datetime = AFTER) -> SetReport:
    actor = methodist(ids)
    await choose_set(session, actor=actor, municipality_id=ids["town"], set_code=code, now=JOINED)
    scope = await scope_of(session, actor=actor, org_id=ids["town"])
    return await compute(session, scope=scope, period=PERIOD, now=now)


def fraction(report: SetReport, no: str) -> tuple[float | None, float | None]:
    value = row(report, no)
    return value.numerator, value.denominator


async def test_odintsovo_counts_procedures_matched_courses_populations_and_each_school(
    session: AsyncSession, boundaries: dict[str, int]
) -> None:
    report = await report_of(session, boundaries, "odintsovo")
    # 1: federal or regional procedures in the quarter: p4 only (p10 self-assessed, p11's was a school one,
    # p2's was in September, p5 left). Of the one diagnosed, one is at basic level or above.
    assert fraction(report, "1") == (1, 12) and row(report, "1").second == (1, 1)
    # 2а: routes on a procedure, whenever approved: p4 and p2; p10's rests on a self-assessment, p13's on
    # nothing, p6's was returned.
    assert fraction(report, "2а") == (2, 12)
    # 3: «6% в год» is judged on 2026 (the quarter ends the year): p4's course addresses her methodical
    # deficit; p2's subject course addresses nothing her diagnostic found; p13 works in a kindergarten.
    # Teachers of general-education schools: 10. 1 of 10 = 10 % ≥ 6 %.
    three = row(report, "3")
    assert (three.numerator, three.denominator, three.met, three.window) == (
        1,
        10,
        True,
        period_of("year", date(2026, 12, 31)),
    )
    # 7: the same courses without the matching: p4 and p2 (p13 is not at a general-education school).
    assert fraction(report, "7") == (2, 10)
    assert "Детский сад № 4" not in by_school(row(report, "7"))
    # 5: under 35 on 31.12 are p2, p3, p7, p9 (p12 has no birth date and is counted apart); in the first 3
    # years and supported: p3 and p9.
    young = row(report, "5")
    assert (young.numerator, young.denominator, young.unknown_age) == (2, 4, 1)
    # 6: p9 attended the contest, p3 only registered; schools 1 and 3 and the kindergarten have nobody, so
    # «не менее 1 участника» is not met although the total is 1.
    contests = row(report, "6")
    assert (contests.value, contests.met) == (1.0, False)
    # 9: «школ»: the kindergarten is not one; school 1 has the active pair.
    assert fraction(report, "9") == (1, 3)
    # 12: municipal (p8), regional (p3) and network (p2) communities all count.
    assert fraction(report, "12") == (3, 12)
    missing = await people_without_age(session, report)
    assert missing == {"5": ["Двенадцать"]}


async def test_balakhta_tells_diagnostic_levels_and_community_levels_apart(
    session: AsyncSession, boundaries: dict[str, int]
) -> None:
    report = await report_of(session, boundaries, "balakhta")
    assert len(report.rows) == 33
    # C3 regional and federal only (p4); C5 any procedure (p4, p11's school one); never p10's self-assessment.
    assert fraction(report, "C3") == (1, 11) and fraction(report, "C5") == (2, 11)
    # C4 network associations (p2); C19 regional (p3) among general-education teachers; C18 school level: nobody.
    assert fraction(report, "C4") == (1, 11)
    assert fraction(report, "C19") == (1, 10)
    assert fraction(report, "C18") == (0, 11)
    # C9 under 35 regardless of tenure: p2, p3, p7, p9; p9 came to the young-specialists' event.
    assert fraction(report, "C9") == (1, 4) and row(report, "C9").unknown_age == 1
    # B3 young specialists on 31.12: p3, p7, p9 (p2 has exactly 3 years); p3 has a mentor.
    assert fraction(report, "B3") == (1, 3)
    # C7/C8 «из числа пед.работников, у которых разработан ИОМ»: p2 and p4; p4 had a consultation, nobody
    # with a route is a mentee. «100%-ежегодно» is judged on 2026.
    assert fraction(report, "C7") == (1, 2) and row(report, "C7").met is False
    assert fraction(report, "C8") == (0, 2)
    # C10 teachers only: p3 and p4 of 11. C11 every ОО, the kindergarten too: 1 of 4.
    assert fraction(report, "C10") == (2, 11) and fraction(report, "C11") == (1, 4)
    yes_no = [r for r in report.rows if r.definition.unit == "yesno"]
    assert len(yes_no) == 13 and all(r.value is None for r in yes_no)


async def test_a_teacher_in_her_third_year_today_is_young_in_the_current_quarter(
    session: AsyncSession, boundaries: dict[str, int]
) -> None:
    report = await report_of(session, boundaries, "balakhta", now=datetime(2026, 11, 30, 12, tzinfo=UTC))
    # Counted as of 30.11.2026, not the quarter's last day: p2 (started 31.12.2023) is still in her first
    # 3 years and p1 (35 on 31.12) is 34, so the young are p1, p2, p3, p7, p9; p3 has a mentor. The quarter
    # is not over: progress, not a verdict.
    b3 = row(report, "B3")
    assert (b3.numerator, b3.denominator, b3.final, b3.met) == (1, 5, False, None)


async def test_penza_reads_the_road_map_by_year_organisation_type_and_population(
    session: AsyncSession, boundaries: dict[str, int]
) -> None:
    report = await report_of(session, boundaries, "penza")
    assert [r.definition.no for r in report.rows] == [f"A{n}" for n in range(1, 9)] + [f"B{n}" for n in range(1, 23)]
    # «ежегодно»: the year 2026. Procedures in 2026 of people on the roster: p2 (Sep), p4 (Nov), p6 (Sep),
    # p11 (school, Nov). A3 counts managers too (12), B1 teachers only (11).
    assert fraction(report, "A3") == (4, 12) and fraction(report, "B1") == (4, 11)
    # B2 routes approved in 2026 on a procedure: p2, p4.
    assert fraction(report, "B2") == (2, 11)
    # A4 needs the course matched to a deficit (p4); B3 does not (p2, p4, and p13 at the kindergarten).
    assert fraction(report, "A4") == (1, 11) and fraction(report, "B3") == (3, 11)
    # A8: young specialists p3 (pair) and p9 (event) of p3, p7, p9.
    assert fraction(report, "A8") == (2, 3)
    # B13: the kindergarten has no pair; B14: it has no young specialist, so no data.
    assert fraction(report, "B13") == (0, 1) and row(report, "B14").value is None
    assert "дорожная карта, B1" in reading(row(report, "A3").definition)


async def test_moscow_never_counts_a_self_assessment_and_matches_courses(
    session: AsyncSession, boundaries: dict[str, int]
) -> None:
    report = await report_of(session, boundaries, "moscow")
    assert fraction(report, "1") == (2, 12)  # p4 and p11's school diagnostic; not p10's self-assessment
    assert fraction(report, "3") == (1, 11)  # p4's course addresses her deficit
    assert fraction(report, "6") == (2, 3)


async def test_seminars_count_once_held_and_not_cancelled(session: AsyncSession, boundaries: dict[str, int]) -> None:
    seminars = [
        (date(2024, 11, 10), EventStatus.ACTIVE),
        (date(2024, 11, 20), EventStatus.CANCELLED),
        (date(2024, 12, 15), EventStatus.ACTIVE),
    ]
    for day, status in seminars:
        session.add(
            Event(
                municipality_id=boundaries["town"],
                organiser_user_id=boundaries["organiser"],
                title="Семинар",
                kind=EventKind.SEMINAR,
                starts_at=at(day),
                ends_at=at(day).replace(hour=12),
                timezone="Europe/Moscow",
                status=status,
                checkin_code="1111",
                created_at=JOINED,
            )
        )
    await session.commit()
    actor = methodist(boundaries)
    await choose_set(session, actor=actor, municipality_id=boundaries["town"], set_code="penza", now=JOINED)
    scope = await scope_of(session, actor=actor, org_id=boundaries["town"])
    year = period_of("year", date(2024, 6, 1))
    # On 01.12.2024 only the November seminar is held (the other was cancelled, the December one is ahead);
    # the road map runs to the end of 2024, so 1 of 21 is progress.
    early = row(await compute(session, scope=scope, period=year, now=datetime(2024, 12, 1, tzinfo=UTC)), "B16")
    assert (early.value, early.final, early.met) == (1.0, False, None)
    late = row(await compute(session, scope=scope, period=year, now=datetime(2025, 1, 10, tzinfo=UTC)), "B16")
    assert (late.value, late.final, late.met) == (2.0, True, False)


def test_every_preset_indicator_has_a_reading_and_the_sets_are_complete() -> None:
    sizes = {code: len(preset.indicators) for code, preset in PRESETS.items()}
    assert sizes == {"odintsovo": 13, "moscow": 8, "penza": 30, "balakhta": 33}
    for preset in PRESETS.values():
        assert len({d.no for d in preset.indicators}) == len(preset.indicators)
        assert all(reading(d) for d in preset.indicators)
