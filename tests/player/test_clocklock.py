"""Clock-locked playback (show.sync: clock): screens that share a file and a synchronised
clock show the same slide and change together, worked out from the wall clock alone.

Every story runs on ManualClocks. Two screens are two controllers on two clocks whose wall
clocks agree but whose monotonic clocks (boot times) do not, as on two real PCs.
"""

from __future__ import annotations

import logging
import math
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from kiosk.clock import ManualClock
from kiosk.content.model import Show
from kiosk.content.schedule import Hours, Schedule, parse_days, parse_span
from kiosk.player.clocklock import epoch_at, position_at
from kiosk.player.controller import Playback, ShowController
from kiosk.unattended.hours import OpeningHours, ScreenKeeper

# the small show: cover 10 s, first 10 s, second 20 s, closing 10 s: a 50 s cycle
CYCLE = 50.0
SHANGHAI = ZoneInfo("Asia/Shanghai")
NOON = datetime(2024, 3, 4, 12, 0)  # a Monday; 43200 s after midnight, a whole number of cycles


def synced(show: Show, **changes: object) -> Show:
    return replace(show, sync="clock", **changes)


class Screen:
    """One screen: a controller on its own clock, with the changes it made (wall time, slide)."""

    def __init__(self, show: Show, wall_start: datetime = NOON, boot: float = 1000.0) -> None:
        self.clock = ManualClock(start=boot, wall_start=wall_start, zone=SHANGHAI)
        self.controller = ShowController(show, self.clock)
        self.changes: list[tuple[float, int]] = []
        self.controller.slideShown.connect(lambda index: self.changes.append((self.clock.timestamp(), index)))

    @property
    def index(self) -> int:
        return self.controller.currentIndex

    def advance(self, seconds: float) -> None:
        self.clock.advance(seconds)


def test_the_position_counts_through_the_durations_and_loops() -> None:
    durations = (10.0, 10.0, 20.0, 10.0)
    start, next_cycle = position_at(durations, 0, loop=True), position_at(durations, CYCLE, loop=True)
    assert (start.index, start.offset, next_cycle.index, next_cycle.offset, next_cycle.cycle) == (
        0,
        0,
        0,
        0,
        1,
    )
    middle = position_at(durations, 2 * CYCLE + 25, loop=True)
    assert (middle.index, middle.offset, middle.remaining, middle.cycle) == (2, 5.0, 15.0, 2)
    ended = position_at(durations, CYCLE + 3, loop=False)
    assert ended.index == 3 and ended.ended
    early = position_at(durations, -4, loop=True)  # before the epoch: waiting on the first slide
    assert (early.index, early.remaining) == (0, 14.0)


def test_the_epoch_is_the_opening_time_or_sync_epoch_or_midnight() -> None:
    weekdays = Schedule(tuple(Hours(day, *parse_span("09:30-17:00")) for day in parse_days("mon-fri")))
    at = datetime(2024, 3, 4, 11, 0)
    assert epoch_at(at, weekdays, None) == datetime(2024, 3, 4, 9, 30)
    assert epoch_at(at, None, None) == datetime(2024, 3, 4, 0, 0)
    assert epoch_at(at, weekdays, 8 * 3600) == datetime(2024, 3, 4, 8, 0)
    assert epoch_at(at, None, 12 * 3600) == datetime(2024, 3, 3, 12, 0)  # not yet today: yesterday's


def test_a_screen_started_mid_slide_joins_there_and_its_time_strip_shows_what_is_left(small_show) -> None:
    screen = Screen(synced(small_show), wall_start=NOON.replace(second=25))
    assert screen.index == 2  # 25 s into the cycle: "second" (20-40 s), 5 s in
    assert screen.controller.elapsedMs == 5000
    assert screen.controller.progress == pytest.approx(5 / 20)
    screen.advance(14.9)
    assert screen.index == 2
    screen.advance(0.1)
    assert screen.index == 3  # 15 s left, not the slide's whole 20


