"""The weekly digest: composed by role, once a week at the person's weekday and local hour, through the
outbox; empty digests are not sent; /settings turns it off or moves it."""

from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.jobs import enqueue_digests
from services.access import actor_for_user
from services.event_models import EventKind
from services.events import EventInput, create_event, sign_up
from services.models import User
from services.route_models import RouteItem
from tests.conftest import FrozenClock
from tests.conversation import Harness, Person
from tests.delivery import run_job
from tests.factories import import_roster, join_with_consent, read_xlsx, roster_row, start_token, xlsx
from tests.mentoring_setup import MENTEE, log, make_pair, start_meeting
from tests.route_setup import approved_route, methodist_and_teacher, report_first_item


async def digests(harness: Harness) -> int:
    return await run_job(harness, enqueue_digests)


def digest_of(person: Person) -> str | None:
    found = [sent.text for sent in person.messages() if "Неделя в НМС" in sent.text]
    return found[-1] if found else None


async def test_each_role_gets_its_sections_once_a_week_and_empty_digests_are_not_sent(
    harness: Harness, session: AsyncSession, clock: FrozenClock
) -> None:
    methodist, teacher = await approved_route(await methodist_and_teacher(harness))
    await report_first_item(teacher, "Сертификат курса")
    await session.execute(
        update(RouteItem)
        .where(RouteItem.title.like("Цифровые%"))
        .values(deadline=clock.now().date() + timedelta(days=3))
    )
    await session.commit()
    replies = await import_roster(methodist, xlsx([roster_row("Сидорова Мария Ивановна")]))
    quiet = harness.person(503)
    token = next(
        start_token(str(row[2])) for row in read_xlsx(replies[-1].file_data or b"") if "Сидорова" in str(row[1])
    )
    await join_with_consent(quiet, token)

    assert await digests(harness) == 2  # Monday 12:00 in Moscow: the 09:00 digests are due
    teacher_digest = digest_of(teacher)
    assert teacher_digest is not None and "пунктов со сроком на этой неделе — 1, просрочено — 0" in teacher_digest
    assert "Ждут вашего решения" not in teacher_digest and "Наставничество" not in teacher_digest
    methodist_digest = digest_of(methodist)
    assert methodist_digest is not None and "отчётов — 1, маршрутов — 0, заявок на подключение — 0" in methodist_digest
    # 1 of 2, from the shared service; the school year is not over, so it is progress, not a verdict
    assert "⏳ Прошли диагностику: 50,0 % (цель ≥ 60,0 %)" in methodist_digest
    assert digest_of(quiet) is None  # nothing relevant: no digest
    assert await digests(harness) == 0  # once a week, however often the job runs

    clock.moment += timedelta(days=7)
    before = len(teacher.messages())
    assert await digests(harness) == 2
    assert len(teacher.messages()) == before + 1


async def test_settings_turn_the_digest_off_or_move_it_to_another_day_and_hour(
    harness: Harness, clock: FrozenClock
) -> None:
    methodist, teacher = await approved_route(await methodist_and_teacher(harness))
    await report_first_item(teacher, "Сертификат курса")
    await teacher.send("/settings")
    assert "дайджест: понедельник, 09:00" in teacher.last.text
    replies = await teacher.press("🔕 Не присылать")
    assert "дайджест: выключен" in replies[-1].text
    await methodist.send("/settings")
    await methodist.press("📅 День")
    await methodist.press("среда")
    await methodist.press("🕘 Время")
    replies = await methodist.press("18:00")
    assert "дайджест: среда, 18:00" in replies[-1].text
    assert "устарела" in (await methodist.tap("dg:hour:99"))[-1].text
    assert await digests(harness) == 0  # Monday: the teacher opted out, the methodist moved to Wednesday
    clock.moment += timedelta(days=2, hours=5)  # Wednesday 14:00 UTC = 17:00 in Moscow
    assert await digests(harness) == 0
    clock.moment += timedelta(hours=1)
    assert await digests(harness) == 1
    assert digest_of(methodist) is not None and digest_of(teacher) is None


async def test_a_teacher_hears_of_her_events_and_of_new_ones_open_to_her(
    harness: Harness, session: AsyncSession, clock: FrozenClock
) -> None:
    methodist, teacher = await methodist_and_teacher(harness)
    organiser = await actor_for_user(session, await _user_id(session, methodist))
    now = clock.now()

    async def event(title: str, days: int, young_only: bool = False) -> int:
        created = await create_event(
            session,
            actor=organiser,
            data=EventInput(
                title=title,
                kind=EventKind.SEMINAR,
                starts_at=now + timedelta(days=days),
                ends_at=now + timedelta(days=days, hours=2),
                young_only=young_only,
            ),
            now=now,
        )
        return created.id

    mine = await event("Семинар <функциональная грамотность>", 3)
    await event("Школа молодого педагога", 20, young_only=True)
    await sign_up(
        session, actor=await actor_for_user(session, await _user_id(session, teacher)), event_id=mine, now=now
    )
    assert await digests(harness) == 2  # hers, and the methodist's with the headline indicators
    text = digest_of(teacher)
    assert text is not None
    assert "Ваши мероприятия на неделе (1)" in text and "Семинар &lt;функциональная грамотность&gt;" in text
    assert "Новые мероприятия для вас (1)" in text and "Школа молодого педагога" in text


async def _user_id(session: AsyncSession, person: Person) -> int:
    found = await session.scalar(select(User.id).where(User.tg_id == person.user.id))
    assert found is not None
    return found


async def test_a_mentor_hears_of_meetings_and_silent_mentees(
    harness: Harness, trio: tuple[Person, Person, Person], clock: FrozenClock
) -> None:
    methodist, mentor, _mentee = trio
    await make_pair(methodist)
    clock.moment += timedelta(days=14)
    await digests(harness)
    text = digest_of(mentor)
    assert text is not None and "встреч за неделю — 0; без встреч давно — 1" in text and MENTEE in text
    clock.moment += timedelta(days=1)
    await start_meeting(mentor)
    await log(mentor)
    clock.moment += timedelta(days=6)
    await digests(harness)
    assert "встреч за неделю — 1; без встреч давно — 0" in (digest_of(mentor) or "")
