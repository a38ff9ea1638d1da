"""Every key, click, tap and swipe of the README's table, sent to a real show window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from kiosk.player.input import CURSOR_HIDE_SECONDS, KEYMAP, Action, action_for_key
from kiosk.tools.offscreen import wait_until

Key = Qt.Key

NEXT_KEYS = [
    Key.Key_Right,
    Key.Key_Down,
    Key.Key_PageDown,
    Key.Key_Space,
    Key.Key_Return,
    Key.Key_N,
    Key.Key_MediaNext,
]
PREVIOUS_KEYS = [Key.Key_Left, Key.Key_Up, Key.Key_PageUp, Key.Key_Backspace, Key.Key_MediaPrevious]
PAUSE_KEYS = [Key.Key_P, Key.Key_MediaTogglePlayPause, Key.Key_MediaPlay, Key.Key_F5, Key.Key_Escape]
BLACKOUT_KEYS = [Key.Key_B, Key.Key_Period, Key.Key_Slash]


def press(kiosk, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(kiosk.window, key, modifiers)
    settle(kiosk)


def settle(kiosk) -> None:
    assert wait_until(lambda: not kiosk.controller.settling)


@pytest.mark.parametrize("key", NEXT_KEYS, ids=lambda k: k.name)
def test_next_keys_go_to_the_next_slide(open_kiosk, small_show, key) -> None:
    kiosk = open_kiosk(small_show)
    press(kiosk, key)
    assert kiosk.controller.currentIndex == 1
    assert not kiosk.controller.playing  # manual navigation holds the slide


@pytest.mark.parametrize("key", PREVIOUS_KEYS, ids=lambda k: k.name)
def test_previous_keys_go_back(open_kiosk, small_show, key) -> None:
    kiosk = open_kiosk(small_show, start_index=2)
    press(kiosk, key)
    assert kiosk.controller.currentIndex == 1


def test_home_and_end_go_to_the_first_and_last_slides(open_kiosk, small_show) -> None:
    kiosk = open_kiosk(small_show, start_index=1)
    press(kiosk, Key.Key_End)
    assert kiosk.controller.currentIndex == 3
    press(kiosk, Key.Key_Home)
    assert kiosk.controller.currentIndex == 0


def test_digit_keys_go_to_that_highlight_and_zero_to_the_tenth(open_kiosk, real_show) -> None:
    kiosk = open_kiosk(real_show)
    for digit in "1234567890":
        press(kiosk, getattr(Key, f"Key_{digit}"))
        assert kiosk.controller.highlightNumber == (int(digit) or 10)


@pytest.mark.parametrize("key", PAUSE_KEYS, ids=lambda k: k.name)
def test_pause_keys_pause_and_resume(open_kiosk, small_show, clock, key) -> None:
    kiosk = open_kiosk(small_show)
    press(kiosk, key)
    assert kiosk.controller.paused
    clock.advance(60)
    assert kiosk.controller.currentIndex == 0
    press(kiosk, key)
    assert kiosk.controller.playing


@pytest.mark.parametrize("key", BLACKOUT_KEYS, ids=lambda k: k.name)
def test_blackout_keys_blank_the_screen_and_bring_it_back(open_kiosk, small_show, key) -> None:
    kiosk = open_kiosk(small_show)
    press(kiosk, key)
    assert kiosk.controller.blackout
    press(kiosk, key)
    assert not kiosk.controller.blackout


def test_l_cycles_the_language_of_every_text(open_kiosk, small_show) -> None:
    kiosk = open_kiosk(small_show, start_index=1)
    title = kiosk.model.index(1)
    role = next(r for r, name in kiosk.model.roleNames().items() if bytes(name) == b"title")
    assert kiosk.model.data(title, role) == "第一个亮点"
    press(kiosk, Key.Key_L)
    assert kiosk.controller.language == "en"
    assert kiosk.model.data(title, role) == "The first highlight"


def test_only_ctrl_shift_q_ends_a_full_screen_show(open_kiosk, small_show, qtbot) -> None:
    kiosk = open_kiosk(small_show)
    with qtbot.assertNotEmitted(kiosk.controller.quitRequested):
        press(kiosk, Key.Key_Escape)
        press(kiosk, Key.Key_Q)
        press(kiosk, Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
        kiosk.window.close()  # what Alt+F4 asks the window to do
        QGuiApplication.processEvents()
    assert kiosk.window.isVisible()
    with qtbot.waitSignal(kiosk.controller.quitRequested, timeout=1000):
        press(kiosk, Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def test_esc_leaves_a_windowed_run(open_kiosk, small_show, qtbot) -> None:
    kiosk = open_kiosk(small_show, windowed=True)
    with qtbot.waitSignal(kiosk.controller.quitRequested, timeout=1000):
        press(kiosk, Key.Key_Escape)


def test_a_click_on_the_right_goes_on_and_on_the_left_third_goes_back(open_kiosk, small_show) -> None:
    kiosk = open_kiosk(small_show, start_index=1)
    width, middle = kiosk.window.width(), kiosk.window.height() // 2
    QTest.mouseClick(
        kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(width // 2, middle)
    )
    settle(kiosk)
    assert kiosk.controller.currentIndex == 2
    QTest.mouseClick(
        kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(width // 5, middle)
    )
    settle(kiosk)
    assert kiosk.controller.currentIndex == 1


def touch_drag(kiosk, start: QPoint, end: QPoint) -> None:
    device = QTest.createTouchDevice()
    QTest.touchEvent(kiosk.window, device).press(0, start).commit()
    QTest.touchEvent(kiosk.window, device).move(0, end).commit()
    QTest.touchEvent(kiosk.window, device).release(0, end).commit()
    settle(kiosk)


def test_swipes_and_taps_on_a_touch_screen(open_kiosk, small_show) -> None:
    kiosk = open_kiosk(small_show, start_index=1)
    y = kiosk.window.height() // 2
    touch_drag(kiosk, QPoint(700, y), QPoint(300, y))  # swipe left
    assert kiosk.controller.currentIndex == 2
    touch_drag(kiosk, QPoint(300, y), QPoint(700, y))  # swipe right
    assert kiosk.controller.currentIndex == 1
    touch_drag(kiosk, QPoint(900, y), QPoint(900, y))  # tap on the right
    assert kiosk.controller.currentIndex == 2
    touch_drag(kiosk, QPoint(50, y), QPoint(52, y))  # tap on the left third
    assert kiosk.controller.currentIndex == 1


def test_a_mouse_drag_is_a_swipe_too(open_kiosk, small_show) -> None:
    kiosk = open_kiosk(small_show, start_index=1)
    y = kiosk.window.height() // 2
    QTest.mousePress(kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(200, y))
    QTest.mouseMove(kiosk.window, QPoint(500, y))
    QTest.mouseRelease(
        kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(600, y)
    )
    settle(kiosk)
    assert kiosk.controller.currentIndex == 0


def test_the_cursor_shows_while_the_mouse_moves_then_hides(open_kiosk, small_show, clock) -> None:
    kiosk = open_kiosk(small_show)
    assert kiosk.window.cursor().shape() == Qt.CursorShape.BlankCursor
    QTest.mouseMove(kiosk.window, QPoint(100, 100))
    QTest.mouseMove(kiosk.window, QPoint(140, 120))
    QGuiApplication.processEvents()
    assert kiosk.window.cursor().shape() == Qt.CursorShape.ArrowCursor
    clock.advance(CURSOR_HIDE_SECONDS)
    assert kiosk.window.cursor().shape() == Qt.CursorShape.BlankCursor


def test_the_key_table_has_no_gaps_or_clashes() -> None:
    tested = NEXT_KEYS + PREVIOUS_KEYS + PAUSE_KEYS + BLACKOUT_KEYS
    assert {key for key in KEYMAP} - {Key.Key_Enter, Key.Key_MediaPause} <= set(tested) | {
        Key.Key_Home,
        Key.Key_End,
        Key.Key_L,
    }
    assert (
        action_for_key(Key.Key_Escape, Qt.KeyboardModifier.NoModifier, windowed=True) is Action.LEAVE_WINDOWED
    )
    assert action_for_key(Key.Key_Right, Qt.KeyboardModifier.AltModifier, windowed=False) is None
