"""Several processes on loopback with real PostgreSQL and Redis: two webhook workers take a person's
updates in turn and the conversation still works; one worker process sends a 2 000-message broadcast,
each recipient exactly once, while both web workers keep answering.

Runs when TEST_POSTGRES_URL and TEST_REDIS_URL are set (scripts/with-services sets both)."""

import asyncio
import json
import os
import signal
import socket
import sys
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from services.outbox import NewDelivery, enqueue
from tests.conftest import ADMIN_ID, POSTGRES, TOKEN
from tests.support.bot_api import BOT, BotApiServer, user_message
from tests.support.conversation import ru, ru_pattern

REDIS = os.environ.get("TEST_REDIS_URL")
SECRET = "s3cret-token"
RECIPIENTS = 2_000
pytestmark = pytest.mark.skipif(not (POSTGRES and REDIS), reason="needs TEST_POSTGRES_URL and TEST_REDIS_URL")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Processes:
    def __init__(self, env: dict[str, str], cwd: Path) -> None:
        self.env, self.cwd = env, cwd
        self.running: list[asyncio.subprocess.Process] = []

    async def start(self, *args: str, **env: str) -> None:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", *args, cwd=self.cwd, env=self.env | env,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        self.running.append(process)

    async def stop(self) -> list[str]:
        for process in self.running:
            process.send_signal(signal.SIGTERM)
        return [(await asyncio.wait_for(p.communicate(), timeout=60))[1].decode() for p in self.running]


@pytest.fixture
async def processes(
    server: tuple[BotApiServer, str], database_url: str, tmp_path: Path
) -> AsyncIterator[tuple[Processes, list[int]]]:
    _api, url = server
    env = {key: value for key, value in os.environ.items() if not key.startswith(("BOT_", "DATABASE_", "ADMIN_"))}
    env |= {
        "BOT_TOKEN": TOKEN,
        "BOT_API_URL": url,
        "ADMIN_IDS": str(ADMIN_ID),
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS or "",
        "WEBHOOK_SECRET": SECRET,
        "SEND_RATE": "400",
    }
    ports = [free_port(), free_port()]
    running = Processes(env, tmp_path)
    for port in ports:
        await running.start("web", WEB_PORT=str(port))
    await running.start("worker")
    async with aiohttp.ClientSession() as http:
        for port in ports:
            for _attempt in range(300):
                try:
                    async with http.get(f"http://127.0.0.1:{port}/health") as response:
                        if response.status == 200:
                            break
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.1)
            else:
                pytest.fail(f"web worker on {port} did not come up")
    yield running, ports
    errors = await running.stop()
    assert not any("Traceback" in error for error in errors), "\n".join(error[-2000:] for error in errors)


async def post(http: aiohttp.ClientSession, port: int, update: dict[str, Any], secret: str = SECRET) -> int:
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret}
    async with http.post(f"http://127.0.0.1:{port}/webhook", json=update, headers=headers) as response:
        return response.status


def press(update_id: int, data: str) -> dict[str, Any]:
    who = {"id": ADMIN_ID, "is_bot": False, "first_name": "Админ"}
    message = user_message("…") | {"from": BOT}
    return {
        "update_id": update_id,
        "callback_query": {"id": str(update_id), "chat_instance": "c", "data": data, "from": who, "message": message},
    }


async def test_two_web_workers_share_a_conversation_and_the_worker_sends_a_broadcast_once_each(
    server: tuple[BotApiServer, str],
    processes: tuple[Processes, list[int]],
    session: AsyncSession,
) -> None:
    api, _url = server
    _running, (first, second) = processes
    async with aiohttp.ClientSession() as http:
        assert await post(http, first, {"update_id": 1, "message": user_message("/start")}, secret="wrong") == 401
        assert await post(http, first, {"update_id": 2, "message": user_message("/start")}) == 200
        consent = await api.next_call("sendMessage")
        button = json_button(consent)
        assert await post(http, second, press(3, button)) == 200
        await api.next_call("answerCallbackQuery")
        assert await post(http, first, {"update_id": 4, "message": user_message("/orgs")}) == 200
        screen = await shown(api, "sendMessage", "orgs-title")
        # Each next step lands on the other worker: the conversation state is in Redis.
        assert await post(http, second, press(5, json_button(screen, ru("orgs-add")))) == 200
        await shown(api, "editMessageText", "orgs-type-name")  # the screen is redrawn in place
        assert await post(http, first, {"update_id": 6, "message": user_message("Энский район")}) == 200
        zones = await shown(api, "sendMessage", "orgs-choose-timezone", name="Энский район")
        assert await post(http, second, press(7, json_button(zones))) == 200
        await shown(api, "editMessageText", "orgs-created", name="Энский район")

        await enqueue(
            session,
            [NewDelivery(key=f"news:1:{n}", chat_id=100_000 + n, text=f"Новость {n}") for n in range(RECIPIENTS)],
            now=datetime.now(UTC),  # the worker runs on the real clock
        )
        await session.commit()
        sent: Counter[int] = Counter()
        answered_meanwhile = 0
        for update_id in range(8, 1_000):  # at most ~3 minutes
            port = first if update_id % 2 else second
            assert await post(http, port, {"update_id": update_id, "message": user_message("/help")}) == 200
            while not api.calls.empty():
                method, params = api.calls.get_nowait()
                chat = int(params.get("chat_id", 0))
                if method == "sendmessage" and chat >= 100_000:
                    sent[chat] += 1
                elif method == "sendmessage" and chat == ADMIN_ID and len(sent) < RECIPIENTS:
                    answered_meanwhile += 1
            if len(sent) == RECIPIENTS:
                break
            await asyncio.sleep(0.2)
    assert answered_meanwhile >= 2  # /help answered by both workers while the broadcast went out
    assert sorted(sent) == [100_000 + n for n in range(RECIPIENTS)] and set(sent.values()) == {1}


async def shown(api: BotApiServer, method: str, key: str, **values: Any) -> dict[str, Any]:
    """The next call of `method` whose text is the locale message `key` with these values (earlier calls are
    passed over)."""
    pattern = ru_pattern(key, **values)
    while True:
        params = await api.next_call(method)
        if pattern.search(params.get("text", "")):
            return params


def json_button(call: dict[str, Any], contains: str = "") -> str:
    for row in json.loads(call["reply_markup"])["inline_keyboard"]:
        for button in row:
            if contains in button["text"]:
                return str(button["callback_data"])
    raise AssertionError(f"no button with {contains!r} in {call['reply_markup']}")
