"""A job for the file worker process that holds it busy until the test opens a gate (a file appears): the
worker is another process, so a threading.Event cannot reach it."""

import time
from pathlib import Path


def hold_until(started: str, gate: str, timeout: float) -> bool:
    """Mark `started`, then wait until `gate` exists (True) or `timeout` seconds pass (False)."""
    Path(started).touch()
    return wait_for(gate, timeout)


def wait_for(path: str | Path, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not Path(path).exists():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True
