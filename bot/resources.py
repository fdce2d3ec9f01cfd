"""What every update and job shares: the process's resources, built once at start."""

from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.settings import Settings
from handlers.common.i18n import Translations
from services.clock import Clock


@dataclass(frozen=True)
class Resources:
    """Built once at start; reaches every update as the dispatcher's workflow data."""

    settings: Settings
    session_factory: async_sessionmaker[AsyncSession]
    region_id: int
    clock: Clock
    translations: Translations

    def as_data(self) -> dict[str, Any]:
        return {field.name: getattr(self, field.name) for field in fields(self)}
