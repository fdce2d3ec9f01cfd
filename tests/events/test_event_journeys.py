"""The everyday event journeys through the real bot: the wizard by taps with a way out and back at every step,
«Мои записи», confirmations, deep links to an event, paging, and the card a news broadcast carries."""

from collections.abc import Awaitable, Callable
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.common.i18n import Translations
from handlers.events.views import announcement_text, signup_button
from services.events.events import card_of
from services.models.events import Event, EventSubject
from tests.events.test_events import PLAN_HEADER, TITLE, create_event, sign_up
from tests.support.conversation import Harness, Person, ru, texts
from tests.support.factories import import_roster, roster_row, xlsx
from tests.support.fake_telegram import Sent


async def begin_event(methodist: Person, title: str = "Педсовет онлайн") -> None:
    await methodist.send("/events")
    await methodist.press_key("event-new")
    await methodist.send(title)
    await methodist.press_key("event-kind-webinar")


async def plan(methodist: Person, rows: list[list[str]]) -> None:
    await methodist.send("/events")
    await methodist.press_key("event-plan")
    replies = await methodist.send_document("plan.xlsx", xlsx(rows, header=PLAN_HEADER))
    assert ru("event-plan-imported", count=len(rows)) in texts(replies)


def plan_row(title: str, day: int, seats: str = "") -> list[str]:
    return [title, "семинар", f"{day:02d}.12.2026 10:00", f"{day:02d}.12.2026 12:00", "", seats, "", "", "", ""]


