"""`python -m bot` as a real process, long polling a Bot API server on loopback through BOT_API_URL.

The server is a small aiohttp application speaking the Bot API's HTTP protocol: it hands out
updates a test queues and records the bot's calls, refusing HTML Telegram would refuse.
"""

import asyncio
import json
import os
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from tests.conftest import ADMIN_ID, TOKEN, sqlite_url
from tests.fake_telegram import html_to_plain

ROOT = Path(__file__).resolve().parent.parent
BOT = {"id": 42, "is_bot": True, "first_name": "НМС", "username": "nms_test_bot"}


class BotApiServer:
    def __init__(self) -> None:
        self.updates: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.calls: asyncio.Queue[tuple[str, dict[str, Any]]] = asyncio.Queue()
        self.next_update_id = 1
        self.next_message_id = 1

    def queue(self, **update: Any) -> None:
        self.updates.put_nowait({"update_id": self.next_update_id, **update})
        self.next_update_id += 1

    async def handle(self, request: web.Request) -> web.Response:
        assert request.match_info["token"] == TOKEN
        method = request.match_info["method"].lower()
        params: dict[str, Any] = dict(await request.post())
        if method == "getupdates":
            return self.ok(await self.poll())
        await self.calls.put((method, params))
        if method == "getme":
            return self.ok(BOT)
        if method in {"sendmessage", "editmessagetext"}:
            if params.get("parse_mode") == "HTML":
                try:
                    html_to_plain(params["text"])
                except ValueError as error:
                    return web.json_response({"ok": False, "error_code": 400, "description": str(error)}, status=400)
            self.next_message_id += 1
            chat = {"id": int(params["chat_id"]), "type": "private"}
            return self.ok({"message_id": self.next_message_id, "date": 0, "chat": chat, "text": params["text"]})
        return self.ok(True)

    async def poll(self) -> list[dict[str, Any]]:
        try:
            return [await asyncio.wait_for(self.updates.get(), timeout=0.5)]
        except TimeoutError:
            return []

    @staticmethod
    def ok(result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result})

    async def next_call(self, method: str) -> dict[str, Any]:
        """The next call of `method` the bot makes (others are skipped), waiting up to a minute."""
        while True:
            name, params = await asyncio.wait_for(self.calls.get(), timeout=60)
            if name == method.lower():
                return params


@pytest.fixture
async def server() -> AsyncIterator[tuple[BotApiServer, str]]:
    api = BotApiServer()
    app = web.Application()
    app.router.add_post("/bot{token}/{method}", api.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    yield api, f"http://127.0.0.1:{port}"
    await runner.cleanup()


def user_message(text: str) -> dict[str, Any]:
    user = {"id": ADMIN_ID, "is_bot": False, "first_name": "Админ", "language_code": "ru"}
    entities = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}] if text.startswith("/") else []
    return {
        "message_id": 1,
        "date": 0,
        "chat": {"id": ADMIN_ID, "type": "private"},
        "from": user,
        "text": text,
        "entities": entities,
    }


async def test_bot_process_serves_an_admin_through_a_local_bot_api(
    server: tuple[BotApiServer, str], tmp_path: Path
) -> None:
    api, url = server
    env = {key: value for key, value in os.environ.items() if not key.startswith(("BOT_", "DATABASE_", "ADMIN_"))}
    env |= {
        "BOT_TOKEN": TOKEN,
        "BOT_API_URL": url,
        "ADMIN_IDS": str(ADMIN_ID),
        "DATABASE_URL": sqlite_url(tmp_path / "e2e.sqlite3"),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        api.queue(message=user_message("/start"))
        consent = await api.next_call("sendMessage")
        assert "согласие на обработку персональных данных" in consent["text"]
        button = json.loads(consent["reply_markup"])["inline_keyboard"][0][0]
        api.queue(
            callback_query={
                "id": "1",
                "chat_instance": "c",
                "data": button["callback_data"],
                "from": {"id": ADMIN_ID, "is_bot": False, "first_name": "Админ"},
                "message": user_message("…") | {"from": BOT},
            }
        )
        await api.next_call("answerCallbackQuery")
        commands = await api.next_call("setMyCommands")
        assert "orgs" in commands["commands"]
        menu = await api.next_call("sendMessage")
        assert "Главное меню" in menu["text"] and "администратор" in menu["text"]
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert "Traceback" not in stderr.decode(), stderr.decode()[-2000:]
    assert (tmp_path / "e2e.sqlite3").exists()
