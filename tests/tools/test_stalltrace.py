"""`bench --trace`: a stall of the GUI thread is found and named where it happened."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer

from kiosk.tools.offscreen import wait_until
from kiosk.tools.stalltrace import StallTrace


def block_the_gui_thread_for_a_while() -> None:
    time.sleep(0.06)


def test_a_slot_that_blocks_is_reported_with_its_length_and_its_place(open_kiosk, small_show) -> None:
    kiosk = open_kiosk(small_show)
    trace = StallTrace(kiosk.window)
    QTimer.singleShot(50, block_the_gui_thread_for_a_while)
    wait_until(lambda: False, timeout=0.4)
    stalls = trace.stop()
    named = [stall for stall in stalls if "block_the_gui_thread_for_a_while" in stall.describe()]
    assert named, [stall.describe() for stall in stalls]
    assert named[0].ms >= 55
