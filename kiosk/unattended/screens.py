"""Screens that come and go: the TV switched off at night takes its HDMI screen with it, and it
may come back at another resolution, or as another screen.

While the show's screen is gone the show runs on (timers, opening hours, logs) with nowhere to
draw. When a screen appears, or the chosen one changes size, the window goes back full screen
on the screen it was told to use (or the primary one) at that screen's size; the window's new
size then lays the text out afresh and decodes the pictures again (RunningShow follows it).
Each change is logged once.

Most platforms say when a screen goes (screenRemoved). X11 does not when the last output is
switched off: Qt quietly turns that screen into a placeholder named after the X display,
same object, same size, no signal. So the screen's name is also looked at every few seconds.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QRect, QTimer
from PySide6.QtGui import QGuiApplication, QScreen, QWindow

log = logging.getLogger(__name__)

LOOK_SECONDS = 2.0  # how often the screen's name is compared, for X11's silent placeholder


def choose_screen(number: int | None, warn: bool = True) -> QScreen | None:
    """Screen `number`, or the primary one when there is no such screen (None: no screen)."""
    screens = QGuiApplication.screens()
    if number is not None and 0 <= number < len(screens):
        return screens[number]
    if number is not None and warn:
        log.warning("there is no screen %d (screens: 0-%d); using the primary one", number, len(screens) - 1)
    return QGuiApplication.primaryScreen()


def describe(screen: QScreen | None) -> str:
    if screen is None:
        return "no screen"
    size = screen.size()
    return f"{screen.name() or 'screen'} {size.width()}x{size.height()}"


def is_real(screen: QScreen | None) -> bool:
    return screen is not None and not screen.geometry().isEmpty()


class ScreenFollower(QObject):
    """Keeps a full-screen window on its screen as screens come, go and change size."""

    def __init__(self, window: QWindow, wanted: int | None, full_screen: bool, parent: QObject | None = None):
        super().__init__(parent)
        self._window = window
        self._wanted = wanted
        self._full_screen = full_screen
        self._watched: QScreen | None = None
        self._seated: QRect | None = None  # the geometry last seated on, so a change is said once
        self._name = ""  # the watched screen's name when seated
        self._lost: QScreen | None = None  # a screen object that stands in for one gone away
        self.screen_lost = False
        self._look = QTimer(self)
        self._look.timeout.connect(self._look_at_name)
        if full_screen:  # the wall's window; a desk window or a still frame needs no looking
            self._look.start(round(LOOK_SECONDS * 1000))
        app = QGuiApplication.instance()
        app.screenAdded.connect(self._screen_added)
        app.screenRemoved.connect(self._screen_removed)
        app.primaryScreenChanged.connect(self._primary_changed)
        self._watch(window.screen())
        # a screen told by number is found again by its name (HDMI-1), else by its number when
        # as many screens are back as at the start (a monitor swapped for one on another port)
        self._wanted_name = self._name if wanted is not None else ""
        self._screens_at_start = len(QGuiApplication.screens())

    def _watch(self, screen: QScreen | None) -> None:
        if self._watched is screen:
            return
        if self._watched is not None:
            try:
                self._watched.geometryChanged.disconnect(self._geometry_changed)
            except (RuntimeError, TypeError):
                pass  # the screen object is already gone
        self._watched = screen
        if screen is not None:
            screen.geometryChanged.connect(self._geometry_changed)
            self._seated = QRect(screen.geometry())
            self._name = screen.name()

    def _look_at_name(self) -> None:
        screen = self._watched
        if screen is None or self.screen_lost:
            return
        try:
            name = screen.name()
        except RuntimeError:  # Qt deleted the screen object without a screenRemoved
            self._watched = None
            self.reseat()
            return
        if name != self._name:
            self._gone(screen, self._name)
            self._lost = screen

    def _screen_added(self, screen: QScreen) -> None:
        log.info("screens: %s appeared", describe(screen))
        self.reseat()

    def _screen_removed(self, screen: QScreen) -> None:
        if screen is self._lost:
            self._lost = None
        if screen is self._watched:
            self._watch(None)
            self._gone(screen, screen.name())
            self.reseat()  # another screen may still be there
            if self.screen_lost and self._wanted is not None and self._full_screen:
                self._window.hide()  # Qt would move it onto the screen left: another show's

    def _gone(self, screen: QScreen, name: str) -> None:
        if not self.screen_lost:
            self.screen_lost = True
            log.warning(
                "screens: the show's screen (%s %dx%d) went away; the show runs on and goes back "
                "full screen when a screen comes back",
                name,
                screen.size().width(),
                screen.size().height(),
            )

    def _primary_changed(self, screen: QScreen | None) -> None:
        if is_real(screen) and screen is not self._lost and (self._wanted is None or self.screen_lost):
            self.reseat()

    def _target(self) -> QScreen | None:
        """The screen the show was told to use, else the primary, never a stand-in for a
        screen that went away."""
        screens = [screen for screen in QGuiApplication.screens() if screen is not self._lost]
        if self._wanted is not None:
            named = [screen for screen in screens if screen.name() == self._wanted_name]
            if named:
                return named[0]
            if len(screens) >= self._screens_at_start and 0 <= self._wanted < len(screens):
                return screens[self._wanted]
            return None  # not back yet: not onto another show's screen either
        primary = QGuiApplication.primaryScreen()
        if primary is not None and primary is not self._lost:
            return primary
        return screens[0] if screens else None

    def _geometry_changed(self, geometry: QRect) -> None:
        if geometry != self._seated and not geometry.isEmpty():
            name = self._watched.name() if self._watched is not None else "the screen"
            log.info("screens: %s is now %dx%d", name, geometry.width(), geometry.height())
            self.reseat()

    def reseat(self) -> None:
        """Full screen again on the chosen screen (or the primary), at its present size."""
        target = self._target()
        if not is_real(target):
            return
        assert target is not None
        geometry = QRect(target.geometry())
        if self.screen_lost:
            log.info("screens: the show is back on %s", describe(target))
            self.screen_lost = False
        self._watch(target)
        self._seated = geometry
        if not self._full_screen:
            return  # a window of a chosen size (a desk, a test) stays as the user left it
        self._window.setScreen(target)
        self._window.setGeometry(geometry)
        self._window.showFullScreen()
