"""The display PC sleeps and wakes. On Linux the monotonic clock (which Qt's timers follow)
stands still while asleep and the wall clock jumps: that is ManualClock.step_wall. Waking must
re-seat the show (right slide, right opening state, timers armed once) within a minute, not
fire the missed timers one after another."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from kiosk.clock import ManualClock
from kiosk.player.controller import ShowController
from kiosk.unattended.hours import OpeningHours, ScreenKeeper

from .test_hours_clock import daily


class CountingKeeper(ScreenKeeper):
    def __init__(self) -> None:
        self.held = 0
        self.released = 0

    def hold(self) -> None:
        self.held += 1

    def release(self) -> None:
        self.released += 1


def hall(small_show, clock: ManualClock, keeper: ScreenKeeper | None = None) -> ShowController:
    schedule = daily("09:00-17:30")
    show = ShowController(replace(small_show, schedule=schedule), clock)
    OpeningHours(schedule, show, clock, keeper or ScreenKeeper())
    return show


def shown(show: ShowController) -> list[int]:
    seen: list[int] = []
    show.slideShown.connect(seen.append)
    return seen


def test_asleep_through_the_night_wakes_open_on_the_first_slide_within_a_minute(small_show, caplog) -> None:
    clock = ManualClock(wall_start=datetime(2024, 3, 4, 16, 0))  # Monday afternoon, open
    keeper = CountingKeeper()
    show = hall(small_show, clock, keeper)
    show.next()
    show.next()  # a visitor stepped on to the third slide; then the PC went to sleep
    assert show.currentIndex == 2
    clock.step_wall(17.5 * 3600)  # asleep until Tuesday 09:30: the closing and opening passed
    seen = shown(show)
    with caplog.at_level(logging.INFO):
        clock.advance(60)
    assert show.is_open and show.playing
    assert show.currentIndex == 0, "a new day starts on the first slide, as at opening"
    # until the minute's look at the wall clock the show plays on as before (one slide change at
    # most), then re-seats: the 17.5 hours of missed slide changes are not played through
    assert seen[-1] == 0 and len(seen) <= 2, f"missed timers fired one after another: {seen}"
    assert caplog.text.count("the wall clock moved by") == 1
    assert keeper.held >= 2  # held again for the new day
    clock.advance(10)  # and the slide timer is armed again, once
    assert show.currentIndex == 1


def test_asleep_from_open_into_the_evening_wakes_closed_and_still(small_show, caplog) -> None:
    clock = ManualClock(wall_start=datetime(2024, 3, 4, 16, 0))
    show = hall(small_show, clock)
    clock.step_wall(5 * 3600)  # 21:00
    with caplog.at_level(logging.INFO):
        clock.advance(60)
    assert show.closed
    seen = shown(show)
    clock.advance(3600)
    assert seen == [], "nothing ticks while closed"
    assert "schedule: closing" in caplog.text


def test_asleep_over_the_closed_night_wakes_at_opening_time_on_the_first_slide(small_show, caplog) -> None:
    clock = ManualClock(wall_start=datetime(2024, 3, 4, 20, 0))  # closed; the PC goes to sleep
    show = hall(small_show, clock)
    assert show.closed
    clock.step_wall(13.5 * 3600)  # woken at 09:30 by its BIOS timer
    with caplog.at_level(logging.INFO):
        clock.advance(60)
    assert show.is_open and show.currentIndex == 0
    assert "schedule: opening" in caplog.text


def test_a_short_nap_inside_opening_hours_keeps_the_slide(small_show, caplog) -> None:
    clock = ManualClock(wall_start=datetime(2024, 3, 4, 11, 0))
    show = hall(small_show, clock)
    show.next()
    clock.step_wall(20 * 60)  # twenty minutes asleep at noon
    with caplog.at_level(logging.WARNING):
        clock.advance(5)
    assert show.is_open and show.currentIndex == 1, "no closing was missed: the visit goes on"
