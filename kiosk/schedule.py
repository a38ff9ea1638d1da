"""Opening hours: when the hall is open the show plays; outside them the screen is dark (or
shows a 'closed' slide), nothing ticks, and the display may sleep.

`Schedule` is plain data and arithmetic on local date and time; `OpeningHours` applies it to
a running show with one timer, set for the next opening or closing minute.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .clock import Clock, Pending

log = logging.getLogger(__name__)

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True)
class Hours:
    """Open on `weekday` (0 = Monday) from `start` to `end` minutes after that day's midnight;
    an `end` past 24:00 runs on into the next day."""

    weekday: int
    start: int
    end: int


@dataclass(frozen=True)
class Schedule:
    hours: tuple[Hours, ...]
    closed_dates: frozenset[date] = frozenset()
    closed_slide: str | None = None

    def is_open(self, moment: datetime) -> bool:
        for day in (moment.date(), moment.date() - timedelta(days=1)):
            if day in self.closed_dates:
                continue
            minutes = (moment - datetime.combine(day, time())).total_seconds() / 60
            for hours in self.hours:
                if hours.weekday == day.weekday() and hours.start <= minutes < hours.end:
                    return True
        return False

    def next_change(self, moment: datetime) -> datetime | None:
        """The first moment after `moment` at which the hall opens or closes (None: never)."""
        now_open = self.is_open(moment)
        candidates = []
        for offset in range(-1, 9):
            day = moment.date() + timedelta(days=offset)
            midnight = datetime.combine(day, time())
            candidates.append(midnight)
            for hours in self.hours:
                if hours.weekday == day.weekday():
                    candidates.append(midnight + timedelta(minutes=hours.start))
                    candidates.append(midnight + timedelta(minutes=hours.end))
        for candidate in sorted(c for c in candidates if c > moment):
            if self.is_open(candidate) != now_open:
                return candidate
        return None


def parse_days(text: str) -> list[int] | None:
    """'mon', 'sat-sun', 'mon-fri', 'daily' → weekday numbers; None if not understood."""
    text = text.strip().lower()
    if text in ("daily", "every day"):
        return list(range(7))
    first, _, last = text.partition("-")
    if first not in DAYS or (last and last not in DAYS):
        return None
    start, end = DAYS.index(first), DAYS.index(last or first)
    return [(start + i) % 7 for i in range((end - start) % 7 + 1)]


def parse_span(text: str) -> tuple[int, int] | None:
    """'09:00-17:30' → (540, 1050); '22:00-02:00' runs past midnight → (1320, 1560)."""
    try:
        first, last = (part.strip() for part in text.split("-"))
        start, end = (time.fromisoformat(part if len(part) == 5 else f"0{part}") for part in (first, last))
    except ValueError:
        return None
    start_minutes, end_minutes = start.hour * 60 + start.minute, end.hour * 60 + end.minute
    if end_minutes <= start_minutes:
        end_minutes += MINUTES_PER_DAY
    return start_minutes, end_minutes


class ScreenKeeper:
    """Keeps the display awake while open; see kiosk.power for the platform versions."""

    def hold(self) -> None: ...

    def release(self) -> None: ...


class OpeningHours:
    """Opens and closes the show on schedule, with one timer for the next change."""

    def __init__(self, schedule: Schedule | None, show, clock: Clock, keeper: ScreenKeeper) -> None:
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
