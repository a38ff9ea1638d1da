"""The hall's worst morning, end to end: a bad save, then the show is killed; the supervisor
brings it back and the wall plays the last good show, says why, and takes the fixed file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable

import psutil

from ..helpers import REPO, SMALL_SHOW, save_picture

STEP_SECONDS = 90  # bound on each step; a 2-core machine shared by others can be slow


def wait_for(what: Callable[[], bool], description: str) -> None:
    deadline = time.monotonic() + STEP_SECONDS
    while not what():
        assert time.monotonic() < deadline, f"gave up waiting for: {description}"
        time.sleep(0.2)


def test_a_bad_save_then_a_restart_brings_back_the_last_good_show(tmp_path_factory) -> None:
    hall = tmp_path_factory.mktemp("hall")
    logs = tmp_path_factory.mktemp("logs")
    state = tmp_path_factory.mktemp("state")
    for name, color in (("blue", "#2050c0"), ("red", "#c02020"), ("green", "#20a040")):
        save_picture(hall / "pictures" / f"{name}.png", color)
    slides = hall / "slides.yaml"
    slides.write_text(SMALL_SHOW, encoding="utf-8")

    def log_text() -> str:
        return "".join(path.read_text(encoding="utf-8") for path in sorted(logs.glob("*.log")))

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_STATE_DIR=str(state))
    command = [sys.executable, str(REPO / "main.py"), "supervise", "--log-dir", str(logs), str(slides)]
    supervisor = subprocess.Popen(command, env=env, cwd=hall)
    try:
        wait_for(
            lambda: "first frame drawn: slide cover; running from the show file" in log_text(), "first frame"
        )
        wait_for(lambda: "last good copy kept" in log_text(), "the copy")

        slides.write_text(SMALL_SHOW.replace("    layout: highlight", "    layuot: highlight", 1), "utf-8")
        wait_for(lambda: "still showing the last good version" in log_text(), "the bad save noticed")

        (show,) = psutil.Process(supervisor.pid).children()
        show.kill()  # a crash, a freeze restart, a power cut: any restart will do
        show.wait(timeout=STEP_SECONDS)

        wait_for(lambda: "plays the LAST GOOD COPY" in log_text(), "the restart from the copy")
        wait_for(lambda: log_text().count("first frame drawn: slide cover") == 2, "the copy drawn")
        text = log_text()
        assert "unknown key 'layuot'" in text.split("plays the LAST GOOD COPY")[1]  # the problem, logged
        assert "first frame drawn: slide cover; running from last good content because: slides.yaml:" in text
        assert "status: running from last good content because: slides.yaml:" in text
        assert "exited with status 2" not in text

        slides.write_text(SMALL_SHOW.replace("Cover title", "Fixed cover"), "utf-8")
        wait_for(lambda: "the show file loads again" in log_text(), "the fixed file taken back")
    finally:
        supervisor.send_signal(signal.SIGTERM)
        supervisor.wait(timeout=30)
    assert supervisor.returncode == 0
