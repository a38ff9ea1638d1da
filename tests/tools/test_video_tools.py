"""`check` and `render` on a show with clips: check decodes the first frames of each clip and
names what it is, or why it cannot play, at its line and column; render draws the poster, or
the clip's first frame where there is no poster."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage

import kiosk.player.video
import kiosk.tools.check
from kiosk.content.loader import load_show
from kiosk.tools.check import check_show
from kiosk.tools.clips import make_clip
from kiosk.tools.render import render_slides

from ..helpers import REPO, save_picture

if shutil.which("ffmpeg") is None and not os.environ.get("CI"):
    pytest.skip("needs ffmpeg to make clips (apt-get install ffmpeg)", allow_module_level=True)

needs_video = pytest.mark.skipif(
    not kiosk.player.video.video_available() and not os.environ.get("CI"),
    reason='video needs pip install -e ".[video]"',
)
SMALL = (QSize(960, 540),)
SHOW = """\
show: {title: Video, languages: [en]}
slides:
  - id: film
    layout: video
    video: film.mp4
    duration: 10
  - id: flight
    layout: highlight
    number: 1
    title: The flight
    video: flight.mkv
    poster: poster.png
  - id: cover
    layout: cover
    title: Over the mountain
    background: gone.mp4
"""


@pytest.fixture
def clip_show(tmp_path: Path) -> Path:
    make_clip(tmp_path / "film.mp4", "#c03020", 1.0, size="320x180")
    make_clip(tmp_path / "flight.mkv", "#2050c0", 1.0, codec="av1")
    save_picture(tmp_path / "poster.png", "#20a040")
    path = tmp_path / "slides.yaml"
    path.write_text(SHOW, encoding="utf-8")
    return path


@needs_video
@pytest.mark.expected_warnings  # check lays the show out, and its clips that cannot play are logged
def test_check_names_each_clip_or_why_it_cannot_play(clip_show: Path, show_font: str) -> None:
    notes: list[str] = []
    problems = [str(p) for p in check_show(clip_show, SMALL, show_font, say=notes.append)]

    assert notes == ["slides.yaml:5:12: note: slides[0].video: film.mp4: 1.0 s, 320x180, H264"]
    assert any(
        p.startswith("slides.yaml:11:12: error: slides[1].video: flight.mkv cannot be played: no picture")
        for p in problems
    ), problems
    assert "slides.yaml:16:17: error: slides[2].background: clip not found: gone.mp4" in " ".join(problems)


@pytest.mark.expected_warnings
def test_without_video_installed_check_warns_that_posters_will_show(
    clip_show: Path, show_font: str, monkeypatch
) -> None:
    monkeypatch.setattr(kiosk.tools.check, "video_available", lambda: False)
    problems = [str(p) for p in check_show(clip_show, SMALL, show_font, say=lambda _: None)]

    warning = (
        "slides.yaml:5:12: warning: slides[0].video: video is not installed: the wall shows the poster (or a"
        ' placeholder) instead (install the video extra to play them: pip install "kiosk[video]")'
    )
    assert warning in problems


def test_an_unknown_container_is_refused_at_its_line(write_show) -> None:
    path = write_show("slides:\n  - {id: a, layout: video, video: clip.flv}\n")
    with pytest.raises(kiosk.content.errors.ContentError) as error:
        load_show(path)
    assert "slides.yaml:2:35: error: slides[0].video: '.flv' video clips cannot be shown (use mp4" in str(
        error.value
    )


@needs_video
def test_render_draws_the_first_frame_of_a_clip_without_a_poster(tmp_path: Path) -> None:
    make_clip(tmp_path / "film.mp4", "#c03020", 1.0, size="320x180")
    (tmp_path / "slides.yaml").write_text(
        "show: {languages: [en]}\nslides:\n  - {id: film, layout: video, video: film.mp4}\n", encoding="utf-8"
    )
    show = load_show(tmp_path / "slides.yaml")[0]

    written = render_slides(show, tmp_path / "out", QSize(640, 360), "en")
    path = next(path for path in written if path.name == "01-film.png")

    colour = QImage(str(path)).pixelColor(320, 60)
    assert colour.red() > 150 and colour.green() < 90, colour.name()
    assert QColor(colour).name() != "#000000"


@needs_video
def test_selftest_waits_for_real_frames_and_names_a_clip_that_shows_none(clip_show: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "main.py"),
            str(clip_show),
            "--selftest",
            "0",
            "--log-dir",
            str(clip_show.parent),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )

    assert result.returncode == 1
    assert "selftest: film: clip film.mp4 drew frames" in result.stderr
    failures = [line for line in result.stdout.splitlines() if line.startswith("selftest: FAILED")]
    assert failures[0].startswith("selftest: FAILED: flight: clip flight.mkv: no picture could be decoded")
    assert failures[1] == "selftest: FAILED: cover: clip gone.mp4: file not found"
