"""The hall's API against a show in a real X window, where Qt draws on a render thread of its
own: screenshots while the show moves must neither freeze the show nor fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from kiosk.tools.xserver import xvfb

from ..helpers import REAL_SLIDES, REPO
from .conftest import TOKEN, ShowProcess, free_port, http, wait_for_answer

pytestmark = pytest.mark.slow

SCREEN = (1280, 720)
ROUNDS = 15


@pytest.fixture
def show_in_a_window(tmp_path: Path) -> Iterator[ShowProcess]:
    if shutil.which("Xvfb") is None and not os.environ.get("CI"):
        pytest.skip("needs Xvfb (apt-get install xvfb)")
    token = tmp_path / "token"
    token.write_text(TOKEN, encoding="utf-8")
    port = free_port()
    with xvfb(SCREEN) as display:
        environment = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        command = [sys.executable, str(REPO / "main.py"), str(REAL_SLIDES), "--remote", f"127.0.0.1:{port}"]
        command += ["--token-file", str(token), "--no-advertise", "--log-dir", str(tmp_path / "logs")]
        process = subprocess.Popen(
            command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        shown = ShowProcess("window", "", port, process)
        try:
            wait_for_answer(shown)
            yield shown
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_screenshots_while_the_show_moves_in_a_real_window(show_in_a_window: ShowProcess) -> None:
    port = show_in_a_window.port
    for _ in range(ROUNDS):
        moved = http(port, "POST", "/api/v1/next")
        assert moved.status == 200, moved.body
        # taken during the crossfade that the move started, while the render thread draws
        small = http(port, "GET", "/api/v1/screenshot?format=jpeg&width=320")
        whole = http(port, "GET", "/api/v1/screenshot")
        assert (small.status, whole.status) == (200, 200), (small.body[:200], whole.body[:200])

    picture = QImage.fromData(whole.body, "PNG")
    assert (picture.width(), picture.height()) == SCREEN
    assert QImage.fromData(small.body, "JPG").width() == 320
    colours = {
        picture.pixelColor(x, y).name() for x in range(0, SCREEN[0], 40) for y in range(0, SCREEN[1], 40)
    }
    assert len(colours) > 20, "the screenshot shows no slide"
    assert show_in_a_window.status()["slide"] == moved.json()["slide"]  # the show still answers
