"""The door (handlers.common.door): private chats only, consent before personal data, staff-only conversations,
one answer per button press, optional Bot API calls that never break a conversation."""

import logging
from datetime import UTC, datetime
from typing import Any

import pytest
from aiogram.exceptions import ClientDecodeError, TelegramServerError
from aiogram.fsm.storage.base import StorageKey
from aiogram.methods import GetMe, SetMyCommands, TelegramMethod
from aiogram.types import CallbackQuery, Chat, InaccessibleMessage, Message, MessageEntity, User
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import build_bot
from bot.retry import RetryMiddleware
from bot.settings import Settings
from handlers.common.door import BEFORE_CONSENT
from handlers.common.i18n import Translations
from handlers.common.keyboards import message_of
from handlers.people.joins import JoinForm
from services.errors import InvalidInput
from services.models.people import Invite, JoinRequest, Organisation, OrgKind, RoleGrant
from services.models.people import User as Account
from services.numbers import parse_id, parse_whole
from tests.support.conversation import Harness, Person, texts
from tests.support.factories import (
    admin_with_municipality,
    import_roster,
    join_with_consent,
    methodist_of,
    read_xlsx,
    roster_row,
    start_token,
    xlsx,
)
from tests.support.fake_telegram import BOT_USER, FakeTelegram

MUNICIPALITY = "Одинцовский городской округ"
TEACHER = "Петрова Анна Сергеевна"
GROUP = Chat(id=-1001234567890, type="supergroup", title="Учительская")
ANONYMOUS_ADMIN = User(id=1087968824, is_bot=True, first_name="Group", username="GroupAnonymousBot")


def ru(harness: Harness) -> Any:
    translations: Translations = harness.resources["translations"]
    return translations.get("ru")


@pytest.fixture
async def staff(harness: Harness) -> tuple[Person, Person, str]:
    """A methodist who imported a roster of one teacher, that teacher in the bot, and a second invite."""
    admin = await admin_with_municipality(harness, MUNICIPALITY)
    methodist = await methodist_of(harness, admin, MUNICIPALITY)
    replies = await import_roster(methodist, xlsx([roster_row(TEACHER), roster_row("Орлова Ольга Ивановна")]))
    tokens = [start_token(str(row[2])) for row in read_xlsx(replies[-1].file_data or b"")[1:]]
    teacher = harness.person(501, "Анна")
    await join_with_consent(teacher, tokens[0])
    return methodist, teacher, tokens[1]


def group_message(user: User, text: str, **extra: Any) -> Message:
    entities = [MessageEntity(type="bot_command", offset=0, length=len(text.split()[0]))] if text[0] == "/" else None
    return Message(
        message_id=1, date=datetime.now(UTC), chat=GROUP, from_user=user, text=text, entities=entities, **extra
    )


@pytest.mark.parametrize("command", ["/route", "/mentor", "/settings", "/start", "/events", "/route@nms_test_bot"])
async def test_a_command_in_a_group_gets_one_line_pointing_to_a_private_chat(
    harness: Harness, staff: tuple[Person, Person, str], command: str
) -> None:
    _methodist, teacher, _token = staff
    before = len(harness.telegram.sent)
    await harness.feed(message=group_message(teacher.user, command))
    sent = harness.telegram.sent[before:]
    assert [(reply.chat_id, reply.text) for reply in sent] == [(GROUP.id, ru(harness)("door-private-only"))]
    assert sent[0].markup is not None and sent[0].markup.inline_keyboard[0][0].url == "https://t.me/nms_test_bot"


