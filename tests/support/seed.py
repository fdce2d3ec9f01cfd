"""A municipality with something on every screen, for the crawler and the journey counts: the roster with a
teacher, a young specialist and her mentor, a coordinator, routes in every state, a deadline change waiting for a
decision, an event with sign-ups, a pair with a logged meeting and another whose result is due, news sent and news
scheduled, a community and a join request waiting for a decision; and a long tail, so that every list has a second
page: more schools than a picker shows, more pairs and more communities than a page holds.

Built through the real conversations from the shared test steps; one function, so it can become
`services.demo.fill_demo` without touching its callers."""

from dataclasses import dataclass
from datetime import timedelta

from services.mentoring.pairs_import import COLUMNS as PAIR_COLUMNS
from tests.conftest import ADMIN_ID
from tests.events.test_event_journeys import plan, plan_row
from tests.events.test_events import create_event, sign_up
from tests.support.conversation import Harness, Person
from tests.support.delivery import deliver
from tests.support.factories import (
    import_roster,
    invite_to_school,
    join_with_consent,
    read_xlsx,
    roster_row,
    start_token,
    xlsx,
)
from tests.support.mentoring_setup import MENTOR, log, make_pair, start_meeting
from tests.support.route_setup import (
    CATALOGUE,
    DIAGNOSTICS,
    MUNICIPALITY,
    approved_route,
    methodist_and_teacher,
    open_review_menu,
    report_first_item,
    table,
)

TEACHER = "Смирнова Елена Викторовна"  # an experienced teacher, not a young specialist
SCHOOL = "МБОУ СОШ № 1"
DIAGNOSED = ("01.11.2026", "региональная", "базовый", "предметные, цифровые")  # the teacher's diagnostic
# The mentor's second mentee, at the same school: their pair ends within the month (the result is due) and has no
# plan yet.
SECOND_MENTEE = "Соколова Дарья Андреевна"
PAST_SEMINAR = "Читательская грамотность"
# The long tail: a school each, with an experienced teacher mentoring a young one there (a picker shows 8 schools, a
# page 10 pairs); and communities past the first page (10).
TAIL_MENTORS = (
    "Алексеева", "Борисова", "Васильева", "Григорьева", "Дмитриева", "Егорова", "Жукова", "Захарова",
    "Ильина", "Калинина", "Ларионова", "Максимова", "Никитина", "Осипова", "Павлова", "Романова",
)  # fmt: skip
TAIL_MENTEES = (
    "Сергеева", "Тарасова", "Ульянова", "Фролова", "Харитонова", "Цветкова", "Чернова", "Шубина",
    "Щукина", "Юдина", "Яковлева", "Абрамова", "Белова", "Виноградова", "Гусева", "Давыдова",
)  # fmt: skip
TAIL_COMMUNITIES = (
    "русского языка", "литературы", "истории", "физики", "химии",
    "биологии", "географии", "информатики", "английского языка", "начальных классов",
)  # fmt: skip


@dataclass(frozen=True)
class Cast:
    """The people of the seeded municipality, one per role the crawler walks as."""

    teacher: Person
    young_specialist: Person
    mentor: Person
    coordinator: Person
    methodist: Person
    admin: Person
    newcomer: Person  # wrote to the bot once, before consenting

    def by_role(self) -> dict[str, Person]:
        return dict(vars(self))


async def seed_municipality(harness: Harness) -> Cast:
    methodist, young = await methodist_and_teacher(harness)  # she is a diagnosed young specialist
    rows = [roster_row(MENTOR, birth="01.02.1980", start="01.09.2003"), roster_row(TEACHER, birth="05.05.1975")]
    replies = await import_roster(methodist, xlsx(rows))
    links = {row[1]: start_token(str(row[2])) for row in read_xlsx(replies[-1].file_data or b"")[1:] if row[2]}
    mentor, teacher = harness.person(502, "Ольга"), harness.person(503, "Елена")
    await join_with_consent(mentor, links[MENTOR])
    await join_with_consent(teacher, links[TEACHER])
    await open_review_menu(methodist)
    await methodist.press_key("upload-diagnostics")
    await methodist.send_document("diagnostics.xlsx", table([DIAGNOSTICS[0], [TEACHER, "05.05.1975", *DIAGNOSED]]))
    coordinator = await _coordinator(harness, methodist)
    await make_pair(methodist)
    await start_meeting(mentor)
    await log(mentor)
    await mentor.press_key("plan-open")  # on the mentee's card, where the meeting left her
    await mentor.press_key("plan-propose")
    await approved_route((methodist, young))
    await _deadline_change(young)
    await report_first_item(young, "Сертификат № 123")  # waits for the methodist's confirmation
    await teacher.send("/route")
    await teacher.press_key("route-start")
    await teacher.press_key("route-submit")  # waits for approval
    await create_event(methodist)
    await sign_up(young)
    await _news_and_community(methodist, teacher)
    await _join_request(harness)
    await _long_tail(methodist)
    await _indicator_set(methodist)
    await _past_seminar(harness, methodist, (young, teacher))
    await deliver(harness)
    newcomer = harness.person(900, "Гость")
    await newcomer.send("/help")
    return Cast(teacher, young, mentor, coordinator, methodist, harness.person(ADMIN_ID, "Админ"), newcomer)


