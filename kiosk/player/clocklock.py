"""Clock-locked playback (`show.sync: clock`): which slide is up, and how far into it, worked
out from the wall clock alone, the way info-beamer does it. Screens that play the same file
and keep their clocks in step with NTP therefore change slide together with no traffic
between them.

Everything here is arithmetic on numbers and local times; the controller asks it and acts.
Times are Unix seconds (`Clock.timestamp()`); the epoch is the local wall time the cycle
counts from (the day's opening time, show.sync_epoch, or midnight), so every screen in the
same time zone finds the same one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta

from ..clock import Clock
from ..content.model import Show
from ..content.schedule import Schedule

# A wall clock that moved more than this against the monotonic one was stepped (NTP fixing a
# wrong clock, a DST change seen as local time, a resume from sleep), not slewed.
STEP_TOLERANCE_SECONDS = 5.0


@dataclass(frozen=True)
class Position:
    """Where a clock-locked show stands at one instant."""

    index: int
    offset: float  # seconds already spent on the slide
    remaining: float  # seconds until the next slide (inf at the end of a show that does not loop)
    cycle: int  # whole cycles played since the epoch

    @property
    def ended(self) -> bool:
        return math.isinf(self.remaining)


def position_at(durations: Sequence[float], elapsed: float, loop: bool) -> Position:
    """The slide up `elapsed` seconds after the epoch, for slides lasting `durations`.

    Before the epoch (a clock stepped back) the show waits on the first slide; a show that
    does not loop stays on its last slide once it has played through.
    """
    total = sum(durations)
    if not durations or total <= 0:
        return Position(0, 0.0, math.inf, 0)
    if elapsed < 0:
        return Position(0, 0.0, -elapsed + durations[0], 0)
    cycle = math.floor(elapsed / total)
    if cycle > 0 and not loop:
        last = len(durations) - 1
        return Position(last, durations[last], math.inf, 0)
    into = elapsed - cycle * total
    start = 0.0
    for index, duration in enumerate(durations):
        if into < start + duration:
            return Position(index, into - start, start + duration - into, cycle)
        start += duration
    last = len(durations) - 1  # float rounding at the very end of a cycle
    return Position(last, durations[last], 0.0, cycle)


def start_of(durations: Sequence[float], index: int) -> float:
    """Seconds from the start of a cycle to the start of slide `index`."""
    return float(sum(durations[:index]))


def durations_of(show: Show) -> tuple[float, ...]:
    return tuple(show.duration_of(index) for index in range(len(show.slides)))


def opening_of_day(schedule: Schedule, moment: datetime) -> datetime | None:
    """The start of the opening span `moment` falls in (None while closed)."""
    starts = []
    for day in (moment.date(), moment.date() - timedelta(days=1)):
        if day in schedule.closed_dates:
            continue
        midnight = datetime.combine(day, time())
        minutes = (moment - midnight).total_seconds() / 60
        for hours in schedule.hours:
            if hours.weekday == day.weekday() and hours.start <= minutes < hours.end:
                starts.append(midnight + timedelta(minutes=hours.start))
    return min(starts, default=None)


def epoch_at(moment: datetime, schedule: Schedule | None, sync_epoch: float | None) -> datetime:
    """The local time the show's cycle counts from, seen at local time `moment`:
    show.sync_epoch (seconds after midnight) on the latest day it has passed, else the start
    of the day's opening hours, else the day's midnight."""
    midnight = datetime.combine(moment.date(), time())
    if sync_epoch is not None:
        epoch = midnight + timedelta(seconds=sync_epoch)
        return epoch if epoch <= moment else epoch - timedelta(days=1)
    if schedule is not None:
        opening = opening_of_day(schedule, moment)
        if opening is not None:
            return opening
    return midnight


@dataclass(frozen=True)
class GroupEpoch:
    """A group command carried out at `at` (Unix seconds) with slide `index` coming up: the
    group follows the clock from there, on local day `day`, until a reload or the day ends."""

    at: float
    index: int
    day: str  # ISO date of the local day it belongs to


class ClockLock:
    """The clock-locked position of one show on one clock."""

    def __init__(self, show: Show, clock: Clock) -> None:
        self._show = show
        self._durations = durations_of(show)
        self._clock = clock
        self._group: GroupEpoch | None = None

    @property
    def show(self) -> Show:
        return self._show

    def set_show(self, show: Show) -> None:
        """New content: its durations, and the group's own epoch ends (a reload)."""
        self._show = show
        self._durations = durations_of(show)
        self._group = None

    def start_group_epoch(self, at: float, index: int) -> None:
        """From Unix time `at` the group counts from slide `index` (a group command)."""
        self._group = GroupEpoch(at, index, self._local_day(at))

    @property
    def group_epoch(self) -> GroupEpoch | None:
        return self._group

    def _local_day(self, at: float) -> str:
        """The local date at Unix time `at`, on this clock's wall."""
        now = self._clock.timestamp()
        return (self._clock.wall() + timedelta(seconds=at - now)).date().isoformat()

    def elapsed(self) -> float:
        """Seconds into the cycle's timeline now (from the group's epoch, or the day's)."""
        wall = self._clock.wall()
        group = self._group
        if group is not None:
            if group.day == wall.date().isoformat():
                return self._clock.timestamp() - group.at + start_of(self._durations, group.index)
            self._group = None  # the day is over
        epoch = epoch_at(wall, self._show.schedule, self._show.sync_epoch)
        return -self._clock.seconds_until(epoch)

    def position(self) -> Position:
        """Where the show stands now; `remaining` also ends where the day's epoch changes
        (midnight, or sync_epoch), so every screen makes that jump at the same instant."""
        position = position_at(self._durations, self.elapsed(), self._show.loop)
        change = self._seconds_to_new_epoch()
        if change is not None and change < position.remaining:
            position = replace(position, remaining=max(0.0, change))
        return position

    def _seconds_to_new_epoch(self) -> float | None:
        """Seconds until the cycle starts counting from a new epoch (None: only at an
        opening, when the hall was closed anyway)."""
        wall = self._clock.wall()
        if self._group is not None:
            return self._clock.seconds_until(datetime.combine(wall.date() + timedelta(days=1), time()))
        show = self._show
        if show.schedule is not None and show.sync_epoch is None:
            return None
        epoch = epoch_at(wall, show.schedule, show.sync_epoch)
        return self._clock.seconds_until(epoch + timedelta(days=1))

    def position_in(self, seconds: float) -> Position:
        """Where the show will stand `seconds` from now (same epoch)."""
        return position_at(self._durations, self.elapsed() + seconds, self._show.loop)

    def next_cycle_boundary(self) -> float:
        """Unix time at which the current cycle ends: where new content takes over."""
        total = sum(self._durations)
        if not self._show.loop or total <= 0:
            return self._clock.timestamp()
        elapsed = self.elapsed()
        left = (math.floor(elapsed / total) + 1) * total - elapsed if elapsed >= 0 else -elapsed
        return self._clock.timestamp() + left


class StepWatch:
    """Notices the wall clock moving against the monotonic one (a step, a DST change read as
    local time, a resume from sleep): `moved()` says by how much since the last `mark()`."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._mark = (clock.now(), clock.wall())

    def mark(self) -> None:
        self._mark = (self._clock.now(), self._clock.wall())

    @property
    def marked_wall(self) -> datetime:
        return self._mark[1]

    def moved(self) -> float:
        """Seconds the wall clock gained (+) or lost (-) beyond the monotonic time passed."""
        monotonic_then, wall_then = self._mark
        return -self._clock.seconds_until(wall_then) - (self._clock.now() - monotonic_then)

    def stepped(self, tolerance: float = STEP_TOLERANCE_SECONDS) -> bool:
        return abs(self.moved()) > tolerance
