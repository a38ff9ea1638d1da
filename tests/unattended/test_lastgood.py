"""The last good content on disk: kept after every clean load, played when the show file does
not load at start, left as soon as the file is fixed."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.content.loader import load_show
from kiosk.tools.offscreen import wait_until
from kiosk.unattended.lastgood import LastGood

from ..helpers import REPO, SMALL_SHOW
from .test_watch import settle, settle_whole

BROKEN = SMALL_SHOW.replace("advance_seconds: 10", "advance_seconds: ten")


@pytest.fixture
def state(tmp_path_factory) -> Path:
    """A per-user state folder, away from the show folder."""
    return tmp_path_factory.mktemp("state")


def test_the_copy_holds_the_file_and_its_pictures_and_survives_their_loss(small_show_file, state) -> None:
    keeper = LastGood(small_show_file, state)
    assert keeper.load() is None  # nothing kept yet
    assert keeper.save(load_show(small_show_file)[0])
    assert not keeper.save(load_show(small_show_file)[0])  # same content: nothing to copy
    shutil.rmtree(small_show_file.parent / "pictures")
    small_show_file.write_text(BROKEN, encoding="utf-8")
    saved = keeper.load()
    assert saved is not None
    assert [slide.id for slide in saved.show.slides] == ["cover", "first", "second", "closing"]
    red = saved.show.slides[1].image
    assert red.is_file() and red.is_relative_to(state.resolve())


def test_two_show_files_keep_two_copies(small_show_file, state) -> None:
    other = small_show_file.with_name("other.yaml")
    other.write_text(SMALL_SHOW.replace("Test show", "Other show"), encoding="utf-8")
    LastGood(small_show_file, state).save(load_show(small_show_file)[0])
    LastGood(other, state).save(load_show(other)[0])
    assert LastGood(small_show_file, state).load().show.title.get("en") == "Test show"
    assert LastGood(other, state).load().show.title.get("en") == "Other show"


def test_no_copy_is_kept_inside_the_show_folder(small_show_file, caplog) -> None:
    keeper = LastGood(small_show_file, small_show_file.parent / "state")
    with caplog.at_level(logging.WARNING):
        assert not keeper.save(load_show(small_show_file)[0])
    assert "inside the show folder" in caplog.text
    assert not (small_show_file.parent / "state").exists()


def test_a_show_from_the_last_good_copy_says_so_and_goes_back_to_the_fixed_file(
    open_kiosk, small_show_file: Path, clock, state, qtbot, caplog
) -> None:
    keeper = LastGood(small_show_file, state)
    keeper.save(load_show(small_show_file)[0])
    small_show_file.write_text(BROKEN, encoding="utf-8")
    copy = keeper.load().show
    kiosk = open_kiosk(
        copy,
        watch=True,
        windowed=True,
        watch_path=small_show_file,
        last_good=keeper,
        last_good_reason="slides.yaml:4:20: error: show.advance_seconds: expected a number",
    )
    status = kiosk.content_status
    assert status.fromLastGood
    assert status.summary.startswith("running from last good content because: slides.yaml:4:20")
    assert kiosk.marker is not None and kiosk.marker.isVisible()
    fixed = SMALL_SHOW.replace("Cover title", "Fixed cover")
    with caplog.at_level(logging.WARNING), qtbot.waitSignal(kiosk.watcher.reloaded, timeout=10_000):
        small_show_file.write_text(fixed, encoding="utf-8")
        settle_whole(kiosk, clock)  # its pictures were never seen: they may need a second look
    assert wait_until(lambda: kiosk.controller.show.source == small_show_file)
    assert not status.fromLastGood and not kiosk.marker.isVisible()
    assert "the show file loads again" in caplog.text
    assert kiosk.controller.show.slides[0].title.get("en") == "Fixed cover"
    assert wait_until(lambda: keeper.load().show.slides[0].title.get("en") == "Fixed cover")


def test_a_show_file_that_does_not_answer_at_boot_plays_the_last_good_copy(
    small_show_file: Path, state: Path, tmp_path_factory
) -> None:
    LastGood(small_show_file, state).save(load_show(small_show_file)[0])
    small_show_file.unlink()
    os.mkfifo(small_show_file)  # stands in for a hung network share
    logs = tmp_path_factory.mktemp("logs")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_STATE_DIR=str(state))
    show = subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), str(small_show_file), "--log-dir", str(logs)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        wanted = "first frame drawn: slide cover; running from last good content because: "
        while wanted not in (
            (logs / "kiosk.log").read_text("utf-8") if (logs / "kiosk.log").exists() else ""
        ):
            assert show.poll() is None, f"the show exited with status {show.returncode}"
            assert time.monotonic() < deadline, "the last good copy was never drawn"
            time.sleep(0.2)
        assert "cannot read the file: this is not an ordinary file" in (logs / "kiosk.log").read_text("utf-8")
    finally:
        show.terminate()
        show.wait(timeout=30)


@pytest.mark.expected_warnings  # the test provokes what the caretaker should read in the log
def test_a_refused_reload_is_in_the_status_until_a_good_one(
    open_kiosk, small_show_file: Path, small_show, clock, qtbot
) -> None:
    kiosk = open_kiosk(small_show, watch=True, windowed=True)
    status = kiosk.content_status
    assert not status.fromLastGood
    with qtbot.waitSignal(kiosk.watcher.rejected, timeout=10_000):
        small_show_file.write_text(BROKEN, encoding="utf-8")
        settle(kiosk, clock)
    assert status.fromLastGood and status.reason.startswith("slides.yaml:4:20: error: show.advance_seconds")
    assert kiosk.marker.isVisible()
    with qtbot.waitSignal(kiosk.watcher.reloaded, timeout=10_000):
        small_show_file.write_text(SMALL_SHOW, encoding="utf-8")
        settle(kiosk, clock)
    assert not status.fromLastGood and not kiosk.marker.isVisible()
