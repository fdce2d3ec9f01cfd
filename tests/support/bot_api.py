"""A Bot API server on loopback speaking the Bot API's HTTP protocol: it hands out updates a test queues
and records the bot's calls, refusing HTML Telegram would refuse. Used by the tests that run the bot
as real processes."""

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web

from tests.conftest import ADMIN_ID, TOKEN
from tests.support.fake_telegram import html_to_plain

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
