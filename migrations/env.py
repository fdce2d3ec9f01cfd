"""Alembic environment: runs on the connection the app passes in, or on DATABASE_URL from the CLI."""

import asyncio
import os

from alembic import context
from sqlalchemy import Connection

from services.db import DEFAULT_DATABASE_URL, create_engine
from services.models import (  # noqa: F401  (register their tables)
    delivery,
    events,
    indicators,
    mentoring,
    routes,
)
from services.models.people import Base

target_metadata = Base.metadata


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode recreates tables
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_standalone() -> None:
    engine = create_engine(os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL))
    async with engine.begin() as connection:
        await connection.run_sync(run_on)
    await engine.dispose()


connection = context.config.attributes.get("connection")
if connection is not None:
    run_on(connection)
else:
    asyncio.run(run_standalone())
