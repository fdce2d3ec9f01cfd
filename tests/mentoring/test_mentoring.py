"""Mentoring through the real bot: a coordinator pairs a young teacher with a mentor; they write; meetings."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.jobs import send_mentoring_nudges
from services.mentoring.nudges import queue_nudges
from services.models.delivery import Delivery, DeliveryStatus
from services.models.mentoring import Meeting, MeetingStatus, MentorPair, PairNudge
from services.outbox import NewDelivery
from tests.conftest import FrozenClock
from tests.support.conversation import Harness, Person, ru, shows, texts
from tests.support.delivery import RenderingFailed, deliver, fails_on_second, outbox_size, run_job
from tests.support.factories import join_with_consent, read_xlsx
from tests.support.mentoring_setup import MENTEE, MENTOR, log, make_pair, pair_id, start_meeting


async def test_a_pair_is_made_and_both_are_told(harness: Harness, trio: tuple[Person, Person, Person]) -> None:
    methodist, mentor, mentee = trio
    replies = await make_pair(methodist)
    assert ru("pair-created", mentor=MENTOR, mentee=MENTEE) in texts(replies)
    assert shows(mentor.last.text, "pair-told-mentor", name=MENTEE)
    assert shows(mentee.last.text, "pair-told-mentee", name=MENTOR)
    replies = await mentee.send("/mentor")
    assert shows(texts(replies), "mentor-yours", name=MENTOR, school="МБОУ СОШ № 1")


async def test_messages_are_relayed_both_ways_without_accounts(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, mentor, mentee = trio
    await make_pair(methodist)
    await mentee.send("/mentor")
    await mentee.press_key("mentor-write-mentor")
    queued = await outbox_size(session)
    replies = await mentee.send("Здравствуйте! Можно посетить ваш урок?")
    assert shows(texts(replies), "relay-sent")
    assert await outbox_size(session) == queued + 1  # through the outbox, paced with everything else
    await deliver(harness)
    assert mentor.last.method == "SendMessage" and shows(mentor.last.text, "relay-from-mentee")
    assert "Здравствуйте! Можно посетить ваш урок?" in mentor.last.text
    await mentor.tap(f"mt:write:{await pair_id(harness)}")
    await mentor.send_document("plan.pdf", b"%PDF plan")
    await deliver(harness)
    assert mentee.last.method == "SendDocument" and mentee.last.file_data == b"%PDF plan"
    assert "Сообщение от наставника" in mentee.last.text
    harness.telegram.blocked.add(mentor.user.id)
    await mentee.send("/mentor")
    await mentee.press_key("mentor-write-mentor")
    replies = await mentee.send("Ещё вопрос")
    assert shows(texts(replies), "relay-sent")  # a blocked chat is the sender's to record, never the writer's step
    await deliver(harness)
    status = await session.scalar(select(Delivery.status).order_by(Delivery.id.desc()).limit(1))
    assert status == DeliveryStatus.BLOCKED


async def test_a_meeting_is_logged_and_confirmed_or_disputed(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession, clock: FrozenClock
) -> None:
    methodist, mentor, mentee = trio
    await make_pair(methodist)
    await start_meeting(mentor)
    assert ru("meeting-in-future") in texts(await log(mentor, date_text="01.01.2030"))
    await start_meeting(mentor)
    replies = await log(mentor)
    assert ru("meeting-saved") in texts(replies)
    assert ru("meeting-confirm") in mentee.last.buttons()  # the mentee is asked whether it took place
    replies = await mentee.press_key("meeting-confirm")
    assert ru("meeting-confirmed") in texts(replies)
    meeting = await session.scalar(select(Meeting))
    assert meeting is not None and meeting.status == MeetingStatus.CONFIRMED and meeting.minutes == 45
    forged = await mentee.tap(f"ma:{meeting.id}:0")
    assert ru("meeting-already-answered") in forged[-1].text
    await mentor.send("/mentor")
    assert any(f"{clock.now():%d.%m.%Y}" in b for b in mentor.last.buttons())
    await mentor.press(next(b for b in mentor.last.buttons() if MENTEE in b))
    await mentor.press_key("mentor-card-meeting")
    assert shows(texts(await log(mentor, date_text="01.01.2020")), "meeting-too-old")
    await start_meeting(mentor)
    await log(mentor)
    replies = await mentee.press_key("meeting-dispute")
    assert ru("meeting-disputed") in texts(replies)
    statuses = sorted(status.value for status in await session.scalars(select(Meeting.status)))
    assert statuses == ["confirmed", "disputed"]


async def test_bad_pairs_are_refused_clearly(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, _mentor, _mentee = trio
    await make_pair(methodist)
    replies = await make_pair(methodist)
    assert ru("pair-duplicate") in replies[-1].text
    await methodist.send("/mentor")
    await methodist.press_key("pair-new")
    await methodist.send("Петрова")
    await methodist.press(f"{MENTEE} · МБОУ СОШ № 1")
    await methodist.send("Петрова")
    await methodist.press(f"{MENTEE} · МБОУ СОШ № 1")
    replies = await methodist.press_key("pair-kind-peer")
    assert ru("pair-self") in replies[-1].text
    await methodist.send("/mentor")
    await methodist.press_key("pair-new")
    await methodist.send("Петрова")
    await methodist.press(f"{MENTEE} · МБОУ СОШ № 1")
    await methodist.send("Орлова")
    await methodist.press(f"{MENTOR} · МБОУ СОШ № 1")
    replies = await methodist.press_key("pair-kind-young")  # the mentee here is the experienced one
    assert ru("pair-not-young") in replies[-1].text
    assert await session.scalar(select(func.count()).select_from(MentorPair)) == 1


async def test_strangers_cannot_use_a_pair_by_forged_buttons(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, _mentor, mentee = trio
    await make_pair(methodist)
    pair = await pair_id(harness)
    outsider = harness.person(777)
    await join_with_consent(outsider)
    for forged in (f"mt:write:{pair}", f"mt:meeting:{pair}", f"mt:mentee:{pair}", "mt:new:0"):
        replies = await outsider.tap(forged)
        assert ru("error-forbidden") in replies[-1].text, forged
    replies = await mentee.tap(f"mt:mentee:{pair}")  # only the mentor opens the mentee's card
    assert ru("error-forbidden") in replies[-1].text


async def test_methodist_sees_silent_pairs_and_exports_pairs_and_meetings(
    harness: Harness, trio: tuple[Person, Person, Person], clock: FrozenClock
) -> None:
    methodist, mentor, mentee = trio
    await make_pair(methodist)
    clock.moment += timedelta(days=40)
    await methodist.send("/mentor")
    replies = await methodist.press_key("pairs-overview")
    assert ru("pairs-title", active=1, meetings=0, silent=1) in texts(replies)
    assert f"{MENTOR} → {MENTEE}" in texts(replies)
    await start_meeting(mentor)
    await log(mentor)
    await methodist.send("/mentor")
    replies = await methodist.press_key("pairs-overview")
    assert ru("pairs-title", active=1, meetings=1, silent=0) in texts(replies)
    replies = await methodist.press_key("pairs-export")
    pairs, meetings = (read_xlsx(reply.file_data or b"") for reply in replies if reply.file_data)
    assert pairs[1][:3] == ("МБОУ СОШ № 1", MENTOR, MENTEE) and pairs[1][6] == 1
    assert meetings[1][6] == "Планирование урока" and meetings[1][8] == ru("meeting-pending")
    replies = await mentee.tap("mt:export:0")
    assert ru("error-forbidden") in replies[-1].text


async def test_silent_pairs_nudge_the_mentor_then_the_managers_once_each(
    harness: Harness, trio: tuple[Person, Person, Person], clock: FrozenClock
) -> None:
    methodist, mentor, _mentee = trio
    await make_pair(methodist)

    async def nudged(person: Person) -> list[str]:
        before = len(person.messages())
        await run_job(harness, send_mentoring_nudges)
        return [sent.text for sent in person.messages()[before:]]

    start = clock.moment
    clock.moment = start + timedelta(days=10)
    assert await nudged(mentor) == []
    clock.moment = start + timedelta(days=15)
    assert await nudged(mentor) == [ru("nudge-mentor", mentee=MENTEE, days=15)]
    assert await nudged(mentor) == []
    clock.moment = start + timedelta(days=31)
    assert (await nudged(methodist))[0] == ru("nudge-managers", mentor=MENTOR, mentee=MENTEE, days=31)
    assert await nudged(methodist) == []
    await mentor.send("/mentor")  # a meeting resets the silence
    await mentor.press(next(b for b in mentor.last.buttons() if MENTEE in b))
    await mentor.press_key("mentor-card-meeting")
    await log(mentor)
    clock.moment = start + timedelta(days=40)
    assert await nudged(mentor) == []


async def test_a_failure_while_queueing_nudges_marks_none_sent_and_the_next_run_sends_them_all(
    harness: Harness,
    trio: tuple[Person, Person, Person],
    session: AsyncSession,
    session_factory: async_sessionmaker[AsyncSession],
    clock: FrozenClock,
) -> None:
    methodist, mentor, _mentee = trio
    await make_pair(methodist)
    clock.moment += timedelta(days=31)  # both the mentor's nudge and the managers' notice are due
    settings = harness.resources["settings"]
    queued = await outbox_size(session)
    async with session_factory() as job_session:
        with pytest.raises(RenderingFailed):
            await queue_nudges(
                job_session,
                now=clock.now(),
                mentor_after=settings.nudge_days,
                managers_after=settings.escalate_days,
                render=fails_on_second(NewDelivery("first", 1)),
            )
    assert await session.scalar(select(func.count()).select_from(PairNudge)) == 0
    assert await outbox_size(session) == queued
    await run_job(harness, send_mentoring_nudges)
    assert any(sent.text == ru("nudge-mentor", mentee=MENTEE, days=31) for sent in mentor.messages())
    notice = ru("nudge-managers", mentor=MENTOR, mentee=MENTEE, days=31)
    assert any(sent.text == notice for sent in methodist.messages())


async def test_a_pair_is_completed_with_a_result_kept_in_its_history(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, mentor, mentee = trio
    await make_pair(methodist)
    pair = await pair_id(harness)
    replies = await mentee.tap(f"mt:complete:{pair}")
    assert ru("error-forbidden") in replies[-1].text
    await methodist.send("/mentor")
    await methodist.press_key("pairs-overview")
    await methodist.press(f"{MENTOR} → {MENTEE}")
    await methodist.press_key("pair-complete")
    replies = await methodist.send("Программа адаптации пройдена, уроки посещены")
    assert shows(
        texts(replies), "pair-end-ask-completed", mentor=MENTOR, mentee=MENTEE
    )  # the consequence is stated before anything changes
    replies = await methodist.press_key("pair-complete")
    assert ru("pair-status-completed") in texts(replies)
    await deliver(harness)
    assert ru("pair-status-completed") in mentor.last.text and ru("pair-status-completed") in mentee.last.text
    replies = await methodist.tap(f"mt:dissolve:{pair}")
    assert replies[-1].text == ru("pair-already-ended")
    stored = await session.get_one(MentorPair, pair)
    assert stored.status.value == "completed" and stored.reason == "Программа адаптации пройдена, уроки посещены"
    await mentee.send("/mentor")
    assert shows(mentee.last.text, "mentor-none")
