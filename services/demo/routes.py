"""The demo's diagnostics of every kind, its activity catalogue, and routes (ИОМ) in every status with
items, evidence and their review history, written by the routes services as people would have acted."""

import csv
import io
import random
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from services.demo.cast import Cast, Member, Notices
from services.models.people import PROCEDURES
from services.models.routes import ActivityKind, Area, EvidenceKind, RouteStatus
from services.routes.catalogue import COLUMNS, import_catalogue
from services.routes.diagnostics import LEVELS, record_diagnostic, record_self_assessment
from services.routes.items import add_own_item
from services.routes.reports import EvidenceIn, report_item
from services.routes.review import review_item, review_route
from services.routes.routes import start_route
from services.routes.submission import submit_route

# (Название, Вид, Часы, Реестр, Компетенции) as a methodist's catalogue file has them.
CATALOGUE = (
    ("Формирование функциональной грамотности школьников", "курс", "36", "ФР", "предметные, методические"),
    ("Реализация требований обновлённых ФГОС", "курс", "72", "ФР", "методические"),
    ("Цифровая образовательная среда: инструменты учителя", "курс", "36", "РР", "цифровые"),
    ("Работа с детьми с ОВЗ в инклюзивном классе", "курс", "72", "РР", "психолого-педагогические"),
    ("Семинар «Смысловое чтение на всех предметах»", "семинар", "4", "", "предметные"),
    ("Мастер-класс «Эффективная обратная связь на уроке»", "мастер-класс", "3", "", "методические, коммуникативные"),
    ("Стажировка на базе МБОУ «Гимназия № 2»", "стажировка", "16", "", "методические"),
    ("Консультация педагога-психолога", "консультация", "2", "", "психолого-педагогические"),
    ("Заседания муниципального МО", "методическое объединение", "10", "", "предметные"),
    ("Наставничество: посещение уроков наставника", "наставничество", "12", "", "методические, коммуникативные"),
    ("Самообразование: тема по выбору с открытым уроком", "самообразование", "20", "", "предметные"),
    ("Конкурс «Педагог года»: муниципальный этап", "конкурс", None, "", "коммуникативные, методические"),
    ("Тренинг «Конфликтные ситуации с родителями»", "семинар", "6", "", "коммуникативные"),
    ("Онлайн-практикум «Искусственный интеллект в работе учителя»", "мастер-класс", "8", "", "цифровые"),
)
# What a teacher attaches to report an item: a link and a few words (a file needs a real Telegram file).
EVIDENCE = (
    EvidenceIn(EvidenceKind.LINK, text="https://edu.example.ru/certificates/demo"),
    EvidenceIn(EvidenceKind.TEXT, text="Прошла обучение, применяю на уроках в 6-х классах; конспект урока у завуча."),
)
RETURN_ROUTE = "Добавьте пункт по цифровым компетенциям и уточните сроки стажировки."
RETURN_ITEM = "Приложите удостоверение о повышении квалификации, а не только ссылку на курс."
# The routes of the first diagnosed teachers of each organisation, in this order: every status in the
# schools of the invited coordinator and teacher, the busiest ones elsewhere.
STATUSES = (
    RouteStatus.IN_PROGRESS,
    RouteStatus.SUBMITTED,
    RouteStatus.IMPLEMENTED,
    RouteStatus.RETURNED,
    RouteStatus.APPROVED,
    RouteStatus.DRAFT,
)
ROUTES_ELSEWHERE = 3
AREAS = tuple(Area)


async def fill_catalogue(session: AsyncSession, cast: Cast, now: datetime) -> None:
    """The methodist uploads the catalogue file, as they would from the bot."""
    content = io.StringIO()
    writer = csv.writer(content)
    writer.writerow(COLUMNS)
    writer.writerows(row if row[2] is not None else (row[0], row[1], "", *row[3:]) for row in CATALOGUE)
    await import_catalogue(
        session, actor=cast.office, content=content.getvalue().encode(), file_name="каталог.csv", now=now
    )


async def fill_diagnostics(session: AsyncSession, cast: Cast, now: datetime, rng: random.Random) -> list[Member]:
    """Diagnostics of every procedure (entered by the methodist) for three teachers in four, last
    school year (in time for the routes). Returns the diagnosed."""
    diagnosed = [person for person in cast.people if not person.manager and person.place % 4 != 3]
    for number, person in enumerate(diagnosed):
        await record_diagnostic(
            session,
            actor=cast.office,
            person_id=person.id,
            kind=PROCEDURES[number % len(PROCEDURES)],
            level=rng.choice(LEVELS),
            areas=rng.sample(AREAS, rng.randint(2, 3)),
            taken_on=(now - timedelta(days=rng.randint(160, 330))).date(),
            today=now.date(),
        )
    return diagnosed


