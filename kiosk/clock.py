"""Time for everything measured in seconds or minutes: a real Qt clock, and a manual one for tests.

The show never reads the time or starts a timer itself; it asks a Clock, so tests can move
minutes forward in an instant.
"""

from __future__ import annotations

import heapq
import itertools
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer


class Pending(Protocol):
    def cancel(self) -> None: ...


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a monotonic scale."""
        ...

    def wall(self) -> datetime:
        """The local date and time (for opening hours)."""
        ...

    def seconds_until(self, moment: datetime) -> float:
        """Real seconds from now until the local wall time `moment` (across DST changes)."""
        ...

    def timestamp(self) -> float:
        """The wall clock as Unix seconds (clock-locked playback, group commands)."""
        ...

    def call_later(self, seconds: float, callback: Callable[[], None]) -> Pending: ...


class _QtPending:
    def __init__(self, timer: QTimer) -> None:
        self._timer: QTimer | None = timer

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer.deleteLater()
            self._timer = None


class QtClock:
    """Real time; callbacks run on the GUI thread from single-shot timers."""

    def __init__(self, parent: QObject | None = None) -> None:
        self._parent = parent

    def now(self) -> float:
        return time.monotonic()

    def wall(self) -> datetime:
        return datetime.now()

    def seconds_until(self, moment: datetime) -> float:
        # a naive datetime's timestamp() reads it as local time, with this date's UTC offset
        return moment.timestamp() - time.time()

    def timestamp(self) -> float:
        return time.time()

    def call_later(self, seconds: float, callback: Callable[[], None]) -> Pending:
        timer = QTimer(self._parent)
        timer.setSingleShot(True)
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        pending = _QtPending(timer)

        def fire() -> None:
            pending.cancel()
            callback()

        timer.timeout.connect(fire)
        timer.start(max(0, round(seconds * 1000)))
        return pending


class _ManualPending:
    def __init__(self) -> None:
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class ManualClock:
    """A clock that only moves when told to: `advance(180)` runs three minutes of callbacks.

    With a `zone` the wall clock is local time there, so a DST night is an hour shorter or
    longer than the monotonic clock says; `step_wall` moves the wall clock alone, as NTP
    fixing a wrong clock does.
    """

    def __init__(
        self, start: float = 1000.0, wall_start: datetime | None = None, zone: tzinfo | None = None
    ) -> None:
        self._now = start
        self._start = start
        self._zone = zone
        local_start = wall_start or datetime(2024, 3, 4, 12, 0)  # a Monday noon
        self._epoch_start = self._epoch(local_start)
        self._wall_offset = 0.0
        self._queue: list[tuple[float, int, _ManualPending, Callable[[], None]]] = []
        self._order = itertools.count()

    def _epoch(self, local: datetime) -> float:
        """Seconds since 1970 UTC of a naive local time (UTC if there is no zone)."""
        return local.replace(tzinfo=self._zone or UTC).timestamp()

    def _epoch_now(self) -> float:
        return self._epoch_start + (self._now - self._start) + self._wall_offset

    def now(self) -> float:
        return self._now

    def wall(self) -> datetime:
        moment = datetime.fromtimestamp(self._epoch_now(), UTC)
        if self._zone is not None:
            moment = moment.astimezone(self._zone)
        return moment.replace(tzinfo=None)

    def seconds_until(self, moment: datetime) -> float:
        return self._epoch(moment) - self._epoch_now()

    def timestamp(self) -> float:
        return self._epoch_now()

    def step_wall(self, seconds: float) -> None:
        """The wall clock jumps by `seconds` (either way); the monotonic clock does not move."""
        self._wall_offset += seconds

    def call_later(self, seconds: float, callback: Callable[[], None]) -> Pending:
        pending = _ManualPending()
        heapq.heappush(
            self._queue,
            (self._now + max(0.0, seconds), next(self._order), pending, callback),
        )
        return pending

    @property
    def pending_count(self) -> int:
        return sum(1 for _, _, pending, _ in self._queue if not pending.cancelled)

    def advance(self, seconds: float) -> None:
        end = self._now + seconds
        while self._queue and self._queue[0][0] <= end:
            due, _, pending, callback = heapq.heappop(self._queue)
            self._now = max(self._now, due)
            if not pending.cancelled:
                self._run(callback)
        self._now = end

    @staticmethod
    def _run(callback: Callable[[], None]) -> None:
        """Like Qt, an exception in a callback goes to sys.excepthook and time goes on."""
        try:
            callback()
        except Exception:
            sys.excepthook(*sys.exc_info())
