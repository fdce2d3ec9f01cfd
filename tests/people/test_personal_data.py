"""152-ФЗ: the consent names the operator, a person gets a file of everything stored about them, and
withdrawing consent deletes or anonymises what is theirs in one step, keeping only the employer's roster facts."""

import json
from datetime import timedelta

from sqlalchemy import inspect, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.settings import Settings
from services.models.delivery import Broadcast, Delivery
from services.models.events import Event, EventKind, Registration, RegistrationStatus
from services.models.indicators import Community, CommunityLevel, CommunityMember, Snapshot
from services.models.mentoring import Meeting, MentorPair
from services.models.people import Diagnostic, Invite, JoinRequest, Organisation, OrgKind, Person, RoleGrant, User
from services.models.routes import DeadlineRequest, Evidence, Route, RouteEvent, RouteItem
from tests.conftest import TOKEN, FrozenClock
from tests.support.conversation import Harness, ru, texts
from tests.support.conversation import Person as Chat
from tests.support.fake_telegram import Sent
from tests.support.mentoring_setup import MENTEE, log, make_pair, start_meeting
from tests.support.route_setup import approved_route, report_first_item

TEACHER_TG = 501  # the mentee of the trio fixture
SICK_LEAVE = "Была на больничном, прошу перенести срок"


async def teacher_with_everything(harness: Harness, trio: tuple[Chat, Chat, Chat], clock: FrozenClock) -> Chat:
    """The trio's young teacher with an approved route and evidence, a deadline change request, a mentor's logged
    meeting with notes, a self-assessment, a registration, a community, a join request and a queued message."""
    methodist, mentor, teacher = trio
    await approved_route((methodist, teacher))
    await report_first_item(teacher, "Сертификат: https://example.org/cert/42")
    await make_pair(methodist)
    await start_meeting(mentor)
    await log(mentor)
    now = clock.now()
    async with harness.resources["session_factory"]() as session:
        user = await session.scalar(select(User).where(User.tg_id == TEACHER_TG))
        assert user is not None and user.person_id is not None
        person = await session.get_one(Person, user.person_id)
        municipality = await session.scalar(select(Organisation).where(Organisation.kind == OrgKind.MUNICIPALITY))
        assert municipality is not None
        organiser = await session.scalar(select(User.id).where(User.tg_id == 100))
        assert organiser is not None
        event = Event(
            municipality_id=municipality.id,
            organiser_user_id=organiser,
            title="Семинар по функциональной грамотности",
            kind=EventKind.SEMINAR,
            starts_at=now + timedelta(days=3),
            ends_at=now + timedelta(days=3, hours=2),
            timezone="Europe/Moscow",
            checkin_code="123456",
            created_at=now,
            taken=1,
        )
        community = Community(
            municipality_id=municipality.id,
            name="МО учителей математики",
            level=CommunityLevel.MUNICIPAL,
            created_at=now,
        )
        session.add_all([event, community])
        await session.flush()
        item_id = await session.scalar(
            select(RouteItem.id).join(Route).where(Route.person_id == person.id).order_by(RouteItem.id).limit(1)
        )
        assert item_id is not None
        session.add_all(
            [
                Registration(
                    event_id=event.id,
                    person_id=person.id,
                    status=RegistrationStatus.REGISTERED,
                    queued_at=now,
                    updated_at=now,
                ),
                CommunityMember(community_id=community.id, person_id=person.id, joined_on=now.date()),
                Diagnostic(person_id=person.id, taken_on=now.date(), kind="self", level="basic"),
                DeadlineRequest(
                    item_id=item_id, deadline=now.date() + timedelta(days=30), reason=SICK_LEAVE, created_at=now
                ),
                JoinRequest(user_id=user.id, school_id=person.school_id, full_name=MENTEE, created_at=now),
                Delivery(key="digest:2026-W48:1", user_id=user.id, chat_id=TEACHER_TG, text="…", next_attempt_at=now),
            ]
        )
        await session.commit()
    return teacher


async def open_settings_and_press(person: Chat, button: str) -> list[Sent]:
    await person.send("/settings")
    return await person.press(ru(button))


