"""A person's own data (152-ФЗ): everything the bot stores about them (art. 14), and withdrawal of consent (art. 9)."""

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from services.models.delivery import Broadcast, Delivery
from services.models.events import Event, Registration
from services.models.indicators import Community, CommunityMember
from services.models.mentoring import Meeting, MentorPair, PlanTopic
from services.models.people import Diagnostic, JoinRequest, Organisation, Person, RoleGrant, User
from services.models.routes import DeadlineRequest, Evidence, Route, RouteEvent, RouteItem

SELF_ASSESSMENT = "self"  # the only diagnostic the person gave us themselves; the others are the employer's

Row = dict[str, Any]


async def my_data(session: AsyncSession, *, user_id: int) -> dict[str, Any]:
    """Everything stored about the account and its roster person, as plain data for a file."""
    user = await session.get_one(User, user_id)
    data: dict[str, Any] = {
        "account": {
            "telegram_id": user.tg_id,
            "display_name": user.display_name,
            "language": user.language,
            "consent_at": user.consent_at,
            "created_at": user.created_at,
            "weekly_summary": {
                "enabled": user.digest_enabled,
                "weekday": user.digest_weekday,
                "hour": user.digest_hour,
            },
        },
        "roles": await _roles(session, user_id),
        "join_requests": await _join_requests(session, user_id),
        "queued_messages": await _deliveries(session, user),
        "relayed_messages": "not stored: the bot copies a message to the other side of the pair and keeps no copy",
    }
    if user.person_id is not None:
        data |= await _person_data(session, user.person_id)
    return data


async def my_data_file(session: AsyncSession, *, user_id: int) -> bytes:
    """The same as a JSON document: complete and nested as stored, readable in any text editor, and
    machine-readable should the person take it elsewhere."""
    data = await my_data(session, user_id=user_id)
    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")


async def withdraw_consent(session: AsyncSession, *, user_id: int, now: datetime) -> None:
    """Withdraw consent in one transaction: unlink the Telegram account, delete what the person gave the bot
    (join requests, evidence, self-assessments, queued messages) and the free texts about them (comments,
    meeting notes, mentoring results). The employer's roster row and the facts indicators count (route and
    item statuses, attendance, pairs and meeting dates, community membership) stay; indicator snapshots hold
    only numbers. The account row stays as an anonymous id so other people's history (who approved what)
    still points somewhere; the next message from this Telegram account starts a new one at the consent screen."""
    user = await session.get_one(User, user_id)
    person_id = user.person_id
    await session.execute(delete(RoleGrant).where(RoleGrant.user_id == user_id))
    await session.execute(delete(JoinRequest).where(JoinRequest.user_id == user_id))
    await session.execute(delete(Delivery).where(or_(Delivery.user_id == user_id, Delivery.chat_id == user.tg_id)))
    # News they wrote stay (they are addressed to others), but no longer report progress into their chat.
    await session.execute(
        update(Broadcast)
        .where(Broadcast.author_user_id == user_id)
        .values(progress_chat_id=None, progress_message_id=None)
    )
    if person_id is not None:
        await _erase_free_texts(session, person_id)
    user.tg_id = -user.id  # Telegram user ids are positive: a negative one is unique and reaches nobody
    user.person_id = None
    user.display_name = ""
    user.consent_at = None
    user.blocked_at = now  # bulk senders skip it
    user.digest_enabled = False
    await session.commit()


async def _erase_free_texts(session: AsyncSession, person_id: int) -> None:
    route_ids = select(Route.id).where(Route.person_id == person_id)
    item_ids = select(RouteItem.id).where(RouteItem.route_id.in_(route_ids))
    pair_ids = select(MentorPair.id).where(or_(MentorPair.mentor_id == person_id, MentorPair.mentee_id == person_id))
    await session.execute(delete(Evidence).where(Evidence.item_id.in_(item_ids)))
    await session.execute(
        delete(Diagnostic).where(Diagnostic.person_id == person_id, Diagnostic.kind == SELF_ASSESSMENT)
    )
    await session.execute(update(Route).where(Route.id.in_(route_ids)).values(comment=None))
    await session.execute(update(RouteItem).where(RouteItem.route_id.in_(route_ids)).values(comment=None))
    await session.execute(update(RouteEvent).where(RouteEvent.route_id.in_(route_ids)).values(comment=None))
    await session.execute(update(DeadlineRequest).where(DeadlineRequest.item_id.in_(item_ids)).values(reason=""))
    await session.execute(update(Meeting).where(Meeting.pair_id.in_(pair_ids)).values(notes=""))
    await session.execute(update(MentorPair).where(MentorPair.id.in_(pair_ids)).values(reason=None, result=None))


