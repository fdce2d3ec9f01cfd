"""Hostile text in everything people type or import: every screen still reaches everybody.

The data of a lively municipality (events, routes, a mentoring pair with a meeting, a community, the
catalogue) is made through the real conversations; then every column that holds people's text (found from
the models, so a new column is covered without editing this test) is overwritten with HTML, entities, an
unmatched tag, emoji, an RTL override, control characters, or 4 096 characters. Each person then walks the
bot: every command they have, and every button the bot shows them, breadth first. The fake Bot API parses
HTML as strictly as Telegram and refuses over-long texts, so the assertion is: nothing refused, nothing
apologised for, nothing logged as an error."""

import html
import logging
import random
from collections import deque
from itertools import count

import pytest
from sqlalchemy import String, Text, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.fitting import TEXT_LIMIT, fit_html, safe_html, utf16_length
from handlers.common.i18n import Translations
from services.events.plan_import import COLUMNS as PLAN_COLUMNS
from services.models.people import Base
from tests.conftest import ADMIN_ID
from tests.support.conversation import Harness, Person
from tests.support.factories import xlsx
from tests.support.fake_telegram import Sent, html_to_plain
from tests.support.mentoring_setup import log, make_pair, start_meeting

ru = Translations().get("ru")
HOSTILE = [
    "<b>жирный</b>",
    "<script>alert(1)</script>",
    "&amp; &lt; &#0; &unknown;",
    "a < b & c > d",
    "</i> незакрытый",
    "😀 👩‍👩‍👧 эмодзи",
    "\u202eRTL override",
    "управляющие \x01\x07\x1b\x7f символы",
]
LONG = ("a < b & c > d 😀 <i> " * 300)[:4096]
# Text columns that hold codes, keys or Telegram's own HTML rather than what people typed.
NOT_PEOPLES_TEXT = {
    "organisations.timezone",
    "activities.areas",
    "people.name_key",
    "diagnostics.kind",
    "diagnostics.level",
    "users.language",
    "broadcasts.text",  # HTML that Telegram made from the author's formatting: sent as it came
    "broadcasts.media_kind",
    "broadcasts.file_id",
    "broadcasts.audience",
    "diagnostic_deficits.area",
    "events.timezone",
    "events.audience_role",
    "events.checkin_code",
    "indicator_snapshots.set_code",
    "indicator_snapshots.indicator_no",
    "indicator_choices.set_code",
    "indicator_manual_values.measure_key",
    "indicator_targets.set_code",
    "indicator_targets.indicator_no",
    "invites.token",
    "deliveries.key",
    "deliveries.text",
    "deliveries.markup",
    "deliveries.last_error",
    "event_reminders.kind",
    "pair_nudges.kind",
    "item_reminders.kind",
    "evidence.file_id",
    "route_events.action",
}
PRESSES_EACH = 120


async def _lively_municipality(trio: tuple[Person, Person, Person]) -> None:
    methodist, mentor, _mentee = trio
    await methodist.send("/events")
    await methodist.press(ru.plain("event-plan"))
    plan = [["Семинар", "семинар", "10.12.2026 10:00", "10.12.2026 12:00", "ИМЦ", "10", "", "нет", "", ""]]
    await methodist.send_document("plan.xlsx", xlsx(plan, header=PLAN_COLUMNS))
    await methodist.send("/communities")
    await methodist.press(ru.plain("communities-new"))
    await methodist.send("РМО учителей математики")
    await methodist.press(ru.plain("community-level-municipal"))
    await make_pair(methodist)
    await start_meeting(mentor)
    await log(mentor)


def _peoples_text_columns() -> list[tuple[str, str, int | None]]:
    """(table, column, length limit) of every text column people fill, from the models."""
    return [
        (table.name, column.name, getattr(column.type, "length", None))
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, String | Text)
        and column.type.__class__.__name__ != "Enum"
        and f"{table.name}.{column.name}" not in NOT_PEOPLES_TEXT
    ]


async def _make_hostile(session: AsyncSession, long: bool) -> int:
    """Overwrite every row's people's text; each value differs (unique names stay unique)."""
    numbers = count()
    changed = 0
    for table_name, column_name, length in _peoples_text_columns():
        table = Base.metadata.tables[table_name]
        key = next(iter(table.primary_key.columns))
        for (row_key,) in (await session.execute(select(key))).all():
            number = next(numbers)
            value = LONG if long else HOSTILE[number % len(HOSTILE)]
            suffix = f" №{number}"
            value = value[: (length or len(value) + len(suffix)) - len(suffix)] + suffix
            await session.execute(update(table).where(key == row_key).values({column_name: value}))
            changed += 1
    await session.commit()
    return changed


async def _walk(harness: Harness, person: Person) -> list[Sent]:
    """Every command the person has, then every button the bot shows them, breadth first."""
    shown: list[Sent] = []
    waiting: deque[tuple[Sent, str]] = deque()
    pressed: set[str] = set()

    def collect(replies: list[Sent]) -> None:
        shown.extend(replies)
        for reply in replies:
            for row in reply.markup.inline_keyboard if reply.markup else []:
                for button in row:
                    if button.callback_data and button.callback_data not in pressed:
                        waiting.append((reply, button.callback_data))

    for command in ["start", *harness.telegram.commands.get(person.user.id, [])]:
        collect(await person.send(f"/{command}"))
    while waiting and len(pressed) < PRESSES_EACH:
        reply, data = waiting.popleft()
        if data in pressed:
            continue
        pressed.add(data)
        collect(await person.tap(data, on=reply))
    return shown


@pytest.mark.parametrize("long", [False, True], ids=["html, entities, emoji, RTL, controls", "4096 characters"])
async def test_every_screen_shows_hostile_text_to_everybody(
    harness: Harness,
    trio: tuple[Person, Person, Person],
    session: AsyncSession,
    caplog: pytest.LogCaptureFixture,
    long: bool,
) -> None:
    await _lively_municipality(trio)
    assert await _make_hostile(session, long) > 20
    harness.telegram.refused.clear()
    caplog.clear()
    shown: list[Sent] = []
    with caplog.at_level(logging.ERROR):
        for person in (*trio, harness.person(ADMIN_ID, "Админ")):
            shown += await _walk(harness, person)
    assert len(shown) > 100
    assert [why for why in harness.telegram.refused if "message is not modified" not in why] == []
    assert not [sent.text for sent in shown if ru("error-unexpected") in sent.text]
    assert [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR] == []
    texts = "\n".join(sent.text for sent in shown)
    assert html.escape("a < b & c > d" if long else "<b>жирный</b>", quote=False) in texts  # shown as typed


@pytest.mark.parametrize("limit", [10, 200, TEXT_LIMIT])
def test_a_cut_text_is_still_valid_html_and_fits(limit: int) -> None:
    shuffle = random.Random(limit)
    pieces = [*(Translations().get("ru")("event-title", title=text) for text in HOSTILE), "<b>x</b>", "😀", "\n"]
    for _ in range(200):
        text = "".join(shuffle.choice(pieces) for _ in range(shuffle.randrange(1, 400)))
        fitted = fit_html(text, limit)
        assert utf16_length(html_to_plain(fitted)) <= limit
        assert fitted == text or fitted.endswith(("…", ">"))


def test_a_text_that_is_not_valid_html_is_sent_escaped_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    for broken in ("a < b", "</i>", "<b>never closed", "&bare", "<script>x</script>"):
        with caplog.at_level(logging.ERROR):
            sent = safe_html(broken, TEXT_LIMIT, "SendMessage")
        assert html_to_plain(sent) == broken
    assert len(caplog.records) == 5
