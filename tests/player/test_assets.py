"""Pictures on a wall that runs for months: decoded off the GUI thread at screen size, only the
neighbours kept, and any broken file shown as a calm placeholder while the show goes on."""

from __future__ import annotations

import logging
import os
import struct
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path

import pytest
from PySide6.QtCore import QSize

import kiosk.player.assets
from kiosk.content.loader import load_show
from kiosk.content.model import Show
from kiosk.tools.offscreen import items_named, wait_until

from ..helpers import REPO, save_picture


def png_claiming(path: Path, width: int, height: int) -> Path:
    """A valid 1-bit PNG of the given size, all black: tiny on disk, enormous when decoded."""
    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)
    data = b"".join(compressor.compress(row * 500) for _ in range(height // 500)) + compressor.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )
    return path


def break_picture(pictures: Path, how: str) -> None:
    red = pictures / "red.png"
    if how == "missing":
        red.unlink()
    elif how == "truncated":
        red.write_bytes(red.read_bytes()[:60])
    elif how == "corrupt":
        red.write_bytes(b"\xff\xd8\xff\xe0 this is not really a picture" * 50)
    elif how == "enormous":
        png_claiming(red, 30_000, 30_000)


@pytest.mark.parametrize("how", ["missing", "truncated", "corrupt", "enormous"])
def test_a_broken_picture_shows_a_placeholder_once_logged_and_the_show_goes_on(
    open_kiosk, small_show_file: Path, clock, caplog, how: str
) -> None:
    break_picture(small_show_file.parent / "pictures", how)
    show = load_show(small_show_file)[0]
    with caplog.at_level(logging.WARNING):
        kiosk = open_kiosk(show)
        clock.advance(10)
        assert wait_until(lambda: kiosk.controller.currentIndex == 1, timeout=10)
        (slide,) = items_named(kiosk.window.contentItem(), "slide-first")
        placeholder = next(item for item in items_named(slide, "placeholder"))
        assert placeholder.isVisible()
        assert next(item for item in items_named(slide, "field:caption")).property("text") == "红色的图"
        clock.advance(10)
        assert wait_until(lambda: kiosk.controller.currentIndex == 2)
        for _ in range(4):  # round the loop again: the broken picture is not logged again
            clock.advance(50)
            wait_until(lambda: not kiosk.controller.settling)
    assert caplog.text.count("red.png cannot be shown") == 1


def test_pictures_are_decoded_off_the_gui_thread_at_screen_size(open_kiosk, small_show, monkeypatch) -> None:
    threads = []
    real_decode = kiosk.player.assets.decode

    def recording_decode(path, box, covers=False):
        threads.append(threading.current_thread())
        return real_decode(path, box, covers)

    monkeypatch.setattr(kiosk.player.assets, "decode", recording_decode)
    shown = open_kiosk(small_show, size=QSize(160, 100))
    assert threads and threading.main_thread() not in threads
    token = int(shown.cache.url(small_show.slides[0].image).rsplit("/", 1)[1])
    assert shown.cache.image(token).size() == QSize(160, 100)  # 320x200 on disk


def test_only_the_current_slide_and_its_neighbours_stay_decoded(
    open_kiosk, small_show_file, write_show
) -> None:
    for i in range(8):
        save_picture(small_show_file.parent / "pictures" / f"p{i}.png", "#404040")
    slides = "".join(
        f"  - {{id: s{i}, layout: highlight, number: {i + 1}, image: pictures/p{i}.png}}\n" for i in range(8)
    )
    show = load_show(write_show("show: {transition: none}\nslides:\n" + slides, name="many.yaml"))[0]
    kiosk_ = open_kiosk(show, start_index=3)
    assert wait_until(lambda: all(kiosk_.cache.state(show.slides[i].image) == "ready" for i in (2, 3, 4, 5)))
    assert kiosk_.cache.cached_paths() == {show.slides[i].image for i in (2, 3, 4, 5)}
    kiosk_.controller.go_to_index(6)
    assert wait_until(lambda: kiosk_.controller.currentIndex == 6)
    assert kiosk_.cache.cached_paths() == {show.slides[i].image for i in (5, 6, 7, 0)}


def eight_picture_show(small_show_file: Path, write_show) -> Show:
    for i in range(8):
        save_picture(small_show_file.parent / "pictures" / f"p{i}.png", "#404040")
    slides = "".join(
        f"  - {{id: s{i}, layout: highlight, number: {i + 1}, image: pictures/p{i}.png}}\n" for i in range(8)
    )
    return load_show(write_show("show: {transition: crossfade}\nslides:\n" + slides, name="many.yaml"))[0]


def test_while_the_show_plays_by_itself_the_next_pictures_decode_after_the_fade(
    open_kiosk, small_show_file, write_show, clock
) -> None:
    show = eight_picture_show(small_show_file, write_show)
    kiosk_ = open_kiosk(show, start_index=3)
    assert wait_until(lambda: all(kiosk_.cache.state(show.slides[i].image) == "ready" for i in (2, 3, 4, 5)))

    clock.advance(kiosk_.controller.durationMs / 1000)  # the slide's time is up: slide 4 fades in
    assert wait_until(lambda: kiosk_.controller.currentIndex == 4)
    fading_in = time.monotonic()
    assert kiosk_.cache.cached_paths() == {show.slides[i].image for i in (3, 4, 5)}  # nothing decodes

    assert wait_until(lambda: kiosk_.cache.state(show.slides[6].image) == "ready")
    assert time.monotonic() - fading_in >= kiosk_.controller.transitionMs / 1000 - 0.05
    assert kiosk_.cache.cached_paths() == {show.slides[i].image for i in (3, 4, 5, 6)}


def test_while_a_visitor_flips_through_the_next_pictures_decode_at_once(
    open_kiosk, small_show_file, write_show
) -> None:
    show = eight_picture_show(small_show_file, write_show)
    kiosk_ = open_kiosk(show, start_index=3)
    assert wait_until(lambda: all(kiosk_.cache.state(show.slides[i].image) == "ready" for i in (2, 3, 4, 5)))

    kiosk_.controller.user_input()
    kiosk_.controller.next()  # the next press may come at any moment
    assert wait_until(lambda: kiosk_.controller.currentIndex == 4)
    assert kiosk_.cache.cached_paths() == {show.slides[i].image for i in (3, 4, 5, 6)}  # 6 on its way


def test_a_late_decode_keeps_the_previous_slide_up(open_kiosk, small_show, monkeypatch) -> None:
    real_decode = kiosk.player.assets.decode
    slow = threading.Event()

    def slow_decode(path, box, covers=False):
        if path.name == "green.png":
            slow.wait(5)
        return real_decode(path, box, covers)

    monkeypatch.setattr(kiosk.player.assets, "decode", slow_decode)
    shown = open_kiosk(small_show, start_index=1)
    shown.controller.next()
    wait_until(lambda: False, timeout=0.3)
    assert shown.controller.currentIndex == 1  # "second" is not ready: "first" stays up
    slow.set()
    assert wait_until(lambda: shown.controller.currentIndex == 2)


def test_enormous_pictures_are_refused_before_decoding(tmp_path: Path) -> None:
    started = time.monotonic()
    image, error = kiosk.player.assets.decode(
        png_claiming(tmp_path / "huge.png", 30_000, 30_000), QSize(1920, 1080)
    )
    assert image.isNull()
    assert "30000x30000 pixels is too large" in error
    assert time.monotonic() - started < 5


def test_a_picture_evicted_before_it_is_drawn_is_an_empty_pixel_not_a_warning(qapp) -> None:
    """A view built in the background during a reload may ask for a picture the cache has
    already let go: it gets a transparent pixel (no Qt warning), and its slide's current
    picture follows."""
    provider = kiosk.player.assets.SlideImageProvider(kiosk.player.assets.ImageCache(QSize(160, 100)))
    image = provider.requestImage("41", QSize(), QSize())
    assert (image.width(), image.height()) == (1, 1) and image.pixelColor(0, 0).alpha() == 0


SIDE_BY_SIDE = """
import sys, threading
from pathlib import Path
from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from kiosk.player.assets import decode

app = QGuiApplication([])
def decode_often(path, times):
    for _ in range(times):
        decode(Path(path), QSize(64, 40))
threads = [threading.Thread(target=decode_often, args=(sys.argv[1], 600)),
           threading.Thread(target=decode_often, args=(sys.argv[2], 40))]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("done")
"""


def test_a_photo_and_a_drawing_decoded_side_by_side_do_not_freeze_the_show(tmp_path: Path) -> None:
    """Both decoding threads at work, as when a slide's picture is decoded again for its box
    while a neighbour decodes: once, each held a lock the other waited for, and the wall froze.
    In a child process, so that a freeze fails this test instead of hanging the run."""
    photo = save_picture(tmp_path / "photo.png", "#445566")
    drawing = REPO / "assets" / "images" / "03-gdp.svg"
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    try:
        finished = subprocess.run(
            [sys.executable, "-c", SIDE_BY_SIDE, str(photo), str(drawing)],
            check=False,
            capture_output=True,
            text=True,
            timeout=60,
            env=environment,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("decoding a photo and a drawing side by side froze")
    assert finished.stdout.strip() == "done", finished.stderr
