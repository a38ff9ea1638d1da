"""Opening hours against the calendar and the wall clock: long closures, DST nights and clock
steps, all on a manual clock whose wall time can move apart from its monotonic time."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kiosk.clock import ManualClock
from kiosk.content.schedule import Hours, Schedule, parse_days, parse_span
from kiosk.player.controller import ShowController
from kiosk.unattended.hours import OpeningHours, ScreenKeeper

BERLIN = ZoneInfo("Europe/Berlin")


def daily(span: str, closed: frozenset[date] = frozenset()) -> Schedule:
    return Schedule(tuple(Hours(day, *parse_span(span)) for day in parse_days("daily")), closed)


def run_until(clock: ManualClock, moment: datetime) -> None:
    """Lets real time pass until the wall clock reads `moment` (local time)."""
    clock.advance(clock.seconds_until(moment))
    assert clock.wall() == moment


def hall(small_show, schedule: Schedule, clock: ManualClock) -> ShowController:
    show = ShowController(replace(small_show, schedule=schedule), clock)
    OpeningHours(schedule, show, clock, ScreenKeeper())
    return show


def test_a_thirty_day_closure_reopens_on_the_morning_after(small_show) -> None:
    closure = frozenset(date(2024, 2, 10) + timedelta(days=i) for i in range(30))  # Feb 10 to Mar 10
    clock = ManualClock(wall_start=datetime(2024, 2, 9, 17, 29))
    show = hall(small_show, daily("09:00-17:30", closure), clock)
    assert show.is_open
    run_until(clock, datetime(2024, 2, 9, 17, 31))
    assert show.closed
    run_until(clock, datetime(2024, 3, 11, 8, 59))
    assert show.closed
    run_until(clock, datetime(2024, 3, 11, 9, 0, 1))
    assert show.is_open and show.playing


def test_the_next_change_is_found_beyond_any_closure() -> None:
    closure = frozenset(date(2024, 2, 10) + timedelta(days=i) for i in range(30))
    schedule = daily("09:00-17:30", closure)
    assert schedule.next_change(datetime(2024, 2, 9, 17, 31)) == datetime(2024, 3, 11, 9, 0)


@pytest.mark.parametrize(
    ("evening", "morning"),
    [
        (datetime(2024, 3, 30, 17, 0), datetime(2024, 3, 31, 9, 0)),  # spring: the night is 1 h shorter
        (datetime(2024, 10, 26, 17, 0), datetime(2024, 10, 27, 9, 0)),  # autumn: 1 h longer
    ],
)
def test_on_a_dst_night_the_hall_opens_at_nine_on_the_wall_clock(small_show, evening, morning) -> None:
    clock = ManualClock(wall_start=evening, zone=BERLIN)
    show = hall(small_show, daily("09:00-17:30"), clock)
    run_until(clock, evening.replace(hour=17, minute=31))
    assert show.closed
    run_until(clock, morning - timedelta(minutes=1))
    assert show.closed
    run_until(clock, morning + timedelta(seconds=1))
    assert show.is_open


def test_a_forward_clock_step_into_opening_hours_opens_within_a_minute(small_show, caplog) -> None:
    clock = ManualClock(wall_start=datetime(2024, 3, 5, 3, 49))  # a dead clock battery
    show = hall(small_show, daily("06:00-23:00"), clock)
    assert show.closed
    clock.advance(8)
    clock.step_wall(3 * 3600)  # NTP sets the clock right: 06:49
    with caplog.at_level(logging.WARNING):
        clock.advance(60)
    assert show.is_open and show.playing
    assert "the wall clock moved by +10800 s" in caplog.text


@pytest.mark.expected_warnings  # the test provokes what the caretaker should read in the log
def test_a_backward_clock_step_into_opening_hours_opens_within_a_minute(small_show) -> None:
    clock = ManualClock(wall_start=datetime(2024, 3, 5, 23, 30))
    show = hall(small_show, daily("06:00-23:00"), clock)
    assert show.closed
    clock.step_wall(-3 * 3600)  # 20:30
    clock.advance(60)
    assert show.is_open


@pytest.mark.expected_warnings  # the test provokes what the caretaker should read in the log
def test_a_backward_clock_step_out_of_opening_hours_closes_within_a_minute(small_show) -> None:
    clock = ManualClock(wall_start=datetime(2024, 3, 5, 8, 30))
    show = hall(small_show, daily("07:00-18:00"), clock)
    assert show.is_open
    clock.step_wall(-3 * 3600)  # 05:30
    clock.advance(60)
    assert show.closed


def test_a_reload_applies_the_schedule_to_the_present_moment(small_show) -> None:
    clock = ManualClock(wall_start=datetime(2024, 3, 5, 3, 49))
    schedule = daily("06:00-23:00")
    show = ShowController(replace(small_show, schedule=schedule), clock)
    hours = OpeningHours(schedule, show, clock, ScreenKeeper())
    clock.step_wall(3 * 3600)
    hours.set_schedule(schedule)  # the same schedule, reloaded
    assert show.is_open


def test_a_schedule_without_hours_says_the_show_never_opens(small_show, caplog) -> None:
    schedule = Schedule(hours=(), closed_dates=frozenset({date(2024, 3, 30)}))
    assert schedule.never_opens and not daily("09:00-17:00").never_opens
    with caplog.at_level(logging.WARNING):
        hall(small_show, schedule, ManualClock())
    assert "never opens" in caplog.text


def test_twenty_four_hundred_is_the_end_of_the_day() -> None:
    assert parse_span("00:00-24:00") == (0, 24 * 60)
    assert parse_span("18:00-24:00") == (18 * 60, 24 * 60)
    assert daily("00:00-24:00").is_open(datetime(2024, 3, 5, 23, 59))


def test_a_show_file_may_write_a_whole_day_as_midnight_to_midnight(write_show) -> None:
    from kiosk.content.loader import load_show

    path = write_show('show:\n  schedule: {daily: "00:00-24:00"}\nslides:\n  - {id: a, layout: cover}\n')
    schedule = load_show(path)[0].schedule
    assert schedule.is_open(datetime(2024, 3, 5, 0, 0)) and schedule.is_open(datetime(2024, 3, 5, 23, 59))
