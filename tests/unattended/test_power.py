"""Keeping the display awake while the hall is open, and letting it sleep when it closes."""

from __future__ import annotations

import ctypes
import logging
import sys

import pytest

from kiosk.unattended.power import (
    DBusScreenKeeper,
    DeferredScreenKeeper,
    WindowsScreenKeeper,
    platform_screen_keeper,
)


class FakeKernel:
    def __init__(self) -> None:
        self.states: list[int] = []

    def SetThreadExecutionState(self, flags: int) -> int:
        self.states.append(flags)
        return 1


def test_on_windows_the_display_is_kept_on_while_open_and_released_at_closing(monkeypatch) -> None:
    kernel = FakeKernel()
    monkeypatch.setattr(ctypes, "windll", type("WinDLL", (), {"kernel32": kernel})(), raising=False)
    keeper = WindowsScreenKeeper()
    keeper.hold()
    keeper.hold()  # opening twice asks once
    keeper.release()
    display_on = WindowsScreenKeeper.ES_CONTINUOUS | WindowsScreenKeeper.ES_DISPLAY_REQUIRED
    assert kernel.states[0] & display_on == display_on
    assert kernel.states[1:] == [WindowsScreenKeeper.ES_CONTINUOUS]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the D-Bus keeper is for Linux desktops")
def test_without_a_desktop_session_the_show_runs_on_and_says_it_cannot_keep_the_display_awake(
    monkeypatch, caplog
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/kiosk-test-bus")
    with caplog.at_level(logging.INFO, logger="kiosk"):
        keeper = platform_screen_keeper()
        keeper.hold()
        keeper.release()
    assert isinstance(keeper, DBusScreenKeeper)
    assert "cannot keep the display awake" in caplog.text


def test_the_display_is_kept_awake_from_the_moment_the_keeper_starts_if_the_hall_opened_before() -> None:
    calls: list[str] = []

    class Recording(WindowsScreenKeeper):
        def hold(self) -> None:
            calls.append("hold")

        def release(self) -> None:
            calls.append("release")

    keeper = DeferredScreenKeeper(Recording)
    keeper.hold()  # opening hours say open before the first slide is drawn
    assert calls == []  # the session bus is not reached on the way to the first frame
    keeper.start()
    assert calls == ["hold"]
    keeper.release()
    assert calls == ["hold", "release"]
