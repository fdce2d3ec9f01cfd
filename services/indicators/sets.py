"""The sets of people each measure counts, by family (diagnostics and routes, route items, events,
mentoring, communities), and the tables saying which sets make a measure's numerator and denominator.
Each set is an uncorrelated `IN` over its own table, built once per query rather than searched per person.

The rules, where the documents leave them open (DOMAIN.md):
- a self-assessment is never a diagnostic procedure; a route "на основе диагностики" rests on a procedure;
- a mentoring pair counts if it was active on some day of the window;
- only confirmed attendance counts as taking part in an event, and an event counts once held (ended, not
  cancelled); a returned route is not a developed one.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_, select, true

from services.indicators.spec import Period, Spec
from services.models.events import Event, EventKind, EventStatus, Registration, RegistrationStatus
from services.models.indicators import Community, CommunityMember
from services.models.mentoring import MentorPair, PairStatus
from services.models.people import PROCEDURES, Diagnostic, DiagnosticDeficit, Person
from services.models.routes import ActivityKind, ItemStatus, Route, RouteItem, RouteStatus

SCOPED_SCHOOLS = 200  # at most this many schools: restrict every set to the scope's people


def within(column: Any, window: Period) -> ColumnElement[bool]:
    """A moment within the window's days."""
    return and_(column >= window.starts_at, column < window.ends_at)


def pair_active_in(window: Period) -> ColumnElement[bool]:
    """The pair was active on some day of the window."""
    return and_(
        MentorPair.started_on <= window.end,
        or_(MentorPair.status == PairStatus.ACTIVE, MentorPair.ended_at >= window.starts_at),
    )


@dataclass(frozen=True)
class Context:
    """One computation: the window of the numerator, the reporting date, the moment "now", and the scope's
    people (each set below is restricted to them, so the cost follows the scope, not the database)."""

    window: Period
    now: datetime
    scoped: Select[Any] | None  # None: the scope is big enough that restricting costs more than it saves

    def mine(self, person_id: Any) -> ColumnElement[bool]:
        return person_id.in_(self.scoped) if self.scoped is not None else true()

    @property
    def as_of(self) -> date:
        return self.window.end


Condition = Callable[[Spec, Context], ColumnElement[bool]]


def _people(query: Select[Any]) -> ColumnElement[bool]:
    """Person in a set of ids; an uncorrelated IN, built once per query, not searched per person."""
    return Person.id.in_(query)


def diagnosed(spec: Spec, ctx: Context) -> ColumnElement[bool]:
    conditions = [Diagnostic.kind.in_(spec.kinds), Diagnostic.taken_on <= ctx.as_of, ctx.mine(Diagnostic.person_id)]
    if not spec.cumulative:
        conditions.append(Diagnostic.taken_on >= ctx.window.start)
    if spec.levels:
        conditions.append(Diagnostic.level.in_(spec.levels))
    return _people(select(Diagnostic.person_id).where(*conditions))


DEVELOPED = [RouteStatus.APPROVED, RouteStatus.IN_PROGRESS, RouteStatus.IMPLEMENTED]


def route_developed(spec: Spec, ctx: Context) -> ColumnElement[bool]:
    """An ИОМ built on a diagnostic procedure (not a self-assessment) and approved by the reporting date
    (within the window unless cumulative); a returned one is not developed."""
    conditions = [
        Route.status.in_(DEVELOPED),
        Route.approved_at < ctx.window.ends_at,
        Diagnostic.kind.in_(PROCEDURES),
        ctx.mine(Route.person_id),
    ]
    if not spec.cumulative:
        conditions.append(Route.approved_at >= ctx.window.starts_at)
    return _people(select(Route.person_id).join(Diagnostic, Diagnostic.id == Route.diagnostic_id).where(*conditions))


def route_implemented(spec: Spec, ctx: Context) -> ColumnElement[bool]:
    conditions = [
        Route.status == RouteStatus.IMPLEMENTED,
        Route.implemented_at < ctx.window.ends_at,
        ctx.mine(Route.person_id),
    ]
    if not spec.cumulative:
        conditions.append(Route.implemented_at >= ctx.window.starts_at)
    return _people(select(Route.person_id).where(*conditions))


def with_developed_route(spec: Spec, ctx: Context) -> ColumnElement[bool]:
    """The denominator «из числа пед.работников, у которых разработан ИОМ»: developed by the reporting date."""
    return route_developed(Spec(spec.measure, cumulative=True), ctx)


