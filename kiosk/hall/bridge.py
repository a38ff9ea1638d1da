"""Handing work from the network thread to the GUI thread, and the answer back.

Qt objects (the controller, the window) live on the GUI thread and may only be touched there.
The network thread calls `GuiBridge.call(work)`: the work travels through a queued signal, runs
on the GUI thread between frames, and its result (or exception) comes back as a
concurrent.futures.Future that asyncio can await.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot


class GuiBridge(QObject):
    """Create it on the GUI thread; call `call()` from any thread."""

    _work = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work.connect(self._run, Qt.ConnectionType.QueuedConnection)
        self._closed = False

    def call(self, work: Callable[[], Any]) -> concurrent.futures.Future:
        future: concurrent.futures.Future = concurrent.futures.Future()
        if self._closed:
            future.set_exception(RuntimeError("the show is closing"))
            return future
        try:
            self._work.emit(work, future)
        except RuntimeError:  # the bridge was deleted with the show
            future.set_exception(RuntimeError("the show is closing"))
        return future

    def close(self) -> None:
        self._closed = True

    @Slot(object, object)
    def _run(self, work: Callable[[], Any], future: concurrent.futures.Future) -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(work())
        except Exception as error:  # handed to the caller, who turns it into an answer
            future.set_exception(error)
