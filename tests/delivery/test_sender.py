"""The bulk sender against a fake Bot API that answers 429 and 403 on cue, in virtual time: pacing, the
global pause, blocked users, bounded retries, and a stop half-way with nothing lost or sent twice."""

import asyncio
import itertools
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from aiogram.exceptions import TelegramRetryAfter, TelegramServerError
from aiogram.methods import SendMessage, TelegramMethod
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.resources import Resources
from bot.sender import Sender
from services.models.delivery import Delivery, DeliveryStatus
from services.models.people import User
from services.outbox import BACKOFF, MAX_ATTEMPTS, NewDelivery, Outcome, enqueue, record
from tests.conftest import FrozenClock
from tests.support.conversation import Harness
from tests.support.delivery import VirtualTime, sender
from tests.support.factories import join_with_consent

PROBE = SendMessage(chat_id=0, text="")


async def outbox(session: AsyncSession, chats: list[int], clock: FrozenClock, prefix: str = "t") -> None:
    await enqueue(
        session,
        [NewDelivery(key=f"{prefix}:{n}:{chat}", chat_id=chat, text=f"Новость {n}") for n, chat in enumerate(chats)],
        now=clock.now(),
    )
    await session.commit()


def stamp_sends(harness: Harness, time: VirtualTime) -> list[tuple[float, int]]:
    stamps: list[tuple[float, int]] = []

    def note(method: TelegramMethod[Any]) -> None:
        if isinstance(method, SendMessage):
            stamps.append((time.now, int(method.chat_id)))

    harness.telegram.on_request = note
    return stamps


def most_in_one_second(stamps: list[tuple[float, int]]) -> int:
    times = sorted(moment for moment, _chat in stamps)
    return max(sum(1 for other in times if start <= other < start + 1) for start in times)


async def test_sends_keep_the_global_rate_and_one_a_second_per_chat(
    harness: Harness, session: AsyncSession, clock: FrozenClock
) -> None:
    time = VirtualTime()
    stamps = stamp_sends(harness, time)
    await outbox(session, [10_000 + n for n in range(60)] + [7, 7, 7], clock)
    assert await sender(harness, time, send_rate=10).drain() == 63
    assert len(stamps) == 63
    assert most_in_one_second(stamps) <= 10
    sevens = [moment for moment, chat in stamps if chat == 7]
    assert all(later - earlier >= 1 for earlier, later in itertools.pairwise(sevens))
    others = [moment for moment, chat in stamps if chat != 7]
    assert others[-1] - others[0] < 61 / 10 + 0.5  # and it does not dawdle either


async def test_a_429_pauses_all_sending_and_the_message_still_goes_once(
    harness: Harness, session: AsyncSession, clock: FrozenClock
) -> None:
    time = VirtualTime()
    stamps = stamp_sends(harness, time)
    await outbox(session, [20_000 + n for n in range(30)], clock)
    failed_at: list[float] = []
    original = harness.telegram.on_request

    def flood_on_tenth(method: TelegramMethod[Any]) -> None:
        assert original is not None
        original(method)
        if len(stamps) == 10 and not failed_at:
            failed_at.append(time.now)
            harness.telegram.fail_next(TelegramRetryAfter(method=PROBE, message="Too Many Requests", retry_after=7))

    harness.telegram.on_request = flood_on_tenth
    await sender(harness, time).drain()
    assert failed_at and all(moment >= failed_at[0] + 7 for moment, _chat in stamps[10:])
    tries = Counter(chat for _moment, chat in stamps)
    assert sorted(tries) == [20_000 + n for n in range(30)]
    assert sorted(tries.values()) == [1] * 29 + [2]  # only the refused message was tried again
    statuses = set(await session.scalars(select(Delivery.status)))
    assert statuses == {DeliveryStatus.SENT}