def confirmed_item(spec: Spec, ctx: Context, *conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    query = (
        select(Route.person_id)
        .join(RouteItem, RouteItem.route_id == Route.id)
        .where(
            RouteItem.status == ItemStatus.CONFIRMED,
            RouteItem.confirmed_at < ctx.window.ends_at,
            ctx.mine(Route.person_id),
            *conditions,
        )
    )
    if not spec.cumulative:
        query = query.where(RouteItem.confirmed_at >= ctx.window.starts_at)
    return _people(query)


def registry_course(spec: Spec, ctx: Context) -> ColumnElement[bool]:
    """A confirmed course of the registry (final attestation passed); «подобранные с учетом диагностики»:
    the item addresses a deficit found by the diagnostic procedure its route rests on."""
    if not spec.matched:
        return confirmed_item(spec, ctx, RouteItem.course_registry == spec.registry)
    matched = (
        select(DiagnosticDeficit.diagnostic_id)
        .join(Diagnostic, Diagnostic.id == DiagnosticDeficit.diagnostic_id)
        .where(
            DiagnosticDeficit.diagnostic_id == Route.diagnostic_id,
            DiagnosticDeficit.area == RouteItem.area,
            Diagnostic.kind.in_(PROCEDURES),
        )
        .exists()
    )
    return confirmed_item(spec, ctx, RouteItem.course_registry == spec.registry, matched)


def attended(ctx: Context, *conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    """Confirmed attendance at an event held (ended by now, not cancelled) within the window."""
    return _people(
        select(Registration.person_id)
        .join(Event, Event.id == Registration.event_id)
        .where(
            Registration.status == RegistrationStatus.ATTENDED,
            Event.status != EventStatus.CANCELLED,
            within(Event.starts_at, ctx.window),
            Event.ends_at <= ctx.now,
            ctx.mine(Registration.person_id),
            *conditions,
        )
    )


def in_pair(ctx: Context, *, as_mentee_only: bool) -> ColumnElement[bool]:
    mentees = _people(select(MentorPair.mentee_id).where(pair_active_in(ctx.window), ctx.mine(MentorPair.mentee_id)))
    if as_mentee_only:
        return mentees
    mentors = _people(select(MentorPair.mentor_id).where(pair_active_in(ctx.window), ctx.mine(MentorPair.mentor_id)))
    return or_(mentees, mentors)


def community_member(spec: Spec, ctx: Context) -> ColumnElement[bool]:
    """A member, on some day of the window, of a community of the levels the indicator names."""
    query = (
        select(CommunityMember.person_id)
        .join(Community, Community.id == CommunityMember.community_id)
        .where(
            CommunityMember.joined_on <= ctx.window.end,
            or_(CommunityMember.left_on.is_(None), CommunityMember.left_on >= ctx.window.start),
            ctx.mine(CommunityMember.person_id),
        )
    )
    if spec.community_levels:
        query = query.where(Community.level.in_(spec.community_levels))
    return _people(query)


def young_event(spec: Spec, ctx: Context) -> ColumnElement[bool]:
    return attended(ctx, Event.young_only.is_(True))


def route_consulted(spec: Spec, ctx: Context) -> ColumnElement[bool]:
    """Targeted support in a route: a consultation item confirmed in the window."""
    return confirmed_item(spec, ctx, RouteItem.kind == ActivityKind.CONSULTATION)


# Shares of people: who is counted, and who else the denominator needs besides the roster and the group.
SHARES: dict[str, tuple[Condition, Condition | None]] = {
    "diagnosed": (diagnosed, None),
    "route_developed": (route_developed, None),
    "route_implemented": (route_implemented, with_developed_route),
    "registry_course": (registry_course, None),
    "young_supported": (lambda s, c: or_(in_pair(c, as_mentee_only=True), young_event(s, c)), None),
    "young_in_pairs": (lambda s, c: in_pair(c, as_mentee_only=True), None),
    "young_at_events": (young_event, None),
    "mentoring_participants": (lambda s, c: in_pair(c, as_mentee_only=False), None),
    "community_members": (community_member, None),
    "route_consulted": (route_consulted, with_developed_route),
    "route_accompanied": (lambda s, c: in_pair(c, as_mentee_only=True), with_developed_route),
}
# Counts of people.
COUNTS: dict[str, Condition] = {
    "contest_participants": lambda s, c: or_(
        attended(c, Event.kind == EventKind.CONTEST),
        confirmed_item(s, c, RouteItem.kind == ActivityKind.CONTEST),
    ),
    "internship_participants": lambda s, c: or_(
        attended(c, Event.kind == EventKind.INTERNSHIP),
        confirmed_item(s, c, RouteItem.kind == ActivityKind.INTERNSHIP),
    ),
}
# Counted for the municipality as a whole: events are the municipality's, not a school's.
EVENT_KINDS: dict[str, tuple[EventKind, ...]] = {
    "seminars_held": (EventKind.SEMINAR, EventKind.WEBINAR),
    "conferences_held": (EventKind.CONFERENCE,),
}
SCHOOL_MEASURES = ("schools_mentoring",)


def scoped_people(schools: list[int]) -> Select[Any] | None:
    """The scope's people, to restrict each set to: a municipality's sets then cost what the municipality
    holds, not what the database holds. A region-sized scope reads most of the database anyway, and on
    SQLite the restriction would make each set walk the people instead of its own table."""
    if len(schools) > SCOPED_SCHOOLS:
        return None
    return select(Person.id).where(Person.school_id.in_(schools))
