"""Bot API failures: 429s and transient errors are retried; anything unexpected gets an apology, not silence."""

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.methods import SendMessage

from bot.app import build_bot
from bot.retry import RetryMiddleware
from bot.settings import Settings
from tests.conftest import ADMIN_ID
from tests.support.conversation import Harness, ru, shows, texts
from tests.support.factories import join_with_consent
from tests.support.fake_telegram import FakeTelegram

PROBE = SendMessage(chat_id=5, text="probe")


def bot_with(settings: Settings, pauses: list[float]) -> tuple[FakeTelegram, Bot]:
    """A bot whose retry middleware records its pauses instead of sleeping."""

    async def record(seconds: float) -> None:
        pauses.append(seconds)

    telegram = FakeTelegram()
    return telegram, build_bot(settings, session=telegram, retry=RetryMiddleware(sleep=record))


async def test_429_waits_retry_after_and_delivers(settings: Settings) -> None:
    pauses: list[float] = []
    telegram, bot = bot_with(settings, pauses)
    telegram.fail_next(TelegramRetryAfter(method=PROBE, message="Too Many Requests", retry_after=7))
    await bot.send_message(5, "hello")
    assert pauses == [7]
    assert [sent.text for sent in telegram.sent] == ["hello"]


async def test_network_and_server_errors_back_off_then_deliver(settings: Settings) -> None:
    pauses: list[float] = []
    telegram, bot = bot_with(settings, pauses)
    telegram.fail_next(
        TelegramNetworkError(method=PROBE, message="timeout"),
        TelegramServerError(method=PROBE, message="Bad Gateway"),
    )
    await bot.send_message(5, "hello")
    assert pauses == [0.5, 1.0]
    assert len(telegram.sent) == 1


async def test_retries_are_bounded(settings: Settings) -> None:
    pauses: list[float] = []
    telegram, bot = bot_with(settings, pauses)
    telegram.fail_next(*[TelegramServerError(method=PROBE, message="Bad Gateway")] * 5)
    with pytest.raises(TelegramServerError):
        await bot.send_message(5, "hello")
    assert len(pauses) == 4 and not telegram.sent


async def test_bad_request_is_not_retried(settings: Settings) -> None:
    pauses: list[float] = []
    telegram, bot = bot_with(settings, pauses)
    telegram.fail_next(TelegramBadRequest(method=PROBE, message="chat not found"))
    with pytest.raises(TelegramBadRequest):
        await bot.send_message(5, "hello")
    assert pauses == []


async def test_the_real_bot_survives_a_429_on_an_ordinary_reply(harness: Harness) -> None:
    harness.telegram.fail_next(TelegramRetryAfter(method=PROBE, message="Too Many Requests", retry_after=0))
    replies = await harness.person(ADMIN_ID).send("/start")
    assert shows(texts(replies), "consent-ask", policy="none")


async def test_unexpected_failure_in_a_handler_gets_an_apology(harness: Harness) -> None:
    admin = harness.person(ADMIN_ID)
    await join_with_consent(admin)
    harness.telegram.fail_next(TelegramBadRequest(method=PROBE, message="something odd"))
    replies = await admin.send("/help")
    assert ru("error-unexpected") in texts(replies)
