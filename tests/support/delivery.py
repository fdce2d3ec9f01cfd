"""Running the bulk sender in tests: in virtual time, so pacing is real but nobody waits for it."""

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.resources import Resources
from bot.sender import Sender
from services.models.delivery import Delivery
from tests.support.conversation import Harness

Rendered = TypeVar("Rendered")


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


class RenderingFailed(Exception):
    """What a broken translation would raise half-way through a job's recipients."""


def fails_on_second(rendered: Rendered) -> Callable[[object], Rendered]:
    """A renderer for a job's service that renders the first message and fails on the second."""
    calls = 0

    def render(_notice: object) -> Rendered:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise RenderingFailed
        return rendered

    return render


async def outbox_size(session: AsyncSession) -> int:
    return await session.scalar(select(func.count()).select_from(Delivery)) or 0
