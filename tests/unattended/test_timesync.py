"""What the OS says about the clock, read from chrony, timedatectl and w32tm as they print it,
and a warning once an hour while it says the clock is not synchronised."""

from __future__ import annotations

import logging

import pytest

from kiosk.unattended import timesync
from kiosk.unattended.timesync import (
    UNKNOWN,
    TimeStatus,
    TimeSyncMonitor,
    parse_chrony_tracking,
    parse_timedatectl,
    parse_w32tm_status,
    read_time_status,
)

CHRONY_SYNCED = """\
Reference ID    : C0A80001 (ntp.hall.lan)
Stratum         : 3
Ref time (UTC)  : Fri Nov 27 09:00:01 2026
System time     : 0.000214563 seconds slow of NTP time
Last offset     : -0.000011205 seconds
RMS offset      : 0.000035117 seconds
Frequency       : 12.345 ppm fast
Leap status     : Normal
"""

CHRONY_UNSYNCED = """\
Reference ID    : 00000000 ()
Stratum         : 0
System time     : 0.000000000 seconds fast of NTP time
Leap status     : Not synchronised
"""

W32TM_SYNCED = """\
Leap Indicator: 0(no warning)
Stratum: 4 (secondary reference - syncd by (S)NTP)
Precision: -23 (119.209ns per tick)
ReferenceId: 0x0A000001 (source IP:  10.0.0.1)
Last Successful Sync Time: 11/27/2026 9:00:00 AM
Source: dc1.hall.lan
Poll Interval: 6 (64s)
"""

W32TM_FREE_RUNNING_ZH = """\
闰秒指示符: 3(未同步)
层次: 0 (未指定)
源: Local CMOS Clock
"""


def test_chrony_says_synchronised_and_by_how_much_the_clock_is_off() -> None:
    status = parse_chrony_tracking(CHRONY_SYNCED)
    assert (status.source, status.synchronised) == ("chrony", True)
    assert status.offset_s == pytest.approx(-0.000214563)  # slow: behind the reference
    assert status.as_status()["offset_ms"] == pytest.approx(-0.215)
    assert parse_chrony_tracking(CHRONY_UNSYNCED).synchronised is False


def test_timedatectl_and_w32tm_say_yes_or_no_in_english_or_chinese() -> None:
    assert parse_timedatectl("NTP=yes\nNTPSynchronized=yes\n").synchronised is True
    assert parse_timedatectl("NTP=no\nNTPSynchronized=no\n").synchronised is False
    assert parse_w32tm_status(W32TM_SYNCED).synchronised is True
    assert parse_w32tm_status(W32TM_FREE_RUNNING_ZH).synchronised is False


@pytest.mark.parametrize(
    "garbage", ["", "Segmentation fault", "\x00\x01", "Leap status\n", "NTPSynchronized=maybe"]
)
def test_output_that_cannot_be_read_means_unknown_not_an_error(garbage: str) -> None:
    for parse in (parse_chrony_tracking, parse_timedatectl, parse_w32tm_status):
        assert parse(garbage).synchronised is None


def test_the_first_tool_that_answers_clearly_is_believed() -> None:
    asked = []

    def run(command):
        asked.append(command[0])
        return {"chronyc": None, "timedatectl": "NTPSynchronized=yes\n"}.get(command[0])

    assert read_time_status(run, platform="linux").source == "timedatectl"
    assert asked == ["chronyc", "timedatectl"]
    assert read_time_status(lambda command: W32TM_SYNCED, platform="win32").source == "w32tm"
    assert read_time_status(lambda command: None, platform="linux") == UNKNOWN


def test_a_missing_tool_is_unknown() -> None:
    assert timesync.run_tool(["kiosk-no-such-time-tool"]) is None


def test_an_unsynchronised_clock_is_logged_once_an_hour(caplog) -> None:
    caplog.set_level(logging.INFO)
    now = [1000.0]
    monitor = TimeSyncMonitor(
        warn=True, read=lambda: TimeStatus("chrony", False, None, "no reference"), monotonic=lambda: now[0]
    )
    for _ in range(12):  # an hour of checks every five minutes
        monitor.check()
        now[0] += 300
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1 and "not synchronised" in warnings[0].getMessage()
    monitor.check()
    assert len([record for record in caplog.records if record.levelno == logging.WARNING]) == 2


def test_a_synchronised_clock_or_a_show_without_sync_says_nothing(caplog) -> None:
    caplog.set_level(logging.DEBUG)
    TimeSyncMonitor(warn=True, read=lambda: TimeStatus("chrony", True, 0.0001)).check()
    TimeSyncMonitor(warn=False, read=lambda: TimeStatus("chrony", False)).check()
    assert not caplog.records
