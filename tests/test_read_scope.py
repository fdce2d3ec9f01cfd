"""Reading by id checks scope as writing does: forged buttons that name someone else's event, route,
item, pair, meeting, catalogue entry or indicators get a clear refusal and show nothing of them."""

from dataclasses import dataclass

import pytest
from aiogram.filters.callback_data import CallbackData
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.common.i18n import Translations
from handlers.events.organise import EventManage
from handlers.events.views import EventAct, EventOpen
from handlers.indicators.indicators import Ind
from handlers.mentoring.callbacks import MeetingEdit, MentorAct
from handlers.routes.catalogue import CatalogueEntry
from handlers.routes.routes import TeacherRoute
from handlers.routes.views import ItemAction, RouteAction
from services.errors import DomainError
from services.mentoring.meetings import recent_meetings
from services.models.events import Event
from services.models.mentoring import Meeting
from services.models.people import Organisation, OrgKind, Person, User
from services.models.routes import Activity, Route, RouteItem
from services.people.access import actor_for_user
from services.routes.review import evidence_of, history_of
from tests.conftest import ADMIN_ID, FrozenClock
from tests.events.test_events import TITLE, create_event
from tests.support.conversation import Harness
from tests.support.conversation import Person as Chatter
from tests.support.factories import (
    import_roster,
    join_with_consent,
    methodist_of,
    read_xlsx,
    roster_row,
    start_token,
    xlsx,
)
from tests.support.mentoring_setup import MENTEE, log, make_pair, start_meeting
from tests.support.route_setup import approved_route, report_first_item

OTHER_MUNICIPALITY = "Красногорский городской округ"
# What a refused reader may be told: each says why, none shows anything of what was asked for.
REFUSALS = ("error-forbidden", "error-not-found", "event-not-for-you", "events-need-roster")


@dataclass
class World:
    """Anna's things in one municipality, and people who have no business reading them."""

    mentee: Chatter
    methodist: Chatter
    intruders: dict[str, Chatter]
    buttons: list[CallbackData]
    ids: dict[str, int]


async def someone_of(methodist: Chatter, harness: Harness, tg_id: int, row: list[str]) -> Chatter:
    """A roster person brought into the bot by their personal invite."""
    replies = await import_roster(methodist, xlsx([row]))
    token = next(start_token(str(line[2])) for line in read_xlsx(replies[-1].file_data or b"") if line[1] == row[0])
    person = harness.person(tg_id, row[0].split()[1])
    await join_with_consent(person, token)
    return person


@pytest.fixture
async def world(harness: Harness, trio: tuple[Chatter, Chatter, Chatter], session: AsyncSession) -> World:
    methodist, mentor, mentee = trio
    await make_pair(methodist)
    await start_meeting(mentor)
    await log(mentor)
    await approved_route((methodist, mentee))
    await report_first_item(mentee, "Сертификат: https://example.org/certificate")
    await create_event(methodist, young=True)  # for young specialists: Anna is one
    outsider = await someone_of(
        methodist,
        harness,
        503,
        roster_row("Сидорова Елена Павловна", school="МБОУ СОШ № 2", subjects="история", birth="01.02.1975"),
    )
    admin = harness.person(ADMIN_ID)
    await admin.send("/orgs")
    await admin.press_key("orgs-add")
    await admin.send(OTHER_MUNICIPALITY)
    await admin.press("Moscow")
    other_methodist = await methodist_of(harness, admin, OTHER_MUNICIPALITY, tg_id=101)
    elsewhere = await someone_of(other_methodist, harness, 601, roster_row("Кузнецова Ирина Олеговна", "Гимназия № 2"))
    stranger = harness.person(900, "Гость")
    await join_with_consent(stranger)

    event = await session.scalar(select(Event.id))
    route = await session.scalar(select(Route.id))
    item = await session.scalar(select(RouteItem.id).order_by(RouteItem.id))
    anna = await session.scalar(select(Person.id).where(Person.full_name == MENTEE))
    meeting, pair = (await session.execute(select(Meeting.id, Meeting.pair_id))).one()
    activity = await session.scalar(select(Activity.id))
    municipality = await session.scalar(
        select(Organisation.id).where(Organisation.kind == OrgKind.MUNICIPALITY).order_by(Organisation.id)
    )
    assert None not in (event, route, item, anna, activity, municipality)
    buttons: list[CallbackData] = [
        EventOpen(event=event),
        EventAct(action="manage", event=event),
        EventManage(action="export", event=event),
        EventManage(action="attendance", event=event),
        RouteAction(action="show", route=route),
        TeacherRoute(person=anna),
        ItemAction(action="open", item=item),
        RouteAction(action="return", route=route),
        MentorAct(action="mentee", pair=pair),
        MentorAct(action="plan", pair=pair),
        MeetingEdit(action="open", meeting=meeting),
        CatalogueEntry(activity=activity),
        *(Ind(action=action, org=municipality) for action in ("table", "schools", "trend", "xlsx")),
    ]
    intruders = {
        "a stranger": stranger,
        "a teacher of another municipality": elsewhere,
        "a teacher of the municipality outside the audience": outsider,
        "a methodist of another municipality": other_methodist,
    }
    ids = {"event": event, "route": route, "item": item, "pair": pair}
    return World(mentee, methodist, intruders, buttons, ids)  # type: ignore[arg-type]


async def test_forged_buttons_naming_anothers_things_are_refused_with_a_reason_and_show_nothing(
    world: World, translations: Translations
) -> None:
    t = translations.get("ru")
    refusals = {t.plain(key) for key in REFUSALS}
    for who, intruder in world.intruders.items():
        for button in world.buttons:
            replies = await intruder.tap(button.pack())
            case = f"{who} pressing {button.pack()}"
            assert len(replies) == 1, case  # the refusal only: no card, file or list
            assert replies[0].alert and replies[0].text in refusals, f"{case}: {replies[0].text!r}"


async def test_the_same_buttons_open_for_the_person_and_the_organiser(world: World) -> None:
    for reader in (world.mentee, world.methodist):
        card = await reader.tap(EventOpen(event=world.ids["event"]).pack())
        assert TITLE in card[-1].text
    item = await world.methodist.tap(ItemAction(action="open", item=world.ids["item"]).pack())
    assert any("example.org/certificate" in sent.text for sent in item)


async def test_evidence_history_and_recent_meetings_are_refused_outside_scope_in_the_service_too(
    world: World, session: AsyncSession, clock: FrozenClock
) -> None:
    for who, intruder in world.intruders.items():
        user_id = await session.scalar(select(User.id).where(User.tg_id == intruder.user.id))
        assert user_id is not None
        actor = await actor_for_user(session, user_id)
        with pytest.raises(DomainError):
            await evidence_of(session, actor=actor, item_id=world.ids["item"])
            pytest.fail(f"{who} read the evidence")
        with pytest.raises(DomainError):
            await history_of(session, actor=actor, route_id=world.ids["route"], item_id=None)
            pytest.fail(f"{who} read the history")
        with pytest.raises(DomainError):
            await recent_meetings(session, actor=actor, pair_id=world.ids["pair"], now=clock.now())
            pytest.fail(f"{who} read the meetings")
