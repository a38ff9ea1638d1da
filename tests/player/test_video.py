"""Video slides on a wall that runs all day: a clip is ready on its first frame before its
slide comes up, a slide that ends with its clip moves on when it ends, and a clip that cannot
play (broken, AV1 without a decoder, missing, deleted, stalled, or video not installed) shows
its poster, is logged once, and the show goes on.

Offscreen Qt decodes video but draws it black, so these tests judge the clips' states and the
pictures the slides show; tests/player/test_video_xvfb.py judges the pixels on an X server."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import kiosk.player.video
from kiosk.content.loader import load_show
from kiosk.content.model import Show
from kiosk.player.controller import CLIP_END_GRACE_SECONDS, ShowController
from kiosk.player.video import HW_DEVICE_TYPES, force_software_decoding_if_asked
from kiosk.tools.clips import make_clip
from kiosk.tools.offscreen import items_named, wait_until

from ..helpers import save_picture

if shutil.which("ffmpeg") is None and not os.environ.get("CI"):
    pytest.skip("needs ffmpeg to make clips (apt-get install ffmpeg)", allow_module_level=True)

SHOW = """\
show: {{title: Video, languages: [en], transition: none, advance_seconds: 10}}
slides:
  - {{id: still, layout: highlight, number: 1, title: A picture, image: still.png}}
  - {{id: film, layout: video, video: {clip}, poster: poster.png, caption: A film}}
  - {{id: after, layout: highlight, number: 2, title: After the film, image: still.png}}
