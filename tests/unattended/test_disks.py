"""Disks in a hall: a full disk, a log folder the show may not write, a USB stick with the show
pulled out and put back. None of them stops the show.

As root (CI's container) the full disk is a real 64 KB tmpfs filled up and the unwritable
folder a tmpfs remounted read-only (root may write anywhere else); as another user the file
size limit (RLIMIT_FSIZE) and a folder without write permission do the same."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.content.loader import load_show
from kiosk.tools.offscreen import wait_until

from ..helpers import REPO, SMALL_SHOW, save_picture
from .test_watch import edited, title_of
from .test_watch_hostile import look, reloaded_by_looking

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def hall(tmp_path: Path) -> Path:
    """The show in its own folder, as on a USB stick: show/slides.yaml and its pictures."""
    folder = tmp_path / "show"
    for name, color in (("blue", "#2050c0"), ("red", "#c02020"), ("green", "#20a040")):
        save_picture(folder / "pictures" / f"{name}.png", color)
    (folder / "slides.yaml").write_text(SMALL_SHOW, encoding="utf-8")
    return folder


FULL_DISK = """
import logging, os, resource, signal, sys
from pathlib import Path
sys.path.insert(0, {repo!r})
from kiosk.unattended.logs import setup_logging
from kiosk.unattended.supervise import HeartbeatWriter, read_heartbeat

mode, folder = sys.argv[1], Path(sys.argv[2])
setup_logging(folder)
log = logging.getLogger("kiosk.show")
heartbeat = HeartbeatWriter(folder / "heartbeat")
log.info("before the disk is full")
heartbeat.beat()
(folder / "heartbeat").unlink()  # so a heartbeat read later can only be a new one
if mode == "tmpfs":  # someone else's files fill the disk
    filler = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(filler, bytes(4096)):
            pass
    except OSError:
        pass
    os.close(filler)
    def make_room():
        os.unlink(folder / "filler")
else:  # no file may grow any more
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, hard))
    def make_room():
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
for number in range(200):
    log.info("line %d while the disk is full, long enough to fill what is left of a block", number)
    heartbeat.beat()
assert read_heartbeat(folder / "heartbeat") is None, "the disk was not full after all"
make_room()
log.info("the disk has room again")
heartbeat.beat()
print("the show went on", read_heartbeat(folder / "heartbeat") is not None)
"""


def mount_tmpfs(folder: Path, size: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], check=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    folder = tmp_path / "disk"
    if not AS_ROOT:
        folder.mkdir()
        yield "rlimit", folder
        return
    mount_tmpfs(folder, "64k")
    yield "tmpfs", folder
    subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk_is_said_once_and_the_log_and_heartbeat_carry_on_when_there_is_room(small_disk) -> None:
    mode, folder = small_disk
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK.format(repo=str(REPO)), mode, str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "the show went on True"
    err = result.stderr
    assert err.count("cannot write the log file") == 1
    assert err.count("cannot write the heartbeat file") == 1
    assert "Traceback" not in err and "Logging error" not in err
    assert "writing the log file" in err and "again" in err
    assert "is written again" in err
    assert "line 199 while the disk is full" in err  # nothing was lost: stderr had it all
    assert "the disk has room again" in (folder / "kiosk.log").read_text(encoding="utf-8")


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[tuple[Path, object]]:
    """A folder nobody may write in now; the callable makes it writable again."""
    folder = tmp_path / "logs"
    if AS_ROOT:
        mount_tmpfs(folder, "1m")
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield folder, lambda: subprocess.run(["mount", "-o", "remount,rw", str(folder)], check=True)
        subprocess.run(["umount", str(folder)], check=True)
    else:
        folder.mkdir()
        folder.chmod(0o555)
        yield folder, lambda: folder.chmod(0o755)
        folder.chmod(0o755)


def test_a_log_folder_that_cannot_be_written_falls_back_to_stderr_and_is_tried_again(
    read_only_folder, capsys
) -> None:
    from kiosk.unattended.logs import setup_logging

    folder, make_writable = read_only_folder
    root = logging.getLogger()
    saved = list(root.handlers), root.level
    try:
        path = setup_logging(folder)
        for number in range(3):
            logging.getLogger("kiosk").info("line %d with no log file", number)
        make_writable()
        logging.getLogger("kiosk").info("the folder can be written now")
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
            handler.close()
        for handler in saved[0]:
            root.addHandler(handler)
        root.setLevel(saved[1])
    err = capsys.readouterr().err
    assert err.count("cannot write the log file") == 1
    assert "Traceback" not in err and "line 2 with no log file" in err
    assert "writing the log file" in err
    assert path is not None and "the folder can be written now" in path.read_text(encoding="utf-8")


def test_a_pulled_usb_stick_keeps_the_show_and_its_return_is_picked_up_without_a_restart(
    open_kiosk,
    hall: Path,
    clock,
    qtbot,
    caplog,
) -> None:
    kiosk = open_kiosk(load_show(hall / "slides.yaml")[0], watch=True)
    look(kiosk, clock)  # the baseline is in
    pulled = hall.with_name("stick-in-a-pocket")
    with caplog.at_level(logging.INFO):
        hall.rename(pulled)  # the stick is pulled: the show folder is gone
        for _ in range(10):
            look(kiosk, clock)
        clock.advance(60)
        assert title_of(kiosk, 3) == "结束语", "the last good show stays on the wall"
        assert kiosk.window.isVisible()
        said_while_gone = caplog.text
        (pulled / "slides.yaml").write_text(edited(), encoding="utf-8")  # edited on another PC
        pulled.rename(hall)  # and put back
        reloaded_by_looking(kiosk, clock, qtbot)
    clock.advance(30)  # the new content takes over at the next slide change
    assert wait_until(lambda: title_of(kiosk, 3) == "新的结束语")
    assert "Traceback" not in caplog.text and "unexpected error" not in caplog.text
    # the gap is said, but not once per look
    gone_lines = [
        line for line in said_while_gone.splitlines() if "slides.yaml" in line and "WARNING" in line
    ]
    assert len(gone_lines) <= 1, gone_lines


def test_an_unreadable_show_folder_is_read_again_when_it_comes_back(
    open_kiosk,
    hall: Path,
    clock,
    qtbot,
    caplog,
) -> None:
    """A network share that answers 'permission denied' for a while: as root, a folder
    mounted over the show's path (tmpfs, then unmounted) stands in; otherwise chmod 000."""
    kiosk = open_kiosk(load_show(hall / "slides.yaml")[0], watch=True)
    look(kiosk, clock)
    with caplog.at_level(logging.INFO):
        if AS_ROOT:
            mount_tmpfs(hall, "1m")  # what is at the path now has no slides.yaml at all
        else:
            hall.chmod(0)
        try:
            for _ in range(5):
                look(kiosk, clock)
            assert title_of(kiosk, 3) == "结束语"
        finally:
            if AS_ROOT:
                subprocess.run(["umount", str(hall)], check=True)
            else:
                hall.chmod(0o755)
        (hall / "slides.yaml").write_text(edited(), encoding="utf-8")
        reloaded_by_looking(kiosk, clock, qtbot)
    clock.advance(30)  # the new content takes over at the next slide change
    assert wait_until(lambda: title_of(kiosk, 3) == "新的结束语")
    assert "Traceback" not in caplog.text
