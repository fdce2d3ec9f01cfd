"""`python -m bot` starts the bot; `migrate` and `demo` are the other commands."""

import argparse
import asyncio
import logging
import sys

from aiogram.exceptions import TelegramNetworkError, TelegramUnauthorizedError
from pydantic import ValidationError

from bot.app import run_polling
from bot.cli import demo, migrate_only
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
    parser.add_argument("command", nargs="?", default="run", choices=["run", "migrate", "demo"])
    command = parser.parse_args(argv).command
    settings = load_settings()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if command == "migrate":
        asyncio.run(migrate_only(settings))
    elif command == "demo":
        asyncio.run(demo(settings))
    else:
        try:
            asyncio.run(run_polling(settings))
        except TelegramUnauthorizedError:
            print("Telegram rejected BOT_TOKEN (401 Unauthorized): check the token from @BotFather", file=sys.stderr)
            raise SystemExit(1) from None
        except TelegramNetworkError as error:
            api = settings.bot_api_url or "api.telegram.org"
            print(f"Cannot reach the Bot API at {api}: {error.message}", file=sys.stderr)
            raise SystemExit(1) from None


if __name__ == "__main__":
    main()
