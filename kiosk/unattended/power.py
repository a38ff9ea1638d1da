"""Keeping the display awake during opening hours, and letting it sleep outside them.

Linux desktops: org.freedesktop.ScreenSaver.Inhibit over the session D-Bus. Windows:
SetThreadExecutionState. Elsewhere (or with no session bus) nothing, logged once.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Callable

from .hours import ScreenKeeper

log = logging.getLogger(__name__)

APP_NAME = "kiosk"
REASON = "exhibition show during opening hours"


class DBusScreenKeeper(ScreenKeeper):
    SERVICE = "org.freedesktop.ScreenSaver"
    PATH = "/org/freedesktop/ScreenSaver"

    def __init__(self) -> None:
        from PySide6.QtDBus import QDBusConnection, QDBusInterface

        self._bus = QDBusConnection.sessionBus()
        self._interface = QDBusInterface(self.SERVICE, self.PATH, self.SERVICE, self._bus)
        self._cookie: int | None = None
        if not self._interface.isValid():
            log.info("no screen saver service on the session bus; cannot keep the display awake")

    def hold(self) -> None:
        if self._cookie is not None or not self._interface.isValid():
            return
        reply = self._interface.call("Inhibit", APP_NAME, REASON)
        values = reply.arguments()
        if values:
            self._cookie = int(values[0])
            log.info("display kept awake (screen saver inhibited)")
        else:
            log.warning("the screen saver refused to be inhibited: %s", reply.errorMessage())

    def release(self) -> None:
        if self._cookie is None:
            return
        self._interface.call("UnInhibit", self._cookie)
        self._cookie = None
        log.info("display may sleep (screen saver allowed)")


class WindowsScreenKeeper(ScreenKeeper):
    ES_CONTINUOUS = 0x80000000
    ES_SYSTEM_REQUIRED = 0x00000001
    ES_DISPLAY_REQUIRED = 0x00000002

    def __init__(self) -> None:
        self._held = False

    def hold(self) -> None:
        if not self._held:
            flags = self.ES_CONTINUOUS | self.ES_SYSTEM_REQUIRED | self.ES_DISPLAY_REQUIRED
            ctypes.windll.kernel32.SetThreadExecutionState(flags)  # type: ignore[attr-defined]
            self._held = True

    def release(self) -> None:
        if self._held:
            ctypes.windll.kernel32.SetThreadExecutionState(self.ES_CONTINUOUS)  # type: ignore[attr-defined]
            self._held = False


class DeferredScreenKeeper(ScreenKeeper):
    """Remembers whether the display should be kept awake until `start()`, then hands it to
    the platform's keeper. Reaching the session bus takes about 0.1 s: the show draws its
    first slide first, and the display is a frame later no less awake."""

    def __init__(self, make: Callable[[], ScreenKeeper] | None = None) -> None:
        self._make = make or platform_screen_keeper
        self._keeper: ScreenKeeper | None = None
        self._held = False

    def start(self) -> None:
        if self._keeper is None:
            self._keeper = self._make()
            if self._held:
                self._keeper.hold()

    def hold(self) -> None:
        self._held = True
        if self._keeper is not None:
            self._keeper.hold()

    def release(self) -> None:
        self._held = False
        if self._keeper is not None:
            self._keeper.release()


def platform_screen_keeper() -> ScreenKeeper:
    if sys.platform == "win32":
        return WindowsScreenKeeper()
    if sys.platform.startswith("linux"):
        return DBusScreenKeeper()
    return ScreenKeeper()
