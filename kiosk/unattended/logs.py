"""What happened, for whoever looks after the hall: a rotating log file in the platform's
per-user log folder plus stderr, every unexpected exception with its traceback (the show goes
on), and an hourly heartbeat with uptime, slides shown and memory.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path
from types import TracebackType

import psutil
from PySide6.QtCore import QStandardPaths

from ..clock import Clock

log = logging.getLogger("kiosk")

LOG_FILE = "kiosk.log"
LOG_BYTES = 2 * 1024 * 1024
LOG_BACKUPS = 5
HEARTBEAT_SECONDS = 3600
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def default_log_dir() -> Path:
    """~/.local/share/kiosk/logs on Linux, %LOCALAPPDATA%/kiosk/logs on Windows."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    return Path(base or Path.home()) / "kiosk" / "logs"


def setup_logging(log_dir: Path | None) -> Path | None:
    """Logs to stderr and, where the folder can be made, to a rotating file in it."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    for handler in list(root.handlers):
        root.removeHandler(handler)
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(stderr)
    folder = log_dir or default_log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(
            folder / LOG_FILE, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError as error:
        log.warning("cannot write a log file in %s (%s); logging to stderr only", folder, error)
        return None
    file_handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(file_handler)
    return folder / LOG_FILE


def log_unexpected(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    """sys.excepthook: Qt hands exceptions from slots and timers here; the show goes on."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, trace)
        return
    log.error("unexpected error; the show goes on", exc_info=(kind, error, trace))


def rss_mb() -> float:
    return psutil.Process().memory_info().rss / 1e6


class Heartbeat:
    """Logs once an hour that the show is alive, how long it has run and what it costs."""

    def __init__(self, clock: Clock, show) -> None:
        self._clock = clock
        self._started = clock.now()
        self.slides_shown = 0
        show.slideShown.connect(self._count)
        self._clock.call_later(HEARTBEAT_SECONDS, self.beat)

    def _count(self, _index: int) -> None:
        self.slides_shown += 1

    def beat(self) -> None:
        uptime = int(self._clock.now() - self._started)
        log.info(
            "heartbeat: up %dh%02dm, %d slides shown, RSS %.0f MB",
            uptime // 3600,
            uptime % 3600 // 60,
            self.slides_shown,
            rss_mb(),
        )
        self._clock.call_later(HEARTBEAT_SECONDS, self.beat)
