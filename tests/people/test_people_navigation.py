"""The people screens follow the navigation model: lists page both ways with the count, forms can be left or
stepped back at every step, and every screen has the way to the menu."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.models.indicators import Community, CommunityLevel
from services.models.people import Organisation, OrgKind
from tests.conftest import ADMIN_ID, FrozenClock
from tests.support.conversation import Harness, ru, texts
from tests.support.factories import admin_with_municipality, join_with_consent, methodist_of

MUNICIPALITY = "Городской округ Саранск"


async def communities_count(session: AsyncSession) -> int:
    return await session.scalar(select(func.count()).select_from(Community)) or 0


async def test_communities_page_both_ways_and_their_forms_can_be_left(
    harness: Harness, session: AsyncSession, clock: FrozenClock
) -> None:
    methodist = await methodist_of(harness, await admin_with_municipality(harness, MUNICIPALITY), MUNICIPALITY)
    municipality = await session.scalar(select(Organisation.id).where(Organisation.name == MUNICIPALITY))
    assert municipality is not None
    session.add_all(
        Community(
            municipality_id=municipality, name=f"РМО № {n:02d}", level=CommunityLevel.MUNICIPAL, created_at=clock.now()
        )
        for n in range(1, 13)
    )
    await session.commit()

    replies = await methodist.send("/communities")
    first = replies[-1]
    assert "РМО № 10" in first.text and "РМО № 11" not in first.text
    assert ru("page-range", first=1, last=10, total=12) in first.buttons()
    replies = await methodist.press("‹")  # round to the last page
    assert replies[-1].method == "EditMessageText" and replies[-1].message_id == first.message_id
    assert "РМО № 12" in replies[-1].text and "РМО № 01" not in replies[-1].text
    assert ru("page-range", first=11, last=12, total=12) in replies[-1].buttons()
    assert ru("nav-menu") in replies[-1].buttons()

    replies = await methodist.press_key("communities-new")
    assert replies[-1].buttons() == [ru("nav-back"), ru("nav-cancel")]
    replies = await methodist.press_key("nav-back")  # back to the list
    assert ru("communities-new") in replies[-1].buttons()
    await methodist.press_key("communities-new")
    replies = await methodist.send("РМО учителей химии")
    assert ru("nav-cancel") in replies[-1].buttons()
    replies = await methodist.press_key("nav-cancel")
    assert ru("nav-cancelled") in texts(replies)
    assert await communities_count(session) == 12

    replies = await methodist.press_key("menu-communities")
    replies = await methodist.press_key("communities-upload")
    assert replies[-1].file_name == "community-members.xlsx" and ru("nav-cancel") in replies[-1].buttons()
    assert harness.telegram.refused == []


async def test_a_community_made_in_the_form_shows_in_the_redrawn_list(harness: Harness, session: AsyncSession) -> None:
    methodist = await methodist_of(harness, await admin_with_municipality(harness, MUNICIPALITY), MUNICIPALITY)
    await methodist.send("/communities")
    await methodist.press_key("communities-new")
    await methodist.send("РМО учителей химии")
    replies = await methodist.press_key("community-level-municipal")
    assert ru("communities-created", name="РМО учителей химии") in replies[-1].text
    assert "РМО учителей химии" in replies[-1].text.split("\n", 1)[1]  # and in the list below
    assert ru("nav-menu") in replies[-1].buttons()
    assert await communities_count(session) == 1


async def test_municipalities_page_both_ways_with_the_count(
    harness: Harness, session: AsyncSession, clock: FrozenClock
) -> None:
    admin = await admin_with_municipality(harness, MUNICIPALITY)
    region = await session.scalar(select(Organisation.id).where(Organisation.kind == OrgKind.REGION))
    session.add_all(
        Organisation(
            kind=OrgKind.MUNICIPALITY,
            name=f"Район {n:02d}",
            parent_id=region,
            timezone="Europe/Moscow",
            created_at=clock.now(),
        )
        for n in range(1, 16)
    )
    await session.commit()
    replies = await admin.send("/orgs")
    assert ru("page-range", first=1, last=15, total=16) in replies[-1].buttons()
    replies = await admin.press("›")
    assert ru("page-range", first=16, last=16, total=16) in replies[-1].buttons()
    assert ru("nav-menu") in replies[-1].buttons()
    replies = await admin.press_key("orgs-types")
    assert ru("nav-back") in replies[-1].buttons()
    replies = await admin.press_key("nav-back")
    assert ru("orgs-add") in replies[-1].buttons()
    assert harness.telegram.refused == []


async def test_settings_choices_go_back_to_the_settings_and_on_to_the_menu(harness: Harness) -> None:
    admin = harness.person(ADMIN_ID, "Админ")
    await join_with_consent(admin)
    replies = await admin.send("/settings")
    settings = replies[-1]
    assert ru("nav-menu") in settings.buttons()
    replies = await admin.press_key("settings-digest-day")
    assert ru("nav-back") in replies[-1].buttons()
    replies = await admin.press_key("nav-back")
    assert replies[-1].message_id == settings.message_id and ru("settings-digest-day") in replies[-1].buttons()
    replies = await admin.press_key("privacy-withdraw")
    assert replies[-1].message_id == settings.message_id  # the question replaces the screen
    replies = await admin.press_key("nav-keep")
    assert replies[-1].text.startswith(ru("privacy-kept"))
    replies = await admin.press_key("nav-menu")
    assert replies[-1].message_id == settings.message_id
    assert ru("menu-orgs") in replies[-1].buttons()
    assert harness.telegram.refused == []
