"""The living demo: what `python -m bot demo` writes, that a second run writes nothing new, that it refuses
a database with real data, and that people joining by its invites find the demo on their screens."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli import demo
from bot.settings import Settings
from services.demo import Demo, RealDataFound, fill_demo
from services.demo.cast import MUNICIPALITY
from services.demo.events import PLANS
from services.demo.routes import CATALOGUE
from services.models.delivery import Broadcast, BroadcastStatus, Delivery, DeliveryStatus
from services.models.events import Event, Registration, RegistrationStatus
from services.models.indicators import Community, CommunityMember, Snapshot
from services.models.mentoring import Meeting, MeetingStatus, MentorPair, PlanTopic
from services.models.people import (
    Diagnostic,
    DiagnosticKind,
    Invite,
    Organisation,
    OrgKind,
    OrgType,
    Person,
    Role,
    RoleGrant,
    User,
)
from services.models.routes import Activity, Evidence, ItemStatus, Route, RouteEvent, RouteItem, RouteStatus
from services.people.orgs import Org
from services.people.persons import young_specialist_clause
from tests.conftest import FrozenClock
from tests.support.bot_api import BotApiServer
from tests.support.conversation import Harness, ru, texts
from tests.support.conversation import Person as Chat

COUNTED = (
    Organisation,
    Person,
    User,
    RoleGrant,
    Diagnostic,
    Activity,
    Route,
    RouteItem,
    Evidence,
    RouteEvent,
    Event,
    Registration,
    MentorPair,
    PlanTopic,
    Meeting,
    Community,
    CommunityMember,
    Broadcast,
    Delivery,
    Snapshot,
)


async def counts(session: AsyncSession) -> dict[str, int]:
    return {
        model.__tablename__: await session.scalar(select(func.count()).select_from(model)) or 0 for model in COUNTED
    }


async def values(session: AsyncSession, column: object) -> set[object]:
    return set(await session.scalars(select(column).distinct()))  # type: ignore[call-overload]


async def test_the_demo_writes_every_kind_of_data_once(session: AsyncSession, region: Org, clock: FrozenClock) -> None:
    filled = await fill_demo(session, region_id=region.id, now=clock.now(), ttl_days=30)
    schools = select(Organisation.org_type, func.count()).where(Organisation.parent_id == filled.municipality_id)
    by_type = {org_type: count for org_type, count in await session.execute(schools.group_by(Organisation.org_type))}
    assert by_type == {OrgType.GENERAL: 3, OrgType.PRESCHOOL: 1}
    assert await session.scalar(select(func.count()).where(Person.is_manager)) == 4
    assert (await session.scalar(select(func.count()).where(young_specialist_clause(clock.now().date()))) or 0) >= 10
    assert await values(session, Diagnostic.kind) == set(DiagnosticKind)
    assert await session.scalar(select(func.count()).select_from(Activity)) == len(CATALOGUE)
    assert await values(session, Route.status) == set(RouteStatus)
    assert await values(session, RouteItem.status) == set(ItemStatus) - {ItemStatus.RETURNED}  # reported again
    assert {"approved", "returned", "reported", "item_returned", "confirmed", "implemented"} <= await values(
        session, RouteEvent.action
    )
    assert await session.scalar(select(func.count()).select_from(Evidence))
    held = select(Registration.status).join(Event).where(Event.starts_at < clock.now())
    coming = select(Registration.status).join(Event).where(Event.starts_at > clock.now())
    assert set(await session.scalars(held)) == {RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW}
    assert set(await session.scalars(coming)) == {RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED}
    assert await values(session, Meeting.status) == set(MeetingStatus)
    silent = select(func.count()).where(~MentorPair.id.in_(select(Meeting.pair_id)))
    assert await session.scalar(silent) == 1
    assert await session.scalar(select(func.count()).select_from(PlanTopic))
    assert len(await values(session, Community.level)) == 3
    assert await values(session, Broadcast.status) == {BroadcastStatus.DONE, BroadcastStatus.SCHEDULED}
    news = select(Delivery.status).where(Delivery.broadcast_id.is_not(None))
    assert set(await session.scalars(news)) == {DeliveryStatus.SENT}
    municipal = select(Snapshot.month).where(Snapshot.org_id == filled.municipality_id).distinct()
    assert len(list(await session.scalars(municipal))) == 12
    assert [invite.who for invite in filled.invites] == ["methodist", "coordinator", "mentor", "mentee", "teacher"]

    before = await counts(session)
    again = await fill_demo(session, region_id=region.id, now=clock.now() + timedelta(hours=1), ttl_days=30)
    assert await counts(session) == before
    assert again.municipality_id == filled.municipality_id
    tokens = {invite.token for invite in filled.invites}
    assert tokens.isdisjoint(invite.token for invite in again.invites)
    expired = select(Invite.expires_at).where(Invite.token.in_(tokens))
    assert all(expires_at <= clock.now() + timedelta(hours=1) for expires_at in await session.scalars(expired))


@pytest.mark.parametrize("real", ["organisations", "people", "users"])
async def test_the_demo_refuses_a_database_with_real_data_and_writes_nothing(
    session: AsyncSession, region: Org, clock: FrozenClock, real: str
) -> None:
    admin = User(tg_id=1, created_at=clock.now())  # admins are allowed: they run the bot
    session.add(admin)
    await session.flush()
    session.add(RoleGrant(user_id=admin.id, role=Role.ADMIN, org_id=region.id, granted_at=clock.now()))
    if real == "users":
        session.add(User(tg_id=555, created_at=clock.now()))
    else:
        org = Organisation(
            kind=OrgKind.SCHOOL,
            name="МБОУ СОШ № 7",
            parent_id=region.id,
            timezone="Europe/Moscow",
            created_at=clock.now(),
        )
        session.add(org)
        await session.flush()
        if real == "people":
            now = clock.now()
            session.add(
                Person(school_id=org.id, full_name="Иванова Анна", name_key="иванова анна", position="учитель",
                       created_at=now, updated_at=now)
            )  # fmt: skip
    await session.commit()
    before = await counts(session)
    with pytest.raises(RealDataFound) as refusal:
        await fill_demo(session, region_id=region.id, now=clock.now(), ttl_days=30)
    assert refusal.value.found == ["organisations", "people"] if real == "people" else [real]
    assert await counts(session) == before
    assert await session.scalar(select(func.count()).where(Organisation.name == MUNICIPALITY)) == 0


async def join(harness: Harness, filled: Demo, who: str, tg_id: int) -> Chat:
    chat = harness.person(tg_id, who)
    await chat.send(f"/start {filled.invite(who).token}")
    await chat.press_key("consent-button")
    return chat


async def test_people_who_join_by_the_demo_invites_find_it_on_every_main_screen(
    harness: Harness, session: AsyncSession, region: Org, clock: FrozenClock
) -> None:
    filled = await fill_demo(session, region_id=region.id, now=clock.now(), ttl_days=30)

    methodist = await join(harness, filled, "methodist", 901)
    await methodist.send("/route")
    replies = await methodist.press_key("review-menu")
    reported = select(func.count()).where(RouteItem.status == ItemStatus.REPORTED)
    submitted = select(func.count()).where(Route.status == RouteStatus.SUBMITTED)
    assert ru("review-items", count=await session.scalar(reported)) in replies[-1].buttons()
    assert ru("review-routes", count=await session.scalar(submitted)) in replies[-1].buttons()
    await methodist.send("/events")
    replies = await methodist.press_key("events-mine")
    held_this_week = next(plan for plan in PLANS if -7 < plan.days < 0)
    assert any(held_this_week.title[:20] in button for button in replies[-1].buttons())
    replies = await methodist.send("/indicators")
    assert MUNICIPALITY in texts(replies)
    replies = await methodist.press("2а")
    replies = await methodist.press_key("indicator-trend")  # drawn from the twelve monthly snapshots
    assert [reply.file_name for reply in replies if reply.file_name] == ["trend.png"]
    assert ru("indicator-no-data-chart") not in texts(replies)

    teacher = await join(harness, filled, "teacher", 902)
    replies = await teacher.send("/route")
    assert ru("route-status", status=ru("route-status-approved")) in texts(replies)
    items = select(RouteItem.title).join(Route).where(Route.person_id == filled.invite("teacher").person_id)
    first_item = (await session.scalars(items)).first()
    assert first_item is not None and any(first_item[:20] in button for button in replies[-1].buttons())
    await teacher.send("/events")
    full = next(plan for plan in PLANS if plan.capacity)
    replies = await teacher.press(next(b for b in teacher.last.buttons() if full.title[:20] in b))
    assert ru("event-my-status", status="waitlisted", position=full.people - (full.capacity or 0)) in texts(replies)

    mentor = await join(harness, filled, "mentor", 903)
    replies = await mentor.send("/mentor")
    mentee = filled.invite("mentee").full_name
    assert mentee is not None
    buttons = replies[-1].buttons()
    assert any(button.startswith(mentee) for button in buttons)
    assert sum(button.endswith("· —") for button in buttons) == 1  # the silent pair
    replies = await mentor.press(next(button for button in buttons if button.startswith(mentee)))
    mentee_id = filled.invite("mentee").person_id
    day = await session.scalar(
        select(func.max(Meeting.held_on)).join(MentorPair).where(MentorPair.mentee_id == mentee_id)
    )
    assert day is not None and ru("mentor-last-meeting", date=f"{day:%d.%m.%Y}") in texts(replies)


async def test_demo_command_prints_start_commands_without_the_bot_api_and_links_with_it(
    settings: Settings, server: tuple[BotApiServer, str], capsys: pytest.CaptureFixture[str]
) -> None:
    unreachable = settings.model_copy(update={"bot_api_url": "http://127.0.0.1:9"})
    assert await demo(unreachable) == 0
    printed = capsys.readouterr().out
    assert ru("demo-ready") in printed
    assert printed.count("/start ") == 5 and "t.me" not in printed
    _api, url = server
    assert await demo(settings.model_copy(update={"bot_api_url": url})) == 0
    printed = capsys.readouterr().out
    assert printed.count("https://t.me/nms_test_bot?start=") == 5
    assert "/start " not in printed.replace(ru("demo-admin-note"), "")  # the note tells admins to send /start


async def test_demo_command_refuses_real_data_with_exit_code_one(
    settings: Settings, session: AsyncSession, clock: FrozenClock, capsys: pytest.CaptureFixture[str]
) -> None:
    session.add(User(tg_id=555, created_at=clock.now()))
    await session.commit()
    assert await demo(settings.model_copy(update={"bot_api_url": "http://127.0.0.1:9"})) == 1
    assert ru("demo-refused", names=ru("demo-found-users")) in capsys.readouterr().err
