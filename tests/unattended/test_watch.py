"""Hot reload as a curator causes it: saving slides.yaml in the hall while the show runs."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from kiosk.tools.offscreen import wait_until
from kiosk.unattended.watch import SETTLE_SECONDS, WAIT_RETRY_SECONDS

from ..helpers import SMALL_SHOW


def title_of(kiosk, row: int) -> str:
    role = next(r for r, name in kiosk.model.roleNames().items() if bytes(name) == b"title")
    return kiosk.model.data(kiosk.model.index(row), role)


def settle(kiosk, clock) -> None:
    """Lets the file events arrive, then the settle delay pass, then the reload finish."""
    assert wait_until(lambda: kiosk.watcher.settling, timeout=5), "no file event arrived"
    clock.advance(SETTLE_SECONDS)
    assert wait_until(lambda: not kiosk.watcher.settling, timeout=10)
    QCoreApplication.processEvents()


def settle_whole(kiosk, clock) -> None:
    """As settle, then the second look at a new or changed picture (it must look finished)."""
    settle(kiosk, clock)
    while kiosk.watcher.waiting:
        clock.advance(WAIT_RETRY_SECONDS)
        settle(kiosk, clock)


def edited(text: str = SMALL_SHOW) -> str:
    return text.replace("title: {zh: 结束语, en: The end}", "title: {zh: 新的结束语, en: A new ending}")


def test_a_valid_edit_takes_over_at_the_next_slide_change_on_the_same_slide_id(
    open_kiosk, small_show_file: Path, small_show, clock, qtbot
) -> None:
    kiosk = open_kiosk(small_show, start_index=2, watch=True)
    inserted = edited().replace("slides:\n", "slides:\n  - {id: new, layout: cover, title: 新}\n", 1)
    with qtbot.waitSignal(kiosk.watcher.reloaded, timeout=10_000):
        small_show_file.write_text(inserted, encoding="utf-8")
        settle(kiosk, clock)
    assert kiosk.controller.currentIndex == 2  # the visitor keeps reading "second"
    assert title_of(kiosk, 3) == "结束语"
    clock.advance(20)
    assert wait_until(lambda: kiosk.controller.show.slides[kiosk.controller.currentIndex].id == "closing")
    assert kiosk.controller.currentIndex == 4  # found by id: a slide was inserted before it
    assert title_of(kiosk, 4) == "新的结束语"


def test_an_invalid_edit_keeps_the_last_good_show_and_logs_where(
    open_kiosk, small_show_file: Path, small_show, clock, caplog, qtbot
) -> None:
    kiosk = open_kiosk(small_show, watch=True)
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(kiosk.watcher.rejected, timeout=10_000):
        small_show_file.write_text(SMALL_SHOW.replace("advance_seconds: 10", "advance_seconds: ten"), "utf-8")
        settle(kiosk, clock)
    assert "slides.yaml:4:20: error: show.advance_seconds: expected a number, got 'ten'" in caplog.text
    assert "still showing the last good version" in caplog.text
    clock.advance(10)
    assert kiosk.controller.currentIndex == 1
    assert kiosk.controller.show.advance_seconds == 10
    with qtbot.waitSignal(kiosk.watcher.reloaded, timeout=10_000):  # still watching
        small_show_file.write_text(edited(), encoding="utf-8")
        settle(kiosk, clock)


def test_delete_and_recreate_is_picked_up_and_the_gap_changes_nothing(
    open_kiosk, small_show_file: Path, small_show, clock, caplog, qtbot
) -> None:
    kiosk = open_kiosk(small_show, watch=True)
    with caplog.at_level(logging.ERROR):
        small_show_file.unlink()
        settle(kiosk, clock)
    assert "file not found" in caplog.text
    with qtbot.waitSignal(kiosk.watcher.reloaded, timeout=10_000):
        small_show_file.write_text(edited(), encoding="utf-8")
        settle(kiosk, clock)


def test_an_editor_that_saves_by_renaming_a_temporary_file_is_picked_up(
    open_kiosk, small_show_file: Path, small_show, clock, qtbot
) -> None:
    kiosk = open_kiosk(small_show, watch=True)
    for attempt in range(2):  # the second rename replaces a file that was itself renamed in
        temporary = small_show_file.with_name(f".slides.yaml.{attempt}.tmp")
        temporary.write_text(edited().replace("新的结束语", f"第{attempt}次"), encoding="utf-8")
        with qtbot.waitSignal(kiosk.watcher.reloaded, timeout=10_000):
            os.replace(temporary, small_show_file)
            settle(kiosk, clock)


def test_fifty_rapid_saves_cause_one_reload(open_kiosk, small_show_file: Path, small_show, clock) -> None:
    kiosk = open_kiosk(small_show, watch=True)
    reloads = []
    kiosk.watcher.reloaded.connect(reloads.append)
    for save in range(50):
        small_show_file.write_text(edited().replace("新的结束语", f"第{save}版"), encoding="utf-8")
        QCoreApplication.processEvents()
        clock.advance(SETTLE_SECONDS / 10)
    settle(kiosk, clock)
    wait_until(lambda: False, timeout=0.3)  # let any late file event arrive
    clock.advance(SETTLE_SECONDS)
    assert wait_until(lambda: not kiosk.watcher.settling, timeout=10)
    assert len(reloads) == 1
    assert reloads[0].slides[3].title.get("zh") == "第49版"


def test_a_changed_picture_reloads_and_is_decoded_again(
    open_kiosk, small_show_file: Path, small_show, clock, qtbot
) -> None:
    from ..helpers import save_picture

    kiosk = open_kiosk(small_show, watch=True)
    with qtbot.waitSignal(kiosk.watcher.reloaded, timeout=10_000):
        save_picture(small_show_file.parent / "pictures" / "red.png", "#ffffff")
        settle_whole(kiosk, clock)
    kiosk.controller.next()
    assert wait_until(lambda: kiosk.controller.currentIndex == 1)
    token = int(kiosk.cache.url(kiosk.controller.show.slides[1].image).rsplit("/", 1)[1])
    assert kiosk.cache.image(token).pixelColor(5, 5).name() == "#ffffff"


def test_a_changed_clip_or_poster_counts_as_a_change_of_the_show(write_show, tmp_path: Path) -> None:
    from kiosk.content.loader import load_show
    from kiosk.unattended.watch import fingerprint, watched_paths

    for name in ("film.mp4", "poster.png"):
        (tmp_path / name).write_bytes(b"first version")
    path = write_show("slides:\n  - {id: film, layout: video, video: film.mp4, poster: poster.png}\n")
    show = load_show(path)[0]
    before = fingerprint(path, show)
    assert {tmp_path / "film.mp4", tmp_path / "poster.png"} <= watched_paths(path, show)
    (tmp_path / "poster.png").write_bytes(b"the curator's new poster")
    assert fingerprint(path, show) != before
