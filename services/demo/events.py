"""The demo's events: held ones with their attendance marked, coming ones with registrations and a full
one with a waitlist, made and filled by the events services."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.demo.cast import Cast, Member
from services.events.attendance import mark_attendance
from services.events.organise import EventInput, create_event
from services.events.seats import sign_up
from services.models.events import EventKind, Registration


@dataclass(frozen=True)
class Plan:
    title: str
    kind: EventKind
    days: int  # from now; negative: already held
    place: str
    people: int  # how many sign up
    capacity: int | None = None
    young_only: bool = False
    audience_role: str | None = None
    teacher: bool = False  # the invited teacher signs up last
    mentor: bool = False  # the invited mentor signs up first


PLANS = (
    Plan(
        "Конкурс «Педагог года — 2026»: муниципальный этап", EventKind.CONTEST, -60, "МБОУ «Лицей № 4», актовый зал", 6
    ),
    Plan(
        "Семинар «Функциональная грамотность: задания PISA на уроке»",
        EventKind.SEMINAR,
        -35,
        "ММС, ауд. 12",
        10,
        teacher=True,
    ),
    Plan("Школа молодого педагога: первое занятие", EventKind.SEMINAR, -25, "ММС, ауд. 12", 8, young_only=True),
    Plan("Мастер-класс «Цифровые инструменты учителя»", EventKind.MASTER_CLASS, -4, "МБОУ «Гимназия № 2»", 8),
    Plan("Заседание ММО заместителей директоров", EventKind.ASSOCIATION, -10, "ММС", 4, audience_role="manager"),
    Plan(
        "Вебинар «ФОП: рабочие программы без ошибок»",
        EventKind.WEBINAR,
        4,
        "https://vk.com/video/demo",
        8,
        teacher=True,
    ),
    Plan(
        "Мастер-класс «Проектная деятельность на уроке»",
        EventKind.MASTER_CLASS,
        9,
        "МБОУ «СОШ № 1»",
        9,
        capacity=6,
        teacher=True,
    ),
    Plan("Клуб молодых педагогов: «Первый год в школе»", EventKind.SEMINAR, 12, "ММС, ауд. 5", 5, young_only=True),
    Plan("Стажировка «Наставник и молодой педагог»", EventKind.INTERNSHIP, 20, "МБОУ «Гимназия № 2»", 5, mentor=True),
    Plan("Конференция «Методическая весна»", EventKind.CONFERENCE, 30, "Дом культуры, большой зал", 6),
)
HOUR = timedelta(hours=1)


async def fill_events(session: AsyncSession, cast: Cast, now: datetime) -> None:
    """Each event is announced a month ahead and people sign up; those held have attendance marked (one in
    four did not come). The invited teacher is on a coming event and last on the full one's waitlist."""
    for number, plan in enumerate(PLANS):
        starts_at = (now + timedelta(days=plan.days)).replace(hour=7, minute=0, second=0, microsecond=0)
        announced = min(starts_at, now) - timedelta(days=30)
        data = EventInput(
            title=plan.title,
            kind=plan.kind,
            starts_at=starts_at,
            ends_at=starts_at + 3 * HOUR,
            place=plan.place,
            capacity=plan.capacity,
            young_only=plan.young_only,
            audience_role=plan.audience_role,
        )
        card = await create_event(session, actor=cast.office, data=data, now=announced)
        for turn, person in enumerate(_participants(cast, plan, number)):
            await sign_up(session, actor=cast.acting_as(person), event_id=card.id, now=announced + turn * HOUR)
        if plan.days < 0:
            registrations = await session.scalars(
                select(Registration.id).where(Registration.event_id == card.id).order_by(Registration.id)
            )
            for turn, registration_id in enumerate(registrations):
                await mark_attendance(
                    session, actor=cast.office, registration_id=registration_id, attended=turn % 4 != 3, now=starts_at
                )


def _participants(cast: Cast, plan: Plan, number: int) -> list[Member]:
    """The people the event is for, a different slice for each event, with the invited people where the
    plan puts them (the young specialist is among the young people of the young people's events)."""
    if plan.young_only:
        chosen = [person for person in cast.people if person.young]
    elif plan.audience_role == "manager":
        chosen = [person for person in cast.people if person.manager]
    else:
        others = [person for person in cast.people if person not in cast.invited]
        shift = number * 5 % len(others)
        chosen = others[shift:] + others[:shift]
    chosen = chosen[: plan.people - plan.teacher - plan.mentor]
    return [cast.mentor] * plan.mentor + chosen + [cast.teacher] * plan.teacher
