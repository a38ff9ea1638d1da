"""What every key, click, tap and swipe means, and the event filter that applies it.

Keyboards, presenter clickers and IR remotes all arrive as keys; mice and touch screens as
taps and swipes. Every input first reports `user_input()` to the show (so auto-advance knows
someone is there), then calls one show verb.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QCursor, QKeyEvent, QTouchEvent, QWindow

from ..clock import Clock, Pending
from .controller import ShowController
from .overview import PINCH_IN_RATIO, Overview, is_open_key, move_for_key

Key = Qt.Key
CURSOR_HIDE_SECONDS = 3.0
SWIPE_MIN_FRACTION = 0.06  # of the window width
TAP_MAX_FRACTION = 0.02  # a press that moved less than this is a tap
PREVIOUS_ZONE_FRACTION = 1 / 3  # a tap on the left third goes back


class Action(enum.Enum):
    NEXT = "next"
    PREVIOUS = "previous"
    FIRST = "first"
    LAST = "last"
    PAUSE = "pause"
    BLACKOUT = "blackout"
    LANGUAGE = "language"
    QUIT = "quit"
    LEAVE_WINDOWED = "leave-windowed"


KEYMAP: dict[Key, Action] = {
    Key.Key_Right: Action.NEXT,
    Key.Key_Down: Action.NEXT,
    Key.Key_PageDown: Action.NEXT,
    Key.Key_Space: Action.NEXT,
    Key.Key_Return: Action.NEXT,
    Key.Key_Enter: Action.NEXT,
    Key.Key_N: Action.NEXT,
    Key.Key_MediaNext: Action.NEXT,
    Key.Key_Left: Action.PREVIOUS,
    Key.Key_Up: Action.PREVIOUS,
    Key.Key_PageUp: Action.PREVIOUS,
    Key.Key_Backspace: Action.PREVIOUS,
    Key.Key_MediaPrevious: Action.PREVIOUS,
    Key.Key_Home: Action.FIRST,
    Key.Key_End: Action.LAST,
    Key.Key_P: Action.PAUSE,
    Key.Key_MediaPlay: Action.PAUSE,
    Key.Key_MediaPause: Action.PAUSE,
    Key.Key_MediaTogglePlayPause: Action.PAUSE,
    Key.Key_F5: Action.PAUSE,
    Key.Key_B: Action.BLACKOUT,
    Key.Key_Period: Action.BLACKOUT,
    Key.Key_Slash: Action.BLACKOUT,
    Key.Key_L: Action.LANGUAGE,
}
NUMBER_KEYS: dict[int, int] = {int(getattr(Key, f"Key_{n}").value): n or 10 for n in range(10)}
QUIT_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def action_for_key(key: int, modifiers: Qt.KeyboardModifier, windowed: bool) -> Action | None:
    """The action a key press asks for. Esc pauses like F5 in full screen (clickers send both)
    and only leaves a --windowed run; nothing but Ctrl+Shift+Q ends a full-screen show."""
    if key == Key.Key_Q and modifiers & QUIT_MODIFIERS == QUIT_MODIFIERS:
        return Action.QUIT
    if key == Key.Key_Escape:
        return Action.LEAVE_WINDOWED if windowed else Action.PAUSE
    if modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
        return None
    return _ACTION_BY_KEY_VALUE.get(int(key))


_ACTION_BY_KEY_VALUE = {int(key.value): action for key, action in KEYMAP.items()}


def apply(action: Action, show: ShowController) -> None:
    verbs = {
        Action.NEXT: show.next,
        Action.PREVIOUS: show.previous,
        Action.FIRST: show.first,
        Action.LAST: show.last,
        Action.PAUSE: show.toggle_pause,
        Action.BLACKOUT: show.toggle_blackout,
        Action.LANGUAGE: show.cycle_language,
        Action.QUIT: show.request_quit,
        Action.LEAVE_WINDOWED: show.request_quit,
    }
    verbs[action]()


@dataclass(frozen=True)
class Gesture:
    """A finished press: where it started and ended, in window coordinates."""

    start: QPointF
    end: QPointF
    width: float

    def action(self) -> Action | None:
        dx = self.end.x() - self.start.x()
        dy = self.end.y() - self.start.y()
        if abs(dx) >= SWIPE_MIN_FRACTION * self.width and abs(dx) > abs(dy):
            return Action.NEXT if dx < 0 else Action.PREVIOUS
        if self.is_tap:
            return Action.PREVIOUS if self.end.x() < self.width * PREVIOUS_ZONE_FRACTION else Action.NEXT
        return None

    @property
    def is_tap(self) -> bool:
        dx = self.end.x() - self.start.x()
        dy = self.end.y() - self.start.y()
        return max(abs(dx), abs(dy)) <= TAP_MAX_FRACTION * self.width


def spread(points: dict[int, QPointF]) -> float:
    """How far apart the first two fingers are."""
    first, second = list(points.values())[:2]
    return math.hypot(first.x() - second.x(), first.y() - second.y())


class InputController(QObject):
    """An event filter on the show's window that turns input into show verbs."""

    def __init__(
        self,
        window: QWindow,
        show: ShowController,
        clock: Clock,
        windowed: bool,
        overview: Overview | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._show = show
        self._overview = overview
        self._touch_starts: dict[int, QPointF] = {}  # where each finger of this touch came down
        self._touch_ends: dict[int, QPointF] = {}
        self._fingers = 0  # the most fingers down at once during this touch
        self._clock = clock
        self._windowed = windowed
        self._press: QPointF | None = None
        self._cursor_timer: Pending | None = None
        self.allow_close = windowed
        window.installEventFilter(self)
        self._set_cursor_visible(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            return self._key(event)
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            return self._touch(event)
        if kind == QEvent.Type.MouseMove:
            self._show_cursor_briefly()
        elif kind == QEvent.Type.MouseButtonPress:
            self._press = event.position()
            self._show_cursor_briefly()
            return True
        elif kind == QEvent.Type.MouseButtonRelease:
            return self._release(event.position())
        elif kind == QEvent.Type.Close and not self.allow_close:
            event.ignore()  # Alt+F4 must not close a full-screen show
            return True
        return False

    def _key(self, event: QKeyEvent) -> bool:
        if event.isAutoRepeat():
            return True
        key = event.key()
        if self._overview_key(key, event.modifiers()):
            return True
        action = action_for_key(key, event.modifiers(), self._windowed)
        number = NUMBER_KEYS.get(int(key)) if action is None and not event.modifiers() else None
        if action is None and number is None:
            return False
        self._show.user_input()
        if number is not None:
            self._show.go_to_number(number)
        elif action is not None:
            self._run(action)
        return True

    def _overview_key(self, key: int, modifiers: Qt.KeyboardModifier) -> bool:
        """O and the menu key open the overview; while it is open, arrows move its selection
        and Return opens a slide (number keys open that highlight). Other keys act as usual."""
        overview = self._overview
        if overview is None or modifiers & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        if not overview.open:
            if not is_open_key(key):
                return False
            self._show.user_input()
            overview.show_overview()
            return True
        move = move_for_key(key)
        number = NUMBER_KEYS.get(int(key))
        if move is None and number is None:
            return False
        self._show.user_input()
        if move is not None:
            overview.move(move)
        elif (index := self._show.show.index_of_number(number)) is not None:
            overview.choose(index)
        return True

    def _run(self, action: Action) -> None:
        if action in (Action.QUIT, Action.LEAVE_WINDOWED):
            self.allow_close = True
        apply(action, self._show)

    def _touch(self, event: QTouchEvent) -> bool:
        """One finger taps and swipes; two fingers pinching in open the overview (and
        spreading apart close it)."""
        for point in event.points():
            if point.id() not in self._touch_starts:
                self._touch_starts[point.id()] = point.position()
            self._touch_ends[point.id()] = point.position()
        self._fingers = max(self._fingers, len(self._touch_starts))
        if event.type() == QEvent.Type.TouchBegin and event.points():
            self._press = event.points()[0].position()
        elif event.type() in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            if self._fingers >= 2:
                self._press = None
                self._pinch(spread(self._touch_ends) / max(1.0, spread(self._touch_starts)))
            elif self._touch_ends:
                self._release(next(iter(self._touch_ends.values())))
            self._touch_starts.clear()
            self._touch_ends.clear()
            self._fingers = 0
        return True

    def _pinch(self, ratio: float) -> None:
        if self._overview is None:
            return
        if ratio <= PINCH_IN_RATIO and not self._overview.open:
            self._show.user_input()
            self._overview.show_overview()
        elif ratio >= 1 / PINCH_IN_RATIO and self._overview.open:
            self._show.user_input()
            self._overview.close()

    def _release(self, position: QPointF) -> bool:
        start, self._press = self._press, None
        if start is None:
            return True
        gesture = Gesture(start, position, float(self._window.width()))
        overview = self._overview
        if overview is not None and overview.open:
            self._show.user_input()
            if gesture.is_tap:  # a swipe over the grid turns no page under it
                overview.tap(position)
            return True
        if overview is not None and gesture.is_tap and overview.on_strip(position):
            self._show.user_input()
            overview.show_overview()
            return True
        action = gesture.action()
        if action is not None:
            self._show.user_input()
            self._run(action)
        return True

    def _show_cursor_briefly(self) -> None:
        self._set_cursor_visible(True)
        if self._cursor_timer is not None:
            self._cursor_timer.cancel()
        self._cursor_timer = self._clock.call_later(
            CURSOR_HIDE_SECONDS, lambda: self._set_cursor_visible(False)
        )

    def _set_cursor_visible(self, visible: bool) -> None:
        shape = Qt.CursorShape.ArrowCursor if visible else Qt.CursorShape.BlankCursor
        self._window.setCursor(QCursor(shape))
