"""Opening hours applied to a running show: when the hall is open the show plays; outside them
the screen is dark (or shows a 'closed' slide), nothing ticks, and the display may sleep.

One timer, set for the next opening or closing minute of the show's Schedule.
"""

from __future__ import annotations

import logging

from ..clock import Clock, Pending
from ..content.schedule import Schedule
from ..player.controller import ShowController

log = logging.getLogger(__name__)


class ScreenKeeper:
    """Keeps the display awake while open; see kiosk.power for the platform versions."""

    def hold(self) -> None: ...

    def release(self) -> None: ...


class OpeningHours:
    """Opens and closes the show on schedule, with one timer for the next change."""

    def __init__(
        self, schedule: Schedule | None, show: ShowController, clock: Clock, keeper: ScreenKeeper
    ) -> None:
        self._schedule = schedule
        self._show = show
        self._clock = clock
        self._keeper = keeper
        self._pending: Pending | None = None
        self.apply()

    @property
    def schedule(self) -> Schedule | None:
        return self._schedule

    def set_schedule(self, schedule: Schedule | None) -> None:
        if schedule != self._schedule:
            self._schedule = schedule
            self.apply()

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
        change = self._schedule.next_change(moment) if self._schedule else None
        if change is not None:
            # wake a little after the minute turns, so the new state is certain
            delay = (change - moment).total_seconds() + 0.5
            self._pending = self._clock.call_later(delay, self.apply)
