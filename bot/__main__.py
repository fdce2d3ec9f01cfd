"""`python -m bot` starts the bot in one process (long polling, or a webhook when WEBHOOK_URL is set);
`web` serves webhooks only, `worker` runs the scheduler and the bulk sender only; `migrate`, `demo` and
`backup [file]` are the other commands."""

import argparse
import asyncio
import logging
import sys

from aiogram.exceptions import TelegramNetworkError, TelegramUnauthorizedError
from pydantic import ValidationError

from bot.cli import backup, demo, migrate_only
from bot.serve import run_polling, run_web, run_worker
from bot.settings import Settings


def load_settings() -> Settings:
    """Settings, or one clear line per problem and exit code 2: no traceback for a missing token."""
    try:
        return Settings()  # fields come from the environment
    except ValidationError as error:
        for problem in error.errors():
            name = ".".join(str(part) for part in problem["loc"]).upper()
            reason = "is not set" if problem["type"] == "missing" else problem["msg"].removeprefix("Value error, ")
            print(f"Settings error: {name} {reason} (see .env.example)", file=sys.stderr)
        raise SystemExit(2) from None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot", description="НМС Telegram bot")
    parser.add_argument(
        "command", nargs="?", default="run", choices=["run", "web", "worker", "migrate", "demo", "backup"]
    )
    parser.add_argument("target", nargs="?", help="backup: the file to write")
    arguments = parser.parse_args(argv)
    command = arguments.command
    settings = load_settings()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if command == "migrate":
        asyncio.run(migrate_only(settings))
    elif command == "demo":
        raise SystemExit(asyncio.run(demo(settings)))
    elif command == "backup":
        raise SystemExit(backup(settings, arguments.target))
    else:
        try:
            asyncio.run(_serve(command, settings))
        except TelegramUnauthorizedError:
            print("Telegram rejected BOT_TOKEN (401 Unauthorized): check the token from @BotFather", file=sys.stderr)
            raise SystemExit(1) from None
        except TelegramNetworkError as error:
            api = settings.bot_api_url or "api.telegram.org"
            print(f"Cannot reach the Bot API at {api}: {error.message}", file=sys.stderr)
            raise SystemExit(1) from None


async def _serve(command: str, settings: Settings) -> None:
    if command == "worker":
        await run_worker(settings)
    elif command == "web" or settings.webhook_url:
        await run_web(settings, with_background=command == "run")
    else:
        await run_polling(settings)


if __name__ == "__main__":
    main()
