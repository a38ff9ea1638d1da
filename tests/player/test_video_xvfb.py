"""Video on a real X server (Xvfb draws video; offscreen draws it black): a show of three clips
and two pictures loops, and every frame sampled around every switch and loop shows a clip or a
picture, never black and never the bare background.

The show runs in a child process (this file run as a script) that samples its own window every
10 ms and prints what it saw as JSON; the test reads that and tells the story."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.player.video import video_available
from kiosk.tools.xserver import xvfb

pytestmark = pytest.mark.xvfb

LOOPS = 20
SIZE = (320, 180)
COLOURS = {"red": "#d02818", "green": "#18b040", "blue": "#2048d8", "amber": "#e0a010", "violet": "#9030d0"}
SHOW = """\
show: {{title: Video, languages: [en], transition: none, advance_seconds: 1}}
slides:
  - {{id: clip-red, layout: video, video: red.mp4}}
  - {{id: picture-amber, layout: cover, image: amber.png, duration: 1}}
  - {{id: clip-green, layout: video, video: green.mp4}}
  - {{id: clip-blue, layout: video, video: blue.mp4}}
  - {{id: picture-violet, layout: cover, image: violet.png, duration: 1}}
"""


def needs(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing and not os.environ.get("CI"):
        pytest.skip(f"needs {' and '.join(missing)} (apt-get install {' '.join(missing).lower()})")
    assert not missing, f".ci/run must install {missing}"


@pytest.fixture
def display() -> Iterator[str]:
    needs("Xvfb", "ffmpeg")
    if not video_available() and not os.environ.get("CI"):
        pytest.skip('video needs pip install -e ".[video]"')
    assert video_available(), '.ci/run must install the video extra: pip install -e ".[test,video]"'
    with xvfb((640, 480)) as display:
        yield display


def make_show(folder: Path) -> Path:
    from PySide6.QtCore import QSize

    from kiosk.tools.clips import make_clip

    from ..helpers import save_picture

    for name, seconds in (("red", 0.6), ("green", 0.5), ("blue", 0.7)):
        make_clip(folder / f"{name}.mp4", COLOURS[name], seconds)
    for name in ("amber", "violet"):
        save_picture(folder / f"{name}.png", COLOURS[name], QSize(320, 180))
    path = folder / "slides.yaml"
    path.write_text(SHOW.format(), encoding="utf-8")
    return path


def run_in_x(display: str, slides: Path, loops: int) -> dict:
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", QSG_RENDER_LOOP="basic")
    output = subprocess.run(
        [sys.executable, __file__, str(slides), str(loops)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60 + loops * 8,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    lines = [line for line in output.stdout.splitlines() if line.startswith("{")]
    assert output.returncode == 0 and lines, output.stdout[-2000:] + output.stderr[-3000:]
    return json.loads(lines[-1])


@pytest.mark.slow
def test_a_looping_show_of_clips_and_pictures_never_shows_black(display: str, tmp_path: Path) -> None:
    report = run_in_x(display, make_show(tmp_path), LOOPS)

    assert report["loops"] >= LOOPS
    assert report["samples"] > 1000
    assert report["bad"] == [], f"{len(report['bad'])} black or empty frames, e.g. {report['bad'][:5]}"
    assert report["clip_ends"] >= 3 * LOOPS
    print(f"\nclip's last frame to next slide's first frame: {report['gaps_ms']}")


BROKEN_SHOW = """\
show: {{title: Video, languages: [en], transition: none, advance_seconds: 1}}
slides:
  - {{id: clip-red, layout: video, video: red.mp4}}
  - {{id: clip-broken, layout: video, video: broken.mp4, poster: amber.png}}
  - {{id: clip-av1, layout: video, video: av1.mkv, poster: violet.png}}
  - {{id: clip-missing, layout: video, video: missing.mp4, poster: amber.png}}
