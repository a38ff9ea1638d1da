"""Screens that come and go, in a real X server that can change them: TigerVNC's Xvnc resizes its
screen with `xrandr -s` and turns its one output off and on with `xrandr --output`, which Xvfb
cannot. The show must follow full screen at each new size, undistorted, and go on through a
screen that is away."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QImage, QPainter

from .helpers import REPO, SMALL_SHOW, save_picture

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]

FIRST = (1920, 1080)
PICTURE = QSize(1600, 900)
CIRCLE_CENTRE, CIRCLE_RADIUS = (800, 300), 200  # in the picture: a red disc on white, upper half
GRAB = (
    "import sys\n"
    "from PySide6.QtGui import QGuiApplication\n"
    "app = QGuiApplication([])\n"
    "app.primaryScreen().grabWindow(0).save(sys.argv[1])\n"
)


def tools_missing() -> list[str]:
    return [tool for tool in ("Xvnc", "xrandr", "xdotool") if shutil.which(tool) is None]


@pytest.fixture
def display() -> Iterator[str]:
    missing = tools_missing()
    if missing and not os.environ.get("CI"):
        pytest.skip(
            f"needs {' and '.join(missing)} (apt-get install tigervnc-standalone-server x11-xserver-utils)"
        )
    assert not missing, f".ci/run must install {missing}"
    read, write = os.pipe()
    server = subprocess.Popen(
        [
            *("Xvnc", "-displayfd", str(write), "-geometry", f"{FIRST[0]}x{FIRST[1]}", "-depth", "24"),
            *("-SecurityTypes", "None", "-rfbport", "-1", "-nolisten", "tcp"),
        ],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    assert number, "Xvnc did not start"
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def x_env(display: str) -> dict[str, str]:
    return dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")


def x(display: str, *command: str) -> str:
    return subprocess.run(
        command, env=x_env(display), check=True, timeout=30, capture_output=True, text=True
    ).stdout


def disc_picture(path: Path) -> None:
    image = QImage(PICTURE, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("red"))
    painter.setPen(QColor("red"))
    painter.drawEllipse(
        QRect(0, 0, 2 * CIRCLE_RADIUS, 2 * CIRCLE_RADIUS).translated(
            CIRCLE_CENTRE[0] - CIRCLE_RADIUS, CIRCLE_CENTRE[1] - CIRCLE_RADIUS
        )
    )
    painter.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    assert image.save(str(path))


@pytest.fixture
def disc_show(tmp_path: Path) -> Path:
    folder = tmp_path / "show"
    disc_picture(folder / "pictures" / "blue.png")  # the cover's picture
    for name, color in (("red", "#c03030"), ("green", "#30c030")):
        save_picture(folder / "pictures" / f"{name}.png", color)
    slides = folder / "slides.yaml"
    slides.write_text(SMALL_SHOW.replace("advance_seconds: 10", "advance_seconds: 3600"), encoding="utf-8")
    return slides


def screenshot(display: str, path: Path) -> QImage:
    subprocess.run([sys.executable, "-c", GRAB, str(path)], env=x_env(display), check=True, timeout=30)
    return QImage(str(path))


def red_disc(frame: QImage) -> QRect:
    """Where the red disc is on the screen (its bounding box), sampled on every second pixel."""
    left = top = 10**6
    right = bottom = -1
    for y in range(0, frame.height(), 2):
        for x_ in range(0, frame.width(), 2):
            color = frame.pixelColor(x_, y)
            if (
                color.red() > 90
                and color.red() > 2 * color.green() + 40
                and color.red() > 2 * color.blue() + 40
            ):
                left, right, top, bottom = min(left, x_), max(right, x_), min(top, y), max(bottom, y)
    return QRect(left, top, right - left + 2, bottom - top + 2) if right >= 0 else QRect()


def expected_disc(screen: tuple[int, int]) -> QRect:
    """The cover crops the picture to fill the screen, scaled the same both ways."""
    scale = max(screen[0] / PICTURE.width(), screen[1] / PICTURE.height())
    size = round(2 * CIRCLE_RADIUS * scale)
    centre_x = screen[0] / 2 + (CIRCLE_CENTRE[0] - PICTURE.width() / 2) * scale
    centre_y = screen[1] / 2 + (CIRCLE_CENTRE[1] - PICTURE.height() / 2) * scale
    return QRect(round(centre_x - size / 2), round(centre_y - size / 2), size, size)


def shows_the_cover_full_screen(frame: QImage, screen: tuple[int, int]) -> bool:
    if (frame.width(), frame.height()) != screen:
        return False
    disc, expected = red_disc(frame), expected_disc(screen)
    tolerance = max(6, round(0.02 * expected.width()))
    return all(
        abs(a - b) <= tolerance
        for a, b in zip(
            (disc.left(), disc.top(), disc.width(), disc.height()),
            (expected.left(), expected.top(), expected.width(), expected.height()),
            strict=True,
        )
    )


def wait_for_cover(display: str, path: Path, screen: tuple[int, int], show: subprocess.Popen) -> QImage:
    deadline = time.monotonic() + 60
    while True:
        frame = screenshot(display, path)
        if shows_the_cover_full_screen(frame, screen):
            return frame
        assert show.poll() is None, f"the show ended with status {show.returncode}"
        disc = red_disc(frame)
        assert time.monotonic() < deadline, (
            f"the screen ({frame.width()}x{frame.height()}) never showed the cover full screen at "
            f"{screen}: red disc at {disc.getRect()}, expected {expected_disc(screen).getRect()}"
        )
        time.sleep(0.5)


def window_geometry(display: str, show: subprocess.Popen) -> tuple[int, int]:
    """The size of the show's own window, as the X server has it."""
    window = x(display, "xdotool", "search", "--onlyvisible", "--pid", str(show.pid)).split()[0]
    info = x(display, "xwininfo", "-id", window)
    width = int(next(line for line in info.splitlines() if "Width:" in line).split()[-1])
    height = int(next(line for line in info.splitlines() if "Height:" in line).split()[-1])
    return width, height


