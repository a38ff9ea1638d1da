"""The show as an installer starts it: `python main.py` in a real X server, driven by real key
presses from xdotool, judged by screenshots of the screen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage

from kiosk.tools.xserver import xvfb

from .helpers import REPO

pytestmark = pytest.mark.xvfb

SCREEN = (1280, 720)
TITLE_BAND = QRect(0, round(0.08 * SCREEN[1]), SCREEN[0], round(0.14 * SCREEN[1]))
GRAB = (
    "import sys\n"
    "from PySide6.QtGui import QGuiApplication\n"
    "app = QGuiApplication([])\n"
    "app.primaryScreen().grabWindow(0).save(sys.argv[1])\n"
)


def tools_missing() -> list[str]:
    return [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]


@pytest.fixture
def display() -> Iterator[str]:
    missing = tools_missing()
    if missing and not os.environ.get("CI"):
        pytest.skip(f"needs {' and '.join(missing)} (apt-get install xvfb xdotool)")
    assert not missing, f".ci/run must install {missing}"
    with xvfb(SCREEN) as display:
        yield display


def x_env(display: str) -> dict[str, str]:
    return dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")


def screenshot(display: str, path: Path) -> QImage:
    subprocess.run([sys.executable, "-c", GRAB, str(path)], env=x_env(display), check=True, timeout=30)
    return QImage(str(path))


def key(display: str, name: str) -> None:
    subprocess.run(["xdotool", "key", name], env=x_env(display), check=True, timeout=10)


def difference(a: QImage, b: QImage, rect: QRect) -> float:
    """Share of sampled pixels in `rect` that differ between two frames."""
    a, b = a.copy(rect), b.copy(rect)
    differ = total = 0
    for y in range(0, a.height(), 3):
        for x in range(0, a.width(), 3):
            total += 1
            differ += a.pixel(x, y) != b.pixel(x, y)
    return differ / total


def wait_for_frame(display: str, path: Path, ready, timeout: float = 30) -> QImage:
    deadline = time.monotonic() + timeout
    while True:
        frame = screenshot(display, path)
        if ready(frame):
            return frame
        assert time.monotonic() < deadline, "the screen never showed what was expected"
        time.sleep(0.5)


def is_mostly_black(frame: QImage) -> bool:
    samples = [
        frame.pixelColor(x, y).value()
        for x in range(0, frame.width(), 40)
        for y in range(0, frame.height(), 40)
    ]
    return sum(value < 10 for value in samples) / len(samples) > 0.95


def test_the_show_answers_real_keys_in_a_real_window(display: str, tmp_path: Path) -> None:
    show = subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), "--start", "3", "--log-dir", str(tmp_path)],
        env=x_env(display),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        third = wait_for_frame(
            display,
            tmp_path / "third.png",
            lambda f: difference(f, QImage(f.size(), f.format()), TITLE_BAND) > 0.05,
        )
        time.sleep(2)  # the figures finish counting up; the title band stays as it is
        third = screenshot(display, tmp_path / "third.png")

        key(display, "Right")
        fourth = wait_for_frame(
            display, tmp_path / "fourth.png", lambda f: difference(f, third, TITLE_BAND) > 0.02
        )

        key(display, "Left")
        back = wait_for_frame(
            display, tmp_path / "back.png", lambda f: difference(f, third, TITLE_BAND) < 0.002
        )
        assert difference(back, fourth, TITLE_BAND) > 0.02

        key(display, "b")
        wait_for_frame(display, tmp_path / "black.png", is_mostly_black)
        key(display, "b")
        wait_for_frame(display, tmp_path / "again.png", lambda f: difference(f, third, TITLE_BAND) < 0.002)

        key(display, "Escape")
        key(display, "alt+F4")
        time.sleep(1)
        assert show.poll() is None, "Esc or Alt+F4 closed a full-screen show"

        key(display, "ctrl+shift+q")
        assert show.wait(timeout=15) == 0
    finally:
        if show.poll() is None:
            show.kill()
        output = show.communicate(timeout=10)[0]
    assert "Traceback" not in output