"""


def test_clips_that_cannot_play_show_their_posters_on_screen_and_are_logged_once(
    display: str, tmp_path: Path
) -> None:
    from kiosk.tools.clips import make_clip

    make_show(tmp_path)
    make_clip(tmp_path / "av1.mkv", COLOURS["blue"], 0.5, codec="av1")
    red = (tmp_path / "red.mp4").read_bytes()
    (tmp_path / "broken.mp4").write_bytes(red[: len(red) // 2])
    slides = tmp_path / "slides.yaml"
    slides.write_text(BROKEN_SHOW.format(), encoding="utf-8")

    report = run_in_x(display, slides, 3)

    assert report["bad"] == [], f"black or empty frames, e.g. {report['bad'][:5]}"
    assert report["loops"] >= 3, "the show went on"
    for name in ("broken.mp4", "av1.mkv", "missing.mp4"):
        assert "\n".join(report["log"]).count(f"{name} cannot be played") == 1, report["log"]


# -- the child process: the show in the X server, sampling its own window ------------------------


def _is_empty(colour: tuple[int, int, int], background: list[tuple[int, ...]]) -> bool:
    """Black, or the show's background where a clip or picture should be."""

    def near(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
        return sum(abs(x - y) for x, y in zip(a, b, strict=True)) < 60

    return near(colour, (0, 0, 0)) or any(near(colour, shade) for shade in background)


class _LoopWatcher:
    """Samples the window every 10 ms and times each clip's last frame to the next slide's
    first frame."""

    POINTS = tuple((x, y) for x in (40, 120, 200, 280) for y in (20, 50))

    def __init__(self, running) -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtGui import QColor

        self.running = running
        self.show = running.controller.show
        theme = QColor(self.show.theme.background)
        top = running.style.property("backgroundTop")
        base = (theme.red(), theme.green(), theme.blue())
        self.background = [base, tuple(round(c * 0.6) for c in base), (top.red(), top.green(), top.blue())]
        self.bad: list[str] = []
        self.samples = self.shown = self.clip_ends = 0
        self.gaps: list[float] = []
        self.last_clip_frame: float | None = None
        running.clips.clipEnded.connect(self.ended)
        running.window.frameSwapped.connect(self.frame_swapped)
        running.controller.slideShown.connect(self.slide_shown)
        self.sampler = QTimer()
        self.sampler.timeout.connect(self.sample)
        self.sampler.start(10)

    def slide_shown(self, _index: int) -> None:
        self.shown += 1

    def ended(self, slide_id: str) -> None:
        self.clip_ends += 1
        (slide,) = [slide for slide in self.show.slides if slide.id == slide_id]
        self.last_clip_frame = self.running.clips.clip(slide).last_frame_at

    def frame_swapped(self) -> None:
        import time

        controller = self.running.controller
        if self.last_clip_frame is None or controller.settling or controller.currentIndex < 0:
            return
        slide = self.show.slides[controller.currentIndex]
        if slide.clip is None or self.running.clips.state(slide) in ("ready", "ended"):
            self.gaps.append(round((time.monotonic() - self.last_clip_frame) * 1000, 1))
            self.last_clip_frame = None

    def sample(self) -> None:
        if self.running.controller.currentIndex < 0 or self.shown == 0:
            return
        image = self.running.window.grabWindow()
        self.samples += 1
        empty = 0
        for x, y in self.POINTS:
            colour = image.pixelColor(x, y)
            empty += _is_empty((colour.red(), colour.green(), colour.blue()), self.background)
        if empty > len(self.POINTS) // 2:
            slide = self.show.slides[self.running.controller.currentIndex]
            self.bad.append(f"{slide.id} (sample {self.samples}): {empty}/{len(self.POINTS)} points empty")

    def report(self) -> dict:
        self.sampler.stop()
        return {
            "loops": (self.shown - 1) // len(self.show.slides),
            "samples": self.samples,
            "bad": self.bad,
            "clip_ends": self.clip_ends,
            "gaps_ms": sorted(self.gaps),
        }


class _LogLines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def _child(slides: Path, loops: int) -> None:
    from PySide6.QtCore import QSize

    from kiosk.app import RunningShow, RunOptions, make_qt_app
    from kiosk.content.loader import load_show
    from kiosk.tools.offscreen import wait_until

    app = make_qt_app()
    log = _LogLines()
    logging.getLogger("kiosk").addHandler(log)
    show = load_show(slides)[0]
    running = RunningShow(show, RunOptions(size=QSize(*SIZE)))
    running.present()
    watcher = _LoopWatcher(running)
    wait_until(lambda: watcher.shown >= loops * len(show.slides) + 1, timeout=loops * 8 + 30)
    print(json.dumps({**watcher.report(), "log": log.lines}), flush=True)
    running.close()
    app.processEvents()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    _child(Path(sys.argv[1]), int(sys.argv[2]))
