"""A real X server for measuring the show in a real window: the one in $DISPLAY, or an Xvfb
started for the purpose (Debian package xvfb) and stopped when done."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def x_display(size: tuple[int, int] = (1920, 1080)) -> Iterator[str]:
    """Yields a DISPLAY name; starts Xvfb when there is none."""
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    with xvfb(size) as display:
        yield display


@contextmanager
def xvfb(size: tuple[int, int] = (1920, 1080)) -> Iterator[str]:
    """A new Xvfb of `size` (its display name while it runs), stopped afterwards."""
    if shutil.which("Xvfb") is None:
        raise RuntimeError("no Xvfb: install the xvfb package")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{size[0]}x{size[1]}x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)
