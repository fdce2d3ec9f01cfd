"""The crawler: a person presses every button the bot shows them, what they have not done yet first, and each
screen is judged by the navigation model (handlers/common/navigation.py).

Each role crawls its own copy of a seeded municipality (tests/support/seed.py). The roots are the commands Telegram
lists for the person (/start first), a text written outside any conversation, and the buttons on what they already
received (the menu, notices). Before each tap the crawler saves the moment its screen was shown — the database file,
the conversation state, the chat — and every tap is taken on that moment brought back, so destructive buttons are
pressed too without spoiling the rest of the walk, and no path is replayed.

What is pressed: each button once per callback data and step of a conversation (the same data at another step is
another button: handlers filter by state); of buttons whose data differ only in numbers (days, hours, rows of a
list) the first few the crawl meets. At a step of a conversation the crawler also gives the first of a few sample
answers the step takes — the template back, or a file of our own, where it asks for a file; a typed text otherwise —
so wizards are walked to their last step.

In what order: breadth-first among steps of the same family (a button's action at a step of a conversation, a
command, an answer; see `_family`), the family taken fewest times first — so a role's crawl goes everywhere once
before it goes anywhere twice, and the same action on one more row, period or scope waits behind everything new.
A family is taken a bounded number of times, paths have a bounded depth and a role a bounded count; what the bounds
left out is reported as `cut`.

The rules a tap is judged by (one `Problem` per rule, handler and screen, with the first path to it):
- «error»: nothing is logged at ERROR (handlers.common.errors logs every unhandled exception);
- «refused»: Telegram would accept every request (`FakeTelegram.refused`; "message is not modified" aside, which
  `show` takes as harmless: a tap on the page or the filter already shown);
- «stale», «apology»: no answer is `stale-button` or `error-unexpected` (compared by locale key);
- «no way to the menu»: of the text messages the tap sent or redrew in the person's chat, one carries «🏠 Меню»
  (`MenuAction(item="home")`) or is the main menu itself. A tap that only answers the query (an alert, a toast)
  or only sends files (a document, a chart) leaves the tapped screen as it was and has nothing to judge; a person
  who has not consented or has no role has no menu, so only the conversation rules apply to them;
- «wizard step without «✖️ Отмена»»: a tap, command or typed answer that brings the person to a step of a
  conversation shows `MenuAction(item="cancel")` (a re-asked step after a bad answer is the same step);
- «cancel did not leave the conversation»: pressing that «✖️ Отмена» clears the state and shows the main menu."""

import heapq
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from aiogram import Dispatcher
from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import select

from handlers.common.keyboards import MenuAction
from services.models.people import User
from services.people.access import actor_for_user
from tests.support.conversation import Harness, Person, ru
from tests.support.crawl_world import (
    CrawlDatabase,
    ErrorRecords,
    HandlerRecorder,
    Moment,
    crawl_harness,
    recording,
    screens_of,
)
from tests.support.factories import roster_row, xlsx
from tests.support.fake_telegram import Sent
from tests.support.seed import seed_municipality

HOME = MenuAction(item="home").pack()
CANCEL = MenuAction(item="cancel").pack()
MAIN_MENU = MenuAction(item="help").pack()  # every person's main menu has «Помощь»
NOT_MODIFIED = "message is not modified"
SCREENS = ("SendMessage", "EditMessageText", "EditMessageReplyMarkup")
# What a person might type at a step of a conversation: roster surnames (searches; also a free text), a date with a
# time, a time, a number. Once per conversation state, the first the step takes is typed.
SAMPLE_ANSWERS = ("Петрова", "Орлова", "10.12.2026 15:00", "17:00", "20")
# A step that asks for a file gets the template it sent back (its example row), tried before the texts; by the
# step's state, a file of our own where the template would not lead on: the roster template's example row is at a
# school the seed has, and only a school the municipality lacks brings the step that asks to create it.
SAMPLE_FILES = {
    "RosterUpload:file": ("roster.xlsx", xlsx([roster_row("Кузнецова Дарья Олеговна", school="МБОУ Лицей № 7")])),
}
# What a person may write outside any conversation (to their mentor, or to nobody in particular).
FREE_TEXT = "Добрый день! Можно вопрос?"
MAX_DEPTH = 12  # taps after a root (typed answers are free, so a wizard is walked to its end)
MAX_NODES = 600  # per role: a safety net, the family bound ends each role's crawl well before it
SAME_KIND = 3  # buttons whose data differ only in numbers: the first few the crawl meets are pressed
SAME_FAMILY = 10  # steps of one family (`_family`: the same action at the same step) taken at most
DIGITS = re.compile(r"[1-9]\d*")  # a zero (a field left empty) keeps its kind apart
# Handlers no screen leads to by design: the last word on callback data nobody recognises.
UNREACHABLE_BY_DESIGN = frozenset({"handlers.common.errors.stale_button"})


