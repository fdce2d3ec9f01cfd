"""Who a news broadcast reaches: the audience a methodist chooses, resolved to chats in SQL and counted exactly."""

import json
from dataclasses import asdict, dataclass, field
from datetime import date

from sqlalchemy import Select, exists, false, func, or_, select, union
from sqlalchemy.ext.asyncio import AsyncSession

from services.errors import InvalidInput
from services.models.events import Registration, RegistrationStatus
from services.models.mentoring import MentorPair, PairStatus
from services.models.people import Organisation, OrgKind, Person, PersonSubject, Role, RoleGrant, User
from services.numbers import parse_id
from services.people.persons import young_specialist_clause

AUDIENCE_KINDS = ("all", "schools", "roles", "subjects", "young", "mentors", "event")
ROLE_CHOICES = ("teacher", "mentor", "coordinator", "methodist")


@dataclass(frozen=True)
class Audience:
    kind: str = "all"
    values: list[str] = field(default_factory=list)  # school ids, roles, subjects or an event id

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "Audience":
        data = json.loads(text or "{}")
        return cls(data.get("kind", "all"), list(data.get("values", [])))


def _scope_schools(municipality_id: int) -> Select[int]:
    return select(Organisation.id).where(Organisation.kind == OrgKind.SCHOOL, Organisation.parent_id == municipality_id)


def _people_users(municipality_id: int) -> Select[int, int]:
    """Users linked to active roster people of the municipality who consented and have not blocked the bot."""
    return (
        select(User.id, User.tg_id)
        .join(Person, Person.id == User.person_id)
        .where(
            Person.is_active,
            Person.school_id.in_(_scope_schools(municipality_id)),
            User.consent_at.is_not(None),
            User.blocked_at.is_(None),
        )
    )


def _grant_users(municipality_id: int, roles: list[Role]) -> Select[int, int]:
    """Users holding one of the roles on the municipality or one of its schools."""
    return (
        select(User.id, User.tg_id)
        .join(RoleGrant, RoleGrant.user_id == User.id)
        .where(
            RoleGrant.role.in_(roles),
            or_(RoleGrant.org_id == municipality_id, RoleGrant.org_id.in_(_scope_schools(municipality_id))),
            User.blocked_at.is_(None),
        )
    )


def _mentor_users(municipality_id: int) -> list[Select[int, int]]:
    in_pair = exists().where(MentorPair.mentor_id == Person.id, MentorPair.status == PairStatus.ACTIVE)
    return [_people_users(municipality_id).where(in_pair), _grant_users(municipality_id, [Role.MENTOR])]


def recipients(municipality_id: int, audience: Audience, today: date) -> Select[int, int]:
    """Distinct (user id, chat id) of the audience, as SQL."""
    people = _people_users(municipality_id)
    values = audience.values
    parts: list[Select[int, int]]
    match audience.kind:
        case "all":
            parts = [people, _grant_users(municipality_id, [Role.COORDINATOR, Role.METHODIST, Role.MENTOR])]
        case "schools":
            school_ids = [school_id for value in values if (school_id := parse_id(value)) is not None]
            parts = [people.where(Person.school_id.in_(school_ids))]
        case "subjects":
            chosen = exists().where(PersonSubject.person_id == Person.id, PersonSubject.subject.in_(values))
            parts = [people.where(chosen)]
        case "young":
            parts = [people.where(young_specialist_clause(today))]
        case "mentors":
            parts = _mentor_users(municipality_id)
        case "event":
            event_id = (parse_id(values[0]) if values else None) or 0
            came = exists().where(
                Registration.person_id == Person.id,
                Registration.event_id == event_id,
                Registration.status.in_(
                    [RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED, RegistrationStatus.WAITLISTED]
                ),
            )
            parts = [people.where(came)]
        case "roles":
            parts = []
            if "teacher" in values:
                parts.append(people)
            if "mentor" in values:
                parts += _mentor_users(municipality_id)
            grants = [Role(v) for v in values if v in ("coordinator", "methodist")]
            if grants:
                parts.append(_grant_users(municipality_id, grants))
        case _:
            raise InvalidInput("stale-button")
    if not parts:
        return people.where(false())
    combined = union(*parts).subquery()
    return select(combined.c[0], combined.c[1])


async def scope_subjects(session: AsyncSession, *, municipality_id: int) -> list[str]:
    """The subjects taught in the municipality, for choosing an audience."""
    rows = await session.scalars(
        select(PersonSubject.subject)
        .join(Person, Person.id == PersonSubject.person_id)
        .where(Person.is_active, Person.school_id.in_(_scope_schools(municipality_id)))
        .distinct()
        .order_by(PersonSubject.subject)
    )
    return list(rows)


async def count_recipients(session: AsyncSession, municipality_id: int, audience: Audience, today: date) -> int:
    query = recipients(municipality_id, audience, today).subquery()
    return await session.scalar(select(func.count()).select_from(query)) or 0
