"""Driving a show window without a person: run the event loop until something holds, find
items by objectName, hold a window still on one slide. Used by `check`, `render`, the
benchmark and the tests alike.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QSize
from PySide6.QtQuick import QQuickItem

from ..app import RunningShow, RunOptions
from ..clock import ManualClock
from ..content.model import Show

SETTLE_TIMEOUT_S = 20.0


def wait_until(condition: Callable[[], bool], timeout: float = SETTLE_TIMEOUT_S) -> bool:
    """Runs the event loop until `condition()` holds (True) or the timeout passes (False)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    return True


def items_named(root: QQuickItem, name: str) -> list[QQuickItem]:
    """Every item under `root` (in the visual tree) with that objectName."""
    found = []
    for child in root.childItems():
        if child.objectName() == name:
            found.append(child)
        found.extend(items_named(child, name))
    return found


def open_still(
    show: Show, size: QSize, language: str | None = None, tools_folder: Path | None = None
) -> RunningShow:
    """A show window whose clock never moves, so it stays on whatever slide it is told.
    `tools_folder`: where the caller put pictures of its own (see SlidePreparer)."""
    options = RunOptions(size=size, language=language, animate=False, tools_folder=tools_folder)
    running = RunningShow(show, options, clock=ManualClock())
    running.present()
    return running


def settle_on(running: RunningShow, index: int) -> None:
    """Shows slide `index` and waits until it and its picture are drawn."""
    running.controller.go_to_index(index)
    slide = running.controller.show.slides[index]
    wait_until(
        lambda: (
            running.controller.currentIndex == index
            and (slide.image is None or running.cache.state(slide.image) in ("ready", "failed"))
        )
    )
    QCoreApplication.processEvents()