@dataclass(frozen=True)
class Step:
    """One thing a person does: send a text (a command or an answer), upload a file, or tap a button by its
    callback data."""

    kind: str  # "send", "upload" (a file named `value`), "tap", or "answer" (whatever the step takes, typed later)
    value: str
    label: str
    content: bytes = field(default=b"", repr=False)  # an upload's file

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class Problem:
    role: str
    path: tuple[Step, ...]
    rule: str
    detail: str = ""

    def __str__(self) -> str:
        where = _trail(self.path)
        return f"{self.role}: {where} — {self.rule}" + (f" ({self.detail})" if self.detail else "")


@dataclass
class Crawl:
    """What one role's crawl found and reached, as plain data (it outlives the database it ran on)."""

    role: str
    problems: list[Problem] = field(default_factory=list)
    handlers: set[str] = field(default_factory=set)  # module.qualname of every handler that ran
    commands: set[str] = field(default_factory=set)  # commands answered by a handler of their own
    nodes: int = 0
    cut: list[str] = field(default_factory=list)  # paths left unexplored by the bounds

    def broke(self, *rules: str) -> list[str]:
        return [str(problem) for problem in self.problems if problem.rule in rules]


# A step waiting its turn: how often its family was taken, when it was queued, the moment and the path to it.
Queued = tuple[int, int, Moment, tuple[Step, ...]]