async def test_blocked_recipients_are_marked_and_skipped_and_errors_retried_a_bounded_number_of_times(
    harness: Harness, session: AsyncSession, clock: FrozenClock
) -> None:
    time = VirtualTime()
    blocked = harness.person(30_001)
    await join_with_consent(blocked)
    harness.telegram.blocked.add(30_001)
    await outbox(session, [30_001], clock)
    await sender(harness, time).drain()
    user = await session.scalar(select(User).where(User.tg_id == 30_001))
    assert user is not None
    await session.refresh(user)
    assert user.blocked_at is not None
    assert await session.scalar(select(Delivery.status)) == DeliveryStatus.BLOCKED

    await outbox(session, [30_002], clock, prefix="flaky")
    for _attempt in range(5):
        harness.telegram.fail_next(TelegramServerError(method=PROBE, message="Internal Server Error"))
        await sender(harness, time).drain()
        clock.moment += timedelta(minutes=10)  # past any backoff
    row = await session.scalar(select(Delivery).where(Delivery.chat_id == 30_002))
    assert row is not None
    await session.refresh(row)
    assert (row.status, row.attempts) == (DeliveryStatus.FAILED, 5)
    assert "Internal Server Error" in (row.last_error or "")
    assert await sender(harness, time).drain() == 0  # given up: not tried a sixth time

    harness.telegram.blocked.discard(30_001)
    await blocked.send("/start")  # back in the bot: no longer skipped
    await session.refresh(user)
    assert user.blocked_at is None


async def test_a_sender_stopped_half_way_and_started_again_sends_each_message_exactly_once(
    harness: Harness, session: AsyncSession, clock: FrozenClock
) -> None:
    time = VirtualTime()
    stamps = stamp_sends(harness, time)
    chats = [40_000 + n for n in range(100)]
    await outbox(session, chats, clock)
    first = sender(harness, time)
    original = harness.telegram.on_request

    def stop_at_forty(method: TelegramMethod[Any]) -> None:
        assert original is not None
        original(method)
        if len(stamps) == 40:
            first.stop()

    harness.telegram.on_request = stop_at_forty
    await first.drain()
    assert 40 <= len(stamps) < 100
    harness.telegram.on_request = original
    await sender(harness, time).drain()
    assert sorted(chat for _moment, chat in stamps) == chats
    pending = await session.scalars(select(Delivery).where(Delivery.status != DeliveryStatus.SENT))
    assert list(pending) == []


async def test_people_are_answered_while_a_broadcast_is_being_sent(
    harness: Harness, session: AsyncSession, clock: FrozenClock
) -> None:
    await outbox(session, [50_000 + n for n in range(200)], clock)
    time = VirtualTime()
    sending = asyncio.create_task(sender(harness, time, send_rate=10).drain())
    await asyncio.sleep(0)
    replies = await harness.person(777).send("/help")
    assert replies and not sending.done()  # answered in the middle of the broadcast
    assert await sending == 200


async def test_rows_in_flight_at_a_hard_stop_are_sent_after_the_restart(
    harness: Harness, session: AsyncSession, clock: FrozenClock
) -> None:
    await outbox(session, [60_001, 60_002], clock)
    await session.execute(update(Delivery).where(Delivery.chat_id == 60_001).values(status=DeliveryStatus.SENDING))
    await session.commit()
    time = VirtualTime()
    restarted = sender(harness, time)
    running = asyncio.create_task(restarted.run())
    while len([sent for sent in harness.telegram.sent if sent.chat_id in (60_001, 60_002)]) < 2:
        await asyncio.sleep(0)
    restarted.stop()
    await running
    assert set(await session.scalars(select(Delivery.status))) == {DeliveryStatus.SENT}


class Killed(Exception):
    """The sender's process is gone: it neither writes to the database nor sends anything more."""


class PromptAnswers(VirtualTime):
    """Telegram and the database answer within a sending interval, as they do at the default rate."""

    sender: Sender

    async def sleep(self, seconds: float) -> None:
        if self.sender.in_flight:
            await asyncio.wait(self.sender.in_flight)
        await super().sleep(seconds)


