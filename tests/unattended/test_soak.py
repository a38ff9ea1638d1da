"""A day in the hall, compressed: thousands of advances and hundreds of reloads on the real
show window, with no error logged and memory flat."""

from __future__ import annotations

import gc
import logging
import time
from dataclasses import replace
from pathlib import Path

import psutil
from PySide6.QtCore import QCoreApplication, QEvent

from kiosk.content.loader import load_show
from kiosk.tools.offscreen import wait_until
from kiosk.unattended.watch import SETTLE_SECONDS

from ..helpers import SMALL_SHOW

ADVANCES = 5000
RELOAD_EVERY = 25  # 200 reloads


def rss_mb() -> float:
    gc.collect()
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return psutil.Process().memory_info().rss / 1e6


def test_five_thousand_advances_and_two_hundred_reloads(
    open_kiosk, small_show_file: Path, clock, caplog
) -> None:
    show = load_show(small_show_file)[0]
    kiosk = open_kiosk(replace(show, transition="none"), watch=True)
    controller = kiosk.controller
    shown: list[int] = []
    controller.slideShown.connect(shown.append)
    reloads: list[object] = []
    kiosk.watcher.reloaded.connect(reloads.append)
    baseline = 0.0
    started = time.monotonic()
    with caplog.at_level(logging.WARNING):
        for advance in range(1, ADVANCES + 1):
            clock.advance(controller.durationMs / 1000)
            assert wait_until(lambda: not controller.settling, timeout=10)
            # what returning to the event loop does in the real app: objects freed with deleteLater() go
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            if advance % RELOAD_EVERY == 0:
                version = advance // RELOAD_EVERY
                small_show_file.write_text(
                    SMALL_SHOW.replace("结束语", f"结束语 {version}").replace(
                        "transition: none", "transition: none"
                    ),
                    encoding="utf-8",
                )
                assert wait_until(lambda: kiosk.watcher.settling, timeout=5)
                clock.advance(SETTLE_SECONDS)
                expected = advance // RELOAD_EVERY
                assert wait_until(lambda expected=expected: len(reloads) == expected, timeout=10)
            if advance == 100:
                baseline = rss_mb()
        clock.advance(controller.durationMs / 1000)  # the last reload takes over at the next change
        assert wait_until(lambda: not controller.settling, timeout=10)
    final = rss_mb()
    elapsed = time.monotonic() - started
    print(
        f"\nsoak: {ADVANCES} advances, {len(reloads)} reloads in {elapsed:.1f} s; RSS {baseline:.0f} -> {final:.0f} MB"
    )
    assert len(shown) >= ADVANCES
    assert len(reloads) == ADVANCES // RELOAD_EVERY
    assert controller.show.slides[3].title.get("zh") == f"结束语 {len(reloads)}"
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert final <= baseline * 1.10