class Crawler:
    """One person's breadth-first walk over every button they are shown, what it has not done yet first."""

    def __init__(
        self,
        harness: Harness,
        person: Person,
        role: str,
        database: CrawlDatabase,
        recording: tuple[HandlerRecorder, ErrorRecords],
    ) -> None:
        self.harness, self.person, self.database = harness, person, database
        self.recorder, self.errors = recording
        self.report = Crawl(role)
        self.seen: set[str] = set()  # (state, callback data) already queued, and states already answered
        self.reported: set[tuple[str, ...]] = set()
        self.kinds: dict[str, int] = {}  # buttons queued per (state, callback data with its numbers blanked)
        self.taken: Counter[str] = Counter()  # steps taken per family (`_family`)
        self._order = itertools.count()  # the order steps were queued in: breadth-first among equals

    def _queue(self, queue: list[Queued], moment: Moment, path: tuple[Step, ...]) -> None:
        heapq.heappush(queue, (self._taken(moment, path[-1]), next(self._order), moment, path))

    def _taken(self, moment: Moment, step: Step) -> int:
        return self.taken[_family(moment, step)]

    async def run(self, start: Moment, max_depth: int = MAX_DEPTH, max_nodes: int = MAX_NODES) -> Crawl:
        queue: list[Queued] = []
        for path in self._roots(start):
            self._queue(queue, start, path)
        while queue:
            taken, order, moment, path = heapq.heappop(queue)
            if (now_taken := self._taken(moment, path[-1])) > taken:  # its family was taken while it waited
                heapq.heappush(queue, (now_taken, order, moment, path))
                continue
            depth = sum(step.kind == "tap" for step in path)
            if self.report.nodes >= max_nodes or depth > max_depth or taken >= SAME_FAMILY:
                self.report.cut.append(_trail(path))
                continue
            self.report.nodes += 1
            self.taken[_family(moment, path[-1])] += 1
            self.errors.records.clear()
            refused = len(self.harness.telegram.refused)
            if path[-1].kind == "answer":
                step, replies = await self._answer(moment)
                path = (*path[:-1], step)
            else:
                await self._bring_back(moment)
                replies = await self._do(path[-1], moment)
            state = await self._state()
            await self.judge(path, replies, (moment.state, state), self.harness.telegram.refused[refused:])
            if steps := self._next_steps(path, replies, state):
                now = await self._save()
                for step in steps:
                    self._queue(queue, now, (*path, step))
            if state is not None:
                await self._cancel(path, replies)
        return self.report

    async def _answer(self, moment: Moment) -> tuple[Step, list[Sent]]:
        """Give the step the first sample answer it takes: one that moves the conversation on, or offers a choice
        (a search's results); the step is judged by it. A step that asks for a file gets one first."""
        for sample in [*_files_for(moment), *(Step("send", text, f"«{text}»") for text in SAMPLE_ANSWERS)]:
            await self._bring_back(moment)
            replies = await self._do(sample, moment)
            offered = {data for reply in replies if _is_screen(reply) for data in _callback_data(reply)}
            if await self._state() != moment.state or offered - {CANCEL, HOME}:
                break
        return sample, replies

    async def _save(self) -> Moment:
        storage, key = self.harness.dispatcher.fsm.storage, self._key()
        state, data = await storage.get_state(key), await storage.get_data(key)
        return Moment(await self.database.save(), state, data, screens_of(self.person))

    async def _bring_back(self, moment: Moment) -> None:
        await self.database.bring_back(moment.database)
        await self.harness.dispatcher.fsm.storage.set_state(self._key(), moment.state)
        await self.harness.dispatcher.fsm.storage.set_data(self._key(), moment.data)

    def _roots(self, start: Moment) -> list[tuple[Step, ...]]:
        """Each command Telegram lists for the person, /start first, and each button on what they already have."""
        commands = dict.fromkeys(["start", *self.harness.telegram.commands.get(self.person.user.id, [])])
        roots: list[tuple[Step, ...]] = [(Step("send", f"/{command}", f"/{command}"),) for command in commands]
        roots.append((Step("send", FREE_TEXT, f"«{FREE_TEXT}»"),))
        # Buttons on the chat's messages: the menu and notices. A conversation step the seeding itself went through
        # (its «Отмена» on it) is history, not a way in: its form is over, and its buttons rightly say so.
        left = [screen for screen in start.screens if CANCEL not in _callback_data(screen)]
        return roots + [(step,) for screen in left for step in self._taps_on(screen, start.state)]

    async def _do(self, step: Step, moment: Moment) -> list[Sent]:
        """Send a text, or tap a button on the screen that showed it."""
        self.recorder.ran.clear()
        if step.kind == "upload":
            replies = await self.person.send_document(step.value, step.content)
        elif step.kind == "send":
            replies = await self.person.send(step.value)
            if step.value.startswith("/") and any(not name.endswith("not_understood") for name in self.recorder.ran):
                self.report.commands.add(step.value.removeprefix("/"))
        else:
            screen = next(screen for screen in moment.screens if step.value in _callback_data(screen))
            replies = await self.person.tap(step.value, on=screen)
        self.report.handlers.update(self.recorder.ran)
        return replies

    async def judge(
        self,
        path: tuple[Step, ...],
        replies: list[Sent],
        states: tuple[str | None, str | None],
        refused: list[str],
    ) -> None:
        def problem(rule: str, detail: str = "") -> None:
            """One report per rule and screen: the shortest path to it (breadth-first comes first)."""
            if (seen := (rule, detail, *self.recorder.ran)) not in self.reported:
                self.reported.add(seen)
                self.report.problems.append(Problem(self.report.role, path, rule, detail))

        for record in self.errors.records:
            problem("error", f"{record.getMessage()}: {record.exc_info[1]!r}" if record.exc_info else "")
        for why in refused:
            if NOT_MODIFIED not in why:  # a tap on the page or filter already shown: `show` takes it in its stride
                problem("refused", why)
        for key, rule in (("stale-button", "stale"), ("error-unexpected", "apology")):
            if any(ru(key)[:40] in reply.text for reply in replies):
                problem(rule)
        screens = [reply for reply in replies if _is_screen(reply)]
        before, state = states
        # A typed answer is judged when it moves the conversation on (a re-asked step is the same step).
        moved = path[-1].kind == "tap" or before != state
        if state is not None and moved and screens:  # an alert alone leaves the step on screen, «Отмена» and all
            if not any(CANCEL in _callback_data(screen) for screen in screens):
                problem("wizard step without «✖️ Отмена»", _shown(screens))
        elif state is None and moved and screens and not any(map(_leads_to_menu, screens)) and await self._has_menu():
            problem("no way to the menu", _shown(screens))

    def _next_steps(self, path: tuple[Step, ...], replies: list[Sent], state: str | None) -> list[Step]:
        steps = [step for reply in replies if _is_screen(reply) for step in self._taps_on(reply, state, path)]
        if state is not None and (typed := f"{state}\ntyped") not in self.seen:
            self.seen.add(typed)
            steps.append(Step("answer", "", "«…»"))
        return steps

    def _taps_on(self, screen: Sent, state: str | None, path: tuple[Step, ...] = ()) -> list[Step]:
        """The screen's buttons not pressed yet at this step of a conversation (the same data is another button at
        another step: handlers filter by state), URL buttons aside (they leave the bot); of buttons whose data
        differ only in numbers (days, hours, rows of a list: one handler for all) the first few of the crawl.
        «🏠 Меню» and «✖️ Отмена» are the same button everywhere."""
        steps: list[Step] = []
        for row in screen.markup.inline_keyboard if screen.markup else []:
            for button in row:
                data = button.callback_data
                where = None if data in (HOME, CANCEL) else state
                if data is None or (seen := f"{where}\n{data}") in self.seen:
                    continue
                step = Step("tap", data, f"[{button.text}]")
                kind = f"{where}\n{DIGITS.sub('#', data)}"
                self.kinds[kind] = self.kinds.get(kind, 0) + 1
                if self.kinds[kind] > SAME_KIND:
                    self.report.cut.append(_trail((*path, step)))
                    continue
                self.seen.add(seen)
                steps.append(step)
        return steps

    async def _cancel(self, path: tuple[Step, ...], replies: list[Sent]) -> None:
        """Leave the conversation the way its step offers; the next path is replayed from its root."""
        screen = next((reply for reply in reversed(replies) if CANCEL in _callback_data(reply)), None)
        if screen is None:
            await self.person.send("/cancel")
            return
        answer = await self.person.tap(CANCEL, on=screen)
        if await self._state() is not None or not any(MAIN_MENU in _callback_data(reply) for reply in answer):
            self.report.problems.append(Problem(self.report.role, path, "cancel did not leave the conversation"))

    async def _has_menu(self) -> bool:
        """A person who has not consented, or has no role, has no menu to lead to."""
        async with self.database.session_factory() as session:
            user_id = await session.scalar(select(User.id).where(User.tg_id == self.person.user.id))
            actor = await actor_for_user(session, user_id) if user_id is not None else None
        return actor is not None and actor.consented and bool(actor.roles)

    def _key(self) -> StorageKey:
        user = self.person.user.id
        return StorageKey(bot_id=self.harness.bot.id, chat_id=user, user_id=user)

    async def _state(self) -> str | None:
        return await self.harness.dispatcher.fsm.storage.get_state(self._key())