async def test_the_consent_names_the_operator_its_policy_and_how_to_withdraw(
    harness: Harness, settings: Settings
) -> None:
    harness.resources["settings"] = settings.model_copy(
        update={"operator_name": "МКУ «Методический центр»", "operator_policy_url": "https://mc.example.ru/pd?a=1&b=2"}
    )
    replies = await harness.person(900).send("/start")
    assert replies[-1].text == ru(
        "consent-ask", operator="МКУ «Методический центр»", policy="https://mc.example.ru/pd?a=1&amp;b=2"
    )
    assert "МКУ «Методический центр»" in replies[-1].text
    assert ru("privacy-withdraw").removeprefix("🗑 ") in replies[-1].text
    assert replies[-1].buttons() == [ru("consent-button")]


def test_the_policy_link_must_be_a_web_link() -> None:
    try:
        Settings(_env_file=None, bot_token=TOKEN, operator_policy_url="javascript:alert(1)")
    except ValueError as error:
        assert "OPERATOR_POLICY_URL" in str(error)
    else:
        raise AssertionError("a non-web policy link was accepted")


async def test_my_data_is_a_file_with_everything_stored_about_me(
    harness: Harness, trio: tuple[Chat, Chat, Chat], clock: FrozenClock
) -> None:
    teacher = await teacher_with_everything(harness, trio, clock)
    replies = await open_settings_and_press(teacher, "privacy-export")
    assert replies[-1].file_name == "my-data.json"
    data = json.loads(replies[-1].file_data or b"")
    assert data["account"]["telegram_id"] == TEACHER_TG
    assert data["account"]["consent_at"].startswith("2026-11-23")
    assert data["roster"]["full_name"] == MENTEE
    assert data["roster"]["organisation"] == "МБОУ СОШ № 1"
    assert [d["kind"] for d in data["diagnostics"]] == ["regional", "self"]
    [route] = data["routes"]
    assert route["status"] == "in_progress"
    evidence = [proof["text"] for item in route["items"] for proof in item["evidence"]]
    assert evidence == ["Сертификат: https://example.org/cert/42"]
    requests = [request["reason"] for item in route["items"] for request in item["deadline_requests"]]
    assert requests == [SICK_LEAVE]
    assert [entry["action"] for entry in route["history"]][:3] == ["created", "submitted", "approved"]
    assert data["registrations"] == [
        {
            "event": "Семинар по функциональной грамотности",
            "starts_at": "2026-11-26 09:00:00+00:00",
            "status": "registered",
        }
    ]
    [pair] = data["mentoring_pairs"]
    assert (pair["mentee"], pair["meetings"][0]["notes"]) == (MENTEE, "Разобрали технологическую карту урока")
    assert data["communities"][0]["community"] == "МО учителей математики"
    assert data["join_requests"][0]["full_name"] == MENTEE
    # Every message the bot queued for me: the notices of my route's review, my pair and a logged meeting
    # (sent), and this week's summary (still waiting).
    sent = {"status": "sent", "sent_at": "2026-11-23 09:00:00+00:00"}
    assert data["queued_messages"] == [
        {"kind": "review", **sent},
        {"kind": "pair-told", **sent},
        {"kind": "meeting-check", **sent},
        {"kind": "digest", "status": "pending", "sent_at": None},
    ]
    assert "not stored" in data["relayed_messages"]


async def test_cancelling_the_withdrawal_changes_nothing(
    harness: Harness, trio: tuple[Chat, Chat, Chat], clock: FrozenClock
) -> None:
    teacher = trio[2]
    replies = await open_settings_and_press(teacher, "privacy-withdraw")
    assert ru("privacy-withdraw-ask") in replies[-1].text
    question = teacher.last
    replies = await teacher.press(ru("nav-keep"))
    # Back at the settings, redrawn where the question was.
    assert replies[-1].message_id == question.message_id
    assert replies[-1].text.startswith(ru("privacy-kept")) and ru("privacy-withdraw") in replies[-1].buttons()
    replies = await teacher.send("/start")
    assert ru("consent-button") not in replies[-1].buttons()