async def test_the_wizard_goes_by_taps_with_typed_minutes_skips_and_the_rosters_subjects(
    harness: Harness, cast: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, _first, _second = cast
    await import_roster(methodist, xlsx([roster_row("Кузнецова Ирина Олеговна", subjects="история, обществознание")]))
    await begin_event(methodist)
    assert ru("nav-cancel") in methodist.last.buttons()
    replies = await methodist.press_key("nav-back")  # from the calendar back to the kind
    assert ru("event-ask-kind") in texts(replies) and replies[-1].method == "EditMessageText"
    await methodist.press_key("event-kind-webinar")
    await methodist.press("›")
    await methodist.press("3")
    replies = await methodist.press("10:00")
    assert ru("event-ask-end") in texts(replies)
    replies = await methodist.send("20")  # minutes typed where the lengths are offered
    assert ru("event-ask-place") in texts(replies) and ru("nav-skip") in replies[-1].buttons()
    await methodist.press_key("nav-skip")
    await methodist.press_key("nav-skip")
    replies = await methodist.send("25")  # seats typed where the counts are offered
    assert ru("event-ask-deadline") in texts(replies)
    replies = await methodist.press_key("event-deadline-start")
    assert {"математика", "история", "обществознание"} <= set(replies[-1].buttons())
    assert ru("event-subjects-done") not in replies[-1].buttons()  # nothing ticked yet
    await methodist.press("история")
    await methodist.press("математика")
    await methodist.press("✅ математика")  # and unticked
    await methodist.press_key("event-subjects-done")
    replies = await methodist.press_key("event-audience-all")
    assert ru("event-created", title="Педсовет онлайн") in texts(replies)
    assert ru("nav-menu") in replies[-1].buttons()
    event = await session.scalar(select(Event))
    assert event is not None
    assert (event.ends_at - event.starts_at, event.capacity, event.place) == (timedelta(minutes=20), 25, "")
    assert event.starts_at.day == 3 and event.starts_at.hour == 7  # 10:00 in Moscow
    assert set(await session.scalars(select(EventSubject.subject))) == {"история"}
    assert harness.telegram.refused == []


async def test_the_wizard_can_be_left_at_any_step_and_keeps_nothing(
    harness: Harness, cast: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, _first, _second = cast
    steps: list[Callable[[], Awaitable[list[Sent]]]] = [
        lambda: methodist.press("›"),
        lambda: methodist.press("3"),
        lambda: methodist.press("16:00"),
        lambda: methodist.press_key("event-duration", minutes=90),
        lambda: methodist.press_key("nav-skip"),
        lambda: methodist.press_key("nav-skip"),
        lambda: methodist.press("30"),
        lambda: methodist.press_key("event-deadline-start"),
        lambda: methodist.press_key("event-all-subjects"),
        lambda: methodist.press_key("event-audience-schools"),
    ]
    for taken in (0, 3, 5, 8, 10):
        await begin_event(methodist)
        for step in steps[:taken]:
            await step()
        assert ru("nav-cancel") in methodist.last.buttons(), taken
        replies = await methodist.press_key("nav-cancel")
        assert ru("nav-cancelled") in texts(replies)
    assert await session.scalar(select(func.count()).select_from(Event)) == 0
    assert harness.telegram.refused == []


async def test_my_registrations_show_seats_and_waitlist_places_with_cancel_asked_first(
    harness: Harness, cast: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, first, second = cast
    await create_event(methodist, seats="10")
    await plan(methodist, [plan_row("Заседание МО", 5, seats="1")])
    await sign_up(first)
    await second.send("/events")
    await second.press(next(b for b in second.last.buttons() if "Заседание МО" in b))
    await second.press_key("event-sign-up")
    await first.send("/events")
    await first.press(next(b for b in first.last.buttons() if "Заседание МО" in b))
    await first.press_key("event-sign-up")  # the only seat is taken: the waitlist

    await first.send("/events")
    marked = first.last.buttons()
    assert any(b.startswith("✅") and TITLE in b for b in marked)
    assert any(b.startswith("⏳") and "Заседание МО" in b for b in marked)
    await first.send("/menu")
    await first.press_key("menu-events")
    replies = await first.press_key("events-registrations")  # two taps from the menu
    assert ru("events-registrations-title", count=2) in texts(replies)
    mine = replies[-1].buttons()
    assert any(b.startswith("✅") and TITLE in b for b in mine)
    assert any(b.startswith("⏳") and ru("event-waitlist-place", position=1) in b for b in mine)

    await first.press(next(b for b in mine if "Заседание МО" in b))
    replies = await first.press_key("nav-back")  # the card goes back to «Мои записи»
    assert ru("events-registrations-title", count=2) in texts(replies)
    await first.press(next(b for b in mine if TITLE in b))
    replies = await first.press_key("event-ics")
    assert replies[-1].file_name is not None and replies[-1].file_name.endswith(".ics")

    replies = await first.press_key("event-cancel-mine")
    assert ru("event-cancel-mine-ask", title=TITLE) in texts(replies)
    assert ru("event-cancel-mine-waitlist") not in texts(replies)  # nobody waits for this one
    replies = await first.press_key("nav-keep")
    assert ru("event-cancel-mine") in replies[-1].buttons()  # back on the card, still registered
    await first.press_key("event-cancel-mine")
    replies = await first.press_key("event-cancel-mine-confirm")
    assert ru("event-cancelled-mine") in texts(replies)

    await second.send("/events")
    await second.press_key("events-registrations")
    await second.press(next(b for b in second.last.buttons() if "Заседание МО" in b))
    replies = await second.press_key("event-cancel-mine")
    assert ru("event-cancel-mine-waitlist") in texts(replies)  # someone waits for this seat
    await second.press_key("event-cancel-mine-confirm")
    await first.send("/events")
    replies = await first.press_key("events-registrations")
    assert ru("events-registrations-title", count=1) in texts(replies)  # the seat came to them from the waitlist
    assert any(b.startswith("✅") and "Заседание МО" in b for b in replies[-1].buttons())
    assert harness.telegram.refused == []


async def test_with_no_registrations_the_screen_says_so_and_leads_to_the_events(
    harness: Harness, cast: tuple[Person, Person, Person]
) -> None:
    _methodist, first, _second = cast
    await first.send("/events")
    replies = await first.press_key("events-registrations")
    assert ru("events-registrations-none") in texts(replies)
    replies = await first.press_key("events-find")
    assert ru("events-registrations") in replies[-1].buttons()


async def test_a_deep_link_opens_the_card_for_those_it_is_for_and_answers_everyone_else(
    harness: Harness, cast: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, first, second = cast
    await create_event(methodist, young=True)  # Петрова is a young specialist, Орлова is not
    event_id = await session.scalar(select(Event.id))
    await methodist.tap(f"ea:manage:{event_id}")
    assert f"?start=ev{event_id}" in methodist.last.text  # the link to share, under the check-in link
    assert ru("nav-menu") in methodist.last.buttons() and ru("nav-back") in methodist.last.buttons()

    replies = await first.send(f"/start ev{event_id}")
    assert TITLE in texts(replies) and ru("event-sign-up") in replies[-1].buttons()
    replies = await first.press_key("event-sign-up")
    assert ru("event-my-status", status="registered", position=0) in texts(replies)

    for person, link in ((second, f"ev{event_id}"), (first, "ev999999"), (first, "ev0")):
        replies = await person.send(f"/start {link}")
        assert ru("event-link-unavailable") in texts(replies), link
        assert ru("nav-menu") in replies[-1].buttons()

    newcomer = harness.person(777, "Гость")
    await newcomer.send(f"/start ev{event_id}")
    replies = await newcomer.press(ru("consent-button"))
    assert ru("event-link-join-first") in texts(replies) and TITLE not in texts(replies)
    assert harness.telegram.refused == []


async def test_the_organisers_list_pages_both_ways_with_counts(
    harness: Harness, cast: tuple[Person, Person, Person]
) -> None:
    methodist, _first, _second = cast
    await plan(methodist, [plan_row(f"Семинар {n:02d}", 1 + n) for n in range(10)])
    await methodist.send("/events")
    replies = await methodist.press_key("events-mine")
    assert ru("events-mine-title", count=10) in texts(replies)
    assert ru("page-range", first=1, last=8, total=10) in replies[-1].buttons()
    replies = await methodist.press("›")
    assert ru("page-range", first=9, last=10, total=10) in replies[-1].buttons()
    assert any("Семинар 09" in b for b in replies[-1].buttons())
    replies = await methodist.press("‹")
    assert any("Семинар 00" in b for b in replies[-1].buttons())
    replies = await methodist.press(next(b for b in replies[-1].buttons() if "Семинар 00" in b))
    assert ru("event-cancel") in replies[-1].buttons()
    replies = await methodist.press_key("nav-back")
    assert ru("events-mine-title", count=10) in texts(replies)
    assert harness.telegram.refused == []


async def test_editing_and_seats_are_steps_with_a_way_back_and_chosen_values(
    harness: Harness, cast: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, _first, _second = cast
    await create_event(methodist)
    event_id = await session.scalar(select(Event.id))
    await methodist.tap(f"ea:manage:{event_id}")
    await methodist.press_key("event-edit")
    await methodist.press_key("event-edit-start")
    replies = await methodist.press_key("nav-back")
    assert ru("event-edit-choose") in texts(replies)
    await methodist.press_key("event-edit-start")
    await methodist.press("›")
    await methodist.press("2")
    replies = await methodist.press("16:00")
    assert ru("event-edited", title=TITLE, count=0) in texts(replies)
    await methodist.press_key("event-edit")
    await methodist.press_key("event-edit-end")
    await methodist.send("45")
    await methodist.press_key("event-edit")
    await methodist.press_key("event-edit-place")
    replies = await methodist.press_key("event-edit-clear")
    assert ru("event-cancel") in replies[-1].buttons()
    await methodist.press_key("event-materials")
    await methodist.press_key("nav-back")  # back on the event's screen: nothing is sent any more
    replies = await methodist.send("Слайды к семинару")
    assert ru("event-materials-sending", count=0) not in texts(replies)
    await methodist.press_key("event-change-capacity")
    replies = await methodist.press("50")
    assert ru("event-capacity-set", promoted=0) in texts(replies)
    session.expire_all()
    event = await session.get_one(Event, event_id)
    local = event.starts_at + timedelta(hours=3)
    assert (local.day, local.hour, event.ends_at - event.starts_at) == (2, 16, timedelta(minutes=45))
    assert (event.place, event.capacity) == ("", 50)
    assert harness.telegram.refused == []


async def test_an_events_card_for_the_news_and_its_signup_button_which_leaves_the_news_as_it_was(
    harness: Harness, cast: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, first, _second = cast
    await create_event(methodist)
    event_id = await session.scalar(select(Event.id))
    assert event_id is not None
    russian = Translations().get("ru")
    announcement = announcement_text(russian, card_of(await session.get_one(Event, event_id)))
    assert TITLE in announcement and "ИМЦ, ауд. 12" in announcement
    assert ru("event-seats", left=10, capacity=10) not in announcement  # seats change after the news is sent
    button = signup_button(russian, event_id)
    assert button.text == ru("event-sign-up") and button.callback_data is not None
    replies = await first.tap(button.callback_data)
    sent = [reply for reply in replies if reply.chat_id]
    assert [reply.method for reply in sent] == ["SendMessage", "SendDocument"]  # nothing edited: the news stays
    assert ru("event-my-status", status="registered", position=0) in sent[0].text
    assert harness.telegram.refused == []
