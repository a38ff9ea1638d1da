"""Opening hours: dark and still outside them, from the first slide at opening time."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from kiosk.clock import ManualClock
from kiosk.content.loader import load_show
from kiosk.content.schedule import Hours, Schedule, parse_days, parse_span
from kiosk.player.controller import ShowController
from kiosk.unattended.hours import OpeningHours, ScreenKeeper

WEEKDAYS_LATE = Schedule(
    hours=tuple(Hours(day, *parse_span("09:00-17:30")) for day in parse_days("mon-fri"))
    + tuple(Hours(day, *parse_span("18:00-02:00")) for day in parse_days("sat")),
    closed_dates=frozenset({date(2024, 3, 6)}),
)


class RecordingKeeper(ScreenKeeper):
    def __init__(self) -> None:
        self.calls: list[str] = []

    def hold(self) -> None:
        self.calls.append("hold")

    def release(self) -> None:
        self.calls.append("release")


@pytest.mark.parametrize(
    ("moment", "is_open"),
    [
        ("2024-03-04 08:59", False),  # Monday before opening
        ("2024-03-04 09:00", True),
        ("2024-03-04 17:29", True),
        ("2024-03-04 17:30", False),
        ("2024-03-06 12:00", False),  # a closed date
        ("2024-03-09 23:59", True),  # Saturday night
        ("2024-03-10 01:59", True),  # ...past midnight into Sunday
        ("2024-03-10 02:00", False),
        ("2024-03-10 12:00", False),  # Sunday
    ],
)
def test_the_schedule_knows_when_the_hall_is_open(moment: str, is_open: bool) -> None:
    assert WEEKDAYS_LATE.is_open(datetime.fromisoformat(moment)) is is_open


def test_the_next_change_skips_closed_dates_and_crosses_midnight() -> None:
    assert WEEKDAYS_LATE.next_change(datetime(2024, 3, 5, 17, 0)) == datetime(2024, 3, 5, 17, 30)
    assert WEEKDAYS_LATE.next_change(datetime(2024, 3, 5, 18, 0)) == datetime(2024, 3, 7, 9, 0)
    assert WEEKDAYS_LATE.next_change(datetime(2024, 3, 9, 20, 0)) == datetime(2024, 3, 10, 2, 0)


def test_days_and_spans_are_read_as_curators_write_them() -> None:
    assert parse_days("mon-fri") == [0, 1, 2, 3, 4]
    assert parse_days("sat-sun") == [5, 6]
    assert parse_days("fri-mon") == [4, 5, 6, 0]
    assert parse_days("weekdays") is None
    assert parse_span("9:00-17:30") == (540, 1050)
    assert parse_span("22:00-02:00") == (1320, 1560)
    assert parse_span("nine to five") is None


def test_the_show_closes_goes_dark_and_still_then_opens_on_the_first_slide(small_show) -> None:
    clock = ManualClock(wall_start=datetime(2024, 3, 5, 17, 0))  # a Tuesday
    show = ShowController(replace(small_show, schedule=WEEKDAYS_LATE), clock)
    keeper = RecordingKeeper()
    OpeningHours(WEEKDAYS_LATE, show, clock, keeper)
    assert show.is_open and keeper.calls == ["hold"]
    clock.advance(29 * 60 + 59)  # 17:29:59: the show has been playing
    assert show.is_open and show.playing
    clock.advance(2)  # 17:30:01
    assert show.closed and show.dark and not show.playing
    assert keeper.calls == ["hold", "release"]
    assert clock.pending_count == 1  # only the wake-up for opening time
    index = show.currentIndex
    clock.advance(60)
    show.user_input()
    show.next()
    assert show.currentIndex == index  # keys do nothing while closed
    clock.advance((15 * 60 + 29) * 60)  # Wednesday 09:00:01 is a closed date: still closed
    assert show.closed
    clock.advance(24 * 3600)  # Thursday 09:00
    assert show.is_open and show.playing and not show.dark
    assert show.currentIndex == 0
    assert keeper.calls == ["hold", "release", "hold"]


def test_a_closed_slide_is_shown_instead_of_black(small_show) -> None:
    schedule = replace(WEEKDAYS_LATE, closed_slide="closing")
    clock = ManualClock(wall_start=datetime(2024, 3, 5, 20, 0))
    show = ShowController(replace(small_show, schedule=schedule), clock)
    OpeningHours(schedule, show, clock, ScreenKeeper())
    assert show.closed and not show.dark
    assert show.currentIndex == 3


def test_schedule_mistakes_are_reported_where_they_are(write_show) -> None:
    from kiosk.content.errors import ContentError

    path = write_show(
        """\
        show:
          schedule:
            weekdays: "09:00-17:00"
            sat: "nine-five"
            closed: [2024-13-01]
            closed_slide: nowhere
        slides:
          - {id: a, layout: cover}
        """
    )
    with pytest.raises(ContentError) as caught:
        load_show(path)
    messages = [str(p) for p in caught.value.problems]
    assert messages[0].startswith(
        "slides.yaml:2:3: error: show.schedule.closed_slide: no slide has the id 'nowhere'"
    )
    assert messages[1].startswith("slides.yaml:3:5: error: show.schedule.weekdays: 'weekdays' is not a day")
    assert messages[2].startswith(
        "slides.yaml:4:10: error: show.schedule.sat: 'nine-five' is not a span of hours"
    )
    assert messages[3].startswith(
        "slides.yaml:5:14: error: show.schedule.closed[0]: '2024-13-01' is not a date"
    )


def test_a_valid_schedule_loads(write_show) -> None:
    path = write_show(
        """\
        show:
          schedule: {mon-fri: "09:00-17:30", sat-sun: ["10:00-12:00", "14:00-18:00"], closed: [2024-01-01]}
        slides:
          - {id: a, layout: cover}
        """
    )
    schedule = load_show(path)[0].schedule
    assert schedule.is_open(datetime(2024, 3, 9, 11, 0))
    assert not schedule.is_open(datetime(2024, 3, 9, 13, 0))
    assert not schedule.is_open(datetime(2024, 1, 1, 10, 0))
