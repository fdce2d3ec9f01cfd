"""The weekly digest: composed by role, once a week at the person's weekday and local hour, through the
outbox; empty digests are not sent; /settings turns it off or moves it."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.jobs import enqueue_digests
from services.delivery.digests import queue_digests
from services.events.organise import EventInput, create_event
from services.events.seats import sign_up
from services.models.events import EventKind
from services.models.people import User
from services.models.routes import RouteItem
from services.people.access import actor_for_user
from tests.conftest import FrozenClock
from tests.support.conversation import Harness, Person, ru, shows
from tests.support.delivery import RenderingFailed, fails_on_second, outbox_size, run_job
from tests.support.factories import import_roster, join_with_consent, read_xlsx, roster_row, start_token, xlsx
from tests.support.mentoring_setup import MENTEE, log, make_pair, start_meeting
from tests.support.route_setup import approved_route, methodist_and_teacher, report_first_item


async def digests(harness: Harness) -> int:
    return await run_job(harness, enqueue_digests)


def digest_of(person: Person) -> str | None:
    found = [sent.text for sent in person.messages() if ru("digest-title") in sent.text]
    return found[-1] if found else None


async def with_news_for_both(harness: Harness, session: AsyncSession, clock: FrozenClock) -> tuple[Person, Person]:
    """A methodist with a report to check, and a teacher with an item due this week."""
    methodist, teacher = await approved_route(await methodist_and_teacher(harness))
    await report_first_item(teacher, "Сертификат курса")
    await session.execute(
        update(RouteItem)
        .where(RouteItem.title.like("Цифровые%"))
        .values(deadline=clock.now().date() + timedelta(days=3))
    )
    await session.commit()
    return methodist, teacher


async def test_each_role_gets_its_sections_once_a_week_and_empty_digests_are_not_sent(
    harness: Harness, session: AsyncSession, clock: FrozenClock
) -> None:
    methodist, teacher = await with_news_for_both(harness, session, clock)
    replies = await import_roster(methodist, xlsx([roster_row("Сидорова Мария Ивановна")]))
    quiet = harness.person(503)
    token = next(
        start_token(str(row[2])) for row in read_xlsx(replies[-1].file_data or b"") if "Сидорова" in str(row[1])
    )
    await join_with_consent(quiet, token)

    assert await digests(harness) == 2  # Monday 12:00 in Moscow: the 09:00 digests are due
    teacher_digest = digest_of(teacher)
    assert teacher_digest is not None and ru("digest-items", due=1, overdue=0) in teacher_digest
    assert not shows(teacher_digest, "digest-review") and ru("kind-mentoring") not in teacher_digest
    methodist_digest = digest_of(methodist)
    assert methodist_digest is not None and ru("digest-review", reports=1, routes=0, joins=0) in methodist_digest
    # 1 of 2, from the shared service; the school year is not over, so it is progress, not a verdict
    assert (
        ru("digest-indicator-line", mark="⏳", name="Прошли диагностику", value="50,0 %", target="≥ 60,0 %")
        in methodist_digest
    )
    assert digest_of(quiet) is None  # nothing relevant: no digest
    digest = next(sent for sent in teacher.messages() if ru("digest-title") in sent.text)
    assert digest.buttons() == [ru("menu-route"), ru("menu-settings"), ru("nav-menu")]  # each section leads on
    methodist_buttons = next(sent for sent in methodist.messages() if ru("digest-title") in sent.text).buttons()
    assert methodist_buttons == [ru("menu-indicators"), ru("menu-settings"), ru("nav-menu")]
    replies = await teacher.press_key("menu-route")
    route_heading = ru("route-title", name="", school="").split("\n")[0]
    assert replies[-1].text.startswith(route_heading)
    assert harness.telegram.refused == []
    assert await digests(harness) == 0  # once a week, however often the job runs

    clock.moment += timedelta(days=7)
    before = len(teacher.messages())
    assert await digests(harness) == 2
    assert len(teacher.messages()) == before + 1


async def test_a_failure_while_queueing_digests_queues_none_and_the_next_run_sends_them_all(
    harness: Harness, session: AsyncSession, session_factory: async_sessionmaker[AsyncSession], clock: FrozenClock
) -> None:
    methodist, teacher = await with_news_for_both(harness, session, clock)
    queued = await outbox_size(session)
    async with session_factory() as job_session:
        with pytest.raises(RenderingFailed):
            await queue_digests(job_session, now=clock.now(), silent_days=14, render=fails_on_second(("digest", "")))
    assert await outbox_size(session) == queued
    assert await digests(harness) == 2
    assert digest_of(methodist) is not None and digest_of(teacher) is not None


async def test_settings_turn_the_digest_off_or_move_it_to_another_day_and_hour(
    harness: Harness, clock: FrozenClock
) -> None:
    methodist, teacher = await approved_route(await methodist_and_teacher(harness))
    await report_first_item(teacher, "Сертификат курса")
    await teacher.send("/settings")
    assert ru("settings-digest", state=ru("settings-digest-on", day=ru("weekday-0"), hour="09:00")) in teacher.last.text
    replies = await teacher.press_key("settings-digest-stop")
    assert ru("settings-digest", state=ru("settings-digest-off")) in replies[-1].text
    await methodist.send("/settings")
    await methodist.press_key("settings-digest-day")
    await methodist.press_key("weekday-2")
    await methodist.press_key("settings-digest-hour")
    replies = await methodist.press("18:00")
    assert ru("settings-digest", state=ru("settings-digest-on", day=ru("weekday-2"), hour="18:00")) in replies[-1].text
    assert ru("stale-button") in (await methodist.tap("digest:hour:99"))[-1].text
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
    assert ru("digest-my-events", count=1) in text and "Семинар &lt;функциональная грамотность&gt;" in text
    assert ru("digest-new-events", count=1) in text and "Школа молодого педагога" in text


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
    assert text is not None and ru("digest-mentoring", meetings=0, silent=1) in text and MENTEE in text
    clock.moment += timedelta(days=1)
    await start_meeting(mentor)
    await log(mentor)
    clock.moment += timedelta(days=6)
    await digests(harness)
    assert ru("digest-mentoring", meetings=1, silent=0) in (digest_of(mentor) or "")