def test_two_screens_booted_apart_change_at_the_same_wall_instants(small_show) -> None:
    first = Screen(synced(small_show), wall_start=NOON.replace(second=3), boot=500.0)
    second = Screen(synced(small_show), wall_start=NOON.replace(second=17, microsecond=300_000), boot=9000.0)
    first.advance(14.3)  # both walls at 12:00:17.3
    assert first.index == second.index == 1
    for screen in (first, second):
        screen.advance(120)
    assert [index for _, index in first.changes[-5:]] == [index for _, index in second.changes[-5:]]
    for (at_first, _), (at_second, _) in zip(first.changes[-5:], second.changes[-5:], strict=True):
        assert at_first == pytest.approx(at_second, abs=1e-6)


def test_manual_navigation_leaves_the_group_and_rejoins_at_the_clocks_slide(small_show) -> None:
    screen = Screen(synced(small_show))
    screen.controller.user_input()
    screen.controller.next()
    screen.controller.next()
    assert screen.index == 2 and screen.controller.playback is Playback.HOLDING
    screen.changes.clear()
    screen.advance(30)  # idle_resume_seconds: 12:00:30 is "second" again, 10 s in
    assert screen.controller.playback is Playback.PLAYING
    assert screen.index == 2
    screen.advance(12)  # 12:00:42: the clock's slide is "closing"
    assert screen.index == 3
    screen.controller.user_input()
    screen.controller.first()
    screen.changes.clear()
    screen.advance(30)  # 12:01:12: 22 s into the cycle, "second"
    assert [index for _, index in screen.changes] == [2]  # straight there, not through "first"
    assert screen.controller.elapsedMs == 2000


@pytest.mark.parametrize("step", [3600 + 13, -(1800 + 7)])
def test_a_clock_step_reseats_the_show_with_one_change(small_show, step: float, caplog) -> None:
    caplog.set_level(logging.INFO, "kiosk.player.controller")
    screen = Screen(synced(small_show))
    screen.advance(4)
    screen.changes.clear()
    screen.clock.step_wall(step)
    screen.advance(1)  # the time strip's next step notices
    expected = position_at((10, 10, 20, 10), (4 + 1 + step) % CYCLE, loop=True)
    assert screen.index == expected.index
    assert len(screen.changes) == (0 if expected.index == 0 else 1)
    assert screen.controller.elapsedMs == pytest.approx(expected.offset * 1000, abs=1)
    assert "wall clock moved" in caplog.text
    screen.changes.clear()
    screen.advance(expected.remaining + 0.001)
    assert [index for _, index in screen.changes] == [(expected.index + 1) % 4]


def test_a_resume_from_sleep_goes_straight_to_the_clocks_slide(small_show) -> None:
    screen = Screen(synced(small_show))
    screen.changes.clear()
    screen.clock.step_wall(8 * 3600 + 31)  # asleep all night: the monotonic clock stood still
    screen.advance(0.5)
    screen.advance(0.6)
    assert len(screen.changes) == 1
    assert screen.index == position_at((10, 10, 20, 10), (8 * 3600 + 31 + 1.1) % CYCLE, loop=True).index


def test_every_screen_opens_on_the_first_slide_at_the_same_instant(small_show) -> None:
    daily = Schedule(tuple(Hours(day, *parse_span("09:00-17:00")) for day in parse_days("daily")))
    show = synced(small_show, schedule=daily)
    screens = [
        Screen(show, wall_start=datetime(2024, 3, 4, 8, 58, 1, 250_000), boot=300.0),
        Screen(show, wall_start=datetime(2024, 3, 4, 8, 59, 44), boot=7000.0),
    ]
    for screen in screens:
        screen.hours = OpeningHours(daily, screen.controller, screen.clock, ScreenKeeper())
        assert not screen.controller.is_open
    screens[0].advance(102.75)  # both walls at 08:59:44
    for screen in screens:
        screen.changes.clear()
        screen.advance(16 + 12)  # 09:00:12
    for screen in screens:
        assert screen.controller.is_open
        assert [index for _, index in screen.changes] == [0, 1]
        opened_at, first_change = screen.changes[0][0], screen.changes[1][0]
        assert opened_at == pytest.approx(datetime(2024, 3, 4, 9, 0, 0, 500_000, tzinfo=SHANGHAI).timestamp())
        assert first_change == pytest.approx(datetime(2024, 3, 4, 9, 0, 10, tzinfo=SHANGHAI).timestamp())
    assert screens[0].changes[0][0] == pytest.approx(screens[1].changes[0][0])


