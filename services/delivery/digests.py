"""The weekly digest: who is due one now (their weekday and local hour), and what goes in it by role.

Everything is counted for all due people at once with grouped queries, never person by person, so a
region's hundred thousand digests are composed in seconds."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from services.errors import InvalidInput
from services.indicators.calculation import IndicatorValue, SetReport, compute, load_scope, period_of, school_row
from services.models.delivery import Delivery, DeliveryStatus
from services.models.events import Event, EventSchool, EventStatus, EventSubject, Registration, RegistrationStatus
from services.models.mentoring import Meeting, MeetingStatus, MentorPair, PairStatus
from services.models.people import JoinRequest, JoinStatus, Organisation, Person, PersonSubject, Role, RoleGrant, User
from services.models.routes import ItemStatus, Route, RouteItem, RouteStatus
from services.outbox import NewDelivery, enqueue
from services.people.persons import is_young_specialist

WEEK = timedelta(days=7)
LATE_BY_AT_MOST = timedelta(days=1)  # a digest missed (the bot was down) still goes within a day
LISTED = 5  # events named in a section; the rest are counted
HEADLINE = 3  # indicators in a manager's digest


@dataclass
class Recipient:
    user_id: int
    tg_id: int
    language: str
    timezone: str
    week: str  # ISO week of their slot, e.g. 2026-W48: one digest per person per week
    person_id: int | None = None
    school_id: int | None = None
    is_manager: bool = False
    coordinator_of: set[int] = field(default_factory=set)  # school ids
    methodist_of: set[int] = field(default_factory=set)  # municipality ids


@dataclass(frozen=True)
class EventLine:
    title: str
    starts_at: datetime
    timezone: str


@dataclass
class Digest:
    recipient: Recipient
    my_events: list[EventLine] = field(default_factory=list)
    new_events: list[EventLine] = field(default_factory=list)
    items_due: int = 0
    items_overdue: int = 0
    meetings_this_week: int = 0
    silent_mentees: list[str] = field(default_factory=list)
    reports_waiting: int = 0
    routes_waiting: int = 0
    join_requests: int = 0
    headline: list[IndicatorValue] = field(default_factory=list)  # a few indicators of a manager's scope

    @property
    def empty(self) -> bool:
        return not (
            self.my_events
            or self.new_events
            or self.items_due
            or self.items_overdue
            or self.meetings_this_week
            or self.silent_mentees
            or self.reports_waiting
            or self.routes_waiting
            or self.join_requests
            or self.headline
        )


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


async def compose(
    session: AsyncSession, recipients: list[Recipient], *, now: datetime, silent_days: int
) -> list[Digest]:
    """What each recipient's digest says; an empty one is dropped."""
    digests = {recipient.user_id: Digest(recipient) for recipient in recipients}
    by_person = {r.person_id: digests[r.user_id] for r in recipients if r.person_id is not None}
    if by_person:
        await _my_events(session, by_person, now)
        await _new_events(session, by_person, now)
        await _route_items(session, by_person, now.date())
        await _mentoring(session, by_person, now, silent_days)
    managers = [
        digest for digest in digests.values() if digest.recipient.coordinator_of or digest.recipient.methodist_of
    ]
    if managers:
        await _managers(session, managers)
        await _headlines(session, managers, now)
    return [digest for digest in digests.values() if not digest.empty]


async def _my_events(session: AsyncSession, by_person: dict[int, Digest], now: datetime) -> None:
    rows = await session.execute(
        select(Registration.person_id, Event.title, Event.starts_at, Event.timezone)
        .join(Event, Event.id == Registration.event_id)
        .where(
            Registration.status.in_([RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED]),
            Event.status == EventStatus.ACTIVE,
            Event.starts_at > now,
            Event.starts_at <= now + WEEK,
        )
        .order_by(Event.starts_at)
    )
    for person_id, title, starts_at, timezone in rows:
        if (digest := by_person.get(person_id)) is not None:
            digest.my_events.append(EventLine(title, starts_at, timezone))