@pytest.mark.parametrize(
    "update",
    [
        {"message": group_message(User(id=501, is_bot=False, first_name="Анна"), "маршрут покажи")},
        {"message": group_message(User(id=501, is_bot=False, first_name="Анна"), "/route@other_bot")},
        {"message": group_message(ANONYMOUS_ADMIN, "/route", sender_chat=GROUP)},
        {"message": group_message(User(id=501, is_bot=False, first_name="Анна"), "/route", sender_chat=GROUP)},
        {"message": group_message(User(id=777000, is_bot=False, first_name="Telegram"), "/mentor", sender_chat=GROUP)},
        {
            "channel_post": Message(
                message_id=1,
                date=datetime.now(UTC),
                chat=Chat(id=-100777, type="channel"),
                sender_chat=Chat(id=-100777, type="channel"),
                text="/route",
            )
        },
        {
            "message": Message(
                message_id=1,
                date=datetime.now(UTC),
                chat=Chat(id=43, type="private"),
                from_user=User(id=43, is_bot=True, first_name="Другой бот"),
                text="/start",
            )
        },
    ],
    ids=["group-text", "other-bot-command", "anonymous-admin", "sender-chat", "linked-channel", "channel-post", "bot"],
)
async def test_updates_from_groups_channels_and_bots_reach_no_handler(
    harness: Harness, staff: tuple[Person, Person, str], update: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    before = len(harness.telegram.sent)
    with caplog.at_level(logging.ERROR):
        await harness.feed(**update)
    assert harness.telegram.sent[before:] == []
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


async def test_a_tap_on_an_inaccessible_message_is_answered_as_a_stale_button(
    harness: Harness, staff: tuple[Person, Person, str]
) -> None:
    _methodist, teacher, _token = staff
    gone = InaccessibleMessage(chat=teacher.chat, message_id=5)
    query = CallbackQuery(id="q-gone", from_user=teacher.user, chat_instance="ci", message=gone, data="m:route")
    before = len(harness.telegram.sent)
    await harness.feed(callback_query=query)
    sent = harness.telegram.sent[before:]
    assert [(reply.method, reply.text) for reply in sent] == [
        ("answerCallbackQuery", ru(harness).plain("stale-button"))
    ]


async def test_only_the_marked_handlers_run_before_consent(harness: Harness) -> None:
    marked = {
        handler.callback.__name__
        for router in harness.dispatcher.chain_tail
        for observer in (router.message, router.callback_query)
        for handler in observer.handlers
        if handler.flags.get(BEFORE_CONSENT)
    }
    assert marked == {
        "start",
        "consent_given",
        "help_command",
        "help_button",
        "settings_command",
        "settings_button",
        "pick_language",
        "stale_button",
        "not_understood",
    }


async def test_a_join_request_is_never_stored_before_consent(
    harness: Harness, staff: tuple[Person, Person, str], session: AsyncSession
) -> None:
    school = await session.scalar(select(Organisation.id).where(Organisation.kind == OrgKind.SCHOOL))
    newcomer = harness.person(600, "Иван")
    await newcomer.send("/start")  # the consent screen, not answered
    refusal = ru(harness).plain("door-consent-first")
    for data in ("m:join", "op:jm:0:0:", f"pick:js:{school}:"):
        replies = await newcomer.tap(data)
        assert [(reply.method, reply.text) for reply in replies] == [("answerCallbackQuery", refusal)]
    key = StorageKey(bot_id=harness.bot.id, chat_id=600, user_id=600)
    await harness.dispatcher.fsm.storage.set_state(key, JoinForm.full_name)
    await harness.dispatcher.fsm.storage.set_data(key, {"school_id": school})
    replies = await newcomer.send("Иванов Иван Иванович")
    assert texts(replies) == ru(harness)("door-consent-first")
    assert await session.scalar(select(func.count()).select_from(JoinRequest)) == 0


async def test_a_second_person_opening_a_used_invite_is_told_why_after_the_consent_button(
    harness: Harness, staff: tuple[Person, Person, str]
) -> None:
    _methodist, _teacher, token = staff
    await join_with_consent(harness.person(700, "Первый"), token)
    second = harness.person(701, "Второй")
    await second.send(f"/start {token}")
    replies = await second.press(ru(harness).plain("consent-button"))  # answered, then the invite is refused
    assert [reply.method for reply in replies].count("answerCallbackQuery") == 1
    assert ru(harness)("invite-used") in texts(replies)


async def test_a_teacher_cannot_enter_a_staff_conversation_by_a_forged_button(
    harness: Harness, staff: tuple[Person, Person, str]
) -> None:
    _methodist, teacher, _token = staff
    key = StorageKey(bot_id=harness.bot.id, chat_id=501, user_id=501)
    for data in ("ps:mentor:1", "ps:mentee:2", "mt:new:0", "mt:import:0"):
        replies = await teacher.tap(data)
        assert ru(harness)("error-forbidden") in texts(replies) or ru(harness).plain("stale-button") in texts(replies)
        assert await harness.dispatcher.fsm.storage.get_state(key) is None


async def test_a_staff_conversation_ends_when_the_role_is_gone(
    harness: Harness, staff: tuple[Person, Person, str], session: AsyncSession
) -> None:
    methodist, _teacher, _token = staff
    await methodist.send("/mentor")
    await methodist.press_key("pair-new")
    user_id = select(Account.id).where(Account.tg_id == methodist.user.id).scalar_subquery()
    await session.execute(delete(RoleGrant).where(RoleGrant.user_id == user_id))
    await session.commit()
    replies = await methodist.send("Петрова")
    assert ru(harness)("error-forbidden") in texts(replies)
    key = StorageKey(bot_id=harness.bot.id, chat_id=methodist.user.id, user_id=methodist.user.id)
    assert await harness.dispatcher.fsm.storage.get_state(key) is None


async def test_a_conversation_whose_answers_are_gone_ends_with_start_again(
    harness: Harness, staff: tuple[Person, Person, str]
) -> None:
    methodist, _teacher, _token = staff
    key = StorageKey(bot_id=harness.bot.id, chat_id=methodist.user.id, user_id=methodist.user.id)
    await harness.dispatcher.fsm.storage.set_state(key, "CapacityForm:seats")  # event_id was never stored
    replies = await methodist.send("25")
    assert texts(replies) == ru(harness)("door-conversation-lost")
    assert await harness.dispatcher.fsm.storage.get_state(key) is None


def not_json(method: TelegramMethod[Any]) -> None:
    if isinstance(method, SetMyCommands):  # a proxy's HTML 502 page instead of the Bot API's JSON
        raise ClientDecodeError("Failed to deserialize object", ValueError("Expecting value"), "<html>502</html>")


async def test_the_menu_is_shown_even_when_the_command_list_gets_a_non_json_answer(
    harness: Harness, settings: Settings
) -> None:
    no_wait = RetryMiddleware(sleep=lambda _delay: _nothing())
    harness.bot = build_bot(settings, session=harness.telegram, retry=no_wait)
    harness.telegram.on_request = not_json
    admin = harness.person(1, "Админ")
    await admin.send("/start")
    replies = await admin.press(ru(harness).plain("consent-button"))
    assert ru(harness)("consent-thanks") in texts(replies)
    assert replies[-1].buttons()  # the main menu came after the failed command list
    await admin.press(ru(harness).plain("menu-settings"))
    replies = await admin.press(ru(harness).plain("language-en"))
    assert replies[-1].buttons()


async def _nothing() -> None:
    return None


async def test_decode_errors_are_retried_like_network_errors(settings: Settings) -> None:
    waits: list[float] = []

    async def record(delay: float) -> None:
        waits.append(delay)

    telegram = FakeTelegram()
    bot = build_bot(settings, session=telegram, retry=RetryMiddleware(sleep=record))
    garbage = ClientDecodeError("Failed to deserialize object", ValueError("Expecting value"), "<html>")
    telegram.fail_next(garbage, TelegramServerError(method=GetMe(), message="Bad Gateway"), garbage)
    assert (await bot.get_me()) == BOT_USER
    assert waits == [0.5, 1.0, 2.0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7", 7),
        (" 42 ", 42),
        ("007", 7),
        ("0", 0),
        ("100", 100),
        ("101", None),
        ("²", None),
        ("١٢", None),
        ("-1", None),
        ("+5", None),
        ("1e3", None),
        ("1.0", None),
        ("1_0", None),
        ("", None),
        ("   ", None),
        ("٣", None),
        ("7\u200f", None),
        ("9" * 400, None),
        ("IV", None),
    ],
)
def test_whole_numbers_are_ascii_digits_within_bounds(text: str, expected: int | None) -> None:
    assert parse_whole(text, low=0, high=100) == expected