def mortal_sessions(harness: Harness, dead: Callable[[], bool]) -> async_sessionmaker[AsyncSession]:
    """Sessions that cannot commit once the process is dead: what it had not committed is lost."""

    class Mortal(AsyncSession):
        async def commit(self) -> None:
            if dead():
                raise Killed()
            await super().commit()

    factory: async_sessionmaker[AsyncSession] = harness.resources["session_factory"]
    return async_sessionmaker(factory.kw["bind"], class_=Mortal, expire_on_commit=False)


async def test_a_hard_kill_mid_broadcast_repeats_only_the_request_in_flight_and_the_log_says_so(
    harness: Harness, session: AsyncSession, clock: FrozenClock, caplog: pytest.LogCaptureFixture
) -> None:
    chats = [70_000 + n for n in range(60)]
    await outbox(session, chats, clock)
    time = PromptAnswers()
    in_flight_at_kill: list[int] = []

    def kill_at_twentieth(method: TelegramMethod[Any]) -> None:
        if in_flight_at_kill:
            raise Killed()
        if isinstance(method, SendMessage) and len(harness.telegram.sent) == 19:
            in_flight_at_kill.append(int(method.chat_id))  # Telegram has it; its answer is never recorded

    harness.telegram.on_request = kill_at_twentieth
    resources = replace(
        Resources(**harness.resources), session_factory=mortal_sessions(harness, lambda: bool(in_flight_at_kill))
    )
    doomed = time.sender = Sender(harness.bot, resources, monotonic=time.monotonic, sleep=time.sleep)
    with pytest.raises(Killed):
        await doomed.drain()
    assert len(harness.telegram.sent) == 20

    harness.telegram.on_request = None
    restarted = time.sender = sender(harness, time)
    with caplog.at_level(logging.WARNING, logger="bot.sender"):
        running = asyncio.create_task(restarted.run())
        while len(harness.telegram.sent) < len(chats) + 1:
            await asyncio.sleep(0)
        restarted.stop()
        await running
    assert "1 requests were in flight" in caplog.text
    tries = Counter(sent.chat_id for sent in harness.telegram.sent)
    assert tries.keys() == set(chats)  # nobody lost
    assert [chat for chat, count in tries.items() if count > 1] == in_flight_at_kill
    assert set(await session.scalars(select(Delivery.status))) == {DeliveryStatus.SENT}


async def test_answers_recorded_together_keep_each_rows_own_error_and_backoff(
    session: AsyncSession, clock: FrozenClock
) -> None:
    await outbox(session, [80_001, 80_002, 80_003, 80_004], clock)
    rows = {row.chat_id: row for row in await session.scalars(select(Delivery))}
    await session.execute(update(Delivery).where(Delivery.chat_id == 80_002).values(attempts=MAX_ATTEMPTS - 1))
    await session.commit()
    now = clock.now()
    await record(
        session,
        [
            Outcome(rows[80_001].id, "retry", error="Bad Gateway"),
            Outcome(rows[80_002].id, "retry", error="Timeout"),
            Outcome(rows[80_003].id, "failed", error="chat not found"),
            Outcome(rows[80_004].id, "failed", error="message is too long"),
        ],
        now=now,
    )
    session.expire_all()
    found = {
        row.chat_id: (row.status, row.attempts, row.last_error, row.next_attempt_at)
        for row in await session.scalars(select(Delivery))
    }
    assert found == {
        80_001: (DeliveryStatus.PENDING, 1, "Bad Gateway", now + BACKOFF),
        80_002: (DeliveryStatus.FAILED, MAX_ATTEMPTS, "Timeout", now + BACKOFF * 2 ** (MAX_ATTEMPTS - 1)),
        80_003: (DeliveryStatus.FAILED, 1, "chat not found", now),
        80_004: (DeliveryStatus.FAILED, 1, "message is too long", now),
    }
