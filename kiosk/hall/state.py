"""What the screen tells the hall about itself: a status snapshot built on the GUI thread
whenever the show changes, published as one immutable mapping that the network thread reads
without a lock (swapping a reference is atomic), so a flood of status requests costs the GUI
thread nothing.

`shown_at` is the wall-clock time of the first frame swapped after the controller presented the
slide (heard on the GUI thread, see kiosk.player.frames): when visitors could first see it, not
when it was asked for.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from types import MappingProxyType
from typing import Any

import psutil
from PySide6.QtCore import QObject, Slot
from PySide6.QtQuick import QQuickWindow

from ..content.errors import Problem
from ..player.controller import ShowController
from ..player.frames import on_each_frame
from .metrics import ShowMetrics
from .settings import ScreenSettings


def kiosk_version() -> str:
    try:
        return metadata.version("kiosk")
    except metadata.PackageNotFoundError:
        return "unknown"


def file_hash(path: Path) -> str:
    """The same 12-digit content hash the log shows at start and on reload."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    except OSError:
        return ""


class LogCounter(logging.Handler):
    """Counts warnings and errors logged anywhere in the show."""

    def __init__(self, metrics: ShowMetrics) -> None:
        super().__init__(logging.WARNING)
        self.warnings = 0
        self.errors = 0
        self._metrics = metrics

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            self.errors += 1
            self._metrics.logged.labels("error").inc()
        else:
            self.warnings += 1
            self._metrics.logged.labels("warning").inc()


class ScreenState(QObject):
    """Lives on the GUI thread; `snapshot` may be read from any thread."""

    def __init__(
        self,
        settings: ScreenSettings,
        controller: ShowController,
        window: QQuickWindow,
        parent: QObject | None = None,
        clock_status: Callable[[], dict[str, Any]] | None = None,
    ) -> None:
        """`clock_status` says whether the PC's clock is synchronised (see
        kiosk.unattended.timesync), read whenever status or metrics are asked for."""
        super().__init__(parent)
        self._settings = settings
        self._controller = controller
        self._clock_status = clock_status or (lambda: {"source": "", "synchronised": None, "offset_ms": None})
        self._started = time.monotonic()
        self._version = kiosk_version()
        self._content_hash = file_hash(controller.show.source)
        self._shown_at: float | None = None
        self._awaiting_frame = True
        self.last_frame_at: float | None = None
        self._last_reload: dict[str, Any] | None = None
        self.metrics = ShowMetrics(settings.name, settings.group, self._version)
        self._log_counter = LogCounter(self.metrics)
        logging.getLogger().addHandler(self._log_counter)
        self._add_gauges()
        self.snapshot: MappingProxyType = MappingProxyType({})
        for signal in (
            controller.playbackChanged,
            controller.blackoutChanged,
            controller.languageChanged,
            controller.openChanged,
            controller.showChanged,
            controller.currentIndexChanged,
        ):
            signal.connect(self.publish)
        controller.slideShown.connect(self._slide_shown)
        on_each_frame(window, self._on_frame)
        self.publish()

    def _add_gauges(self) -> None:
        add = self.metrics.gauge
        add("kiosk_uptime_seconds", "Seconds since the show started", lambda: self.uptime)
        add(
            "kiosk_resident_memory_bytes",
            "Resident memory of the show",
            lambda: psutil.Process().memory_info().rss,
        )
        add(
            "kiosk_current_slide_index",
            "Index of the slide on screen (0 = first)",
            lambda: self.snapshot["slide"]["index"],
        )
        add("kiosk_open", "1 in opening hours, 0 outside them", lambda: float(self.snapshot["open"]))
        add("kiosk_blackout", "1 while the screen is blacked out", lambda: float(self.snapshot["blackout"]))
        add("kiosk_last_frame_age_seconds", "Seconds since a frame was last drawn", self._frame_age)
        add("kiosk_sync_clock", "1 when the show follows the wall clock (show.sync: clock)", self._sync_clock)
        add(
            "kiosk_clock_synchronised",
            "1 when the OS says the clock is synchronised, 0 when it says not (NaN: it cannot tell)",
            lambda: self._clock_number("synchronised"),
        )
        add(
            "kiosk_clock_offset_seconds",
            "The clock's offset from its time source, where the OS says (NaN otherwise)",
            lambda: self._clock_number("offset_ms") / 1000,
        )
        add(
            "kiosk_slide_shown_at_seconds",
            "Wall-clock time the current slide was first drawn",
            lambda: self._shown_at or 0,
        )

    def _sync_clock(self) -> float:
        return 1.0 if self._controller.show.sync == "clock" else 0.0

    def _clock_number(self, key: str) -> float:
        value = self._clock_status().get(key)
        return math.nan if value is None else float(value)

    def sync_status(self) -> dict[str, Any]:
        """The sync mode, and what the OS says about the clock (any thread)."""
        clock = self._clock_status()
        return {
            "mode": self._controller.show.sync,
            "clock_synchronised": clock.get("synchronised"),
            "clock_offset_ms": clock.get("offset_ms"),
            "clock_source": clock.get("source") or None,
        }

    @property
    def uptime(self) -> float:
        return time.monotonic() - self._started

    def _frame_age(self) -> float:
        return time.time() - self.last_frame_at if self.last_frame_at else float("nan")

    def close(self) -> None:
        logging.getLogger().removeHandler(self._log_counter)

    # -- events ------------------------------------------------------------------------------

    def _on_frame(self) -> None:
        self.last_frame_at = time.time()
        if self._awaiting_frame:
            self._awaiting_frame = False
            self._shown_at = self.last_frame_at
            self.publish()

    @Slot(int)
    def _slide_shown(self, _index: int) -> None:
        self.metrics.slides_shown.inc()
        self._awaiting_frame = True
        self.publish()

    def reload_done(self, ok: bool, problems: tuple[Problem, ...], source: Path | None = None) -> None:
        """A reload's result (from the watcher or the API), for status and metrics."""
        self.metrics.reloads.labels("ok" if ok else "rejected").inc()
        if ok and source is not None:
            self._content_hash = file_hash(source)
        self._last_reload = {
            "result": "ok" if ok else "rejected",
            "at": round(time.time(), 3),
            "problems": [str(problem) for problem in problems],
        }
        self.publish()

    # -- the snapshot ------------------------------------------------------------------------

    @Slot()
    def publish(self) -> None:
        controller = self._controller
        show = controller.show
        index = controller.currentIndex
        slide = show.slides[index] if 0 <= index < len(show.slides) else None
        self.snapshot = MappingProxyType(
            {
                "name": self._settings.name,
                "group": self._settings.group,
                "version": self._version,
                "content_hash": self._content_hash,
                "slide": {
                    "id": slide.id if slide else None,
                    "index": index,
                    "number": (slide.number or None) if slide else None,
                    "count": len(show.slides),
                },
                "shown_at": round(self._shown_at, 3) if self._shown_at and not self._awaiting_frame else None,
                "settling": controller.settling,
                "playback": controller.playback.value,
                "blackout": controller.blackout,
                "language": controller.language,
                "open": controller.is_open,
                "last_reload": self._last_reload,
            }
        )

    def status(self) -> dict[str, Any]:
        """The published snapshot plus what changes by the second (any thread)."""
        status = dict(self.snapshot)
        status["uptime_s"] = round(self.uptime, 1)
        status["warnings_logged"] = self._log_counter.warnings
        status["errors_logged"] = self._log_counter.errors
        status["rss_mb"] = round(psutil.Process().memory_info().rss / 1e6, 1)
        status["sync"] = self.sync_status()
        return status
