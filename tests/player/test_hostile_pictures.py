"""Pictures the way a hall breaks them: a copy cut short, a file that never answers, a link
to somewhere else, a huge drawing, and a visitor hammering the keys."""

from __future__ import annotations

import logging
import os
import random
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QImageWriter

import kiosk.player.assets
import kiosk.player.reads
from kiosk.content.loader import load_show
from kiosk.player.assets import decode, decode_bytes, svg_size
from kiosk.player.reads import ReadProblem, read_bytes, read_regular_file
from kiosk.tools.offscreen import items_named, wait_until

from ..helpers import save_picture
from .test_assets import png_claiming

BOX = QSize(1920, 1080)


def noisy_jpeg(path: Path, progressive: bool = False) -> Path:
    """A photo-like JPEG (noise compresses badly, so the file is large enough to cut)."""
    image = QImage(800, 600, QImage.Format.Format_RGB32)
    rng = random.Random(7)
    for y in range(0, 600, 4):
        for x in range(0, 800, 4):
            image.setPixelColor(x, y, QColor(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    writer = QImageWriter(str(path), b"jpeg")
    writer.setProgressiveScanWrite(progressive)
    assert writer.write(image)
    return path


def cut_in_half(path: Path) -> Path:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path


@pytest.mark.parametrize("progressive", [False, True], ids=["baseline", "progressive"])
def test_a_jpeg_cut_short_by_an_interrupted_copy_is_refused(tmp_path: Path, progressive: bool) -> None:
    whole = noisy_jpeg(tmp_path / "whole.jpg", progressive)
    assert decode(whole, BOX)[1] == ""
    image, error = decode(cut_in_half(whole), BOX)
    assert image.isNull()
    assert "ends early" in error


def test_a_png_cut_short_is_refused(tmp_path: Path) -> None:
    path = save_picture(tmp_path / "p.png", "#20a040", QSize(640, 400))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 20])
    assert "ends early" in decode(path, BOX)[1]


def test_a_picture_over_qts_own_limit_is_too_large_not_unreadable(tmp_path: Path) -> None:
    image, error = decode(png_claiming(tmp_path / "big.png", 10_000, 10_000), BOX)  # 100 MP
    assert image.isNull()
    assert "10000x10000 pixels is too large to show" in error


def test_a_truncated_picture_on_the_wall_is_a_placeholder_logged_once(
    open_kiosk, small_show_file: Path, clock, caplog
) -> None:
    red = small_show_file.parent / "pictures" / "red.png"
    red.unlink()
    cut_in_half(noisy_jpeg(red))  # the name says png, the content is a cut-off JPEG
    show = load_show(small_show_file)[0]
    with caplog.at_level(logging.WARNING):
        kiosk_ = open_kiosk(show, start_index=1)
        (slide,) = items_named(kiosk_.window.contentItem(), "slide-first")
        assert items_named(slide, "placeholder")[0].isVisible()
        for _ in range(3):  # round the loop: logged once, and Qt never gets to complain
            clock.advance(50)
            wait_until(lambda: not kiosk_.controller.settling)
    assert caplog.text.count("red.png cannot be shown (the file ends early") == 1
    assert "Corrupt JPEG" not in caplog.text


def test_a_named_pipe_instead_of_a_picture_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "p.png"
    os.mkfifo(fifo)
    result: list[tuple[QImage, str]] = []
    worker = threading.Thread(target=lambda: result.append(decode(fifo, BOX)), daemon=True)
    worker.start()
    worker.join(20)
    try:
        assert result, "decoding a named pipe blocked"
        assert "not an ordinary file" in result[0][1]
    finally:
        if not result:  # let the stuck reader go
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


def test_a_read_that_never_answers_gives_up_and_does_not_pile_up(tmp_path: Path, monkeypatch) -> None:
    release = threading.Event()
    calls: list[Path] = []

    def hung_share(path: Path) -> bytes:
        calls.append(path)
        release.wait(30)
        return b""

    monkeypatch.setattr(kiosk.player.reads, "read_regular_file", hung_share)
    path = tmp_path / "on-a-share.png"
    try:
        with pytest.raises(ReadProblem, match="took more than"):
            read_bytes(path, seconds=0.2)
        with pytest.raises(ReadProblem, match="has still not finished"):
            read_bytes(path, seconds=0.2)
        assert len(calls) == 1  # the second read did not start another stuck thread
    finally:
        release.set()
    assert wait_until(lambda: not kiosk.player.reads._stuck, timeout=5)


def test_an_unreadable_picture_says_permission_denied(tmp_path: Path, monkeypatch) -> None:
    path = save_picture(tmp_path / "p.png", "#808080")

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(kiosk.player.reads, "open", refuse, raising=False)
    with pytest.raises(ReadProblem, match="permission denied"):
        read_regular_file(path)


@pytest.mark.expected_warnings  # the test provokes what the caretaker should read in the log
def test_a_picture_replaced_by_a_link_outside_the_folder_is_not_shown(
    open_kiosk, small_show_file: Path, tmp_path_factory, clock
) -> None:
    outside = save_picture(tmp_path_factory.mktemp("elsewhere") / "secret.png", "#ff0000")
    show = load_show(small_show_file)[0]
    red = small_show_file.parent / "pictures" / "red.png"
    red.unlink()
    red.symlink_to(outside)
    kiosk_ = open_kiosk(show, start_index=1)
    assert kiosk_.cache.state(red) == "failed"
    assert "outside the show's folder" in kiosk_.cache.error(red)