def _files_for(moment: Moment) -> list[Step]:
    """What to upload at a step: our own file for its state, and the template it sent (the newest message, a file
    with «Отмена»)."""
    files = [SAMPLE_FILES[moment.state]] if moment.state in SAMPLE_FILES else []
    newest = moment.screens[0] if moment.screens else None
    if newest and newest.file_data and newest.file_name and CANCEL in _callback_data(newest):
        files.append((newest.file_name, newest.file_data))
    return [Step("upload", name, f"📎 {name}", content) for name, content in files]


def _family(moment: Moment, step: Step) -> str:
    """What a step most likely does: a button's callback prefix and first field (its action, with numbers blanked),
    a command, or a typed answer at a step of a conversation."""
    if step.kind == "tap":
        return f"{moment.state} " + ":".join(DIGITS.sub("#", step.value).split(":")[:2])
    return f"{moment.state} {step.kind} {step.value}"


def _is_screen(reply: Sent) -> bool:
    """A message drawn or redrawn, or a file sent with buttons (an upload step's template and its «Отмена»)."""
    return reply.method in SCREENS or (reply.method in ("SendDocument", "SendPhoto") and reply.markup is not None)


def _leads_to_menu(screen: Sent) -> bool:
    """«🏠 Меню» on it, or it is the main menu."""
    return bool({HOME, MAIN_MENU} & _callback_data(screen))


def _trail(path: tuple[Step, ...]) -> str:
    return " › ".join(str(step) for step in path)


def _callback_data(screen: Sent) -> set[str]:
    rows = screen.markup.inline_keyboard if screen.markup else []
    return {button.callback_data for row in rows for button in row if button.callback_data}


def _shown(screens: list[Sent]) -> str:
    last = screens[-1] if screens else None
    return f"{last.method}: {last.text[:60]!r}" if last else ""


async def crawl_every_role(dispatcher: Dispatcher, template: str, directory: Path) -> dict[str, Crawl]:
    """Seed the municipality once; each role then walks from the seed as it was, with what it had on screen."""
    database = CrawlDatabase(template, directory)
    async with crawl_harness(dispatcher, database) as harness:
        people = (await seed_municipality(harness)).by_role()
        for person in people.values():
            await person.send("/start")
        seed = await database.save()
        starts = {role: Moment(seed, None, {}, screens_of(person)) for role, person in people.items()}
        async with recording(dispatcher) as records:
            return {
                role: await Crawler(harness, person, role, database, records).run(starts[role])
                for role, person in people.items()
            }
