"""The composition root: builds the pieces of a running show and wires them together.

slides.yaml → Show → SlideModel → QML; keys and touches → InputController → ShowController
→ QML follows. Nothing here decides policy; it only connects.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from .clock import Clock, QtClock
from .content.model import Show
from .player.assets import PROVIDER_ID, ImageCache, SlideImageProvider, SlidePreparer
from .player.controller import ShowController
from .player.fonts import choose_family
from .player.input import InputController
from .player.slidemodel import SlideModel
from .player.style import Style
from .player.video import ClipBank, VideoPreparer
from .unattended.hours import OpeningHours, ScreenKeeper
from .unattended.memory import TRIM_DELAY_SECONDS, release_free_memory
from .unattended.watch import ShowWatcher

log = logging.getLogger(__name__)

QML_DIR = Path(__file__).resolve().parent / "player" / "qml"
WINDOWED_SIZE = QSize(1280, 720)


@dataclass
class RunOptions:
    windowed: bool = False
    screen: int | None = None
    start_index: int = 0
    language: str | None = None
    size: QSize | None = None  # a fixed window size instead of full screen (tests, render)
    animate: bool = True
    watch: bool = False  # reload slides.yaml and its pictures when they change
    keeper: ScreenKeeper | None = None  # keeps the display awake in opening hours


def pick_screen(number: int | None) -> QScreen:
    screens = QGuiApplication.screens()
    if number is None or not 0 <= number < len(screens):
        if number is not None:
            log.warning(
                "there is no screen %d (screens: 0-%d); using the primary one", number, len(screens) - 1
            )
        return QGuiApplication.primaryScreen()
    return screens[number]


class RunningShow(QObject):
    """One running show: its controller, model, picture cache, window and input."""

    def __init__(self, show: Show, options: RunOptions, clock: Clock | None = None) -> None:
        super().__init__()
        self.options = options
        # created first so it is destroyed first: no binding outlives the objects it reads
        self.engine = QQmlApplicationEngine(self)
        self.clock = clock or QtClock(self)
        screen = pick_screen(options.screen)
        size = options.size or (WINDOWED_SIZE if options.windowed else screen.size())
        self.cache = ImageCache(size * screen.devicePixelRatio(), self)
        self.clips = ClipBank(self)
        self.preparer = VideoPreparer(SlidePreparer(self.cache), self.clips)
        self.controller = ShowController(
            show, self.clock, self.preparer, options.start_index, options.language, self
        )
        self.model = SlideModel(show, self.controller.language, self.cache, self, clips=self.clips)
        self.cache.changed.connect(self.model.image_changed)
        self.clips.changed.connect(self.model.clip_changed)
        self.controller.languageChanged.connect(lambda: self.model.set_language(self.controller.language))
        self.controller.showChanged.connect(self._content_replaced)
        self.controller.slideShown.connect(
            lambda _index: self.clock.call_later(TRIM_DELAY_SECONDS, release_free_memory)
        )
        self.hours = OpeningHours(
            show.schedule, self.controller, self.clock, options.keeper or ScreenKeeper()
        )
        self.watcher: ShowWatcher | None = None
        if options.watch:
            self.watcher = ShowWatcher(show, self.clock, self)
            self.watcher.reloaded.connect(self._reloaded)
        self.style = Style(show.theme, size, options.animate, self)
        self.window = self._load_window()
        self.window.setScreen(screen)
        self.window.resize(size)
        self.window.widthChanged.connect(self._fit_style)
        self.window.heightChanged.connect(self._fit_style)
        self.input = InputController(self.window, self.controller, self.clock, windowed=options.windowed)
        self.clips.follow(self.controller)

    def _load_window(self) -> QQuickWindow:
        self.engine.addImportPath(str(QML_DIR))
        self.engine.addImageProvider(PROVIDER_ID, SlideImageProvider(self.cache))
        self.style.attach_to(self.engine)
        self.engine.setInitialProperties({"controller": self.controller, "slides": self.model})
        self.engine.loadFromModule("Kiosk", "Main")
        roots = self.engine.rootObjects()
        if not roots:
            raise RuntimeError("the show's QML could not be loaded (see the messages above)")
        window = roots[0]
        assert isinstance(window, QQuickWindow)
        return window

    def _reloaded(self, show: Show) -> None:
        self.cache.forget_all()
        self.clips.forget_all()
        self.controller.replace_show(show)

    def _content_replaced(self) -> None:
        show = self.controller.show
        self.model.set_show(show)
        self.style.set_theme(show.theme)
        self.hours.set_schedule(show.schedule)

    def _fit_style(self) -> None:
        self.style.fit(self.window.width(), self.window.height())

    def close(self) -> None:
        """Closes the window and frees the engine and everything the QML read."""
        self.input.allow_close = True
        self.cache.shut_down()
        self.clips.shut_down()
        self.window.close()
        self.engine.deleteLater()
        self.deleteLater()

    def present(self) -> None:
        if self.options.windowed or self.options.size is not None:
            self.window.show()
        else:
            self.window.setFlag(Qt.WindowType.FramelessWindowHint, True)
            self.window.showFullScreen()


def route_qt_messages() -> None:
    """Qt's and QML's own warnings go to our log, not to a dialog or a bare stderr line."""
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }
    qt_log = logging.getLogger("qt")

    def handler(kind: QtMsgType, context: object, message: str) -> None:
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)


def make_qt_app(requested_font: str = "") -> QGuiApplication:
    """The Qt application, drawing with the show's font (bundled CJK font if need be)."""
    route_qt_messages()
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    app.setApplicationName("kiosk")
    font = app.font()
    font.setFamily(choose_family(requested_font))
    app.setFont(font)
    return app
