"""Makes every Bot API call survive 429s and transient failures; aiogram does not retry by default."""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramEntityTooLarge,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response, TelegramType

logger = logging.getLogger(__name__)

# Set by the bulk sender while it sends: it handles 429s (pausing all sending, not one request) and
# errors (retrying from the outbox) itself, so this middleware steps aside.
bulk_sending: ContextVar[bool] = ContextVar("bulk_sending", default=False)

# Failures that may pass by themselves: the network, Telegram's 5xx, and an answer that is not Bot API
# JSON (a proxy's HTML error page; aiogram raises ClientDecodeError, which is not a TelegramAPIError).
TRANSIENT = (TelegramNetworkError, TelegramServerError, ClientDecodeError)


class RetryMiddleware(BaseRequestMiddleware):
    """On 429 waits `retry_after` and tries again; on TRANSIENT errors backs off. Both are bounded."""

    def __init__(
        self,
        attempts: int = 5,
        flood_attempts: int = 10,
        base_delay: float = 0.5,
        max_delay: float = 30.0,
        max_retry_after: float = 300.0,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.attempts = attempts
        self.flood_attempts = flood_attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.max_retry_after = max_retry_after
        self.sleep = sleep

    async def __call__(
        self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot, method: TelegramMethod[TelegramType]
    ) -> Response[TelegramType]:
        if bulk_sending.get():
            return await make_request(bot, method)
        failures = floods = 0
        while True:
            try:
                return await make_request(bot, method)
            except TelegramEntityTooLarge:
                raise  # a network error by type, but sending it again cannot help
            except TelegramRetryAfter as error:
                # Telegram's own wait is obeyed as given (it is the flood limit), up to a sane ceiling.
                floods += 1
                if floods >= self.flood_attempts or error.retry_after > self.max_retry_after:
                    raise
                logger.warning("429 on %s: waiting %s s", type(method).__name__, error.retry_after)
                await self.sleep(error.retry_after)
            except TRANSIENT as error:
                failures += 1
                if failures >= self.attempts:
                    raise
                delay = min(self.base_delay * 2 ** (failures - 1), self.max_delay)
                logger.warning("%s on %s: retry %d in %.1f s", error, type(method).__name__, failures, delay)
                await self.sleep(delay)
