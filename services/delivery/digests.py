"""The weekly digest's schedule: who is due one now (their weekday and local hour), queuing the digests in one
transaction, and each person's digest settings. What a digest says is services.delivery.digest_content."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from services.delivery.digest_content import Digest, Recipient, compose
from services.errors import InvalidInput
from services.models.delivery import Delivery, DeliveryStatus
from services.models.people import Organisation, Person, Role, RoleGrant, User
from services.outbox import NewDelivery, enqueue

LATE_BY_AT_MOST = timedelta(days=1)  # a digest missed (the bot was down) still goes within a day


def digest_key(recipient: Recipient) -> str:
    return f"digest:{recipient.week}:{recipient.user_id}"


def _slot(local: datetime, weekday: int, hour: int) -> datetime:
    """This week's digest moment for a person, in their local time."""
    monday = (local - timedelta(days=local.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    return monday + timedelta(days=weekday, hours=hour)


def _due_slots(now: datetime, timezone: str) -> dict[int, str]:
    """The weekly moments (weekday * 24 + hour) that have come within the last day in a zone, with their ISO
    week; at most 24 of the 168, so the database picks the people due instead of Python reading everyone."""
    local = now.astimezone(ZoneInfo(timezone))
    due: dict[int, str] = {}
    for weekday in range(7):
        for hour in range(24):
            slot = _slot(local, weekday, hour)
            if slot <= local < slot + LATE_BY_AT_MOST:
                year, week, _ = slot.isocalendar()
                due[weekday * 24 + hour] = f"{year}-W{week:02d}"
    return due


async def due_recipients(session: AsyncSession, *, now: datetime) -> list[Recipient]:
    """People whose digest moment of this week has come (within a day) and who have not had it yet."""
    school = aliased(Organisation)
    manager_roles = [Role.COORDINATOR, Role.METHODIST]
    # Without a school of one's own, the zone of an organisation one manages.
    managed_zone = (
        select(func.min(Organisation.timezone))
        .join(RoleGrant, RoleGrant.org_id == Organisation.id)
        .where(RoleGrant.user_id == User.id, RoleGrant.role.in_(manager_roles))
        .scalar_subquery()
    )
    timezone = func.coalesce(school.timezone, managed_zone)
    moment = User.digest_weekday * 24 + User.digest_hour
    zones = await session.scalars(select(Organisation.timezone).distinct())
    slots = {zone: _due_slots(now, zone) for zone in zones}
    rows = await session.execute(
        select(
            User.id, User.tg_id, User.language, moment, User.person_id, Person.school_id, Person.is_manager, timezone
        )
        .outerjoin(Person, (Person.id == User.person_id) & Person.is_active)
        .outerjoin(school, school.id == Person.school_id)
        .where(
            User.digest_enabled,
            User.consent_at.is_not(None),
            User.blocked_at.is_(None),
            or_(false(), *[(timezone == zone) & moment.in_(list(due)) for zone, due in slots.items() if due]),
        )
    )
    due = [
        Recipient(user_id, tg_id, language, zone, slots[zone][at], person_id, school_id, bool(is_manager))
        for user_id, tg_id, language, at, person_id, school_id, is_manager, zone in rows
    ]
    by_user = {recipient.user_id: recipient for recipient in due}
    # Managers are few: all their grants in one query, rather than an IN list of every due person.
    for user_id, role, org_id in await session.execute(
        select(RoleGrant.user_id, RoleGrant.role, RoleGrant.org_id).where(RoleGrant.role.in_(manager_roles))
    ):
        if recipient := by_user.get(user_id):
            (recipient.coordinator_of if role == Role.COORDINATOR else recipient.methodist_of).add(org_id)
    done = await _sent_keys(session, {recipient.week for recipient in due})
    return [recipient for recipient in due if digest_key(recipient) not in done]


async def _sent_keys(session: AsyncSession, weeks: set[str]) -> set[str]:
    keys: set[str] = set()
    for week in weeks:
        keys |= set(await session.scalars(select(Delivery.key).where(Delivery.key.like(f"digest:{week}:%"))))
    return keys


async def queue_digests(
    session: AsyncSession, *, now: datetime, silent_days: int, render: Callable[[Digest], tuple[str, str]]
) -> int:
    """Put this week's digest of everyone whose moment has come into the outbox, in one transaction;
    returns how many digests had something to say. `render` gives a digest's text and its keyboard (as JSON)."""
    due = await due_recipients(session, now=now)
    digests = {
        digest.recipient.user_id: digest for digest in await compose(session, due, now=now, silent_days=silent_days)
    }
    deliveries = []
    for recipient in due:
        digest = digests.get(recipient.user_id)
        # An empty digest is recorded as skipped, so the next run does not compose it again.
        text, markup = render(digest) if digest else (None, None)
        status = DeliveryStatus.PENDING if digest else DeliveryStatus.SKIPPED
        deliveries.append(
            NewDelivery(digest_key(recipient), recipient.tg_id, recipient.user_id, text, markup, status=status)
        )
    await enqueue(session, deliveries, now=now)
    await session.commit()
    return len(digests)


@dataclass(frozen=True)
class DigestSettings:
    enabled: bool
    weekday: int  # 0 is Monday
    hour: int  # local


async def digest_settings(session: AsyncSession, *, user_id: int) -> DigestSettings:
    user = await session.get_one(User, user_id)
    return DigestSettings(user.digest_enabled, user.digest_weekday, user.digest_hour)


async def set_digest(
    session: AsyncSession,
    *,
    user_id: int,
    enabled: bool | None = None,
    weekday: int | None = None,
    hour: int | None = None,
) -> DigestSettings:
    """Turn the digest on or off, or move it to another weekday or local hour."""
    if (weekday is not None and not 0 <= weekday <= 6) or (hour is not None and not 0 <= hour <= 23):
        raise InvalidInput("stale-button")
    user = await session.get_one(User, user_id)
    if enabled is not None:
        user.digest_enabled = enabled
    if weekday is not None:
        user.digest_weekday = weekday
    if hour is not None:
        user.digest_hour = hour
    await session.commit()
    return DigestSettings(user.digest_enabled, user.digest_weekday, user.digest_hour)
