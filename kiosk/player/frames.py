"""Hearing about drawn frames on the GUI thread.

With a real window Qt renders on its own render thread and emits `frameSwapped` there. A
Python callable connected directly would run on that thread and need the GIL; if the GUI
thread holds the GIL while it waits for the render thread (it does inside `grabWindow()`,
`hide()`, `close()`), the two wait for each other and the show freezes for good. So every
frame listener of the show is queued to the GUI thread: it runs a moment after the swap,
never on the render thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMetaObject, Qt
from PySide6.QtGui import QWindow


def on_each_frame(window: QWindow, listener: Callable[[], None]) -> QMetaObject.Connection:
    """Calls `listener` on the GUI thread after every frame `window` swaps."""
    return window.frameSwapped.connect(listener, Qt.ConnectionType.QueuedConnection)


def on_next_frame(window: QWindow, listener: Callable[[], None]) -> QMetaObject.Connection:
    """Calls `listener` on the GUI thread once, after the next frame `window` swaps."""
    once = Qt.ConnectionType(
        Qt.ConnectionType.QueuedConnection.value | Qt.ConnectionType.SingleShotConnection.value
    )
    return window.frameSwapped.connect(listener, once)
