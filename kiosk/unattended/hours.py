"""Opening hours applied to a running show: when the hall is open the show plays; outside them
the screen is dark (or shows a 'closed' slide), nothing ticks, and the display may sleep.

One timer, set for the next opening or closing minute of the show's Schedule or a minute
ahead, whichever comes first.
"""

from __future__ import annotations

import logging
from datetime import datetime

from ..clock import Clock, Pending
from ..content.schedule import Schedule
from ..player.clocklock import STEP_TOLERANCE_SECONDS, StepWatch
from ..player.controller import ShowController

log = logging.getLogger(__name__)

CHECK_SECONDS = 60.0  # the wall clock is compared with the monotonic one at least this often
__all__ = ["CHECK_SECONDS", "STEP_TOLERANCE_SECONDS", "OpeningHours", "ScreenKeeper"]


class ScreenKeeper:
    """Keeps the display awake while open; see kiosk.power for the platform versions."""

    def hold(self) -> None: ...

    def release(self) -> None: ...


class OpeningHours:
    """Opens and closes the show on schedule.

    Timers run on the monotonic clock, but opening hours are wall-clock times: a DST night,
    NTP fixing a wrong clock or a new time zone moves one against the other. So the wait for
    the next change is worked out in real seconds (DST-aware), and at least once a minute
    the wall clock is compared with the monotonic one; if it moved, open or closed is decided
    afresh from the wall clock.
    """

    def __init__(
        self, schedule: Schedule | None, show: ShowController, clock: Clock, keeper: ScreenKeeper
    ) -> None:
        self._schedule = schedule
        self._show = show
        self._clock = clock
        self._keeper = keeper
        self._pending: Pending | None = None
        self._change: datetime | None = None
        self._steps = StepWatch(clock)  # the same step detection the clock-locked show uses
        self.apply()
        self._warn_if_never_open()

    @property
    def schedule(self) -> Schedule | None:
        return self._schedule

    def set_schedule(self, schedule: Schedule | None) -> None:
        """New content: its schedule is applied afresh even when unchanged (re-checks the clock)."""
        changed = schedule != self._schedule
        self._schedule = schedule
        self.apply()
        if changed:
            self._warn_if_never_open()

    def apply(self) -> None:
        """Opens or closes the show for the present moment and waits for the next change."""
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        moment = self._clock.wall()
        is_open = self._schedule is None or self._schedule.is_open(moment)
        if is_open != self._show.is_open:
            log.info("schedule: %s at %s", "opening" if is_open else "closing", moment.strftime("%a %H:%M"))
        if is_open:
            self._keeper.hold()
        else:
            self._keeper.release()
        closed_slide = self._schedule.closed_slide if self._schedule else None
        self._show.set_open(is_open, closed_slide)
        self._change = self._schedule.next_change(moment) if self._schedule else None
        self._steps.mark()
        self._arm()

    def _arm(self) -> None:
        if self._schedule is None:
            return
        delay = CHECK_SECONDS
        if self._change is not None:
            # wake a little after the minute turns, so the new state is certain
            delay = min(delay, max(0.0, self._clock.seconds_until(self._change)) + 0.5)
        self._pending = self._clock.call_later(delay, self._check)

    def _check(self) -> None:
        """The periodic look at the wall clock: apply a due change, or a clock that moved."""
        self._pending = None
        moment = self._clock.wall()
        moved = self._steps.moved()
        if abs(moved) > STEP_TOLERANCE_SECONDS:
            log.warning(
                "schedule: the wall clock moved by %+.0f s (now %s); checking the opening hours again",
                moved,
                moment.strftime("%a %Y-%m-%d %H:%M"),
            )
            if self._slept_through_a_closing(moment):
                self._show.set_open(False)  # the new day starts afresh, as at opening
            self.apply()
        elif self._change is not None and moment >= self._change:
            self.apply()
        else:
            self._steps.mark()
            self._arm()

    def _slept_through_a_closing(self, moment: datetime) -> bool:
        """Open before and open now, but a closing was due in between (the PC slept)."""
        due = self._change is not None and moment >= self._change
        return due and self._show.is_open and self._schedule is not None and self._schedule.is_open(moment)

    def _warn_if_never_open(self) -> None:
        if self._schedule is not None and self._schedule.never_opens:
            log.warning(
                "schedule: it names no opening hours, so the show never opens "
                '(add hours such as  daily: "09:00-17:30", or remove the schedule)'
            )
