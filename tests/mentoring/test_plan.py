"""The mentoring plan, corrections of the meeting log, the mentor's result and the managers' numbers."""

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.jobs import send_mentoring_nudges
from services.models.mentoring import Meeting, MentorPair, PlanTopic
from tests.conftest import FrozenClock
from tests.support.conversation import Harness, Person, ru, shows, texts
from tests.support.delivery import deliver, run_job
from tests.support.factories import read_xlsx
from tests.support.mentoring_setup import MENTEE, MENTOR, log, make_pair, pair_id, start_meeting

FIRST_TOPIC = ru("plan-template-0")
NOVEMBER, DECEMBER, JULY = (f"{ru(f'month-{month}')} 2026" for month in (11, 12, 7))


async def open_plan(person: Person, *, as_mentor: bool) -> str:
    await person.send("/mentor")
    if as_mentor:
        await person.press(next(b for b in person.last.buttons() if MENTEE in b))
    replies = await person.press_key("mentor-card-plan")
    return texts(replies)


async def test_the_plan_comes_from_the_template_and_shows_what_meetings_covered(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, mentor, mentee = trio
    await make_pair(methodist)
    assert ru("plan-empty") in await open_plan(mentor, as_mentor=True)
    replies = await mentor.press_key("plan-propose")
    assert ru("plan-title", covered=0, total=9) in replies[-1].text and f"<b>{NOVEMBER}</b>" in replies[-1].text
    assert f"▫️ {FIRST_TOPIC}" in replies[-1].text
    await start_meeting(mentor)
    await mentor.press_key("meeting-today")
    await mentor.press("45")
    replies = await mentor.press_key("meeting-offline")
    assert replies[-1].text == ru("meeting-ask-topic-plan")
    assert replies[-1].buttons()[:6] == [ru(f"plan-template-{n}") for n in range(6)]
    assert replies[-1].buttons()[6:] == [ru("nav-back"), ru("nav-cancel")]
    await mentor.press(FIRST_TOPIC)
    await mentor.send("Познакомились с коллективом")
    await deliver(harness)
    meeting = await session.scalar(select(Meeting))
    assert meeting is not None and meeting.topic == FIRST_TOPIC and meeting.plan_topic_id is not None
    assert ru("plan-title", covered=1, total=9) in await open_plan(mentee, as_mentor=False)
    assert f"✅ {FIRST_TOPIC}" in mentee.last.text
    assert mentee.last.buttons() == [ru("nav-back"), ru("nav-menu")]  # the mentee reads the plan; the mentor keeps it
    await mentee.press_key("meeting-dispute")  # a disputed meeting covers nothing
    assert ru("plan-title", covered=0, total=9) in await open_plan(mentor, as_mentor=True)


async def test_the_mentor_adds_and_removes_topics_and_nobody_else_can(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, mentor, mentee = trio
    await make_pair(methodist)
    pair = await pair_id(harness)
    await open_plan(mentor, as_mentor=True)
    await mentor.press_key("plan-add")
    assert DECEMBER in mentor.last.buttons() and len(mentor.last.buttons()) == 12 + 2  # months, back, menu
    await mentor.press(DECEMBER)
    replies = await mentor.send("Подготовка к <b>зимней</b> аттестации")
    assert "Подготовка к &lt;b&gt;зимней&lt;/b&gt; аттестации" in replies[-1].text
    assert f"<b>{DECEMBER}</b>" in replies[-1].text and ru("plan-title", covered=0, total=1) in replies[-1].text
    replies = await mentor.tap(f"pl:month:{pair}:2031-01")  # outside the pair's period, forged
    await mentor.send("Тема")
    assert ru("plan-bad-month") in mentor.last.text
    topic = await session.scalar(select(PlanTopic.id))
    for forged in (f"pl:propose:{pair}:", f"pl:add:{pair}:", f"pl:drop:{pair}:{topic}"):
        assert ru("error-forbidden") in (await mentee.tap(forged))[-1].text, forged
    assert ru("plan-not-empty") in (await mentor.tap(f"pl:propose:{pair}:"))[-1].text
    await mentor.press_key("plan-remove")
    replies = await mentor.press(next(b for b in mentor.last.buttons() if "зимней" in b))
    assert shows(replies[-1].text, "plan-remove-ask", month=DECEMBER)  # the consequence, before anything changes
    await mentor.press_key("nav-keep")  # «Нет» goes back to the list of topics
    assert await session.scalar(select(func.count()).select_from(PlanTopic)) == 1
    await mentor.press(next(b for b in mentor.last.buttons() if "зимней" in b))
    replies = await mentor.press_key("plan-remove-yes")
    assert ru("plan-empty") in replies[-1].text
    assert await session.scalar(select(func.count()).select_from(PlanTopic)) == 0


async def test_the_mentor_corrects_or_deletes_an_entry_within_a_day_only(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession, clock: FrozenClock
) -> None:
    methodist, mentor, mentee = trio
    await make_pair(methodist)
    await start_meeting(mentor)
    await log(mentor)
    await mentor.press_key("meeting-edit-notes")
    replies = await mentor.send("Разобрали карту урока и <i>рубрику</i> оценивания")
    assert shows(replies[-1].text, "meeting-card", notes="Разобрали карту урока и <i>рубрику</i> оценивания")
    await mentor.press_key("meeting-edit-topic")
    await mentor.send("Технологическая карта")
    meeting = await session.scalar(select(Meeting))
    assert meeting is not None
    await session.refresh(meeting)
    assert meeting.topic == "Технологическая карта" and "рубрику" in meeting.notes
    assert ru("error-forbidden") in (await mentee.tap(f"me:delete_yes:{meeting.id}"))[-1].text
    await start_meeting(mentor)
    await log(mentor)
    await mentor.press_key("item-remove")
    replies = await mentor.press_key("meeting-delete-yes")
    assert ru("meeting-deleted") in replies[-1].text
    assert await session.scalar(select(func.count()).select_from(Meeting)) == 1
    clock.moment += timedelta(days=2)
    await mentor.send("/mentor")
    await mentor.press(next(b for b in mentor.last.buttons() if MENTEE in b))
    assert not [b for b in mentor.last.buttons() if b.startswith("✏️")]
    replies = await mentor.tap(f"me:delete_yes:{meeting.id}")
    assert ru("meeting-edit-closed") in replies[-1].text
    assert await session.scalar(select(func.count()).select_from(Meeting)) == 1


async def test_at_the_end_of_the_period_the_mentor_is_asked_for_a_result_once(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession, clock: FrozenClock
) -> None:
    methodist, mentor, mentee = trio
    await make_pair(methodist)
    pair = await pair_id(harness)
    await mentor.tap(f"mt:result:{pair}")
    replies = await mentor.send("Слишком рано")
    assert ru("pair-result-early", date="24.10.2027") in replies[-1].text
    clock.moment += timedelta(days=366)
    before = len(mentor.messages())
    await run_job(harness, send_mentoring_nudges)
    asked = [sent for sent in mentor.messages()[before:] if shows(sent.text, "nudge-result", mentee=MENTEE)]
    assert len(asked) == 1
    await run_job(harness, send_mentoring_nudges)
    assert len([sent for sent in mentor.messages() if shows(sent.text, "nudge-result", mentee=MENTEE)]) == 1
    await mentor.press_key("pair-result-write")
    replies = await mentor.send("Анна уверенно ведёт уроки & готова к аттестации")
    assert ru("pair-result-saved", name=MENTEE) in replies[-1].text
    await deliver(harness)
    assert "Анна уверенно ведёт уроки &amp; готова к аттестации" in mentee.last.text
    stored = await session.get_one(MentorPair, pair)
    await session.refresh(stored)
    assert stored.result == "Анна уверенно ведёт уроки & готова к аттестации"
    await methodist.send("/mentor")
    await methodist.press_key("pairs-overview")
    replies = await methodist.press_key("pairs-export")
    pairs = read_xlsx(next(reply.file_data for reply in replies if reply.file_data) or b"")
    assert pairs[0][8] == ru("pairs-col-8") and pairs[1][8] == stored.result


async def test_managers_see_people_in_pairs_and_meetings_by_month(
    harness: Harness, trio: tuple[Person, Person, Person], clock: FrozenClock
) -> None:
    methodist, mentor, _mentee = trio
    await make_pair(methodist)
    await start_meeting(mentor)
    await log(mentor)
    clock.moment += timedelta(days=10)  # December
    await start_meeting(mentor)
    await log(mentor)
    await start_meeting(mentor)
    await log(mentor)
    await methodist.send("/mentor")
    replies = await methodist.press_key("pairs-overview")
    text = texts(replies)
    assert ru("pairs-people", mentors=1, mentees=1, young_paired=1, young_total=1) in text
    assert f"{NOVEMBER} — 1 · {DECEMBER} — 2" in text and f"{JULY} — 0" in text
    assert f"{MENTOR} → {MENTEE}" in replies[-1].buttons()


async def test_every_screen_of_the_mentor_leads_back_and_to_the_menu(
    harness: Harness, trio: tuple[Person, Person, Person]
) -> None:
    methodist, mentor, _mentee = trio
    await make_pair(methodist)
    await start_meeting(mentor)
    await log(mentor)
    await mentor.send("/mentor")
    screens = [mentor.last]
    screens += await mentor.press(next(b for b in mentor.last.buttons() if MENTEE in b))  # the mentee's card
    screens += await mentor.press_key("mentor-card-plan")
    screens += await mentor.press_key("plan-propose")
    screens += await mentor.press_key("plan-add")
    screens += await mentor.press_key("nav-back")
    screens += await mentor.press_key("plan-remove")
    screens += await mentor.press_key("nav-back")
    screens += await mentor.press_key("nav-back")  # the card again
    screens += await mentor.press_key("meeting-log-open")
    screens += await mentor.press_key("nav-back")
    screens += await mentor.press(next(b for b in mentor.last.buttons() if b.startswith("✏️")))  # a recent entry
    screens += await mentor.press_key("meeting-edit-delete")
    screens += await mentor.press_key("nav-keep")
    shown = [screen for screen in screens if screen.method in ("SendMessage", "EditMessageText")]
    assert len(shown) == 14
    for screen in shown:
        assert ru("nav-menu") in screen.buttons() or ru("nav-keep") in screen.buttons(), screen.text
    assert all(screen.method == "EditMessageText" for screen in shown[1:])  # redrawn in place
    assert harness.telegram.refused == []