"""

needs_video = pytest.mark.skipif(
    not kiosk.player.video.video_available() and not os.environ.get("CI"),
    reason='video needs pip install -e ".[video]"',
)


@pytest.fixture
def film_show(tmp_path: Path) -> Callable[..., Show]:
    """A picture, a video slide (its clip made as asked) with a poster, and a picture."""

    def make(clip: str = "film.mp4", how: str = "good", seconds: float = 0.6) -> Show:
        save_picture(tmp_path / "still.png", "#2050c0")
        save_picture(tmp_path / "poster.png", "#c08020")
        path = tmp_path / clip
        if how in ("good", "deleted"):
            make_clip(path, "#c03020", seconds)
        elif how == "av1":
            make_clip(path, "#c03020", seconds, codec="av1")
        elif how == "broken":
            make_clip(path, "#c03020", seconds)
            path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
        elif how == "not a clip":
            path.write_bytes(b"this is not a video " * 50)
        (tmp_path / "slides.yaml").write_text(SHOW.format(clip=clip), encoding="utf-8")
        return load_show(tmp_path / "slides.yaml")[0]

    return make


def go_to(kiosk, index: int) -> None:
    kiosk.controller.go_to_index(index)
    assert wait_until(lambda: kiosk.controller.currentIndex == index, timeout=10)


def slide_state(kiosk, slide_id: str, role: str) -> str:
    (row,) = [i for i, slide in enumerate(kiosk.controller.show.slides) if slide.id == slide_id]
    return kiosk.model.value(kiosk.controller.show.slides[row], role)


@needs_video
def test_a_video_slide_comes_up_on_its_first_frame_and_moves_on_when_the_clip_ends(
    open_kiosk, film_show
) -> None:
    kiosk = open_kiosk(film_show(seconds=0.6))

    kiosk.controller.go_to_index(1)  # as auto-advance does (a visitor's key would hold the slide)
    assert wait_until(lambda: kiosk.controller.currentIndex == 1, timeout=10)
    assert slide_state(kiosk, "film", "clipState") in ("ready", "ended"), "presented before its first frame"
    assert kiosk.controller.durationMs == pytest.approx(600, abs=60), "the time strip runs for the clip"

    # the manual clock never moves: only the clip's own end can take the show on
    assert wait_until(lambda: kiosk.controller.currentIndex == 2, timeout=10)
    assert slide_state(kiosk, "film", "clipState") == "ended", (
        "the last frame holds while the next slide comes"
    )


@needs_video
def test_the_next_slides_clip_waits_prerolled_and_only_neighbours_hold_a_decoder(
    open_kiosk, film_show
) -> None:
    kiosk = open_kiosk(film_show(seconds=0.6))

    assert wait_until(lambda: slide_state(kiosk, "film", "clipState") == "ready", timeout=10)
    assert kiosk.clips.clip(kiosk.controller.show.slides[1]).fresh, (
        "prerolled on its first frame, not playing"
    )

    go_to(kiosk, 2)
    go_to(kiosk, 0)
    assert kiosk.clips.decoders_open() <= 1


@needs_video
@pytest.mark.parametrize("how", ["broken", "av1", "missing", "not a clip"])
def test_a_clip_that_cannot_play_shows_its_poster_once_logged_and_the_show_goes_on(
    open_kiosk, film_show, caplog, how: str
) -> None:
    clip = "film.mkv" if how == "av1" else "film.mp4"
    with caplog.at_level(logging.WARNING):
        kiosk = open_kiosk(film_show(clip=clip, how=how))
        for _ in range(2):  # round the show twice: the clip fails each time, is logged once
            go_to(kiosk, 1)
            assert wait_until(lambda: slide_state(kiosk, "film", "clipState") == "failed", timeout=10)
            assert slide_state(kiosk, "film", "imageState") == "ready", "the poster shows"
            (slide,) = items_named(kiosk.window.contentItem(), "slide-film")
            (poster,) = items_named(slide, "picture")
            assert wait_until(poster.isVisible)
            assert not next(iter(items_named(slide, "clip"))).isVisible()
            go_to(kiosk, 2)
            go_to(kiosk, 0)

    assert caplog.text.count(f"clip {kiosk.controller.show.slides[1].video} cannot be played") == 1
    assert "showing the poster" in caplog.text


@needs_video
def test_a_clip_deleted_while_it_plays_gives_way_to_its_poster_and_the_show_goes_on(
    open_kiosk, film_show, caplog, tmp_path: Path
) -> None:
    with caplog.at_level(logging.WARNING):
        kiosk = open_kiosk(film_show(how="deleted", seconds=1.0))
        go_to(kiosk, 1)
        assert wait_until(lambda: slide_state(kiosk, "film", "clipState") in ("ready", "ended"))
        (tmp_path / "film.mp4").unlink()
        assert wait_until(lambda: kiosk.controller.currentIndex == 2, timeout=10), "the show stopped"
        go_to(kiosk, 0)
        go_to(kiosk, 1)
        assert wait_until(lambda: slide_state(kiosk, "film", "clipState") == "failed", timeout=10)
        assert slide_state(kiosk, "film", "imageState") == "ready"
        go_to(kiosk, 2)

    assert caplog.text.count("cannot be played") == 1


@needs_video
def test_a_clip_that_stalls_while_playing_gives_way_to_its_poster(
    open_kiosk, film_show, caplog, monkeypatch
) -> None:
    monkeypatch.setattr(kiosk.player.video, "STALL_SECONDS", 0.5)
    with caplog.at_level(logging.WARNING):
        running = open_kiosk(film_show(seconds=30))
        go_to(running, 1)
        clip = running.clips.clip(running.controller.show.slides[1])
        assert wait_until(lambda: clip.state == "ready")
        clip.player.pause()  # the decoder stops delivering frames, as a stuck driver does
        assert wait_until(lambda: clip.state == "failed", timeout=5)

    assert caplog.text.count("stalled: no new picture") == 1
    assert slide_state(running, "film", "imageState") == "ready"


def test_without_video_installed_a_video_slide_shows_its_poster_and_says_how_to_enable_video(
    open_kiosk, film_show, caplog, monkeypatch
) -> None:
    monkeypatch.setattr(kiosk.player.video, "video_available", lambda: False)
    with caplog.at_level(logging.WARNING):
        running = open_kiosk(film_show())
        for _ in range(2):
            go_to(running, 1)
            assert slide_state(running, "film", "clipState") == "failed"
            assert slide_state(running, "film", "imageState") == "ready"
            (slide,) = items_named(running.window.contentItem(), "slide-film")
            assert next(iter(items_named(slide, "picture"))).isVisible()
            go_to(running, 2)
            go_to(running, 0)

    assert caplog.text.count('pip install "kiosk[video]"') == 1


def test_a_switch_makes_clips_decode_in_software() -> None:
    environ = {"KIOSK_VIDEO_SOFTWARE": "1"}
    assert force_software_decoding_if_asked(environ)
    assert environ[HW_DEVICE_TYPES] == ","  # a list of hardware decoders with none in it

    assert not force_software_decoding_if_asked({})


def test_a_slide_that_ends_with_its_clip_lasts_the_clip_and_moves_on_even_if_the_end_never_comes(
    film_show, clock
) -> None:
    show = film_show()
    controller = ShowController(show, clock, start_index=1)
    assert controller.durationMs == 10_000, "until the clip is open, the slide's own duration"

    controller.set_clip_seconds("film", 4.0)
    assert controller.durationMs == 4_000
    clock.advance(4.0)
    assert controller.currentIndex == 1, "the clip's end, not the clock, moves the show on"
    clock.advance(CLIP_END_GRACE_SECONDS)
    assert controller.currentIndex == 2, "a clip whose end never comes does not stop the show"

    controller.go_to_index(1)
    controller.clip_ended("film")
    assert controller.currentIndex == 2

    controller.go_to_index(1)
    controller.set_clip_seconds("film", None)  # it failed: its poster stays for the slide's duration
    clock.advance(9.9)
    assert controller.currentIndex == 1
    clock.advance(0.2)
    assert controller.currentIndex == 2


def test_a_visitor_who_steps_to_a_clip_holds_it_when_it_ends(film_show, clock) -> None:
    controller = ShowController(film_show(), clock)
    controller.next()
    controller.clip_ended("film")
    assert controller.currentIndex == 1
