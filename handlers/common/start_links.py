"""Deep links a feature answers itself (t.me/<bot>?start=<payload>): /start hands a payload to the feature whose
pattern matches it. Feature packages may not import one another, so each registers its link here, as
conversations register their roles with `staff_only`."""

import re
from collections.abc import Awaitable, Callable

from aiogram.types import Message

from handlers.common.context import Ctx

StartLink = Callable[[Message, Ctx, re.Match[str]], Awaitable[None]]
_links: list[tuple[re.Pattern[str], StartLink]] = []


def start_link(pattern: str) -> Callable[[StartLink], StartLink]:
    """Register the function that answers /start with a payload matching `pattern` (as a whole)."""

    def register(opener: StartLink) -> StartLink:
        _links.append((re.compile(pattern, re.ASCII), opener))
        return opener

    return register


async def open_start_link(message: Message, ctx: Ctx, payload: str) -> bool:
    """Answer a registered link; False when no feature claims the payload (then it may be an invite)."""
    for pattern, opener in _links:
        if match := pattern.fullmatch(payload):
            await opener(message, ctx, match)
            return True
    return False
