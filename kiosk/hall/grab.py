"""Taking the picture a screenshot request asks for without holding up the GUI thread.

`QQuickWindow.grabWindow()` renders the whole frame again while the GUI thread waits (with a
real window it waits for the render thread), once per request. `grabToImage()` instead asks
for the picture at the size wanted as part of the next frame and says when it is ready: the
GUI thread goes on with its events meanwhile, and a 480-pixel thumbnail renders a sixteenth
of the pixels of the whole screen.
"""

from __future__ import annotations

import concurrent.futures

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickWindow

from .commands import CommandError

NOT_ON_SCREEN = "the show's window is not on a screen: there is no picture to take"


def grab_size(window: QSize, width: int | None) -> QSize:
    """The window's size, or scaled down to `width` pixels keeping its shape."""
    if width is None or width >= window.width():
        return window
    return QSize(width, max(1, round(window.height() * width / window.width())))


class WindowGrabber:
    """Lives on the GUI thread; `grab()` is called there (through the bridge)."""

    def __init__(self, window: QQuickWindow) -> None:
        self._window = window
        self._waiting: list[object] = []  # grab results are kept until they are ready

    def grab(self, width: int | None) -> concurrent.futures.Future[QImage]:
        """The window's next frame as an image `width` pixels wide (or its own size)."""
        future: concurrent.futures.Future[QImage] = concurrent.futures.Future()
        if not self._window.isVisible():
            future.set_exception(CommandError(503, NOT_ON_SCREEN))
            return future
        ratio = self._window.devicePixelRatio()  # the whole screen's pixels on a HiDPI display
        size = grab_size(self._window.size() * ratio, width)
        result = self._window.contentItem().grabToImage(size)
        if not result:  # a null result: Qt cannot grab an item whose window is not on a screen
            future.set_exception(CommandError(503, NOT_ON_SCREEN))
            return future
        self._waiting.append(result)

        def ready() -> None:
            self._waiting.remove(result)
            if not future.done():
                future.set_result(result.image())

        result.ready.connect(ready)
        return future
