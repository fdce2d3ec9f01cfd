"""Hostile input, generated from what the bot registers, so a new screen is covered without editing this
file: every CallbackData class gets forged and mutated data pressed by a teacher, a stranger and a person
without consent; every conversation state gets hostile texts; every command is typed in a group.

Each press and message must end without an unhandled error (the apology), with no request Telegram
would refuse, with one answer per button press, with no change only a manager may make and with nothing
of another municipality (or, for people not in the roster, of anybody) in what the bot sent."""

import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import Any, Literal, get_args, get_origin

import pytest
from aiogram import Dispatcher
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData, CallbackQueryFilter
from aiogram.fsm.state import StatesGroup
from aiogram.fsm.storage.base import StorageKey
from aiogram.types import Chat, Message, MessageEntity
from magic_filter import MagicFilter
from magic_filter.operations import (
    CallOperation,
    CombinationOperation,
    ComparatorOperation,
    FunctionOperation,
    GetAttributeOperation,
)
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

import bot.app  # noqa: F401 - imports every handler module, so every class below exists
from handlers.common.i18n import Translations
from handlers.people.settings import PickLanguage
from services.events.organise import EventInput, create_event
from services.models.events import EventKind
from services.people.access import LANGUAGES, actor_for_user
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
from tests.support.fake_telegram import Sent

OURS = "Одинцовский городской округ"
THEIRS = "Заречный муниципальный район"
OUR_TEACHER = "Петрова Анна Сергеевна"
THEIR_TEACHER = "Секретова Ольга Ивановна"
THEIR_EVENT = "Закрытое совещание директоров"
# Tables only a manager changes: a forged press by anybody else must leave them as they were.
MANAGED_TABLES = (
    "role_grants",
    "invites",
    "organisations",
    "people",
    "person_subjects",
    "events",
    "registrations",
    "mentor_pairs",
    "mentor_plan_topics",
    "broadcasts",
    "activities",
    "communities",
    "join_requests",
    "diagnostics",
)
HUGE = [str(2**31), str(2**63 - 1), str(2**63), str(2**64), "-1", "x", "²", "1.5", ""]
TEXT_IDS = [str(2**63), "-1", "²"]  # for text fields that carry a number
HOSTILE_TEXTS = [
    "А" * 4096,
    "<b>жирный</b> & <script>alert(1)</script> <a href='x'>",
    "\x00\x01\x07\x1b[31m\r\n\t конец",
    "\u202eтекст справа налево\u200f\u202c",
    "👩‍🏫🧑🏽‍🎓🇷🇺" * 200,
    "Петрова" + "\u0301" * 50,
]


def subclasses(cls: type[Any]) -> Iterator[type[Any]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)


def callback_classes() -> list[type[CallbackData]]:
    return sorted(subclasses(CallbackData), key=lambda cls: cls.__name__)


def state_groups() -> list[type[StatesGroup]]:
    return sorted(subclasses(StatesGroup), key=lambda cls: cls.__name__)


def _strings(rule: MagicFilter | None) -> Iterator[tuple[str, str]]:
    """(field, value) pairs a filter rule compares with: `F.action == "new"`, `F.purpose.in_({...})`."""
    field = ""
    for operation in rule._operations if rule is not None else ():
        if isinstance(operation, GetAttributeOperation) and not field:
            field = operation.name
        elif isinstance(operation, ComparatorOperation) and isinstance(operation.right, str):
            yield field, operation.right
        elif isinstance(operation, FunctionOperation | CallOperation):
            for argument in operation.args:
                values = argument if isinstance(argument, set | frozenset | list | tuple) else [argument]
                yield from ((field, value) for value in values if isinstance(value, str))
        elif isinstance(operation, CombinationOperation) and isinstance(operation.right, MagicFilter):
            yield from _strings(operation.right)
            field = ""


def harvested(dispatcher: Dispatcher, cls: type[CallbackData]) -> dict[str, set[str]]:
    """The string values the registered handlers look for in each field of `cls`."""
    found: dict[str, set[str]] = {}
    for router in dispatcher.chain_tail:
        for handler in router.callback_query.handlers:
            for flt in handler.filters or ():
                if isinstance(flt.callback, CallbackQueryFilter) and flt.callback.callback_data is cls:
                    for field, value in _strings(flt.callback.rule):
                        found.setdefault(field, set()).add(value)
    return found


def _valid(annotation: Any) -> str:
    """A value of the field's type as packed into callback data."""
    if annotation is bool:
        return "1"
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return str(next(iter(annotation)).value)
    if get_origin(annotation) is Literal:
        return str(get_args(annotation)[0])
    if args := get_args(annotation):
        return _valid(args[0])
    return "1" if annotation is int else ""