async def test_withdrawal_leaves_only_the_employers_roster_facts_and_numbers(
    harness: Harness, trio: tuple[Chat, Chat, Chat], clock: FrozenClock, session: AsyncSession
) -> None:
    teacher = await teacher_with_everything(harness, trio, clock)
    await open_settings_and_press(teacher, "privacy-withdraw")
    replies = await teacher.press(ru("privacy-withdraw-confirm"))
    assert ru("privacy-withdrawn") in texts(replies)
    assert replies[-1].buttons() == [ru("consent-button")]  # back at the consent screen

    # The account: an anonymous id, no Telegram link, no roster link, no consent, no roles.
    user = await session.scalar(select(User).where(User.display_name == "", User.tg_id < 0))
    assert user is not None
    assert (user.tg_id, user.person_id, user.consent_at, user.digest_enabled) == (-user.id, None, None, False)
    assert await session.scalar(select(User).where(User.tg_id == TEACHER_TG)) is None
    assert list(await session.scalars(select(RoleGrant).where(RoleGrant.user_id == user.id))) == []
    assert list(await session.scalars(select(JoinRequest).where(JoinRequest.user_id == user.id))) == []
    deliveries = select(Delivery).where((Delivery.user_id == user.id) | (Delivery.chat_id == TEACHER_TG))
    assert list(await session.scalars(deliveries)) == []
    assert list(await session.scalars(select(Broadcast).where(Broadcast.author_user_id == user.id))) == []
    invite = await session.scalar(select(Invite).where(Invite.used_by_user_id == user.id))
    assert invite is not None  # the used invite points at the anonymous id, so it cannot link anyone again

    # The employer's roster row stays, with the facts indicators count and no free text.
    person = await session.scalar(select(Person).where(Person.full_name == MENTEE))
    assert person is not None
    assert [d.kind for d in await session.scalars(select(Diagnostic).where(Diagnostic.person_id == person.id))] == [
        "regional"
    ]
    route = await session.scalar(select(Route).where(Route.person_id == person.id))
    assert route is not None and (route.status.value, route.comment) == ("in_progress", None)
    items = list(await session.scalars(select(RouteItem).where(RouteItem.route_id == route.id).order_by(RouteItem.id)))
    assert [(item.status.value, item.comment) for item in items] == [("reported", None), ("planned", None)]
    item_ids = [item.id for item in items]
    assert list(await session.scalars(select(Evidence).where(Evidence.item_id.in_(item_ids)))) == []
    reasons = await session.scalars(select(DeadlineRequest.reason).where(DeadlineRequest.item_id.in_(item_ids)))
    assert list(reasons) == [""]  # the request and its date stay with the route; the free text goes
    history = list(
        await session.scalars(select(RouteEvent).where(RouteEvent.route_id == route.id).order_by(RouteEvent.id))
    )
    assert {entry.comment for entry in history} == {None}
    assert [entry.action for entry in history] == ["created", "submitted", "approved", "reported"]
    assert history[-1].user_id == user.id  # «reported by» now names the anonymous id, nobody's account
    registrations = await session.scalars(select(Registration.status).where(Registration.person_id == person.id))
    assert list(registrations) == [RegistrationStatus.REGISTERED]
    memberships = await session.scalars(select(CommunityMember.id).where(CommunityMember.person_id == person.id))
    assert len(list(memberships)) == 1
    pair = await session.scalar(select(MentorPair).where(MentorPair.mentee_id == person.id))
    assert pair is not None and (pair.status.value, pair.reason, pair.result) == ("active", None, None)
    meetings = list(await session.scalars(select(Meeting).where(Meeting.pair_id == pair.id).order_by(Meeting.id)))
    assert [(m.held_on, m.minutes, m.topic, m.notes) for m in meetings] == [
        (clock.now().date(), 45, "Планирование урока", "")
    ]

    # Indicator snapshots hold an organisation, an indicator, a month and numbers: nobody's name or id.
    columns = {column.key for column in inspect(Snapshot).columns}
    assert columns == {
        "id", "org_id", "set_code", "indicator_no", "month", "numerator", "denominator", "value", "computed_at"
    }  # fmt: skip


async def test_after_withdrawal_the_same_telegram_account_starts_afresh(
    harness: Harness, trio: tuple[Chat, Chat, Chat], clock: FrozenClock
) -> None:
    teacher = trio[2]
    await open_settings_and_press(teacher, "privacy-withdraw")
    await teacher.press(ru("privacy-withdraw-confirm"))
    replies = await teacher.send("/start")
    assert replies[-1].buttons() == [ru("consent-button")]
    replies = await teacher.press(ru("consent-button"))
    assert ru("start-unknown").splitlines()[0] in texts(replies)  # not linked to the roster any more
