"""The attract line: after a while with nobody at the screen it invites the next visitor; the
first touch takes it away."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk.content.loader import load_show
from kiosk.tools.offscreen import items_named, wait_until

from ..helpers import SMALL_SHOW

ATTRACT = "  attract: {zh: 触摸屏幕了解更多, en: Touch to explore}\n  attract_after_seconds: 40\n"


def attract_show(small_show_file, extra: str = ""):
    text = small_show_file.read_text(encoding="utf-8")
    small_show_file.write_text(text.replace("show:\n", "show:\n" + ATTRACT + extra, 1), encoding="utf-8")
    return load_show(small_show_file)[0]


def test_the_line_appears_after_a_quiet_while_and_any_touch_removes_it(open_kiosk, small_show_file, clock):
    kiosk = open_kiosk(attract_show(small_show_file))
    (line,) = items_named(kiosk.window.contentItem(), "attract")
    clock.advance(39)
    assert not kiosk.attract.shown
    clock.advance(1)
    assert kiosk.attract.shown
    assert line.property("text") == "触摸屏幕了解更多"
    assert wait_until(lambda: line.parentItem().parentItem().opacity() == 1)
    QTest.keyClick(kiosk.window, Qt.Key.Key_Right)
    assert not kiosk.attract.shown
    clock.advance(30)
    assert not kiosk.attract.shown  # the wait starts again from the last input
    clock.advance(10)
    assert kiosk.attract.shown
    QTest.mouseClick(
        kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(600, 200)
    )
    assert not kiosk.attract.shown


def test_in_both_languages_mode_it_reads_in_both(open_kiosk, small_show_file, clock):
    kiosk = open_kiosk(attract_show(small_show_file, "  language_mode: both\n"))
    clock.advance(40)
    assert (kiosk.attract.text, kiosk.attract.textSecond) == ("触摸屏幕了解更多", "Touch to explore")


def test_a_show_without_the_line_never_shows_one_and_keeps_no_timer_for_it(open_kiosk, small_show, clock):
    kiosk = open_kiosk(small_show)
    assert SMALL_SHOW.count("attract") == 0
    clock.advance(600)
    assert not kiosk.attract.shown


def test_a_dark_screen_shows_no_line(open_kiosk, small_show_file, clock):
    kiosk = open_kiosk(attract_show(small_show_file))
    kiosk.controller.toggle_blackout()
    clock.advance(120)
    assert not kiosk.attract.shown