def test_a_group_command_is_carried_out_at_its_instant_and_the_group_follows_from_there(small_show) -> None:
    screens = [Screen(synced(small_show), boot=boot) for boot in (100.0, 5000.0)]
    for screen in screens:
        screen.advance(3)  # 12:00:03, on the cover
    at = screens[0].clock.timestamp() + 0.5
    for screen in screens:
        screen.controller.carry_out_at(at, screen.controller.last)  # goto the closing slide
        screen.changes.clear()
        screen.advance(0.4)
        assert screen.index == 0  # not yet
        screen.advance(0.2)
        assert screen.changes == [(pytest.approx(at), 3)]
        assert screen.controller.playback is Playback.PLAYING  # still with the group
        screen.advance(10)  # the new epoch: closing for its 10 s, then the cover
        assert [index for _, index in screen.changes] == [3, 0]
        assert screen.changes[1][0] == pytest.approx(at + 10)


def test_new_content_takes_over_at_the_end_of_the_cycle(small_show) -> None:
    screen = Screen(synced(small_show))
    screen.advance(12)  # on "first"
    renamed = replace(synced(small_show), title=replace(small_show.title, by_language=(("*", "New"),)))
    screen.controller.replace_show(renamed)
    screen.advance(50 - 12 - 0.01)
    assert screen.controller.show is not renamed  # 12:00:49.99: still the old cycle
    screen.advance(0.02)
    assert screen.controller.show is renamed
    assert screen.index == 0
    assert screen.changes[-1][0] == pytest.approx(NOON.replace(tzinfo=SHANGHAI).timestamp() + CYCLE)


def test_at_midnight_every_screen_starts_the_new_day_on_the_first_slide_together(small_show) -> None:
    # 7 + 7 + 20 + 7 = a 41 s cycle, which a day does not divide: the old cycle is cut short
    show = synced(small_show, advance_seconds=7.0)
    late = datetime(2024, 3, 4, 23, 59, 41)  # 35 s into a cycle: "closing", 6 s left
    screens = [Screen(show, wall_start=late, boot=boot) for boot in (10.0, 4321.0)]
    midnight = datetime(2024, 3, 5, tzinfo=SHANGHAI).timestamp()
    for screen in screens:
        screen.advance(24)  # to 00:00:05
        assert [index for _, index in screen.changes[-3:]] == [0, 1, 0]
        assert screen.changes[-2][0] == pytest.approx(midnight - 6)  # "first" from 23:59:54 ...
        assert screen.changes[-1][0] == pytest.approx(midnight)  # ... cut short by the new day


def test_a_slide_asked_for_by_render_stays_on_a_still_clock_and_the_clock_wins_at_its_tick(
    small_show,
) -> None:
    screen = Screen(synced(small_show))  # 12:00:00: the clock says "cover"
    for index in (3, 1, 2):  # kiosk render and kiosk check visit every slide
        screen.controller.go_to_index(index)
        assert screen.index == index
    screen.changes.clear()
    screen.advance(1)  # a running clock's next tick: back with the group
    assert [index for _, index in screen.changes] == [0]


def test_a_show_without_sync_keeps_its_own_time(small_show) -> None:
    screen = Screen(small_show, wall_start=NOON.replace(second=25))
    assert screen.index == 0 and math.isclose(screen.controller.elapsedMs, 0)
