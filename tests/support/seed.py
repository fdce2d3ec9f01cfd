"""A municipality with something on every screen, for the crawler and the journey counts: the roster with a
teacher, a young specialist and her mentor, a coordinator, routes in every state, an event with sign-ups, a pair
with a logged meeting, news, a community and a join request waiting for a decision.

Built through the real conversations from the shared test steps; one function, so it can become
`services.demo.fill_demo` without touching its callers."""

from dataclasses import dataclass

from tests.conftest import ADMIN_ID
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
    await report_first_item(young, "Сертификат № 123")  # waits for the methodist's confirmation
    await teacher.send("/route")
    await teacher.press_key("route-start")
    await teacher.press_key("route-submit")  # waits for approval
    await create_event(methodist)
    await sign_up(young)
    await _news_and_community(methodist, teacher)
    await _join_request(harness)
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
