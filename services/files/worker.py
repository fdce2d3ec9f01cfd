"""Work on whole files (reading, checking and writing spreadsheets) in a separate process, off the event loop.

A thread is not enough: the work is pure Python (openpyxl, the row checks) and holds the GIL, so every time
the event loop woke up it waited for its turn; over the largest roster another person's /start waited up to
1.7 s. One worker process takes one job at a time (the machine has two cores: one for the loop and the
database, one for files). The bot starts it with `start_worker` (otherwise the first file does). It is
spawned, not forked: forking a process that runs aiosqlite's threads is unsafe. A spawned process imports
the main module again (unless it is a package's `__main__`, as `python -m bot` is), so every entry point
keeps its work under `if __name__ == "__main__"`. How many rows a job has read comes back through shared counters, one
slot per job.

What a job gets and gives crosses the process boundary pickled: functions are module-level, results are
plain values, and a DomainError raised in the worker arrives as the same error."""

import asyncio
import multiprocessing
import pickle
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar

from services.errors import InvalidInput

WORKERS = 1
SLOTS = 64  # jobs that can report progress at once; further ones run without
POLL = 0.25  # seconds between copies of a job's row count into its ReadProgress
PIECE = 500  # items of a list result pickled together

Result = TypeVar("Result")


@dataclass
class ReadProgress:
    """How many rows a file's reading has got through, for a progress message."""

    rows: int = 0


class _Counter(ReadProgress):
    """A ReadProgress in the worker process: its rows are the job's slot of the shared counters."""

    def __init__(self, slot: int) -> None:  # no dataclass __init__: `rows` lives in the shared array
        self.slot = slot

    @property
    def rows(self) -> int:
        return int(_counters[self.slot])

    @rows.setter
    def rows(self, value: int) -> None:
        _counters[self.slot] = value


_counters: Any = None  # in the worker process: the shared counters, given when it starts


def _started(counters: Any) -> None:
    global _counters
    _counters = counters


@dataclass(frozen=True)
class _Pieces:
    """A long list, pickled PIECE items at a time. Unpickled whole, 20 000 roster rows held the GIL for
    0.2 s of CPU in one call; piece by piece, the event loop gets a turn between pieces."""

    pickled: list[bytes]


def _job(function: Callable[..., Any], slot: int | None, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """Runs in the worker: `function`, with a progress counter when the caller wants one."""
    if slot is not None:
        kwargs = kwargs | {"progress": _Counter(slot) if slot >= 0 else ReadProgress()}
    result = function(*args, **kwargs)
    if isinstance(result, list) and len(result) > PIECE:
        return _Pieces([pickle.dumps(result[start : start + PIECE]) for start in range(0, len(result), PIECE)])
    return result


async def _unpickled(pieces: _Pieces) -> list[Any]:
    result: list[Any] = []
    for piece in pieces.pickled:
        result.extend(pickle.loads(piece))
        await asyncio.sleep(0)
    return result


class _Worker:
    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.counters = context.RawArray("q", SLOTS)
        self.free = list(range(SLOTS))
        self.pool = ProcessPoolExecutor(WORKERS, mp_context=context, initializer=_started, initargs=(self.counters,))

    def submit(
        self, function: Callable[..., Any], slot: int | None, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> Future[Any]:
        try:
            future = self.pool.submit(_job, function, slot, args, kwargs)
        except BaseException:
            if slot is not None and slot >= 0:
                self.free.append(slot)
            raise
        if slot is not None and slot >= 0:
            # The slot is free again only when the job has ended, not when its caller stopped waiting.
            future.add_done_callback(lambda _: self.free.append(slot))
        return future


_worker: _Worker | None = None


def _the_worker() -> _Worker:
    global _worker
    if _worker is None:
        _worker = _Worker()
    return _worker


async def in_worker(
    function: Callable[..., Result], *args: Any, progress: ReadProgress | None = None, **kwargs: Any
) -> Result:
    """`function(*args, **kwargs)` in the worker process; with `progress`, the function is also given a
    `progress=` counter, and the rows it counts are copied into `progress` while the job runs.

    The worker dying mid-job (a file that exhausted its memory) refuses the file as damaged; the next job
    gets a new worker."""
    worker = _the_worker()
    slot = None
    if progress is not None:
        slot = worker.free.pop() if worker.free else -1
        if slot >= 0:
            worker.counters[slot] = 0
    try:
        future = asyncio.wrap_future(worker.submit(function, slot, args, kwargs))
        while True:
            done, _ = await asyncio.wait({future}, timeout=POLL)
            if progress is not None and slot is not None and slot >= 0:
                progress.rows = int(worker.counters[slot])
            if done:
                result = future.result()
                return await _unpickled(result) if isinstance(result, _Pieces) else result  # type: ignore[return-value]
    except BrokenProcessPool as error:
        global _worker
        if _worker is worker:
            _worker = None
            worker.pool.shutdown(wait=False, cancel_futures=True)
        raise InvalidInput("file-damaged") from error


async def start_worker() -> None:
    """Start the worker process now rather than on the first file (it takes a second or two to start)."""
    await in_worker(int)
