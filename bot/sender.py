"""The one sender of bulk messages: takes due rows from the outbox and hands them to Telegram under a
global rate, one message per chat per second, pausing everything when Telegram answers 429.

Interactive answers do not go through it, so people are answered while a broadcast runs. A row is
marked in flight just before its request and marked with the answer as soon as it arrives, so on a
graceful stop the messages in flight are finished and recorded and the rest stay due, and after a hard
kill only the requests really in flight (one at the default rate) are sent again.
"""

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramForbiddenError,
    TelegramRetryAfter,
)
from aiogram.types import InlineKeyboardMarkup

from bot.progress import update_progress
from bot.resources import Resources
from bot.retry import TRANSIENT, bulk_sending
from handlers.common.notify import SEND_FAILURES
from services.delivery.news import release_due
from services.outbox import Outcome, Outgoing, due_batch, record, recover

logger = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[Any]]
PER_CHAT_SECONDS = 1.0
IDLE_SECONDS = 1.0
CATCH_UP = 0.05  # seconds


class Pacer:
    """Hands out sending slots no closer than 1/rate apart; a 429 pauses every slot for retry_after."""

    def __init__(self, rate: float, monotonic: Callable[[], float] = time.monotonic, sleep: Sleep = asyncio.sleep):
        self.interval = 1 / rate
        self.monotonic = monotonic
        self.sleep = sleep
        self.next_at = 0.0
        self.paused_until = 0.0

    async def slot(self) -> None:
        while True:
            now = self.monotonic()
            ready = max(self.next_at, self.paused_until)
            if now >= ready:
                # Keep the cadence through sleep overshoots and short stalls (catching up at most CATCH_UP's
                # worth of slots); after a longer idle spell start afresh, so no burst is banked up.
                late = now - self.next_at
                keep = late < max(self.interval, CATCH_UP)
                self.next_at = self.next_at + self.interval if keep else now + self.interval
                return
            await self.sleep(ready - now)

    def pause(self, seconds: float) -> None:
        self.paused_until = max(self.paused_until, self.monotonic() + seconds)


class Journal:
    """The sender's one writer to the outbox: marks a row in flight just before its request and records
    each answer as it arrives. Writes take turns, and each takes every answer that arrived while the one
    before it was committing, so answers wait only for the database, and the sender's writes never
    queue for SQLite's lock against each other."""

    def __init__(self, resources: Resources) -> None:
        self.resources = resources
        self.answers: list[Outcome] = []
        self.turn = asyncio.Lock()

    async def mark(self, delivery_id: int) -> bool:
        """Mark the row in flight (with the answers waiting); False if it is no longer due."""
        async with self.turn:
            return await self._write(delivery_id)

    async def answer(self, outcome: Outcome) -> None:
        self.answers.append(outcome)
        async with self.turn:
            if self.answers:  # else a write made meanwhile took it along
                await self._write(None)

    async def _write(self, in_flight: int | None) -> bool:
        answers, self.answers = self.answers, []
        async with self.resources.session_factory() as session:
            return await record(session, answers, now=self.resources.clock.now(), in_flight=in_flight)


