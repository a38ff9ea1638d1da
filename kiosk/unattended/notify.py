"""systemd as the watchdog on Linux: the service manager's notify protocol.

Under `Type=notify` systemd sets NOTIFY_SOCKET, a unix datagram socket; each message is a few
`KEY=value` lines. The show says READY=1 once its first slide is drawn, STATUS= with the slide
on the wall (what `systemctl status` shows), WATCHDOG=1 from the GUI thread at half of
WATCHDOG_USEC (so a frozen GUI thread misses it and systemd restarts the show), STOPPING=1 on
the way out. Without NOTIFY_SOCKET (Windows, no systemd, `kiosk supervise`) nothing is sent.

The protocol is one sendto() on one socket, so it is written out here rather than taken from a
library: `sdnotify` does the same sendto but does not read WATCHDOG_USEC/WATCHDOG_PID, and
python-systemd needs libsystemd headers to build.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QWindow

from ..player.controller import ShowController
from ..player.frames import on_each_frame

log = logging.getLogger(__name__)


def socket_address(env: Mapping[str, str]) -> str | bytes | None:
    """NOTIFY_SOCKET as sendto() takes it: a path, or an abstract name ('@' becomes a NUL)."""
    address = env.get("NOTIFY_SOCKET", "")
    if not address or not hasattr(socket, "AF_UNIX"):
        return None
    if address.startswith("@"):
        return b"\0" + address[1:].encode()
    return address if address.startswith("/") else None


def watchdog_seconds(env: Mapping[str, str], pid: int | None = None) -> float | None:
    """systemd's watchdog period for this process, or None when there is none."""
    try:
        usec = int(env.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    owner = env.get("WATCHDOG_PID", "")
    if usec <= 0 or (owner and owner != str(pid or os.getpid())):
        return None
    return usec / 1e6


class Notifier:
    """Sends notify messages; a failed send is logged once and never stops the show."""

    def __init__(self, env: Mapping[str, str] = os.environ) -> None:
        self.address = socket_address(env)
        self._socket: socket.socket | None = None
        self._failed = False
        if self.address is not None:
            self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            self._socket.setblocking(False)

    @property
    def enabled(self) -> bool:
        return self._socket is not None

    def send(self, *lines: str) -> None:
        if self._socket is None or self.address is None:
            return
        try:
            self._socket.sendto("\n".join(lines).encode(), self.address)
        except OSError as error:
            if not self._failed:
                self._failed = True
                log.warning("systemd: cannot notify %s (%s); the show goes on", self.address, error)

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None


def slide_status(controller: ShowController) -> str:
    index = controller.currentIndex
    slides = controller.show.slides
    if not controller.is_open:
        return "STATUS=closed (opening hours)"
    if not 0 <= index < len(slides):
        return "STATUS=starting"
    return f"STATUS=slide {index + 1}/{len(slides)}: {slides[index].id}"


class ServiceNotifier(QObject):
    """Tells systemd when the show is up, what it shows, and that its GUI thread is alive."""

    def __init__(
        self,
        controller: ShowController,
        window: QWindow,
        notifier: Notifier | None = None,
        env: Mapping[str, str] = os.environ,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._notifier = notifier or Notifier(env)
        self.ready = False
        self._watchdog: QTimer | None = None
        if not self._notifier.enabled:
            return
        on_each_frame(window, self._frame_drawn)
        controller.slideShown.connect(lambda _index: self._status())
        controller.openChanged.connect(self._status)
        period = watchdog_seconds(env)
        if period is not None:
            self._watchdog = QTimer(self)  # fires on the GUI thread: a frozen show stops it
            self._watchdog.timeout.connect(lambda: self._notifier.send("WATCHDOG=1"))
            self._watchdog.start(max(1, round(period * 1000 / 2)))
            log.info("systemd: watchdog every %.1f s", period / 2)

    def _frame_drawn(self) -> None:
        if not self.ready and self._controller.currentIndex >= 0:
            self.ready = True
            self._notifier.send("READY=1", slide_status(self._controller))

    def _status(self) -> None:
        if self.ready:
            self._notifier.send(slide_status(self._controller))

    def stopping(self) -> None:
        self._notifier.send("STOPPING=1", "STATUS=stopping")
        if self._watchdog is not None:
            self._watchdog.stop()
        self._notifier.close()