async def _roles(session: AsyncSession, user_id: int) -> list[Row]:
    rows = await session.execute(
        select(RoleGrant.role, Organisation.name, RoleGrant.granted_at)
        .join(Organisation, Organisation.id == RoleGrant.org_id)
        .where(RoleGrant.user_id == user_id)
        .order_by(RoleGrant.id)
    )
    return [{"role": role.value, "organisation": org, "granted_at": at} for role, org, at in rows]


async def _join_requests(session: AsyncSession, user_id: int) -> list[Row]:
    rows = await session.execute(
        select(JoinRequest, Organisation.name)
        .join(Organisation, Organisation.id == JoinRequest.school_id)
        .where(JoinRequest.user_id == user_id)
        .order_by(JoinRequest.id)
    )
    return [
        {
            "organisation": org,
            "full_name": request.full_name,
            "status": request.status.value,
            "created_at": request.created_at,
            "decided_at": request.decided_at,
        }
        for request, org in rows
    ]


async def _deliveries(session: AsyncSession, user: User) -> list[Row]:
    rows = await session.scalars(
        select(Delivery).where(or_(Delivery.user_id == user.id, Delivery.chat_id == user.tg_id)).order_by(Delivery.id)
    )
    return [{"kind": row.key.split(":")[0], "status": row.status.value, "sent_at": row.sent_at} for row in rows]


async def _person_data(session: AsyncSession, person_id: int) -> dict[str, Any]:
    person, school = (
        await session.execute(
            select(Person, Organisation.name)
            .join(Organisation, Organisation.id == Person.school_id)
            .where(Person.id == person_id)
        )
    ).one()
    return {
        "roster": {
            "full_name": person.full_name,
            "organisation": school,
            "position": person.position,
            "subjects": [subject.subject for subject in person.subjects],
            "birth_date": person.birth_date,
            "work_start": person.work_start,
            "is_manager": person.is_manager,
            "email": person.email,
            "phone": person.phone,
            "left_on": person.left_on,
        },
        "diagnostics": await _diagnostics(session, person_id),
        "routes": await _routes(session, person_id),
        "registrations": await _registrations(session, person_id),
        "mentoring_pairs": await _pairs(session, person_id),
        "communities": await _communities(session, person_id),
    }


async def _diagnostics(session: AsyncSession, person_id: int) -> list[Row]:
    rows = await session.scalars(select(Diagnostic).where(Diagnostic.person_id == person_id).order_by(Diagnostic.id))
    return [
        {"taken_on": row.taken_on, "kind": row.kind, "level": row.level, "deficits": [d.area for d in row.deficits]}
        for row in rows
    ]


