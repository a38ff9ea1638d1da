"""Reading content files that may never answer: a hung network share, a failing USB stick, a
named pipe where a picture should be.

A read that blocks in the kernel cannot be interrupted, so it runs in a daemon thread of its
own and the caller waits a bounded time: the caller (a worker of a thread pool) always comes
back, the GUI thread never waits on a file, and quitting never waits for a stuck read. A file
still stuck from an earlier read is refused at once instead of piling up threads.
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

READ_TIMEOUT_SECONDS = 10.0
MAX_FILE_BYTES = 512 * 1024 * 1024  # no picture or show file the kiosk plays is this large

T = TypeVar("T")

_stuck: set[str] = set()
_lock = threading.Lock()
_quitting = threading.Event()
WAIT_SLICE_SECONDS = 0.1


class ReadProblem(Exception):
    """A file that cannot be read, said for a person: what is wrong with it."""


def call_with_timeout(key: str, work: Callable[[], T], seconds: float | None = None) -> T:
    """Runs `work` in a daemon thread and waits at most `seconds` for it."""
    seconds = READ_TIMEOUT_SECONDS if seconds is None else seconds
    with _lock:
        if key in _stuck:
            raise ReadProblem(
                "an earlier read of it has still not finished (a hung network share or failing disk?)"
            )
    outcome: dict[str, object] = {}
    done = threading.Event()

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # handed to the caller below
            outcome["error"] = error
        finally:
            with _lock:
                _stuck.discard(key)
            done.set()

    threading.Thread(target=run, name=f"read {Path(key).name}", daemon=True).start()
    waited = 0.0
    while not done.wait(WAIT_SLICE_SECONDS) and waited < seconds and not _quitting.is_set():
        waited += WAIT_SLICE_SECONDS
    if not done.is_set():
        with _lock:
            if not done.is_set():
                _stuck.add(key)
        if not done.is_set():
            raise ReadProblem(
                f"reading it took more than {seconds:.0f} s (a hung network share or failing disk?)"
            )
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def give_up_waiting() -> None:
    """At quit: every read still waiting gives up now, so quitting never waits on a file."""
    _quitting.set()


def read_regular_file(path: Path) -> bytes:
    """The bytes of `path`, which must be an ordinary file (not a pipe, device or folder)."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise ReadProblem("this is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise ReadProblem("this is not an ordinary file (a pipe or a device?)")
        if info.st_size > MAX_FILE_BYTES:
            raise ReadProblem(f"the file is {info.st_size // (1024 * 1024)} MB, far too large")
        with open(path, "rb") as file:
            return file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError as error:
        raise ReadProblem("file not found") from error
    except PermissionError as error:
        raise ReadProblem(
            "permission denied (the show's user cannot read it; check its permissions)"
        ) from error
    except OSError as error:
        raise ReadProblem(error.strerror or str(error)) from error


def read_bytes(path: Path, seconds: float | None = None) -> bytes:
    """`read_regular_file` with a time limit; raises ReadProblem."""
    return call_with_timeout(str(path), lambda: read_regular_file(path), seconds)
