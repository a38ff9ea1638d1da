"""Being stopped: systemd, a log-off or the supervisor send SIGTERM; the show closes cleanly
with status 0 and a last log line, and `kiosk supervise` passes the stop on without restarting.
Under systemd the show speaks the notify protocol on NOTIFY_SOCKET."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from kiosk.unattended.notify import socket_address, watchdog_seconds

from ..helpers import REPO


def offscreen_env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("NOTIFY_SOCKET", "WATCHDOG_USEC")}
    return dict(env, QT_QPA_PLATFORM="offscreen", **extra)


def wait_for_line(path: Path, text: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not (path.exists() and text in path.read_text(encoding="utf-8")):
        assert process.poll() is None, f"it ended early with status {process.returncode}"
        assert time.monotonic() < deadline, f"{path.name} never said {text!r}"
        time.sleep(0.1)


def last_line(path: Path) -> str:
    return path.read_text(encoding="utf-8").rstrip().splitlines()[-1]


def stop_and_time(process: subprocess.Popen, number: signal.Signals) -> tuple[int, float]:
    started = time.monotonic()
    process.send_signal(number)
    code = process.wait(timeout=30)  # a guard against a hang; the time itself is printed
    return code, time.monotonic() - started


@pytest.fixture
def reap() -> Iterator[list[subprocess.Popen]]:
    started: list[subprocess.Popen] = []
    yield started
    for process in started:
        for child in psutil.Process(process.pid).children(recursive=True) if process.poll() is None else []:
            child.kill()
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_stop_signal_closes_the_show_with_status_zero_and_a_last_log_line(
    tmp_path: Path, number: signal.Signals, reap
) -> None:
    show = subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), str(REPO / "slides.yaml"), "--log-dir", str(tmp_path)],
        env=offscreen_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    reap.append(show)
    wait_for_line(tmp_path / "kiosk.log", "first frame drawn", show)
    code, seconds = stop_and_time(show, number)
    print(f"the show stopped {seconds:.2f} s after {number.name}")
    assert code == 0
    log = (tmp_path / "kiosk.log").read_text(encoding="utf-8")
    assert f"stopping the show: {number.name} received" in log
    assert last_line(tmp_path / "kiosk.log").endswith("kiosk stopped (status 0)")


def test_sigterm_to_the_supervisor_stops_the_show_cleanly_and_nothing_restarts(tmp_path: Path, reap) -> None:
    supervisor = subprocess.Popen(
        [
            sys.executable,
            str(REPO / "main.py"),
            "supervise",
            "--log-dir",
            str(tmp_path),
            str(REPO / "slides.yaml"),
        ],
        env=offscreen_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    reap.append(supervisor)
    wait_for_line(tmp_path / "kiosk.log", "first frame drawn", supervisor)
    (show,) = psutil.Process(supervisor.pid).children()
    code, seconds = stop_and_time(supervisor, signal.SIGTERM)
    print(f"supervisor and show stopped {seconds:.2f} s after SIGTERM")
    assert code == 0
    assert not show.is_running()
    supervise_log = (tmp_path / "supervise.log").read_text(encoding="utf-8")
    assert supervise_log.count("starting the show:") == 1
    assert "restarting" not in supervise_log
    assert last_line(tmp_path / "supervise.log").endswith("supervisor stopped")
    # the show heard the stop through the supervisor and closed itself: status 0, last line
    assert "stopping the show: SIGTERM received" in (tmp_path / "kiosk.log").read_text(encoding="utf-8")
    assert last_line(tmp_path / "kiosk.log").endswith("kiosk stopped (status 0)")


def test_under_systemd_the_show_says_ready_its_slide_and_keeps_the_watchdog_fed(tmp_path: Path, reap) -> None:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    address = tmp_path / "notify"
    listener.bind(str(address))
    listener.settimeout(60)
    show = subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), str(REPO / "slides.yaml"), "--log-dir", str(tmp_path)],
        env=offscreen_env(NOTIFY_SOCKET=str(address), WATCHDOG_USEC="1000000"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    reap.append(show)
    messages: list[str] = []
    while messages.count("WATCHDOG=1") < 3 or not any(m.startswith("READY=1") for m in messages):
        messages.append(listener.recv(4096).decode())
    ready = next(m for m in messages if m.startswith("READY=1"))
    assert "STATUS=slide 1/12: cover" in ready.splitlines()
    code, _seconds = stop_and_time(show, signal.SIGTERM)
    listener.settimeout(5)
    while not messages[-1].startswith("STOPPING=1"):
        messages.append(listener.recv(4096).decode())
    assert code == 0
    assert "STATUS=stopping" in messages[-1]
    listener.close()


def test_the_notify_socket_and_watchdog_are_read_as_systemd_writes_them() -> None:
    assert (
        socket_address({"NOTIFY_SOCKET": "/run/user/1000/systemd/notify"}) == "/run/user/1000/systemd/notify"
    )
    assert socket_address({"NOTIFY_SOCKET": "@/org/freedesktop/systemd1/notify/1"}) == (
        b"\0/org/freedesktop/systemd1/notify/1"
    )
    assert socket_address({}) is None
    assert watchdog_seconds({"WATCHDOG_USEC": "30000000"}) == 30.0
    assert watchdog_seconds({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"}, pid=2) is None
    assert watchdog_seconds({}) is None
