"""The meeting form chosen or typed at every step and left at any step; the pair's log for both sides, paged;
the mentee proposes an entry and the mentor confirms it in one tap."""

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.models.mentoring import Meeting, MeetingStatus
from tests.conftest import FrozenClock
from tests.support.conversation import Harness, Person, ru, texts
from tests.support.delivery import deliver
from tests.support.mentoring_setup import MENTEE, log, make_pair, open_card, pair_id, start_meeting


async def test_the_date_is_chosen_from_the_calendar_and_minutes_can_be_typed(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession, clock: FrozenClock
) -> None:
    methodist, mentor, _mentee = trio
    await make_pair(methodist)
    await start_meeting(mentor)
    assert ru("nav-cancel") in mentor.last.buttons()
    tomorrow = clock.now().date() + timedelta(days=1)
    pair = await pair_id(harness)
    refused = await mentor.tap(f"dp:meeting_day_past:{tomorrow.toordinal()}:0", on=mentor.last)  # forged: not offered
    assert refused[-1].text == ru("meeting-in-future")
    two_days_ago = clock.now().date() - timedelta(days=2)
    if two_days_ago.month != clock.now().month:
        await mentor.press("‹")
    replies = await mentor.press(str(two_days_ago.day))
    assert replies[-1].text == ru("meeting-ask-minutes")
    replies = await mentor.send("двадцать")
    assert replies[-1].text == ru("meeting-bad-minutes")
    replies = await mentor.send("20")  # typed, not one of the buttons
    assert replies[-1].text == ru("meeting-ask-format")
    await mentor.press_key("meeting-online")
    await mentor.send("Разбор контрольной работы")
    replies = await mentor.press_key("meeting-no-notes")
    assert ru("meeting-saved") in texts(replies)
    assert ru("nav-back") in replies[-1].buttons() and ru("nav-menu") in replies[-1].buttons()
    meeting = await session.scalar(select(Meeting).where(Meeting.pair_id == pair))
    assert meeting is not None
    assert (meeting.held_on, meeting.minutes, meeting.online, meeting.notes) == (two_days_ago, 20, True, "")
    assert harness.telegram.refused == []


async def test_every_step_of_the_meeting_form_goes_back_and_can_be_cancelled(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, mentor, _mentee = trio
    await make_pair(methodist)
    steps = [("meeting-today", None), ("45", None), ("meeting-offline", None), (None, "Планирование урока")]
    for depth in range(len(steps) + 1):
        await start_meeting(mentor)
        for key, typed in steps[:depth]:
            if typed:
                await mentor.send(typed)
            elif key and key.isdigit():
                await mentor.press(key)
            elif key:
                await mentor.press_key(key)
        form = mentor.last
        assert ru("nav-cancel") in form.buttons(), form.text
        if depth:  # «‹ Назад» redraws the step before in place
            replies = await mentor.press_key("nav-back")
            assert replies[-1].message_id == form.message_id or replies[-1].method == "SendMessage"
            assert ru("nav-cancel") in replies[-1].buttons()
        replies = await mentor.press_key("nav-cancel")
        assert ru("nav-cancelled") in texts(replies)
        assert (await mentor.send("Заметки после отмены"))[-1].text != ru("meeting-saved")
    assert await session.scalar(select(func.count()).select_from(Meeting)) == 0
    await start_meeting(mentor)
    replies = await mentor.press_key("nav-back")  # from the first step: the mentee's card
    assert ru("mentor-card-meeting") in replies[-1].buttons()
    assert harness.telegram.refused == []


async def test_the_mentee_reads_the_log_and_proposes_an_entry_the_mentor_confirms(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, mentor, mentee = trio
    await make_pair(methodist)
    await mentee.send("/mentor")
    replies = await mentee.press_key("meeting-log-open")
    assert ru("meeting-log-empty") in replies[-1].text
    await mentee.press_key("meeting-propose")
    await mentee.press_key("meeting-yesterday")
    await mentee.press("60")
    await mentee.press_key("meeting-offline")
    await mentee.send("Посещение урока наставника")
    replies = await mentee.send("Посмотрела, как строится <b>рефлексия</b>")
    assert ru("meeting-proposed") in texts(replies)
    assert ru("meeting-log-open") in replies[-1].buttons()
    await deliver(harness)
    assert "Посещение урока наставника" in mentor.last.text and MENTEE in mentor.last.text
    assert "&lt;b&gt;рефлексия&lt;/b&gt;" in mentor.last.text
    meeting = await session.scalar(select(Meeting))
    assert meeting is not None and meeting.logged_by_mentee and meeting.status == MeetingStatus.PENDING
    forged = await mentee.tap(f"ma:{meeting.id}:1")  # the proposer does not confirm their own entry
    assert ru("error-forbidden") in forged[-1].text
    replies = await mentor.press_key("meeting-confirm")
    assert replies[-1].text == ru("meeting-proposal-confirmed")
    assert ru("meeting-log-open") in replies[-1].buttons()
    await session.refresh(meeting)
    assert meeting.status == MeetingStatus.CONFIRMED
    await mentee.send("/mentor")
    replies = await mentee.press_key("meeting-log-open")
    assert "✅" in replies[-1].text and "Посещение урока наставника" in replies[-1].text
    assert harness.telegram.refused == []


async def test_the_log_pages_both_ways_with_the_count(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession, clock: FrozenClock
) -> None:
    methodist, _mentor, mentee = trio
    await make_pair(methodist)
    pair = await pair_id(harness)
    today = clock.now().date()
    session.add_all(
        Meeting(
            pair_id=pair,
            held_on=today - timedelta(days=n),
            minutes=45,
            topic=f"Тема {n}",
            created_at=clock.now(),
        )
        for n in range(12)
    )
    await session.commit()
    await mentee.send("/mentor")
    replies = await mentee.press_key("meeting-log-open")
    assert ru("meeting-log-title", count=12) in replies[-1].text and "Тема 9" in replies[-1].text
    assert ru("page-range", first=1, last=10, total=12) in replies[-1].buttons()
    replies = await mentee.press("‹")  # round to the last page
    assert ru("page-range", first=11, last=12, total=12) in replies[-1].buttons()
    assert "Тема 11" in replies[-1].text and "Тема 9" not in replies[-1].text
    replies = await mentee.press("›")
    assert "Тема 0" in replies[-1].text
    replies = await mentee.press_key("nav-back")
    assert ru("mentor-write-mentor") in replies[-1].buttons()
    assert harness.telegram.refused == []


async def test_an_entry_waiting_for_the_mentee_is_answered_from_the_log_too(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession, clock: FrozenClock
) -> None:
    methodist, mentor, mentee = trio
    await make_pair(methodist)
    await start_meeting(mentor)
    await log(mentor)
    await open_card(mentor)
    replies = await mentor.press_key("meeting-log-open")  # the mentor waits; nothing for him to answer
    assert not [b for b in replies[-1].buttons() if b.startswith(("✅", "❌"))]
    await mentee.send("/mentor")
    await mentee.press_key("meeting-log-open")
    day = f"{clock.now():%d.%m}"
    replies = await mentee.press_key("meeting-log-confirm", date=day)
    assert replies[-1].text == ru("meeting-confirmed")
    replies = await mentee.press_key("meeting-log-open")
    assert "✅" in replies[-1].text and ru("meeting-log-confirm", date=day) not in replies[-1].buttons()
    meeting = await session.scalar(select(Meeting))
    assert meeting is not None and meeting.status == MeetingStatus.CONFIRMED
    assert harness.telegram.refused == []
