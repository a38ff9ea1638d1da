"""Being stopped: SIGTERM (systemd stop, log-off, `kiosk supervise` passing its own stop on),
SIGHUP, SIGINT and the Windows session end all close the show the way Ctrl+Shift+Q does: the
event loop ends with status 0, the listeners close, the log gets its last line.

The Windows session end (log-off, shutdown) arrives as Qt's commitDataRequest: the same clean
quit, with the log flushed as Qt quits, because Windows may end the process soon after. That
path cannot be tested here (no Windows session); SIGTERM, SIGHUP and SIGINT are.

Python runs a signal handler only between bytecodes, and the GUI thread sits in Qt's event loop;
so the signal's C handler writes a byte to a socket (signal.set_wakeup_fd) that a
QSocketNotifier watches, which brings the GUI thread back into Python to run the handler.
"""

from __future__ import annotations

import logging
import signal
import socket

from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtGui import QGuiApplication, QSessionManager

log = logging.getLogger(__name__)

STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)
)


def flush_logs() -> None:
    for handler in logging.getLogger().handlers:
        try:
            handler.flush()
        except (OSError, ValueError):
            pass  # a full disk: said by the handler itself


class CleanStop(QObject):
    """Ends `app`'s event loop with status 0 on a stop signal or the end of the session."""

    def __init__(self, app: QGuiApplication) -> None:
        super().__init__(app)
        self._app = app
        self.reason = ""
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        for number in STOP_SIGNALS:
            signal.signal(number, self._on_signal)
        # Windows (and X11 session managers): log-off or shutdown asks the application first
        app.commitDataRequest.connect(self._session_ending)
        # Windows may end the process as soon as WM_ENDSESSION is answered, before exec()
        # returns: the lines so far are flushed to the log file while Qt is quitting
        app.aboutToQuit.connect(flush_logs)

    def _drain(self) -> None:
        try:
            while self._reader.recv(64):
                pass
        except OSError:
            pass  # nothing more to read

    def _on_signal(self, number: int, _frame: object) -> None:
        self.stop(f"{signal.Signals(number).name} received")

    def _session_ending(self, manager: QSessionManager) -> None:
        manager.setRestartHint(QSessionManager.RestartHint.RestartNever)
        self.stop("the session is ending (log-off or shutdown)")

    def stop(self, reason: str) -> None:
        if not self.reason:
            self.reason = reason
            log.info("stopping the show: %s", reason)
        self._app.exit(0)

    def close(self) -> None:
        """Gives the signals back to Python's defaults (tests start many shows in one process)."""
        signal.set_wakeup_fd(-1)
        for number in STOP_SIGNALS:
            signal.signal(number, signal.SIG_DFL if number != signal.SIGINT else signal.default_int_handler)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()
