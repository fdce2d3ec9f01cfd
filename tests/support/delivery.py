"""Running the bulk sender in tests: in virtual time, so pacing is real but nobody waits for it."""

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace

from bot.resources import Resources
from bot.sender import Sender
from tests.support.conversation import Harness


class VirtualTime:
    """Monotonic time that passes only when the sender sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(seconds, 0)
        await asyncio.sleep(0)


def sender(harness: Harness, time: VirtualTime, **settings: float) -> Sender:
    resources = Resources(**harness.resources)
    resources = replace(resources, settings=resources.settings.model_copy(update=settings))
    return Sender(harness.bot, resources, monotonic=time.monotonic, sleep=time.sleep)


async def deliver(harness: Harness) -> int:
    """Send everything due in the outbox; returns how many messages went out."""
    return await sender(harness, VirtualTime(), progress_seconds=0.5).drain()


async def run_job(harness: Harness, job: Callable[[Resources], Awaitable[int]]) -> int:
    """Run a scheduled job, then deliver what it queued; returns what the job counted."""
    counted = await job(Resources(**harness.resources))
    await deliver(harness)
    return counted
