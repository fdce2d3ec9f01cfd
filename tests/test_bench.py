"""The benchmarks stay runnable: each runs on a small size and prints its report (times are not checked)."""

import pytest
from aiogram import Dispatcher

from bench import broadcast, events, indicators, roster_import, routes, upload_latency


async def test_roster_import_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    await roster_import.main(300)
    output = capsys.readouterr().out
    assert "rows/s" in output and "300 unchanged" in output


async def test_route_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    await routes.main(500)
    output = capsys.readouterr().out
    assert "teacher opens a 30-item route" in output and "review queue" in output


async def test_event_sign_up_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    await events.main(40)
    output = capsys.readouterr().out
    assert "sign-ups/s" in output and "20 seated" in output


async def test_broadcast_and_digest_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    await broadcast.main(100, 1000, 300)
    output = capsys.readouterr().out
    assert "100 deliveries written" in output and "ratio" in output and "300 people due" in output


async def test_indicator_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    await indicators.main(300)
    output = capsys.readouterr().out
    assert "odintsovo: 13 indicators × 3 schools" in output and "× the floor" in output


async def test_upload_latency_benchmark_runs(capsys: pytest.CaptureFixture[str], dispatcher: Dispatcher) -> None:
    await upload_latency.main(200, dispatcher)
    output = capsys.readouterr().out
    assert "rows/s" in output and "worst wait" in output
