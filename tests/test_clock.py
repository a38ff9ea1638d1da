"""The two clocks the show runs on: real time on the wall, manual time in tests."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSize

from kiosk.app import RunningShow, RunOptions
from kiosk.clock import ManualClock, QtClock
from kiosk.tools.offscreen import wait_until


def test_the_real_clock_runs_callbacks_after_their_delay_and_not_when_cancelled(qapp) -> None:
    clock = QtClock()
    fired: list[str] = []
    start = clock.now()
    clock.call_later(0.2, lambda: fired.append("kept"))
    clock.call_later(0.1, lambda: fired.append("cancelled")).cancel()
    assert wait_until(lambda: fired == ["kept"], timeout=5)
    assert clock.now() - start >= 0.19
    qapp.processEvents()
    assert fired == ["kept"]


def test_a_one_second_show_advances_on_the_real_clock(small_show, qapp) -> None:
    kiosk = RunningShow(replace(small_show, advance_seconds=1), RunOptions(size=QSize(640, 360)))
    kiosk.present()
    assert wait_until(lambda: kiosk.controller.currentIndex == 1, timeout=10)
    kiosk.close()


def test_the_manual_clock_runs_due_callbacks_in_order() -> None:
    clock = ManualClock()
    fired: list[int] = []
    clock.call_later(2, lambda: fired.append(2))
    clock.call_later(1, lambda: (fired.append(1), clock.call_later(0.5, lambda: fired.append(15))))
    clock.advance(1.6)
    assert fired == [1, 15]
    clock.advance(1)
    assert fired == [1, 15, 2]
    assert clock.pending_count == 0