def test_an_svg_that_draws_another_file_is_refused() -> None:
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        b'width="100" height="50"><image xlink:href="/etc/hostname" width="10" height="10"/></svg>'
    )
    image, error = decode_bytes(svg, ".svg", BOX)
    assert image.isNull() and "draws another file (/etc/hostname)" in error
    inner = svg.replace(
        b'<image xlink:href="/etc/hostname" width="10" height="10"/>',
        b'<defs><circle id="dot" r="3"/></defs><use xlink:href="#dot"/>',
    )
    image, error = decode_bytes(inner, ".svg", BOX)
    assert error == "" and image.size() == QSize(1920, 960)


def test_an_svgs_size_is_read_from_its_root_element() -> None:
    assert svg_size(b'<svg xmlns="http://www.w3.org/2000/svg" width="800px" height="600"/>') == QSize(
        800, 600
    )
    assert svg_size(b'<svg width="100%" viewBox="0 0 40 30"/>') == QSize(40, 30)
    assert svg_size(b"<svg/>") is None
    assert svg_size(b"not xml") is None


def test_a_big_svg_never_asks_qt_for_its_size(monkeypatch) -> None:
    """Qt's size query parses the whole drawing holding Python's lock (seconds, GUI stuck)."""
    asked: list[str] = []

    class Reader(kiosk.player.assets.QImageReader):
        def size(self):
            asked.append("size")
            return super().size()

    monkeypatch.setattr(kiosk.player.assets, "QImageReader", Reader)
    paths = "".join(f'<path d="M{i} 0 l3 0 l0 3 z"/>' for i in range(2000))
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">{paths}</svg>'.encode()
    image, error = decode_bytes(svg, ".svg", BOX)
    assert error == "" and image.size() == QSize(1440, 1080)
    assert asked == []


def many_pictures_show(small_show_file: Path, write_show, count: int = 8):
    for i in range(count):
        save_picture(small_show_file.parent / "pictures" / f"p{i}.png", "#404040")
    slides = "".join(
        f"  - {{id: s{i}, layout: highlight, number: {i + 1}, image: pictures/p{i}.png}}\n"
        for i in range(count)
    )
    return load_show(write_show("show: {transition: none}\nslides:\n" + slides, name="many.yaml"))[0]


def test_pictures_slow_to_decode_stay_decoded_round_the_loop(
    open_kiosk, small_show_file, write_show, monkeypatch
) -> None:
    monkeypatch.setattr(kiosk.player.assets, "SLOW_DECODE_SECONDS", -1.0)  # every picture counts as slow
    show = many_pictures_show(small_show_file, write_show)
    shown = open_kiosk(show, start_index=0)
    for index in range(1, 8):
        shown.controller.go_to_index(index)
        assert wait_until(lambda index=index: shown.controller.currentIndex == index)
    assert wait_until(lambda: not shown.controller.settling)
    runs = shown.cache.decodes_run
    shown.controller.go_to_index(0)  # round the loop again
    assert wait_until(lambda: shown.controller.currentIndex == 0)
    assert shown.cache.decodes_run == runs  # nothing decoded twice
    assert len(shown.cache.cached_paths()) <= 4 + kiosk.player.assets.SLOW_KEPT


def test_a_key_storm_decodes_only_where_the_show_comes_to_rest(
    open_kiosk, small_show_file, write_show, monkeypatch
) -> None:
    real_decode = kiosk.player.assets.decode
    decoded: list[str] = []
    disk = threading.Event()  # a slow disk: nothing decodes until the storm is over
    disk.set()

    def slow_disk(path, box, covers=False):
        decoded.append(path.name)
        disk.wait(30)
        return real_decode(path, box, covers)

    monkeypatch.setattr(kiosk.player.assets, "decode", slow_disk)
    show = many_pictures_show(small_show_file, write_show)
    shown = open_kiosk(show)
    decoded.clear()
    disk.clear()
    for _ in range(400):  # a visitor leaning on the key
        shown.controller.user_input()
        shown.controller.next()
    disk.set()
    rest = 400 % len(show.slides)
    assert wait_until(lambda: shown.controller.currentIndex == rest, timeout=30)
    assert shown.cache.state(show.slides[rest].image) == "ready"
    assert len(decoded) < 40, f"{len(decoded)} decodes for one place to rest"


def test_at_quit_a_stuck_read_gives_up_at_once(tmp_path: Path, monkeypatch) -> None:
    release = threading.Event()
    monkeypatch.setattr(kiosk.player.reads, "read_regular_file", lambda path: release.wait(30))
    monkeypatch.setattr(kiosk.player.reads, "_quitting", threading.Event())
    outcome: list[str] = []

    def read() -> None:
        try:
            read_bytes(tmp_path / "on-a-share.png", seconds=60)
        except ReadProblem as problem:
            outcome.append(str(problem))

    waiting = threading.Thread(target=read, daemon=True)
    waiting.start()
    try:
        kiosk.player.reads.give_up_waiting()
        waiting.join(20)  # not the 60 s limit
        assert outcome and "took more than" in outcome[0]
    finally:
        release.set()
    assert wait_until(lambda: not kiosk.player.reads._stuck, timeout=5)


def test_a_compressed_svg_is_sized_and_checked_like_a_plain_one() -> None:
    import gzip

    plain = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><rect width="9" height="9"/></svg>'
    )
    image, error = decode_bytes(gzip.compress(plain), ".svgz", BOX)
    assert error == "" and image.size() == QSize(1920, 960)
    outside = plain.replace(b"<rect", b'<image href="file:///etc/hostname"/><rect')
    assert "draws another file" in decode_bytes(gzip.compress(outside), ".svgz", BOX)[1]
