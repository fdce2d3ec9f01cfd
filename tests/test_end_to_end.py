"""`python -m bot` as a real process, long polling a Bot API server on loopback through BOT_API_URL.

The server (tests/bot_api.py) speaks the Bot API's HTTP protocol on loopback.
"""

import asyncio
import json
import os
import signal
import sys
from pathlib import Path

from tests.conftest import ADMIN_ID, TOKEN, sqlite_url
from tests.support.bot_api import BOT, BotApiServer, user_message
from tests.support.conversation import ru, shows


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
        assert shows(consent["text"], "consent-ask", policy="none")
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
        assert ru("cmd-start") in menu["text"] and ru("role-admin") in menu["text"]
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert "Traceback" not in stderr.decode(), stderr.decode()[-2000:]
    assert (tmp_path / "e2e.sqlite3").exists()