def forged(dispatcher: Dispatcher, cls: type[CallbackData]) -> list[str]:
    """Shapes the handlers expect, with ids swapped, huge, negative and mistyped, plus broken data."""
    fields = cls.model_fields
    numeric = [name for name, info in fields.items() if info.annotation is int or _valid(info.annotation) == "1"]
    numeric = [name for name in numeric if fields[name].annotation is not bool]
    values = harvested(dispatcher, cls)
    base = {name: _valid(info.annotation) for name, info in fields.items()}
    shapes = [base] + [{**base, field: value} for field, options in values.items() for value in sorted(options)]

    def pack(parts: dict[str, str]) -> str:
        return ":".join([cls.__prefix__, *parts.values()])

    # Typed fields are validated before any rule is looked at, so their bad values need only one shape.
    cases = [pack({**base, name: bad}) for name in numeric for bad in HUGE]
    cases += [pack({**base, name: "zz-unknown"}) for name in fields if name not in numeric]
    for shape in shapes:  # every screen's shape, with the ids of our and their objects (1, 2, 3)
        cases += [pack({**shape, **dict.fromkeys(numeric, other)}) for other in ("1", "2", "3")]
        # free-text fields often carry an id or a number too ("ps:mentor:<person id>")
        cases += [pack({**shape, name: bad}) for name in fields if fields[name].annotation is str for bad in TEXT_IDS]
    whole = pack(base)
    garbage = (whole + ":" + "Ω€¥" * 30).encode()[:64].decode(errors="ignore")
    cases += [cls.__prefix__, whole + ":extra", whole.rsplit(":", 1)[0], garbage, "x" * 64]
    return list(dict.fromkeys(case for case in cases if len(case.encode()) <= 64))


async def snapshot(session: AsyncSession) -> dict[str, list[Any]]:
    return {
        table: [tuple(row) for row in await session.execute(text(f"SELECT * FROM {table} ORDER BY 1"))]
        for table in MANAGED_TABLES
    }


class World:
    """Two municipalities: ours with a methodist and a teacher, theirs with a teacher and an event."""

    def __init__(self, harness: Harness) -> None:
        self.harness = harness

    async def build(self) -> None:
        harness = self.harness
        admin = await admin_with_municipality(harness, OURS)
        await admin.send("/orgs")
        await admin.press_key("orgs-add")
        await admin.send(THEIRS)
        await admin.press("Moscow")
        self.methodist = await methodist_of(harness, admin, OURS)
        theirs = await methodist_of(harness, admin, THEIRS, tg_id=200)
        replies = await import_roster(self.methodist, xlsx([roster_row(OUR_TEACHER)]))
        token = start_token(str(read_xlsx(replies[-1].file_data or b"")[1][2]))
        await import_roster(theirs, xlsx([roster_row(THEIR_TEACHER, school="МБОУ Заречная СОШ")]))
        self.teacher = harness.person(501, "Анна")
        await join_with_consent(self.teacher, token)
        self.stranger = harness.person(800, "Незнакомец")
        self.unconsented = harness.person(801, "Без согласия")
        await self.unconsented.send("/start")
        async with harness.resources["session_factory"]() as session:
            user_id = await session.scalar(text("SELECT id FROM users WHERE tg_id = 200"))
            actor = await actor_for_user(session, int(user_id))
            now = harness.resources["clock"].now()
            start = now + timedelta(days=10)
            event = EventInput(THEIR_EVENT, EventKind.SEMINAR, start, start + timedelta(hours=2), capacity=5)
            await create_event(session, actor=actor, data=event, now=now)

    def secrets_for(self, person: Person) -> list[str]:
        """What this person must never be shown."""
        if person is self.teacher:
            return [THEIR_TEACHER, THEIR_EVENT]
        return [OUR_TEACHER, THEIR_TEACHER, THEIR_EVENT]


@pytest.fixture
async def world(harness: Harness) -> World:
    world = World(harness)
    await world.build()
    return world


def problems(replies: list[Sent], harness: Harness, secrets: list[str], refused_before: int) -> list[str]:
    translations: Translations = harness.resources["translations"]
    apologies = {translations.get(language).plain("error-unexpected") for language in LANGUAGES}
    shown = texts(replies)
    found = [f"apology: {shown[:80]!r}" for apology in apologies if apology in shown]
    found += [f"shows {secret!r}" for secret in secrets if secret in shown]
    found += [f"refused: {why}" for why in harness.telegram.refused[refused_before:]]
    return found


