"""The supervisor never leaves a show behind it, and two supervisors never share a heartbeat."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from kiosk.unattended.supervise import Supervisor

from ..helpers import REPO

STANDIN = REPO / "tests" / "data" / "standin_show.py"

SUPERVISOR = """
import sys
from pathlib import Path
sys.path.insert(0, {repo!r})
from kiosk.unattended.supervise import Limits, Supervisor, run_until_stopped
limits = Limits(heartbeat_seconds=120, startup_seconds=120)
run_until_stopped(Supervisor([sys.executable, {standin!r}, "freeze"], limits, Path({beat!r})))
"""


def test_two_supervisors_watch_two_heartbeat_files() -> None:
    first, second = Supervisor(["show"]), Supervisor(["show"])
    assert first.heartbeat_file != second.heartbeat_file
    for supervisor in (first, second):
        supervisor.heartbeat_file.unlink(missing_ok=True)


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGHUP, signal.SIGQUIT, signal.SIGTERM])
def test_the_show_does_not_outlive_its_supervisor(tmp_path: Path, stop: signal.Signals) -> None:
    beat = tmp_path / "heartbeat"
    script = SUPERVISOR.format(repo=str(REPO), standin=str(STANDIN), beat=str(beat))
    supervisor = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 30
        while not (tmp_path / "starts").exists() or not psutil.Process(supervisor.pid).children():
            assert time.monotonic() < deadline, "the stand-in show never started"
            time.sleep(0.1)
        (show,) = psutil.Process(supervisor.pid).children()
        supervisor.send_signal(stop)
        supervisor.wait(timeout=30)
        gone, _alive = psutil.wait_procs([show], timeout=15)
        assert show in gone, f"the show is still running after {stop.name} to its supervisor"
    finally:
        for process in psutil.Process().children(recursive=True):
            process.kill()
