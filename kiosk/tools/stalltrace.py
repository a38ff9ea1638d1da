"""Where the GUI thread was when it stayed away from its event loop: for `bench --trace`.

A 1 ms timer ticks on the GUI thread; a watcher thread notices when a tick is late and, while
the stall lasts, samples the GUI thread's Python stack. The window's render phases
(synchronising the scene, rendering it) are timed from Qt's own signals. Each stall over the
threshold is reported with its length, the render work inside it and the Python code it was in.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtQuick import QQuickWindow

PROJECT_MARK = "kiosk/"
IN_QT = "in Qt (layout, text, scene graph)"


@dataclass
class Stall:
    started: float
    ms: float = 0.0
    render_ms: float = 0.0
    sync_ms: float = 0.0
    where: Counter[str] = field(default_factory=Counter)

    def describe(self) -> str:
        python = ", ".join(f"{place} ×{n}" for place, n in self.where.most_common(3)) or IN_QT
        return (
            f"{self.ms:6.1f} ms: scene sync {self.sync_ms:.1f} ms, render {self.render_ms:.1f} ms; "
            f"Python: {python}"
        )


class StallTrace(QObject):
    def __init__(self, window: QQuickWindow, threshold_ms: float = 8.0) -> None:
        super().__init__()
        self.threshold = threshold_ms / 1000
        self.stalls: list[Stall] = []
        self._gui = threading.get_ident()
        self._last_tick = time.perf_counter()
        self._current: Stall | None = None
        self._phase_started: dict[str, float] = {}
        self._phases: list[tuple[str, float, float]] = []
        self._lock = threading.Lock()
        self._running = True
        direct = Qt.ConnectionType.DirectConnection
        window.beforeSynchronizing.connect(lambda: self._begin("sync"), direct)
        window.afterSynchronizing.connect(lambda: self._end("sync"), direct)
        window.beforeRendering.connect(lambda: self._begin("render"), direct)
        window.afterRendering.connect(lambda: self._end("render"), direct)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._timer.start(1)
        self._watcher = threading.Thread(target=self._watch, daemon=True)
        self._watcher.start()

    def stop(self) -> list[Stall]:
        self._running = False
        self._timer.stop()
        self._watcher.join(timeout=1)
        return self.stalls

    def summary(self, worst: int = 8) -> list[str]:
        return [stall.describe() for stall in sorted(self.stalls, key=lambda s: -s.ms)[:worst]]

    def _begin(self, phase: str) -> None:
        self._phase_started[phase] = time.perf_counter()

    def _end(self, phase: str) -> None:
        started = self._phase_started.pop(phase, None)
        if started is not None:
            with self._lock:
                self._phases.append((phase, started, time.perf_counter()))

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = now - self._last_tick
        self._last_tick = now
        with self._lock:
            stall, self._current = self._current, None
            phases, self._phases = self._phases, []
        if gap < self.threshold:
            return
        stall = stall or Stall(now - gap)
        stall.ms = gap * 1000
        for phase, begin, end in phases:
            overlap = max(0.0, min(end, now) - max(begin, now - gap)) * 1000
            if phase == "sync":
                stall.sync_ms += overlap
            else:
                stall.render_ms += overlap
        self.stalls.append(stall)

    def _watch(self) -> None:
        while self._running:
            time.sleep(0.002)
            if time.perf_counter() - self._last_tick < self.threshold:
                continue
            frame = sys._current_frames().get(self._gui)
            if frame is None:
                continue
            place = self._project_place(traceback.extract_stack(frame))
            with self._lock:
                self._current = self._current or Stall(self._last_tick)
                self._current.where[place] += 1

    @staticmethod
    def _project_place(stack: traceback.StackSummary) -> str:
        """The innermost Python frame that is not the measuring code itself; none means the
        GUI thread was inside Qt, waiting in or working for its event loop."""
        for entry in reversed(stack):
            name = entry.filename.replace("\\", "/")
            if "/kiosk/tools/" in name or name.endswith("/kiosk/bench.py") or name.startswith("<frozen"):
                continue
            short = name.rsplit(PROJECT_MARK, 1)[-1] if PROJECT_MARK in name else name.rsplit("/", 1)[-1]
            return f"{short}:{entry.lineno} {entry.name}"
        return IN_QT