@pytest.fixture
def screen_options() -> list[str]:
    return []  # the primary screen


@pytest.fixture
def running_show(display: str, disc_show: Path, tmp_path: Path, screen_options) -> Iterator[subprocess.Popen]:
    show = subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), str(disc_show), "--log-dir", str(tmp_path), *screen_options],
        env=x_env(display),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    yield show
    if show.poll() is None:
        show.terminate()
        assert show.wait(timeout=15) == 0


def test_a_new_resolution_is_followed_full_screen_and_undistorted(
    display: str, running_show: subprocess.Popen, tmp_path: Path
) -> None:
    wait_for_cover(display, tmp_path / "first.png", FIRST, running_show)
    assert window_geometry(display, running_show) == FIRST

    x(display, "xrandr", "-s", "1280x720")
    wait_for_cover(display, tmp_path / "smaller.png", (1280, 720), running_show)
    assert window_geometry(display, running_show) == (1280, 720)

    x(display, "xrandr", "-s", f"{FIRST[0]}x{FIRST[1]}")
    wait_for_cover(display, tmp_path / "back.png", FIRST, running_show)
    assert window_geometry(display, running_show) == FIRST

    log = (tmp_path / "kiosk.log").read_text(encoding="utf-8")
    assert log.count("screens: VNC-0 is now 1280x720") == 1
    assert log.count(f"screens: VNC-0 is now {FIRST[0]}x{FIRST[1]}") == 1
    assert "ERROR" not in log


@pytest.mark.parametrize("screen_options", [[], ["--screen", "0"]], ids=["primary", "screen-0"])
def test_a_screen_switched_off_and_on_again_gets_the_show_back_at_its_new_size(
    display: str, running_show: subprocess.Popen, tmp_path: Path, screen_options: list[str]
) -> None:
    wait_for_cover(display, tmp_path / "first.png", FIRST, running_show)

    x(display, "xrandr", "--output", "VNC-0", "--off")  # the TV is switched off for the night
    log_file = tmp_path / ("kiosk-screen-0.log" if screen_options else "kiosk.log")
    deadline = time.monotonic() + 30
    while "went away" not in log_file.read_text(encoding="utf-8"):
        assert time.monotonic() < deadline, "the show never noticed its screen go"
        time.sleep(0.2)
    time.sleep(2)  # the show runs on with no screen: no crash, no error
    assert running_show.poll() is None

    x(display, "xrandr", "--output", "VNC-0", "--mode", "1280x720")  # back, at another size
    wait_for_cover(display, tmp_path / "again.png", (1280, 720), running_show)
    assert window_geometry(display, running_show) == (1280, 720)

    log = log_file.read_text(encoding="utf-8")
    assert log.count("went away") == 1
    assert log.count("screens: the show is back on VNC-0 1280x720") == 1
    assert "ERROR" not in log