class Sender:
    def __init__(
        self,
        bot: Bot,
        resources: Resources,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        settings = resources.settings
        self.bot = bot
        self.resources = resources
        self.monotonic = monotonic
        self.sleep = sleep
        self.pacer = Pacer(settings.send_rate, monotonic, sleep)
        self.batch_size = max(50, int(settings.send_rate * 4))
        self.in_flight_limit = max(4, int(settings.send_rate))
        self.progress_every = settings.progress_seconds
        self.last_sent: dict[int, float] = {}
        self.journal = Journal(resources)
        self.stopping = False
        self.in_flight: set[asyncio.Task[None]] = set()  # requests made, answers not yet recorded
        self._progress_at = 0.0

    def stop(self) -> None:
        """Finish what is in flight, put the rest back, and return from drain()/run()."""
        self.stopping = True

    async def run(self) -> None:
        """Send until stopped: the production loop."""
        async with self.resources.session_factory() as session:
            recovered = await recover(session)
        if recovered:
            logger.warning(
                "%d requests were in flight without a recorded answer at the last stop; sending them again",
                recovered,
            )
        while not self.stopping:
            try:
                await self.drain()
            except Exception:  # a database hiccup must not end bulk sending for good
                logger.exception("sender pass failed")
            await self.sleep(IDLE_SECONDS)

    async def drain(self) -> int:
        """Send everything due now; returns how many messages went out."""
        token = bulk_sending.set(True)
        in_flight = self.in_flight
        sent = 0
        try:
            while not self.stopping:
                async with self.resources.session_factory() as session:
                    await release_due(session, now=self.resources.clock.now())
                    batch = await due_batch(session, now=self.resources.clock.now(), limit=self.batch_size)
                if not batch:
                    break
                for item in batch:
                    if self.stopping:  # the rest stay due for the next start
                        break
                    await self._chat_slot(item.chat_id)
                    await self.pacer.slot()
                    while len(in_flight) >= self.in_flight_limit:
                        await asyncio.wait(in_flight, return_when=asyncio.FIRST_COMPLETED)
                    if not await self.journal.mark(item.id):
                        continue  # no longer due (e.g. its broadcast was cancelled)
                    self.last_sent[item.chat_id] = self.monotonic()
                    task = asyncio.create_task(self._send(item))
                    in_flight.add(task)
                    task.add_done_callback(in_flight.discard)
                    await asyncio.sleep(0)  # let the request leave now, in its slot, not whenever we next wait
                    sent += 1
                    await self._progress()
                if in_flight:
                    await asyncio.gather(*in_flight)
        finally:
            if in_flight:
                await asyncio.gather(*in_flight, return_exceptions=True)
            await self._progress(force=True)
            bulk_sending.reset(token)
        return sent

    async def _chat_slot(self, chat_id: int) -> None:
        last = self.last_sent.get(chat_id)
        if last is not None and (wait := last + PER_CHAT_SECONDS - self.monotonic()) > 0:
            await self.sleep(wait)

    async def _send(self, item: Outgoing) -> None:
        """Make the request of a row marked in flight and record the answer at once: a hard kill can
        only repeat a request whose answer is not recorded yet."""
        await self.journal.answer(await self._request(item))

    async def _request(self, item: Outgoing) -> Outcome:
        markup = InlineKeyboardMarkup.model_validate_json(item.markup) if item.markup else None
        try:
            if item.copy_chat_id is not None and item.copy_message_id is not None:
                await self.bot.copy_message(item.chat_id, item.copy_chat_id, item.copy_message_id, reply_markup=markup)
            elif item.media_kind == "photo" and item.file_id:
                await self.bot.send_photo(item.chat_id, item.file_id, caption=item.text, reply_markup=markup)
            elif item.media_kind == "document" and item.file_id:
                await self.bot.send_document(item.chat_id, item.file_id, caption=item.text, reply_markup=markup)
            else:
                await self.bot.send_message(item.chat_id, item.text, reply_markup=markup)
            return Outcome(item.id, "sent")
        except TelegramRetryAfter as error:
            logger.warning("429 from Telegram: pausing all bulk sending for %s s", error.retry_after)
            self.pacer.pause(error.retry_after)
            return Outcome(item.id, "again")
        except TelegramForbiddenError:
            return Outcome(item.id, "blocked", chat_id=item.chat_id)
        except TRANSIENT as error:
            return Outcome(item.id, "retry", error=str(error))
        except TelegramAPIError as error:  # a refusal that sending again cannot change
            logger.warning("delivery %s refused: %s", item.id, error)
            return Outcome(item.id, "failed", error=str(error))

    async def _progress(self, *, force: bool = False) -> None:
        if not force and self.monotonic() - self._progress_at < self.progress_every:
            return
        self._progress_at = self.monotonic()
        with contextlib.suppress(*SEND_FAILURES):  # progress is a courtesy, never a reason to stop sending
            await update_progress(self.bot, self.resources)