async def press_forged(harness: Harness, world: World, person: Person, classes: list[type[CallbackData]]) -> list[str]:
    """Every forged case of every class pressed by one person; what went wrong, one line each."""
    found: list[str] = []
    for cls in classes:
        for data in forged(harness.dispatcher, cls):
            refused_before = len(harness.telegram.refused)
            replies = await person.tap(data)
            secrets = world.secrets_for(person)
            found += [f"{data}: {problem}" for problem in problems(replies, harness, secrets, refused_before)]
            if (answers := [reply.method for reply in replies].count("answerCallbackQuery")) != 1:
                found.append(f"{data}: {answers} answers")
    return found


# One world per presser rather than per class: building it costs more than a class's presses.
@pytest.mark.parametrize("presser", ["teacher", "stranger", "unconsented"])
async def test_forged_callback_data_is_refused_like_a_stale_button(
    harness: Harness, world: World, session: AsyncSession, caplog: pytest.LogCaptureFixture, presser: str
) -> None:
    classes = callback_classes()
    before = await snapshot(session)
    with caplog.at_level(logging.ERROR, logger="handlers.common.errors"):
        found = await press_forged(harness, world, getattr(world, presser), classes)
    found += [f"logged: {record.getMessage()}" for record in caplog.records]
    session.expire_all()
    after = await snapshot(session)
    found += [f"{table} changed" for table in MANAGED_TABLES if before[table] != after[table]]
    assert found == [], "\n".join(found[:30])


def test_every_callback_class_has_its_own_prefix_and_validated_fields() -> None:
    classes = callback_classes()
    prefixes = [cls.__prefix__ for cls in classes]
    assert len(prefixes) == len(set(prefixes)), sorted(prefixes)
    for cls in classes:
        for name, info in cls.model_fields.items():
            if info.annotation is int:  # ids and pages must be bounded (handlers.common.callback_fields)
                assert info.metadata, f"{cls.__name__}.{name} is an unbounded int"
    assert set(get_args(PickLanguage.model_fields["code"].annotation)) == set(LANGUAGES)


async def test_hostile_texts_in_every_conversation_state_are_answered(
    harness: Harness, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    storage = harness.dispatcher.fsm.storage
    found: list[str] = []
    states = [state for group in state_groups() for state in group.__all_states__]
    assert len(states) > 40
    with caplog.at_level(logging.ERROR, logger="handlers.common.errors"):
        for state in states:
            for person in (world.methodist, world.teacher):
                for hostile in HOSTILE_TEXTS:
                    key = StorageKey(bot_id=harness.bot.id, chat_id=person.user.id, user_id=person.user.id)
                    await storage.set_state(key, state)
                    await storage.set_data(key, {})
                    refused_before = len(harness.telegram.refused)
                    replies = await person.send(hostile)
                    found += [
                        f"{state.state} {hostile[:20]!r}: {problem}"
                        for problem in problems(replies, harness, world.secrets_for(person), refused_before)
                    ]
                    if not replies:
                        found.append(f"{state.state} {hostile[:20]!r}: no answer")
    found += [f"logged: {record.getMessage()}" for record in caplog.records]
    assert found == [], "\n".join(found[:30])


def _commands(dispatcher: Dispatcher) -> set[str]:
    return {
        str(command.command if hasattr(command, "command") else command)
        for router in dispatcher.chain_tail
        for handler in router.message.handlers
        for flt in handler.filters or ()
        if isinstance(flt.callback, Command)
        for command in flt.callback.commands
    }


async def test_every_command_typed_in_a_group_shows_no_personal_data(
    harness: Harness, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    group = Chat(id=-100555, type="supergroup", title="Методобъединение")
    commands = _commands(harness.dispatcher) | {"start"}
    assert {"route", "mentor", "settings", "events"} <= commands
    translations: Translations = harness.resources["translations"]
    one_line = translations.get("ru")("door-private-only")
    with caplog.at_level(logging.ERROR, logger="handlers.common.errors"):
        for person in (world.teacher, world.methodist, world.stranger):
            for command in sorted(commands):
                before = len(harness.telegram.sent)
                typed = f"/{command}"
                entity = MessageEntity(type="bot_command", offset=0, length=len(typed))
                message = Message(
                    message_id=1,
                    date=datetime.now(UTC),
                    chat=group,
                    from_user=person.user,
                    text=typed,
                    entities=[entity],
                )
                await harness.feed(message=message)
                sent = harness.telegram.sent[before:]
                assert [(reply.chat_id, reply.text) for reply in sent] == [(group.id, one_line)], typed
    assert caplog.records == []
    async with harness.resources["session_factory"]() as session:
        assert await session.scalar(text("SELECT count(*) FROM users WHERE tg_id = 800")) == 0  # nothing stored
