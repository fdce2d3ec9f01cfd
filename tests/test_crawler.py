"""The crawler (issue 16): every role presses every button it is shown, and every screen is judged by the
navigation model; together the roles reach every callback handler and every menu command.

The roles crawl once per test session (in the first test that needs it), each from the same seeded municipality;
the tests judge what the crawls found. The rules and the bounds are in tests/support/crawler.py; run with -s to see
what each crawl pressed, found and left out."""

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from aiogram import Dispatcher
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from tests.conftest import ADMIN_ID, POSTGRES
from tests.support.conversation import ru
from tests.support.crawl_world import CrawlDatabase, callback_handlers, crawl_harness, menu_commands, recording
from tests.support.crawler import HOME, UNREACHABLE_BY_DESIGN, Crawl, Crawler, Step, crawl_every_role
from tests.support.factories import join_with_consent
from tests.support.fake_telegram import Sent

MENU_ROLES = ("teacher", "young_specialist", "mentor", "coordinator", "methodist", "admin")
ROLES = (*MENU_ROLES, "newcomer")  # the newcomer has just written: no consent yet, no role, no menu
CrawlOf = Callable[[str], Awaitable[Crawl]]
SHOWN = 20
# The crawl judges screens, not SQL, and takes a copy of its database before every tap: a file copy on SQLite.
pytestmark = pytest.mark.skipif(POSTGRES is not None, reason="the crawler runs on SQLite")
_crawls: dict[str, Crawl] = {}  # plain data, so one crawl per role serves every test of the session


@pytest.fixture
def crawl_of(dispatcher: Dispatcher, migrated_template: str, tmp_path_factory: pytest.TempPathFactory) -> CrawlOf:
    async def crawl(role: str) -> Crawl:
        if not _crawls:
            _crawls.update(await crawl_every_role(dispatcher, migrated_template, tmp_path_factory.mktemp("crawl")))
            for every in _crawls.values():
                _print(every)
        return _crawls[role]

    return crawl


def _print(crawl: Crawl) -> None:
    print(f"\n{crawl.role}: {crawl.nodes} taps and answers judged, {len(crawl.problems)} problems")
    print(*(f"  {problem}" for problem in crawl.problems), sep="\n")
    print(f"  cut by the bounds ({len(crawl.cut)}, the first {SHOWN}):", *crawl.cut[:SHOWN], sep="\n    ")


@pytest.mark.parametrize("role", ROLES)
async def test_no_tap_ends_in_an_unhandled_error_or_a_request_telegram_refuses(role: str, crawl_of: CrawlOf) -> None:
    crawl = await crawl_of(role)
    assert not (found := crawl.broke("error", "refused")), "\n".join(found)


@pytest.mark.parametrize("role", ROLES)
async def test_no_button_is_stale_or_answered_with_an_apology(role: str, crawl_of: CrawlOf) -> None:
    crawl = await crawl_of(role)
    assert not (found := crawl.broke("stale", "apology")), "\n".join(found)


@pytest.mark.parametrize("role", ROLES)
async def test_every_screen_reached_by_a_tap_has_a_way_to_the_menu(role: str, crawl_of: CrawlOf) -> None:
    crawl = await crawl_of(role)
    assert not (found := crawl.broke("no way to the menu")), "\n".join(found)


@pytest.mark.parametrize("role", ROLES)
async def test_every_wizard_step_offers_cancel_and_cancel_leaves_it(role: str, crawl_of: CrawlOf) -> None:
    crawl = await crawl_of(role)
    found = crawl.broke("wizard step without «✖️ Отмена»", "cancel did not leave the conversation")
    assert not found, "\n".join(found)


async def test_every_callback_handler_and_every_menu_command_is_reached_by_some_role(
    dispatcher: Dispatcher, crawl_of: CrawlOf
) -> None:
    crawls = [await crawl_of(role) for role in ROLES]
    assert all(crawl.nodes > 0 for crawl in crawls)
    reached = {name for crawl in crawls for name in crawl.handlers}
    unreached = sorted(callback_handlers(dispatcher) - UNREACHABLE_BY_DESIGN - reached)
    unreached += sorted(f"/{name}" for name in menu_commands() - {name for crawl in crawls for name in crawl.commands})
    assert not unreached, "\n".join(unreached)


async def test_the_crawler_flags_each_kind_of_breach_and_passes_a_screen_with_its_way_on(
    dispatcher: Dispatcher, migrated_template: str, tmp_path: Path
) -> None:
    database = CrawlDatabase(migrated_template, tmp_path)
    async with crawl_harness(dispatcher, database) as harness:
        admin = harness.person(ADMIN_ID, "Админ")
        await join_with_consent(admin)  # consented, with a role: a person who has a menu
        async with recording(dispatcher) as records:
            crawler = Crawler(harness, admin, "admin", database, records)
            tap = (Step("tap", HOME, "[x]"),)
            home = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="🏠", callback_data=HOME)]])
            await crawler.judge(tap, [Sent("EditMessageText", ADMIN_ID, "Экран", home, message_id=1)], (None, None), [])
            assert crawler.report.problems == []
            dead_end = Sent("SendMessage", ADMIN_ID, "Готово", None, message_id=2)
            await crawler.judge(tap, [dead_end], (None, None), [])
            await crawler.judge(tap, [dead_end], (None, "Form:step"), [])
            stale = Sent("answerCallbackQuery", None, ru("stale-button"), alert=True)
            await crawler.judge(tap, [stale], (None, None), ["SendMessage: can't parse entities"])
            logging.getLogger("handlers.common.errors").error("update 1 failed")
            await crawler.judge(tap, [Sent("answerCallbackQuery", None, ru("error-unexpected"))], (None, None), [])
    rules = [problem.rule for problem in crawler.report.problems]
    assert rules == [
        "no way to the menu",
        "wizard step without «✖️ Отмена»",
        "refused",
        "stale",
        "error",
        "apology",
    ]