async def fill_recent_diagnostics(session: AsyncSession, cast: Cast, now: datetime, rng: random.Random) -> None:
    """This school year the teachers the spring procedures missed took a school or municipal diagnostic,
    and some of them and the invited teacher (after their route) rated themselves too: a self-assessment
    never replaces the procedure a route is built on."""
    missed = [person for person in cast.people if not person.manager and person.place % 4 == 3]
    for number, person in enumerate(missed):
        await record_diagnostic(
            session,
            actor=cast.reviewer(person.org),
            person_id=person.id,
            kind=PROCEDURES[2 + number % 2],
            level=rng.choice(LEVELS),
            areas=rng.sample(AREAS, rng.randint(1, 3)),
            taken_on=(now - timedelta(days=rng.randint(10, 60))).date(),
            today=now.date(),
        )
    for person in [*missed[::2], cast.teacher]:
        ratings = {area: rng.randint(1, 4) for area in Area}
        await record_self_assessment(
            session, actor=cast.acting_as(person), ratings=ratings, now=now - timedelta(days=rng.randint(5, 15))
        )


async def fill_routes(session: AsyncSession, cast: Cast, diagnosed: list[Member], now: datetime) -> None:
    """Routes of the diagnosed teachers in every status; the invited teacher's and young specialist's
    routes approved, built for them before they joined (by their coordinator, or the methodist)."""
    notices = Notices("routes")
    turns: dict[int, int] = {}
    for number, person in enumerate(diagnosed):
        if person in cast.invited:
            continue
        turn = turns[person.org] = turns.get(person.org, -1) + 1
        invited_here = person.org in (cast.coordinator.org, cast.teacher.org)
        if turn >= (len(STATUSES) if invited_here else ROUTES_ELSEWHERE):
            continue
        start = now - timedelta(days=150 - 3 * number)
        await _route(session, cast, person, STATUSES[turn], start, now, notices)
    for person in (cast.teacher, cast.mentee):
        await _route(session, cast, person, RouteStatus.APPROVED, now - timedelta(days=40), now, notices)


async def _route(
    session: AsyncSession,
    cast: Cast,
    person: Member,
    status: RouteStatus,
    start: datetime,
    now: datetime,
    notices: Notices,
) -> None:
    """One route, taken through its life up to `status`: built from the diagnostic with one item of the
    teacher's own, submitted, reviewed, its items reported with evidence and confirmed or returned."""
    owner = cast.accounts.get(person.id)
    author = owner or cast.reviewer(person.org)  # a coordinator builds the route of someone not yet in the bot
    reviewer = cast.reviewer(person.org) if owner else cast.office  # a coordinator's own work goes to the methodist
    route = await start_route(session, actor=author, person_id=person.id, now=start)
    route = await add_own_item(
        session,
        actor=author,
        route_id=route.id,
        title="Самообразование: открытый урок для коллег",
        kind=ActivityKind.SELF_EDUCATION,
        area=Area.METHODICAL,
        hours=12,
        deadline=(start + timedelta(days=120)).date(),
        now=start,
    )
    if status == RouteStatus.DRAFT:
        return
    day = timedelta(days=1)
    await submit_route(session, actor=author, route_id=route.id, now=start + day, notice=notices)
    if status == RouteStatus.SUBMITTED:
        return
    approve = status != RouteStatus.RETURNED
    comment = None if approve else RETURN_ROUTE
    await review_route(
        session,
        actor=reviewer,
        route_id=route.id,
        approve=approve,
        comment=comment,
        now=start + 3 * day,
        notice=notices,
    )
    if status in (RouteStatus.RETURNED, RouteStatus.APPROVED) or owner is None:
        return
    items = [item.id for item in route.items]
    done = items if status == RouteStatus.IMPLEMENTED else items[:2]
    for step, item_id in enumerate(done, start=1):
        reported = start + 10 * step * day
        await report_item(session, actor=owner, item_id=item_id, evidence=list(EVIDENCE), now=reported, notice=notices)
        # In a route under way the second report is returned once, and the last one still waits.
        if status == RouteStatus.IN_PROGRESS and step == 2:
            await review_item(
                session,
                actor=reviewer,
                item_id=item_id,
                confirm=False,
                comment=RETURN_ITEM,
                now=reported + day,
                notice=notices,
            )
            await report_item(
                session, actor=owner, item_id=item_id, evidence=list(EVIDENCE), now=now - 2 * day, notice=notices
            )
            continue
        await review_item(
            session, actor=reviewer, item_id=item_id, confirm=True, comment=None, now=reported + day, notice=notices
        )
