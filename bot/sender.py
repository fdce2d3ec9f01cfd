"""The one sender of bulk messages: takes due rows from the outbox and hands them to Telegram under a
global rate, one message per chat per second, pausing everything when Telegram answers 429.

Interactive answers do not go through it, so people are answered while a broadcast runs. On a
graceful stop the messages in flight are finished and recorded, and the claimed rest goes back to the
outbox; after a hard kill the rows that were in flight are sent again (at most the in-flight few).
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

from bot.context import Resources
from bot.progress import update_progress
from bot.retry import TRANSIENT, bulk_sending
from services.broadcasts import release_due
from services.outbox import Outcome, Outgoing, claim, record, recover

logger = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[Any]]
PER_CHAT_SECONDS = 1.0
IDLE_SECONDS = 1.0
FLUSH_SECONDS = 0.25
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
        self.stopping = False
        self._outcomes: list[Outcome] = []
        self._progress_at = 0.0
        self._flushed_at = 0.0

    def stop(self) -> None:
        """Finish what is in flight, put the rest back, and return from drain()/run()."""
        self.stopping = True

    async def run(self) -> None:
        """Send until stopped: the production loop."""
        async with self.resources.session_factory() as session:
            recovered = await recover(session)
        if recovered:
            logger.warning("%d deliveries were in flight at the last stop; sending them again", recovered)
        while not self.stopping:
            try:
                await self.drain()
            except Exception:  # a database hiccup must not end bulk sending for good
                logger.exception("sender pass failed")
            await self.sleep(IDLE_SECONDS)

    async def drain(self) -> int:
        """Send everything due now; returns how many messages went out."""
        token = bulk_sending.set(True)
        in_flight: set[asyncio.Task[None]] = set()
        sent = 0
        try:
            while not self.stopping:
                async with self.resources.session_factory() as session:
                    await release_due(session, now=self.resources.clock.now())
                    batch = await claim(session, now=self.resources.clock.now(), limit=self.batch_size)
                if not batch:
                    break
                for index, item in enumerate(batch):
                    if self.stopping:
                        self._outcomes += [Outcome(rest.id, "again") for rest in batch[index:]]
                        break
                    await self._chat_slot(item.chat_id)
                    await self.pacer.slot()
                    while len(in_flight) >= self.in_flight_limit:
                        await asyncio.wait(in_flight, return_when=asyncio.FIRST_COMPLETED)
                    self.last_sent[item.chat_id] = self.monotonic()
                    task = asyncio.create_task(self._send(item))
                    in_flight.add(task)
                    task.add_done_callback(in_flight.discard)
                    await asyncio.sleep(0)  # let the request leave now, in its slot, not whenever we next wait
                    sent += 1
                    await self._flush_if_due()
                if in_flight:
                    await asyncio.gather(*in_flight)
                await self._flush()
        finally:
            if in_flight:
                await asyncio.gather(*in_flight, return_exceptions=True)
            await self._flush()
            await self._progress(force=True)
            bulk_sending.reset(token)
        return sent

    async def _chat_slot(self, chat_id: int) -> None:
        last = self.last_sent.get(chat_id)
        if last is not None and (wait := last + PER_CHAT_SECONDS - self.monotonic()) > 0:
            await self.sleep(wait)

    async def _send(self, item: Outgoing) -> None:
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
            outcome = Outcome(item.id, "sent")
        except TelegramRetryAfter as error:
            logger.warning("429 from Telegram: pausing all bulk sending for %s s", error.retry_after)
            self.pacer.pause(error.retry_after)
            outcome = Outcome(item.id, "again")
        except TelegramForbiddenError:
            outcome = Outcome(item.id, "blocked", chat_id=item.chat_id)
        except TRANSIENT as error:
            outcome = Outcome(item.id, "retry", error=str(error))
        except TelegramAPIError as error:  # a refusal that sending again cannot change
            logger.warning("delivery %s refused: %s", item.id, error)
            outcome = Outcome(item.id, "failed", error=str(error))
        self._outcomes.append(outcome)

    async def _flush_if_due(self) -> None:
        # Answers are recorded within a fraction of a second: that bounds what a hard kill could resend.
        if len(self._outcomes) >= 50 or self.monotonic() - self._flushed_at >= FLUSH_SECONDS:
            await self._flush()
        await self._progress()

    async def _flush(self) -> None:
        if not self._outcomes:
            return
        outcomes, self._outcomes = self._outcomes, []
        self._flushed_at = self.monotonic()
        async with self.resources.session_factory() as session:
            await record(session, outcomes, now=self.resources.clock.now())

    async def _progress(self, *, force: bool = False) -> None:
        if not force and self.monotonic() - self._progress_at < self.progress_every:
            return
        self._progress_at = self.monotonic()
        with contextlib.suppress(TelegramAPIError):
            await update_progress(self.bot, self.resources)
