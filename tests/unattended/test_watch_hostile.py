"""Hot reload when the files misbehave: a pipe where slides.yaml was, a show folder swapped
for a new one, a pictures folder deleted and made again, a folder the show may not read."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from kiosk.content.loader import load_show
from kiosk.tools.offscreen import wait_until
from kiosk.unattended.watch import POLL_SECONDS

from ..helpers import SMALL_SHOW, save_picture
from .test_watch import edited, settle, settle_whole, title_of


@pytest.fixture
def hall(tmp_path: Path) -> Path:
    """The show in its own folder, as deployed: hall/show/slides.yaml and its pictures."""
    folder = tmp_path / "show"
    for name, color in (("blue", "#2050c0"), ("red", "#c02020"), ("green", "#20a040")):
        save_picture(folder / "pictures" / f"{name}.png", color)
    (folder / "slides.yaml").write_text(SMALL_SHOW, encoding="utf-8")
    return folder


def look(kiosk, clock) -> None:
    """Lets the periodic look by path run once and its outcome arrive."""
    clock.advance(POLL_SECONDS)
    wait_until(lambda: not kiosk.watcher._polling, timeout=10)
    QCoreApplication.processEvents()


def reloaded_by_looking(kiosk, clock, qtbot) -> None:
    with qtbot.waitSignal(kiosk.watcher.reloaded, timeout=15_000):
        for _ in range(5):
            look(kiosk, clock)
            if kiosk.watcher.settling:
                settle_whole(kiosk, clock)
                break


def test_a_swapped_show_folder_keeps_hot_reload_alive(open_kiosk, hall: Path, clock, qtbot, caplog) -> None:
    kiosk = open_kiosk(load_show(hall / "slides.yaml")[0], watch=True)
    look(kiosk, clock)  # the baseline is in
    new = hall.with_name("show.new")
    shutil.copytree(hall, new)
    (new / "slides.yaml").write_text(edited(), encoding="utf-8")
    with caplog.at_level(logging.INFO):
        hall.rename(hall.with_name("show.old"))
        new.rename(hall)
        reloaded_by_looking(kiosk, clock, qtbot)
    assert "a change found by looking" in caplog.text
    clock.advance(10)
    assert wait_until(lambda: title_of(kiosk, 3) == "新的结束语")
    # and it keeps watching the new folder: an ordinary save is picked up
    with qtbot.waitSignal(kiosk.watcher.reloaded, timeout=15_000):
        (hall / "slides.yaml").write_text(edited().replace("新的结束语", "再一次"), encoding="utf-8")
        for _ in range(5):
            look(kiosk, clock)
            if kiosk.watcher.settling:
                settle(kiosk, clock)
                break


def test_a_pictures_folder_made_again_still_reloads_on_picture_saves(
    open_kiosk, hall: Path, clock, qtbot, caplog
) -> None:
    kiosk = open_kiosk(load_show(hall / "slides.yaml")[0], watch=True)
    look(kiosk, clock)
    pictures = hall / "pictures"
    shutil.rmtree(pictures)
    with caplog.at_level(logging.ERROR):
        look(kiosk, clock)
        if kiosk.watcher.settling:
            settle(kiosk, clock)
    for name, color in (("blue", "#2050c0"), ("red", "#c02020"), ("green", "#20a040")):
        save_picture(pictures / f"{name}.png", color)
    reloaded_by_looking(kiosk, clock, qtbot)
    save_picture(pictures / "red.png", "#ffffff")
    reloaded_by_looking(kiosk, clock, qtbot)


def test_a_pipe_where_slides_yaml_was_is_a_problem_and_watching_goes_on(
    open_kiosk, hall: Path, clock, qtbot, caplog
) -> None:
    slides = hall / "slides.yaml"
    kiosk = open_kiosk(load_show(slides)[0], watch=True)
    look(kiosk, clock)
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(kiosk.watcher.rejected, timeout=15_000):
        slides.unlink()
        os.mkfifo(slides)
        settle(kiosk, clock)
    assert "slides.yaml:1:1: error: cannot read the file: this is not an ordinary file" in caplog.text
    slides.unlink()
    with qtbot.waitSignal(kiosk.watcher.reloaded, timeout=15_000):
        slides.write_text(edited(), encoding="utf-8")
        settle(kiosk, clock)


def test_a_folder_the_show_may_not_read_is_no_traceback(
    open_kiosk, hall: Path, clock, qtbot, caplog, monkeypatch
) -> None:
    kiosk = open_kiosk(load_show(hall / "slides.yaml")[0], watch=True)
    look(kiosk, clock)
    real_stat = os.stat
    pictures = str(hall / "pictures")

    def no_access(path, *args, **kwargs):
        if str(path).startswith(pictures):
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", no_access)
    with caplog.at_level(logging.WARNING):
        kiosk.watcher._changed(pictures)
        settle(kiosk, clock)
    assert "unexpected error" not in caplog.text and "Traceback" not in caplog.text