async def _coordinator(harness: Harness, methodist: Person) -> Person:
    token = await invite_to_school(methodist, "role-coordinator", SCHOOL)
    coordinator = harness.person(600, "Координатор")
    await join_with_consent(coordinator, token)
    return coordinator


async def _news_and_community(methodist: Person, teacher: Person) -> None:
    await methodist.send("/news")
    await methodist.press_key("news-new")
    await methodist.send("Семинар по функциональной грамотности в пятницу")
    await methodist.press_key("news-audience-all")
    await methodist.press_key("news-now")
    await methodist.send("/communities")
    await methodist.press_key("communities-new")
    await methodist.send("РМО учителей математики")
    await methodist.press_key("community-level-municipal")
    await teacher.send("/communities")
    await teacher.press("➕ РМО учителей математики")


async def _join_request(harness: Harness) -> None:
    """Someone not in the roster asks to join a school: the coordinator and the methodist get the request."""
    stranger = harness.person(700, "Ирина")
    await join_with_consent(stranger)
    await stranger.press_key("join-button")
    await stranger.press(MUNICIPALITY)
    await stranger.press(SCHOOL)
    await stranger.send("Новикова Ирина Павловна")


async def _deadline_change(young: Person) -> None:
    """The young specialist asks to move the deadline of her approved route's first item (she reports it next; the
    second item is left for her to move): the reviewers' notice."""
    await young.send("/route")
    await young.press(next(b for b in young.last.buttons() if str(CATALOGUE[1][0]) in b))
    await young.press_key("item-move-deadline")
    await young.send("29.05.2027")
    await young.press_key("deadline-reason-1")
    await deliver(young.harness)  # the reviewers are told through the outbox


async def _long_tail(methodist: Person) -> None:
    """The tail through the methodist's own uploads and forms: the schools with the roster, the pairs from a file
    (the mentor's second one among them), the communities one by one; and a news item scheduled for December."""
    pairs_of_names = zip(TAIL_MENTORS, TAIL_MENTEES, strict=True)
    tail = [(f"{mentor} Ирина Павловна", f"{mentee} Анна Олеговна") for mentor, mentee in pairs_of_names]
    rows = [roster_row(SECOND_MENTEE, birth="10.10.1999", start="01.09.2025")]
    for number, (mentor, mentee) in enumerate(tail, start=2):
        school = f"МБОУ СОШ № {number}"
        rows += [
            roster_row(mentor, school=school, birth="02.03.1978", start="01.09.2001"),
            roster_row(mentee, school=school, birth="10.10.1999", start="01.09.2025"),
        ]
    await import_roster(methodist, xlsx(rows))
    pairs = [[MENTOR, "", SECOND_MENTEE, "", "молодой специалист", "01.12.2025", "10.12.2026"]]
    pairs += [[mentor, "", mentee, "", "молодой специалист", "", ""] for mentor, mentee in tail]
    await methodist.send("/mentor")
    await methodist.press_key("pairs-overview")
    await methodist.press_key("pairs-import")
    await methodist.send_document("pairs.xlsx", xlsx(pairs, header=PAIR_COLUMNS))
    for subject in TAIL_COMMUNITIES:
        await methodist.send("/communities")
        await methodist.press_key("communities-new")
        await methodist.send(f"РМО учителей {subject}")
        await methodist.press_key("community-level-municipal")
    await methodist.send("/news")
    await methodist.press_key("news-new")
    await methodist.send("Приём заявок на конкурс «Педагог года» — до 15 декабря")
    await methodist.press_key("news-audience-all")
    await methodist.press_key("news-later")
    await methodist.send("10.12.2026 15:00")


async def _past_seminar(harness: Harness, methodist: Person, participants: tuple[Person, ...]) -> None:
    """A seminar of this morning that two of the school's teachers signed up for, over by the time the crawl
    starts: the organiser's and the coordinator's lists of past events have one."""
    row = plan_row(PAST_SEMINAR, 23)
    row[2:4] = "23.11.2026 14:00", "23.11.2026 16:00"  # Moscow time; the clock stands at 12:00 there
    await plan(methodist, [row])
    for person in participants:
        await person.send("/events")
        await person.press(next(button for button in person.last.buttons() if PAST_SEMINAR in button))
        await person.press_key("event-sign-up")
    clock = harness.resources["clock"]
    clock.moment += timedelta(hours=5)  # 17:00 in Moscow: the seminar is over


async def _indicator_set(methodist: Person) -> None:
    """The methodist chooses her municipality's indicators: a municipal programme whose first ones are facts she
    enters by hand, «да» or «нет»."""
    await methodist.send("/indicators")
    await methodist.press_key("indicators-sets")
    await methodist.press(next(b for b in methodist.last.buttons() if b.startswith("Балахтинский район")))
