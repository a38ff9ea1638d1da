"""The log a caretaker reads: a file in the log folder, every unexpected error with its
traceback while the show carries on, and an hourly heartbeat."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

from kiosk.unattended.logs import Heartbeat, log_unexpected, setup_logging


@pytest.fixture
def log_file(tmp_path: Path):
    root = logging.getLogger()
    saved = list(root.handlers), root.level
    path = setup_logging(tmp_path / "logs")
    yield path
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    for handler in saved[0]:
        root.addHandler(handler)
    root.setLevel(saved[1])


def test_the_log_goes_to_a_file_in_the_chosen_folder(log_file: Path) -> None:
    logging.getLogger("kiosk").info("showing slides.yaml: 12 slides")
    assert log_file.parent.name == "logs"
    assert "INFO kiosk: showing slides.yaml: 12 slides" in log_file.read_text(encoding="utf-8")


@pytest.mark.expected_warnings  # the exception is logged on purpose
@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_and_the_next_advance_still_happens(
    small_show, clock, log_file: Path, monkeypatch
) -> None:
    from kiosk.player.controller import ShowController

    monkeypatch.setattr(sys, "excepthook", log_unexpected)
    show = ShowController(small_show, clock)

    def broken_slot(index: int) -> None:
        raise RuntimeError(f"a bug on slide {index}")

    show.slideShown.connect(broken_slot)
    clock.advance(10)
    assert show.currentIndex == 1
    clock.advance(10)
    assert show.currentIndex == 2
    text = log_file.read_text(encoding="utf-8")
    assert "ERROR kiosk: unexpected error; the show goes on" in text
    assert "Traceback" in text and "RuntimeError: a bug on slide 1" in text
    assert "RuntimeError: a bug on slide 2" in text


def test_the_heartbeat_says_every_hour_how_the_show_is_doing(small_show, clock, caplog) -> None:
    from kiosk.player.controller import ShowController

    show = ShowController(small_show, clock)
    Heartbeat(clock, show)
    with caplog.at_level(logging.INFO):
        clock.advance(3600)
        clock.advance(3600)
    beats = [r.getMessage() for r in caplog.records if r.getMessage().startswith("heartbeat")]
    assert len(beats) == 2
    assert beats[1].startswith("heartbeat: up 2h00m, ")
    assert " slides shown, RSS " in beats[1]
    shown = int(beats[1].split(", ")[1].split()[0])
    assert shown > 400  # a 50 s loop of four slides, for two hours


def test_a_full_disk_is_said_once_on_stderr_not_a_traceback_per_line(log_file: Path, capsys) -> None:
    import errno

    handler = next(h for h in logging.getLogger().handlers if getattr(h, "baseFilename", None))
    real_write = handler.stream.write

    def disk_full(_text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    try:
        handler.stream.write = disk_full
        for number in range(5):
            logging.getLogger("kiosk").info("line %d while the disk is full", number)
    finally:
        handler.stream.write = real_write
    logging.getLogger("kiosk").info("the disk has room again")
    handler.flush()
    err = capsys.readouterr().err
    assert err.count("cannot write the log file") == 1
    assert "Traceback" not in err and "Logging error" not in err
    assert "writing the log file" in err and "again" in err
    assert "the disk has room again" in log_file.read_text(encoding="utf-8")


def test_the_supervisor_writes_its_own_log_file(tmp_path: Path, monkeypatch) -> None:
    import kiosk.unattended.supervise
    from kiosk import cli

    monkeypatch.setattr(kiosk.unattended.supervise, "supervise", lambda run_args, limits, screen=None: 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # cli.main installs its own
    root = logging.getLogger()
    saved = list(root.handlers), root.level
    try:
        assert cli.main(["supervise", "--log-dir", str(tmp_path), "slides.yaml"]) == 0
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
            handler.close()
        for handler in saved[0]:
            root.addHandler(handler)
        root.setLevel(saved[1])
    assert "supervisor starting" in (tmp_path / "supervise.log").read_text(encoding="utf-8")
    assert not (tmp_path / "kiosk.log").exists()  # the show's own file: one writer each