async def _new_events(session: AsyncSession, by_person: dict[int, Digest], now: datetime) -> None:
    """Events announced this week, still open for sign-up, whose audience includes the person and which
    they have not signed up for yet."""
    events = list(
        await session.execute(
            select(Event.id, Event.municipality_id, Event.title, Event.starts_at, Event.timezone, Event.young_only)
            .add_columns(Event.audience_role)
            .where(
                Event.status == EventStatus.ACTIVE,
                Event.created_at > now - WEEK,
                Event.starts_at > now,
                (Event.registration_until.is_(None)) | (Event.registration_until > now),
            )
            .order_by(Event.starts_at)
        )
    )
    if not events:
        return
    ids = [row[0] for row in events]
    schools: dict[int, set[int]] = defaultdict(set)
    for event_id, school_id in await session.execute(
        select(EventSchool.event_id, EventSchool.school_id).where(EventSchool.event_id.in_(ids))
    ):
        schools[event_id].add(school_id)
    subjects: dict[int, set[str]] = defaultdict(set)
    for event_id, subject in await session.execute(
        select(EventSubject.event_id, EventSubject.subject).where(EventSubject.event_id.in_(ids))
    ):
        subjects[event_id].add(subject)
    people = await session.execute(
        select(
            Person.id, Person.school_id, Organisation.parent_id, Person.birth_date, Person.work_start, Person.is_manager
        )
        .join(Organisation, Organisation.id == Person.school_id)
        .where(Person.id.in_(select(User.person_id).where(User.person_id.is_not(None))), Person.is_active)
    )
    registered = set(
        await session.execute(
            select(Registration.person_id, Registration.event_id).where(
                Registration.event_id.in_(ids), Registration.status != RegistrationStatus.CANCELLED
            )
        )
    )
    taught: dict[int, set[str]] = defaultdict(set)
    if any(subjects.values()):
        for person_id, subject in await session.execute(select(PersonSubject.person_id, PersonSubject.subject)):
            taught[person_id].add(subject)
    today = now.date()
    for person_id, school_id, municipality_id, birth, work_start, is_manager in people:
        digest = by_person.get(person_id)
        if digest is None:
            continue
        young = is_young_specialist(birth, work_start, today)
        for event_id, event_municipality, title, starts_at, timezone, young_only, role in events:
            if (
                (person_id, event_id) not in registered
                and event_municipality == municipality_id
                and (not schools[event_id] or school_id in schools[event_id])
                and (not subjects[event_id] or subjects[event_id] & taught[person_id])
                and (not young_only or young)
                and (role is None or (role == "manager" and is_manager) or _holds(digest.recipient, role))
            ):
                digest.new_events.append(EventLine(title, starts_at, timezone))


def _holds(recipient: Recipient, role: str) -> bool:
    return (role == Role.COORDINATOR and bool(recipient.coordinator_of)) or (
        role == Role.METHODIST and bool(recipient.methodist_of)
    )


async def _route_items(session: AsyncSession, by_person: dict[int, Digest], today: date) -> None:
    overdue = RouteItem.deadline < today
    rows = await session.execute(
        select(Route.person_id, func.count().filter(~overdue), func.count().filter(overdue))
        .join(Route, Route.id == RouteItem.route_id)
        .where(
            Route.status.in_([RouteStatus.APPROVED, RouteStatus.IN_PROGRESS]),
            RouteItem.status.in_([ItemStatus.PLANNED, ItemStatus.RETURNED]),
            RouteItem.deadline <= today + WEEK,
        )
        .group_by(Route.person_id)
    )
    for person_id, due, late in rows:
        if (digest := by_person.get(person_id)) is not None:
            digest.items_due, digest.items_overdue = due, late