async def _routes(session: AsyncSession, person_id: int) -> list[Row]:
    routes = list(await session.scalars(select(Route).where(Route.person_id == person_id).order_by(Route.id)))
    route_ids = [route.id for route in routes]
    evidence = await session.scalars(
        select(Evidence)
        .join(RouteItem, RouteItem.id == Evidence.item_id)
        .where(RouteItem.route_id.in_(route_ids))
        .order_by(Evidence.id)
    )
    history = await session.scalars(
        select(RouteEvent).where(RouteEvent.route_id.in_(route_ids)).order_by(RouteEvent.id)
    )
    deadline_requests = await session.scalars(
        select(DeadlineRequest)
        .join(RouteItem, RouteItem.id == DeadlineRequest.item_id)
        .where(RouteItem.route_id.in_(route_ids))
        .order_by(DeadlineRequest.id)
    )
    evidence_by_item = _grouped(
        (p.item_id, {"kind": p.kind.value, "file_name": p.file_name, "text": p.text, "at": p.created_at})
        for p in evidence
    )
    requests_by_item = _grouped(
        (
            request.item_id,
            {"deadline": request.deadline, "reason": request.reason, "status": request.status.value},
        )
        for request in deadline_requests
    )
    history_by_route = _grouped(
        (entry.route_id, {"action": entry.action, "comment": entry.comment, "at": entry.at}) for entry in history
    )
    return [
        {
            "status": route.status.value,
            "comment": route.comment,
            "created_at": route.created_at,
            "approved_at": route.approved_at,
            "implemented_at": route.implemented_at,
            "items": [
                {
                    "title": item.title,
                    "kind": item.kind.value,
                    "area": item.area.value if item.area else None,
                    "hours": item.hours,
                    "deadline": item.deadline,
                    "status": item.status.value,
                    "comment": item.comment,
                    "evidence": evidence_by_item.get(item.id, []),
                    "deadline_requests": requests_by_item.get(item.id, []),
                }
                for item in route.items
            ],
            "history": history_by_route.get(route.id, []),
        }
        for route in routes
    ]


async def _registrations(session: AsyncSession, person_id: int) -> list[Row]:
    rows = await session.execute(
        select(Event.title, Event.starts_at, Registration.status)
        .join(Event, Event.id == Registration.event_id)
        .where(Registration.person_id == person_id)
        .order_by(Event.starts_at)
    )
    return [{"event": title, "starts_at": starts, "status": status.value} for title, starts, status in rows]


async def _pairs(session: AsyncSession, person_id: int) -> list[Row]:
    mentor, mentee = aliased(Person), aliased(Person)
    pairs = (
        await session.execute(
            select(MentorPair, mentor.full_name, mentee.full_name)
            .join(mentor, mentor.id == MentorPair.mentor_id)
            .join(mentee, mentee.id == MentorPair.mentee_id)
            .where(or_(MentorPair.mentor_id == person_id, MentorPair.mentee_id == person_id))
            .order_by(MentorPair.id)
        )
    ).all()
    pair_ids = [pair.id for pair, _, _ in pairs]
    meetings = _grouped(
        (
            meeting.pair_id,
            {
                "held_on": meeting.held_on,
                "minutes": meeting.minutes,
                "online": meeting.online,
                "topic": meeting.topic,
                "notes": meeting.notes,
                "status": meeting.status.value,
            },
        )
        for meeting in await session.scalars(
            select(Meeting).where(Meeting.pair_id.in_(pair_ids)).order_by(Meeting.held_on)
        )
    )
    plans = _grouped(
        (topic.pair_id, {"month": topic.month, "topic": topic.topic})
        for topic in await session.scalars(
            select(PlanTopic).where(PlanTopic.pair_id.in_(pair_ids)).order_by(PlanTopic.month)
        )
    )
    return [
        {
            "mentor": mentor_name,
            "mentee": mentee_name,
            "kind": pair.kind.value,
            "status": pair.status.value,
            "started_on": pair.started_on,
            "planned_end": pair.planned_end,
            "reason": pair.reason,
            "result": pair.result,
            "plan": plans.get(pair.id, []),
            "meetings": meetings.get(pair.id, []),
        }
        for pair, mentor_name, mentee_name in pairs
    ]


async def _communities(session: AsyncSession, person_id: int) -> list[Row]:
    rows = await session.execute(
        select(Community.name, CommunityMember.joined_on, CommunityMember.left_on)
        .join(Community, Community.id == CommunityMember.community_id)
        .where(CommunityMember.person_id == person_id)
        .order_by(CommunityMember.joined_on)
    )
    return [{"community": name, "joined_on": joined, "left_on": left} for name, joined, left in rows]


def _grouped(rows: Iterable[tuple[int, Row]]) -> dict[int, list[Row]]:
    """Rows of one query grouped by their parent's id, so each level of the file is one query."""
    grouped: dict[int, list[Row]] = {}
    for parent_id, row in rows:
        grouped.setdefault(parent_id, []).append(row)
    return grouped
