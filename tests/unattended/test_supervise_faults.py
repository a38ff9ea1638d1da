"""The supervised show under faults: killed, frozen, failing at once again and again; two
shows side by side; a supervisor that stays small over a thousand restarts."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from kiosk.unattended.supervise import Limits, Supervisor, own_heartbeat_file, private_folder

from ..helpers import REPO
from .test_supervise import FAST, STANDIN, starts


def supervise_in_thread(supervisor: Supervisor, max_starts: int) -> tuple[threading.Thread, list[int]]:
    result: list[int] = []
    thread = threading.Thread(target=lambda: result.append(supervisor.run(max_starts)), daemon=True)
    thread.start()
    return thread, result


def first_child(supervisor: Supervisor, folder: Path) -> subprocess.Popen:
    deadline = time.monotonic() + 30
    while not (supervisor.child and (folder / "heartbeat").exists()):
        assert time.monotonic() < deadline, "the stand-in show never started"
        time.sleep(0.05)
    return supervisor.child


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        (signal.SIGKILL, "it was killed by SIGKILL"),
        (signal.SIGSEGV, "it was killed by SIGSEGV"),
        (signal.SIGSTOP, "frozen: no heartbeat for"),
    ],
)
def test_a_killed_or_frozen_show_is_restarted_and_the_reason_logged(
    tmp_path: Path, caplog, fault: signal.Signals, reason: str
) -> None:
    pauses: list[float] = []
    supervisor = Supervisor(
        [sys.executable, str(STANDIN), "beat-first"], FAST, tmp_path / "heartbeat", pauses.append
    )
    with caplog.at_level(logging.ERROR):
        thread, result = supervise_in_thread(supervisor, max_starts=3)
        show = first_child(supervisor, tmp_path)
        os.kill(show.pid, fault)
        thread.join(timeout=60)
    assert result == [0], "the second start quits cleanly, which ends the supervisor"
    assert starts(tmp_path) == 2
    assert pauses == [FAST.first_delay]
    assert show.poll() is not None, "the faulty show is not left behind"
    (restart,) = [r.getMessage() for r in caplog.records if "restarting the show" in r.getMessage()]
    assert reason in restart


def test_ten_failures_in_a_row_wait_longer_each_time_up_to_the_ceiling_each_logged(
    tmp_path: Path, caplog
) -> None:
    pauses: list[float] = []
    limits = Limits(**{**FAST.__dict__, "max_delay": 60.0})
    supervisor = Supervisor(
        [sys.executable, str(STANDIN), "crash-at-once"], limits, tmp_path / "heartbeat", pauses.append
    )
    with caplog.at_level(logging.ERROR):
        assert supervisor.run(max_starts=10) == 1
    assert starts(tmp_path) == 10
    assert pauses == [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0, 60.0]
    restarts = [r.getMessage() for r in caplog.records if "restarting the show" in r.getMessage()]
    assert len(restarts) == 10
    assert all(message.endswith("it exited with status 4") for message in restarts)


def test_the_heartbeat_lives_in_a_folder_only_this_user_may_write(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    folder = private_folder()
    assert folder == tmp_path / "kiosk"
    assert folder.stat().st_mode & 0o777 == 0o700
    first, second = own_heartbeat_file(0), own_heartbeat_file(1)
    assert first.parent == second.parent == folder
    assert first.name.startswith("heartbeat-screen0-") and second.name.startswith("heartbeat-screen1-")


def test_without_a_runtime_folder_a_shared_folder_made_by_someone_else_is_not_used(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    import getpass

    planted = tmp_path / f"kiosk-{getpass.getuser()}"
    planted.mkdir(mode=0o777)
    planted.chmod(0o777)  # anyone may write here: someone could plant a fresh heartbeat
    folder = private_folder()
    assert folder != planted
    assert folder.stat().st_mode & 0o777 == 0o700


@pytest.mark.slow
def test_two_shows_side_by_side_freezing_one_restarts_that_one_only(tmp_path: Path) -> None:
    """Two real `kiosk supervise --screen N` on one PC, offscreen: each its own heartbeat and
    log files; SIGSTOP to one show restarts that show and leaves the other running."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(tmp_path))
    supervisors = [
        subprocess.Popen(
            [
                *(sys.executable, str(REPO / "main.py"), "supervise", "--heartbeat-seconds", "10"),
                *("--log-dir", str(tmp_path), str(REPO / "slides.yaml"), "--screen", str(screen)),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for screen in (0, 1)
    ]
    try:
        logs = [tmp_path / f"kiosk-screen-{screen}.log" for screen in (0, 1)]
        deadline = time.monotonic() + 90
        while not all(
            log.exists() and "first frame drawn" in log.read_text(encoding="utf-8") for log in logs
        ):
            assert time.monotonic() < deadline, "the two shows never both started"
            time.sleep(0.2)
        beats = sorted(path.name for path in (tmp_path / "kiosk").iterdir() if not path.name.endswith(".tmp"))
        assert [name[: len("heartbeat-screen0-")] for name in beats] == [
            "heartbeat-screen0-",
            "heartbeat-screen1-",
        ]
        shows = [psutil.Process(supervisor.pid).children()[0] for supervisor in supervisors]
        shows[0].suspend()  # SIGSTOP: the first show freezes
        supervise_logs = [tmp_path / f"supervise-screen-{screen}.log" for screen in (0, 1)]
        deadline = time.monotonic() + 90
        while supervise_logs[0].read_text(encoding="utf-8").count("starting the show") < 2:
            assert time.monotonic() < deadline, "the frozen show was never restarted"
            time.sleep(0.2)
        assert "frozen: no heartbeat for" in supervise_logs[0].read_text(encoding="utf-8")
        while logs[0].read_text(encoding="utf-8").count("first frame drawn") < 2:  # back on the wall
            assert time.monotonic() < deadline, "the restarted show never drew its first slide"
            time.sleep(0.2)
        # by now the other show has run well past the heartbeat limit: its beats kept it alive
        assert not shows[0].is_running() or shows[0].status() == psutil.STATUS_ZOMBIE
        other = supervise_logs[1].read_text(encoding="utf-8")
        assert other.count("starting the show") == 1 and "restarting" not in other, other
        assert shows[1].is_running() and shows[1].status() != psutil.STATUS_STOPPED
    finally:
        for supervisor in supervisors:
            supervisor.terminate()
        for supervisor in supervisors:
            assert supervisor.wait(timeout=30) == 0


THOUSAND_RESTARTS = """
import json, logging, sys
import psutil
sys.path.insert(0, {repo!r})
from kiosk.unattended.supervise import Limits, Supervisor
logging.disable(logging.CRITICAL)  # 1,100 restart lines; what they cost is not the question
limits = Limits(heartbeat_seconds=1.0, startup_seconds=5.0, poll_seconds=0.005, first_delay=0.5, max_delay=4.0)
child = [sys.executable, "-S", "-c", "raise SystemExit(4)"]  # a stand-in that fails at once
supervisor = Supervisor(child, limits, __import__("pathlib").Path({beat!r}), pause=lambda _seconds: None)
me = psutil.Process()
supervisor.run(max_starts=100)  # allocator and import caches settle
before = me.memory_info().rss / 1e6, me.num_fds()
supervisor.run(max_starts=1000)
after = me.memory_info().rss / 1e6, me.num_fds()
print(json.dumps({{"before": before, "after": after}}))
"""


@pytest.mark.slow
def test_the_supervisor_stays_the_same_size_over_a_thousand_restarts(tmp_path: Path) -> None:
    """A supervisor process of its own (nothing else in it opens files or allocates)."""
    import json

    script = THOUSAND_RESTARTS.format(repo=str(REPO), beat=str(tmp_path / "heartbeat"))
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=600, check=True
    )
    numbers = json.loads(result.stdout)
    (before_mb, before_fds), (after_mb, after_fds) = numbers["before"], numbers["after"]
    print(
        f"supervisor RSS {before_mb:.1f} MB -> {after_mb:.1f} MB over 1000 restarts; fds {before_fds} -> {after_fds}"
    )
    assert after_fds == before_fds
    assert after_mb - before_mb < 2.0