@pytest.mark.parametrize("text", ["0", "-3", str(2**31), str(2**63), str(2**64), "²", "x"])
def test_ids_outside_the_columns_range_are_refused(text: str) -> None:
    assert parse_id(text) is None


@pytest.mark.parametrize(
    "data", ["ir:admin", "ir:teacher", "ir:", "pick:im:2:admin", "pick:is:3:admin", "op:im:0:0:admin"]
)
async def test_an_unexpected_role_in_a_role_invite_is_refused_cleanly(
    harness: Harness,
    staff: tuple[Person, Person, str],
    session: AsyncSession,
    data: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    methodist, _teacher, _token = staff
    invites = await session.scalar(select(func.count()).select_from(Invite))
    with caplog.at_level(logging.ERROR):
        replies = await methodist.tap(data)
    assert [reply.method for reply in replies].count("answerCallbackQuery") == 1
    assert ru(harness).plain("error-unexpected") not in texts(replies)
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert await session.scalar(select(func.count()).select_from(Invite)) == invites


async def test_the_telegram_name_is_stored_only_with_consent(harness: Harness, session: AsyncSession) -> None:
    newcomer = harness.person(900, "Ираида")
    await newcomer.send("/start")
    await newcomer.tap("m:route")
    stored = select(Account.display_name).where(Account.tg_id == 900)
    assert await session.scalar(stored) == ""
    await newcomer.press(ru(harness).plain("consent-button"))
    session.expire_all()
    assert await session.scalar(stored) == "Ираида"


def test_a_handler_never_gets_an_inaccessible_message_as_if_it_were_one() -> None:
    gone = InaccessibleMessage(chat=Chat(id=5, type="private"), message_id=5)
    query = CallbackQuery(id="q", from_user=User(id=5, is_bot=False, first_name="А"), chat_instance="c", message=gone)
    with pytest.raises(InvalidInput):
        message_of(query)
