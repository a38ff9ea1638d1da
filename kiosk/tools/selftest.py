"""`kiosk --selftest [SECONDS]`: on the hall's own display, show every slide once (30 s for the
round by default) and say whether each was drawn with its picture. For the installer, on
site; exits 0 when all is well, 1 with the reasons otherwise."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QTimer

from ..app import RunningShow
from ..player.frames import on_each_frame

log = logging.getLogger("kiosk.selftest")

SELFTEST_SECONDS = 30
TIMEOUT_SECONDS = 60


class SelfTest:
    """Steps through the slides, each held long enough for the installer to look at it
    (`seconds` for the whole round), moving on only once it was really drawn."""

    def __init__(self, running: RunningShow, finished, seconds: float = SELFTEST_SECONDS) -> None:
        self.running = running
        self.hold_ms = round(seconds * 1000 / len(running.controller.show.slides))
        self.finished = finished
        self.index = -1
        self.problems: list[str] = []
        self.started = time.monotonic()
        self.waiting_for_frame = False
        running.controller.toggle_pause()
        running.controller.slideShown.connect(self._shown)
        on_each_frame(running.window, self._frame)
        QTimer.singleShot(round((seconds + TIMEOUT_SECONDS) * 1000), self._timed_out)
        self._next()

    def _next(self) -> None:
        self.index += 1
        if self.index == len(self.running.controller.show.slides):
            self._finish()
            return
        self.running.controller.go_to_index(self.index)

    def _shown(self, index: int) -> None:
        if index == self.index:
            self.waiting_for_frame = True
            self.running.window.update()

    def _frame(self) -> None:
        if not self.waiting_for_frame:
            return
        slide = self.running.controller.show.slides[self.index]
        if self._waiting_for_clip(slide):
            return  # the next frame the clip draws asks again
        self.waiting_for_frame = False
        if slide.image is not None and self.running.cache.state(slide.image) == "failed":
            self.problems.append(
                f"{slide.id}: picture {slide.image.name}: {self.running.cache.error(slide.image)}"
            )
        log.info("selftest: %s drawn", slide.id)
        QTimer.singleShot(self.hold_ms, self._next)

    def _waiting_for_clip(self, slide) -> bool:
        """A clip slide counts as drawn once its clip drew real frames (or failed, a problem)."""
        if slide.clip is None:
            return False
        clips = self.running.clips
        state = clips.state(slide)
        if state in ("idle", "loading"):
            return True
        if not clips.available:
            self.problems.append(f"{slide.id}: clip {slide.clip.name}: video is not installed")
        elif state == "failed":
            self.problems.append(f"{slide.id}: clip {slide.clip.name}: {clips.clip(slide).error}")
        else:
            log.info("selftest: %s: clip %s drew frames", slide.id, slide.clip.name)
        return False

    def _timed_out(self) -> None:
        if self.index < len(self.running.controller.show.slides):
            slide = self.running.controller.show.slides[max(0, self.index)]
            self.problems.append(
                f"timed out after {SELFTEST_SECONDS} s waiting for slide {slide.id} to be drawn"
            )
            self._finish()

    def _finish(self) -> None:
        elapsed = time.monotonic() - self.started
        count = len(self.running.controller.show.slides)
        if self.problems:
            for problem in self.problems:
                print(f"selftest: FAILED: {problem}", flush=True)
            self.finished(1)
        else:
            print(f"selftest: OK: all {count} slides drawn in {elapsed:.1f} s", flush=True)
            self.finished(0)
        self.index = count + 1
