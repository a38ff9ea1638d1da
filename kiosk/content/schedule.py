"""Opening hours as data: which days and hours the hall is open, and the arithmetic on local
date and time that says whether it is open now and when that next changes.

`kiosk.unattended.hours` applies a Schedule to a running show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

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
        """The first moment after `moment` at which the hall opens or closes (None: never).

        Looks as far ahead as it must: past the last closed date, plus a week in which the
        weekly hours repeat, so a closure of any length still ends on time.
        """
        now_open = self.is_open(moment)
        last_closed = max(self.closed_dates, default=moment.date())
        horizon = max(0, (last_closed - moment.date()).days) + 9
        candidates = []
        for offset in range(-1, horizon):
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

    @property
    def never_opens(self) -> bool:
        """No opening hours at all: the wall would stay dark for ever."""
        return not any(hours.end > hours.start for hours in self.hours)


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
    """'09:00-17:30' → (540, 1050); '22:00-02:00' runs past midnight → (1320, 1560);
    '00:00-24:00' (like '00:00-00:00') is the whole day."""
    try:
        first, last = (part.strip() for part in text.split("-"))
        if last in ("24:00", "24:00:00"):
            last = "00:00"
        start, end = (time.fromisoformat(part if len(part) == 5 else f"0{part}") for part in (first, last))
    except ValueError:
        return None
    start_minutes, end_minutes = start.hour * 60 + start.minute, end.hour * 60 + end.minute
    if end_minutes <= start_minutes:
        end_minutes += MINUTES_PER_DAY
    return start_minutes, end_minutes
