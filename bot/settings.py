"""Typed settings read once at start from the environment or `.env`."""

import re
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from services.db import DEFAULT_DATABASE_URL

# Bot API tokens look like "123456789:AA...": a numeric bot id, a colon, 30+ url-safe chars.
TOKEN_PATTERN = re.compile(r"^\d{5,}:[A-Za-z0-9_-]{30,}$")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: SecretStr
    database_url: str = DEFAULT_DATABASE_URL
    bot_api_url: str | None = None
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    default_timezone: str = "Europe/Moscow"
    region_name: str = "Регион"
    invite_ttl_days: int = Field(default=30, ge=1, le=365)
    mentor_limit: int = Field(default=5, ge=1, le=50)
    nudge_days: int = Field(default=14, ge=1, le=365)
    escalate_days: int = Field(default=30, ge=1, le=365)
    send_rate: float = Field(default=25, gt=0, le=1000)  # bulk messages a second, all chats together
    progress_seconds: float = Field(default=3, ge=0.5, le=60)
    log_level: str = "INFO"
    # The operator of personal data (152-ФЗ) named in the consent text, and its data-processing policy.
    operator_name: str = Field(default="Муниципальная методическая служба", min_length=1, max_length=300)
    operator_policy_url: str | None = None
    # Several processes (issue #9): webhook mode, shared conversation state, the web server's address.
    webhook_url: str | None = None  # the public base URL Telegram posts updates to (…/webhook)
    webhook_secret: SecretStr | None = None  # checked on every update Telegram posts
    web_host: str = "127.0.0.1"
    web_port: int = Field(default=8080, ge=1, le=65535)
    redis_url: str | None = None

    @field_validator("bot_token")
    @classmethod
    def _token_looks_real(cls, value: SecretStr) -> SecretStr:
        if not TOKEN_PATTERN.match(value.get_secret_value()):
            raise ValueError("does not look like a Bot API token (123456:ABC...)")
        return value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_admin_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(int(part) for part in re.split(r"[,\s]+", value.strip()) if part)
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("default_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r}") from error
        return value

    @field_validator("operator_policy_url")
    @classmethod
    def _web_link(cls, value: str | None) -> str | None:
        if value and not re.fullmatch(r"https?://\S+", value):
            raise ValueError("OPERATOR_POLICY_URL must be an http(s) link")
        return value or None

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return level