async def _mentoring(session: AsyncSession, by_person: dict[int, Digest], now: datetime, silent_days: int) -> None:
    """For mentors: meetings logged this week, and mentees without a meeting for `silent_days`."""
    counted = await session.execute(
        select(MentorPair.mentor_id, func.count())
        .join(Meeting, Meeting.pair_id == MentorPair.id)
        .where(MentorPair.status == PairStatus.ACTIVE, Meeting.created_at > now - WEEK)
        .group_by(MentorPair.mentor_id)
    )
    for mentor_id, meetings in counted:
        if (digest := by_person.get(mentor_id)) is not None:
            digest.meetings_this_week = meetings
    last = (
        select(Meeting.pair_id, func.max(Meeting.held_on).label("held_on"))
        .where(Meeting.status != MeetingStatus.DISPUTED)
        .group_by(Meeting.pair_id)
        .subquery()
    )
    since = func.coalesce(last.c.held_on, MentorPair.started_on)
    silent = await session.execute(
        select(MentorPair.mentor_id, Person.full_name)
        .join(Person, Person.id == MentorPair.mentee_id)
        .outerjoin(last, last.c.pair_id == MentorPair.id)
        .where(MentorPair.status == PairStatus.ACTIVE, since <= now.date() - timedelta(days=silent_days))
        .order_by(Person.full_name)
    )
    for mentor_id, mentee in silent:
        if (digest := by_person.get(mentor_id)) is not None:
            digest.silent_mentees.append(mentee)


async def _managers(session: AsyncSession, managers: list[Digest]) -> None:
    """Reports and routes waiting for review and join requests, counted by school once, summed per scope."""
    municipality_of = dict(
        (
            await session.execute(
                select(Organisation.id, Organisation.parent_id).where(Organisation.parent_id.is_not(None))
            )
        ).all()
    )
    reports = dict(
        (
            await session.execute(
                select(Person.school_id, func.count())
                .join(Route, Route.person_id == Person.id)
                .join(RouteItem, RouteItem.route_id == Route.id)
                .where(RouteItem.status == ItemStatus.REPORTED)
                .group_by(Person.school_id)
            )
        ).all()
    )
    routes = dict(
        (
            await session.execute(
                select(Person.school_id, func.count())
                .join(Route, Route.person_id == Person.id)
                .where(Route.status == RouteStatus.SUBMITTED)
                .group_by(Person.school_id)
            )
        ).all()
    )
    joins = dict(
        (
            await session.execute(
                select(JoinRequest.school_id, func.count())
                .where(JoinRequest.status == JoinStatus.PENDING)
                .group_by(JoinRequest.school_id)
            )
        ).all()
    )
    for digest in managers:
        recipient = digest.recipient

        def in_scope(school_id: int, recipient: Recipient = recipient) -> bool:
            return school_id in recipient.coordinator_of or municipality_of.get(school_id) in recipient.methodist_of

        digest.reports_waiting = sum(n for school, n in reports.items() if in_scope(school))
        digest.routes_waiting = sum(n for school, n in routes.items() if in_scope(school))
        digest.join_requests = sum(n for school, n in joins.items() if in_scope(school))


async def _headlines(session: AsyncSession, managers: list[Digest], now: datetime) -> None:
    """The first few computed indicators of the school year: the municipality's for its methodists, the
    school's own (from the same breakdown) for its coordinator. One calculation per municipality."""
    municipality_of = dict(
        (
            await session.execute(
                select(Organisation.id, Organisation.parent_id).where(Organisation.parent_id.is_not(None))
            )
        ).all()
    )
    reports: dict[int, SetReport] = {}
    period = period_of("school_year", now.date())
    for digest in managers:
        recipient = digest.recipient
        school_id = min(recipient.coordinator_of, default=None)
        municipality_id = min(recipient.methodist_of, default=None) or municipality_of.get(school_id or 0)
        if municipality_id is None:
            continue
        if municipality_id not in reports:
            scope = await load_scope(session, municipality_id)
            reports[municipality_id] = await compute(session, scope=scope, period=period, now=now)
        rows = [row for row in reports[municipality_id].rows if row.schools][:HEADLINE]
        if recipient.methodist_of or school_id is None:
            digest.headline = rows
        else:
            digest.headline = [school_row(row, school_id) for row in rows]


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
