"""`kiosk supervise` with a stand-in show: what it restarts, when, and what it leaves alone."""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.unattended.supervise import Limits, Supervisor

STANDIN = Path(__file__).resolve().parents[1] / "data" / "standin_show.py"
FAST = Limits(
    heartbeat_seconds=1.0,
    startup_seconds=5.0,
    memory_mb=300,
    poll_seconds=0.05,
    first_delay=0.5,
    max_delay=4.0,
    stable_seconds=30,
)


@pytest.fixture
def supervisor_for(tmp_path: Path):
    def make(behaviour: str) -> tuple[Supervisor, list[float]]:
        pauses: list[float] = []
        command = [sys.executable, str(STANDIN), behaviour]
        return Supervisor(command, FAST, tmp_path / "heartbeat", pauses.append), pauses

    return make


def starts(tmp_path: Path) -> int:
    return int((tmp_path / "starts").read_text())


def test_a_crash_is_restarted_until_the_show_quits_cleanly(supervisor_for, tmp_path, caplog) -> None:
    supervisor, pauses = supervisor_for("crash-twice")
    with caplog.at_level(logging.INFO):
        assert supervisor.run(max_starts=5) == 0
    assert starts(tmp_path) == 3
    assert pauses == [0.5, 1.0]
    assert caplog.text.count("restarting the show in") == 2
    assert "it exited with status 3" in caplog.text
    assert "the show quit cleanly; not restarting" in caplog.text


def test_a_clean_quit_is_not_restarted(supervisor_for, tmp_path) -> None:
    supervisor, pauses = supervisor_for("quit")
    assert supervisor.run(max_starts=5) == 0
    assert starts(tmp_path) == 1
    assert pauses == []


def test_a_frozen_show_is_killed_and_restarted(supervisor_for, tmp_path, caplog) -> None:
    supervisor, _ = supervisor_for("freeze")
    started = time.monotonic()
    with caplog.at_level(logging.ERROR):
        assert supervisor.run(max_starts=2) == 1
    assert starts(tmp_path) == 2
    assert "frozen: no heartbeat for" in caplog.text
    assert time.monotonic() - started < 20  # not the stand-in's 60 s sleep
    assert supervisor.child.poll() is not None


def test_a_show_over_the_memory_ceiling_is_restarted(supervisor_for, tmp_path, caplog) -> None:
    supervisor, _ = supervisor_for("hog")
    # about memory only: touching 400 MB can take over a second on a busy machine, which the
    # 1-s heartbeat limit would call a freeze
    supervisor.limits = replace(FAST, heartbeat_seconds=30)
    with caplog.at_level(logging.ERROR):
        supervisor.run(max_starts=1)
    assert "is over the 300 MB ceiling" in caplog.text


@pytest.mark.expected_warnings  # each restart is logged with its reason
def test_a_show_that_crashes_at_once_is_restarted_with_growing_pauses(supervisor_for, tmp_path) -> None:
    supervisor, pauses = supervisor_for("crash-at-once")
    assert supervisor.run(max_starts=6) == 1
    assert starts(tmp_path) == 6
    assert pauses == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]


def test_the_real_show_under_the_supervisor_ends_with_its_clean_exit(tmp_path: Path) -> None:
    import os
    import subprocess

    from ..helpers import REPO

    result = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "supervise", "--log-dir", str(tmp_path), "--selftest", "0"],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "selftest: OK: all 12 slides drawn" in result.stdout
    log = (tmp_path / "kiosk.log").read_text(encoding="utf-8")
    supervisor_log = (tmp_path / "supervise.log").read_text(encoding="utf-8")
    assert "the show quit cleanly; not restarting" in supervisor_log  # one writer per log file
    assert "content loaded:" in log and "12 slides, content " in log
    assert "the show quit cleanly" not in log


def test_with_no_display_the_supervisor_waits_with_growing_pauses_then_starts_the_show(
    tmp_path: Path, caplog
) -> None:
    answers = iter(["DISPLAY is not set"] * 4 + [""])
    pauses: list[float] = []
    command = [sys.executable, str(STANDIN), "quit"]
    supervisor = Supervisor(
        command, FAST, tmp_path / "heartbeat", pauses.append, no_display=lambda: next(answers)
    )
    with caplog.at_level(logging.INFO):
        assert supervisor.run(max_starts=3) == 0
    assert pauses == [0.5, 1.0, 2.0, 4.0]
    assert starts(tmp_path) == 1
    assert caplog.text.count("waiting for a display (DISPLAY is not set)") == 1
    assert "a display is there now; starting the show" in caplog.text


def test_a_show_that_finds_no_display_is_retried_with_growing_pauses_not_in_a_tight_loop(
    tmp_path: Path, caplog
) -> None:
    pauses: list[float] = []
    no_display = [sys.executable, "-c", "import sys; sys.exit(69)"]
    supervisor = Supervisor(no_display, FAST, tmp_path / "heartbeat", pauses.append, no_display=lambda: "")
    with caplog.at_level(logging.ERROR):
        assert supervisor.run(max_starts=4) == 1
    assert pauses == [0.5, 1.0, 2.0, 4.0]
    assert caplog.text.count("it found no display to show on (status 69)") == 4
