"""Running a show in the benchmark: event-loop time, CPU and memory of this process, key to
frame, and the shows adjusted for a measurement."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace

import psutil
from PySide6.QtCore import QEventLoop, QSize, Qt, QTimer

from ...app import RunningShow, RunOptions
from ...content.model import Show
from ..offscreen import wait_until


def run_for(seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


def run_until(condition: Callable[[], bool], timeout: float, check_ms: int = 10) -> bool:
    """Runs the event loop until `condition()` holds, looking every `check_ms`. Unlike the
    tests' `wait_until`, the GUI thread sleeps between events, as in the show's own event loop:
    a measurement taken meanwhile does not count a busy wait's CPU and GIL."""
    loop = QEventLoop()
    checker = QTimer()
    deadline = time.monotonic() + timeout

    def check() -> None:
        if condition() or time.monotonic() > deadline:
            loop.quit()

    checker.timeout.connect(check)
    checker.start(check_ms)
    if not condition():
        loop.exec()
    checker.stop()
    return condition()


def cpu_seconds() -> float:
    times = psutil.Process().cpu_times()
    return times.user + times.system


def cpu_percent_over(seconds: float) -> float:
    before, started = cpu_seconds(), time.monotonic()
    run_for(seconds)
    return 100 * (cpu_seconds() - before) / (time.monotonic() - started)


def open_show(show: Show, size: QSize, start: int = 0) -> RunningShow:
    running = RunningShow(show, RunOptions(size=size, start_index=start))
    running.present()
    wait_until(lambda: running.controller.currentIndex == start and running.window.isExposed())
    run_for(0.3)
    return running


def time_to_frame(running: RunningShow, act: Callable[[], None], changed: Callable[[], bool]) -> float:
    """Milliseconds from `act` to the first frame drawn after `changed()` holds."""
    done = threading.Event()
    elapsed: list[float] = []

    def frame() -> None:
        if changed() and not done.is_set():
            elapsed.append(time.perf_counter() - started)
            done.set()

    running.window.frameSwapped.connect(frame)
    started = time.perf_counter()
    act()
    wait_until(done.is_set, timeout=10)
    running.window.frameSwapped.disconnect(frame)
    return elapsed[0] * 1000 if elapsed else float("nan")


def without_transitions(show: Show) -> Show:
    return replace(show, transition="none")


def with_durations(show: Show, seconds: float) -> Show:
    return replace(show, slides=tuple(replace(slide, duration=seconds) for slide in show.slides))


def rss_now() -> float:
    return psutil.Process().memory_info().rss / 1e6


def advance_in_event_loop(running: RunningShow, count: int) -> None:
    """Advances `count` times from inside a running event loop, as the real show does:
    each slide, once drawn, asks for the next (objects freed with deleteLater() go too)."""
    loop = QEventLoop()
    left = [count]

    def shown(_index: int) -> None:
        left[0] -= 1
        if left[0] <= 0:
            loop.quit()
        else:
            QTimer.singleShot(0, running.controller.next)

    running.controller.slideShown.connect(shown)
    QTimer.singleShot(0, running.controller.next)
    loop.exec()
    running.controller.slideShown.disconnect(shown)
    run_for(0.5)


class GapProbe:
    """The longest time the GUI thread stayed away from its event loop, seen by a 1 ms timer:
    start it, do the work, read `longest_ms`."""

    def __init__(self) -> None:
        self._longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._timer.start(1)
        run_for(0.2)  # settle, then count from here
        self._longest = 0.0

    def stop(self) -> float:
        self._timer.stop()
        return self.longest_ms

    @property
    def longest_ms(self) -> float:
        return self._longest * 1000 - 1  # the timer's own millisecond is not a stall

    def _tick(self) -> None:
        now = time.perf_counter()
        self._longest = max(self._longest, now - self._last)
        self._last = now
