"""The demo's mentoring: pairs with plans and logged meetings, confirmed, disputed and still waiting, and
one silent pair, written by the mentoring services."""

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.demo.cast import Cast, Notices
from services.mentoring.meetings import answer_meeting, log_meeting
from services.mentoring.pairs import create_pair
from services.mentoring.plan import month_of, propose_plan
from services.models.mentoring import PairKind, PlanTopic

PLAN = [
    "Знакомство: коллектив, локальные акты, план адаптации",
    "Рабочая программа и тематическое планирование",
    "Подготовка урока: цели, структура, технологическая карта",
    "Школьная документация и электронный журнал",
    "Оценивание: критерии, формирующее оценивание",
    "Управление классом и дисциплина",
    "Работа с родителями и классное руководство",
    "Открытый урок и взаимопосещения",
    "Самоанализ года и ИОМ",
]
CONFIRMED, DISPUTED, WAITING = True, False, None
# ((mentor's organisation, place), (mentee's), kind, started days ago, meetings: (days ago, the mentee's answer)).
# The invited mentor (0, 2) has three mentees, the invited young specialist (0, 1) among them, and one pair silent.
PAIRS: tuple[tuple[tuple[int, int], tuple[int, int], PairKind, int, tuple[tuple[int, bool | None], ...]], ...] = (
    ((0, 2), (0, 1), PairKind.YOUNG, 150, ((140, CONFIRMED), (110, CONFIRMED), (80, DISPUTED), (50, CONFIRMED),
                                           (20, CONFIRMED), (3, WAITING))),
    ((0, 2), (0, 5), PairKind.YOUNG, 120, ((100, CONFIRMED), (60, DISPUTED), (12, WAITING))),
    ((0, 2), (0, 9), PairKind.YOUNG, 100, ()),
    ((1, 3), (1, 1), PairKind.YOUNG, 200, tuple((days, CONFIRMED) for days in range(190, 0, -30))),
    ((1, 3), (1, 6), PairKind.DEFICITS, 90, ((80, CONFIRMED), (45, CONFIRMED), (15, DISPUTED))),
    ((2, 2), (2, 1), PairKind.YOUNG, 170, ((160, CONFIRMED), (120, CONFIRMED), (90, CONFIRMED), (30, CONFIRMED))),
    ((3, 2), (3, 1), PairKind.YOUNG, 60, ((50, CONFIRMED), (20, CONFIRMED))),
)  # fmt: skip
MENTOR_LIMIT = 3  # the most mentees one demo mentor has


async def fill_mentoring(session: AsyncSession, cast: Cast, now: datetime) -> None:
    """The methodist pairs them; each mentor proposes the plan from the template, logs the meetings (on the
    month's plan topic) the day after, and the mentee confirms or disputes each."""
    notices = Notices("mentoring")
    for mentor_at, mentee_at, kind, started, meetings in PAIRS:
        mentor, mentee = cast.member(*mentor_at), cast.member(*mentee_at)
        new = await create_pair(
            session,
            actor=cast.office,
            mentor_id=mentor.id,
            mentee_id=mentee.id,
            kind=kind,
            now=now - timedelta(days=started),
            mentor_limit=MENTOR_LIMIT,
            notice=notices,
        )
        pair_id = new.view.id
        await propose_plan(session, actor=cast.acting_as(mentor), pair_id=pair_id, template=PLAN)
        plan = await session.execute(select(PlanTopic.month, PlanTopic.id).where(PlanTopic.pair_id == pair_id))
        topics = {month: topic_id for month, topic_id in plan}
        for number, (days, answer) in enumerate(meetings):
            held_on = (now - timedelta(days=days)).date()
            meeting = await log_meeting(
                session,
                actor=cast.acting_as(mentor),
                pair_id=pair_id,
                held_on=held_on,
                minutes=(45, 60, 90)[number % 3],
                online=number % 3 == 2,
                topic=PLAN[number % len(PLAN)],  # the plan's topic of the month replaces it
                plan_topic_id=topics.get(month_of(held_on)),
                notes="Разобрали урок, наметили задачи на месяц." if number % 2 else "",
                now=datetime.combine(held_on + timedelta(days=1), time(15), UTC),
                notice=notices,
            )
            if answer is not None:
                await answer_meeting(
                    session,
                    actor=cast.acting_as(mentee),
                    meeting_id=meeting.id,
                    confirmed=answer,
                    now=datetime.combine(held_on + timedelta(days=1), time(18), UTC),
                )
