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


class QuietFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log file that, when it cannot write (a full disk, a folder it may not write
    in or that is not there yet), says so once on stderr instead of a traceback per record,
    tries again with each later record, and says when it can write again."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, delay=True, **kwargs)
        self.failing = False
        self._failed_now = False

    def _open(self):
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()

    def try_open(self) -> None:
        """Opens the file now, so a folder that cannot be written is said at start."""
        try:
            self.stream = self._open()
        except OSError:
            self.handleError(None)

    def emit(self, record: logging.LogRecord) -> None:
        self._failed_now = False
        super().emit(record)
        if self.failing and not self._failed_now:
            self.failing = False
            sys.stderr.write(f"kiosk: writing the log file {self.baseFilename} again\n")

    def handleError(self, record: logging.LogRecord | None) -> None:
        self._failed_now = True
        if not self.failing:
            self.failing = True
            error = sys.exc_info()[1]
            sys.stderr.write(
                f"kiosk: cannot write the log file {self.baseFilename} ({error}); "
                "log lines go to stderr only until it can (tried again with each line)\n"
            )


def setup_logging(log_dir: Path | None, file_name: str = LOG_FILE) -> Path | None:
    """Logs to stderr and to a rotating file in the log folder. Each process writes its own
    file (the supervisor 'supervise.log', the show 'kiosk.log'): two processes rotating one
    file scatter and reorder its lines. A folder that cannot be written is said once on stderr
    and tried again with each line, so the file starts as soon as it can."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    for handler in list(root.handlers):
        root.removeHandler(handler)
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(stderr)
    folder = log_dir or default_log_dir()
    file_handler = QuietFileHandler(
        folder / file_name, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
    )
    file_handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(file_handler)
    file_handler.try_open()
    return folder / file_name


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
