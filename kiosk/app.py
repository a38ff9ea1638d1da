"""The composition root: builds the pieces of a running show and wires them together.

slides.yaml → Show → SlideModel → QML; keys and touches → InputController → ShowController
→ QML follows. Nothing here decides policy; it only connects.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt, QtMsgType, QUrl, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtQml import QQmlApplicationEngine, QQmlComponent
from PySide6.QtQuick import QQuickItem, QQuickWindow

from .clock import Clock, QtClock
from .content.errors import ExitCode
from .content.model import Show
from .hall.settings import ScreenSettings
from .player.assets import PROVIDER_ID, ImageCache, SlideImageProvider, SlidePreparer
from .player.attract import Attract
from .player.controller import ShowController
from .player.fonts import choose_family
from .player.frames import on_next_frame
from .player.input import InputController
from .player.overview import Overview
from .player.qrcode import QR_PROVIDER_ID, QrImageProvider
from .player.slidemodel import SlideModel
from .player.software_drawing import tune_software_drawing
from .player.style import Style
from .player.video import ClipBank, VideoPreparer
from .unattended.display import no_display_message
from .unattended.hours import OpeningHours, ScreenKeeper
from .unattended.lastgood import ContentStatus, LastGood, describe
from .unattended.memory import TRIM_DELAY_SECONDS, map_large_blocks, release_free_memory
from .unattended.screens import ScreenFollower, choose_screen
from .unattended.timesync import TimeSyncMonitor
from .unattended.watch import ShowWatcher

log = logging.getLogger(__name__)

# the QML views ship inside the package (wheel, bundle and clone alike); Qt needs real files
QML_DIR = Path(str(resources.files("kiosk.player") / "qml"))
WINDOWED_SIZE = QSize(1280, 720)
QT_WARNINGS_REMEMBERED = 500


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
    hall: ScreenSettings | None = None  # remote API, show control, OSC (kiosk.hall); None: off
    tools_folder: Path | None = None  # pictures a tool made (render's clip stills), not the curator's
    watch_path: Path | None = None  # the show file to watch, when the show came from elsewhere
    last_good: LastGood | None = None  # where each good reload is kept
    last_good_reason: str = ""  # set: the show is the last good copy, because of this


def pick_screen(number: int | None) -> QScreen:
    screen = choose_screen(number)
    assert screen is not None, "Qt always has a screen, if only a stand-in"
    return screen


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
        pictures = SlidePreparer(self.cache, options.tools_folder)
        self.preparer = VideoPreparer(pictures, self.clips)
        self.controller = ShowController(
            show, self.clock, self.preparer, options.start_index, options.language, self
        )
        if options.animate:
            pictures.settle_ms = self.controller.neighbour_wait_ms
        self.model = SlideModel(show, self.controller.language, self.cache, self, clips=self.clips)
        self.cache.changed.connect(self.model.image_changed)
        self.clips.changed.connect(self.model.clip_changed)
        self.controller.languageChanged.connect(
            lambda: self.model.set_language(self.controller.language, self.controller.secondLanguage)
        )
        self.model.set_language(self.controller.language, self.controller.secondLanguage)
        self.controller.showChanged.connect(self._content_replaced)
        self.controller.slideShown.connect(
            lambda _index: self.clock.call_later(TRIM_DELAY_SECONDS, release_free_memory)
        )
        self.hours = OpeningHours(
            show.schedule, self.controller, self.clock, options.keeper or ScreenKeeper()
        )
        self.content_status = ContentStatus(options.last_good_reason, self)
        self._from_copy = bool(options.last_good_reason)
        self.watcher: ShowWatcher | None = None
        if options.watch:
            self.watcher = ShowWatcher(show, self.clock, self, options.watch_path, options.last_good)
            self.watcher.reloaded.connect(self._reloaded)
            self.watcher.rejected.connect(lambda problems: self.content_status.fall_back(describe(problems)))
        self.style = Style(show.theme, size, options.animate, self)
        self.overview = Overview(self.controller, self.clock, self.style, self)
        self.attract = Attract(self.controller, self.clock, self)
        self.window = self._load_window()
        self.window.setScreen(screen)
        self.window.resize(size)
        self.window.widthChanged.connect(self._fit_style)
        self.window.heightChanged.connect(self._fit_style)
        self.full_screen = not options.windowed and options.size is None
        self.screens = ScreenFollower(self.window, options.screen, self.full_screen, self)
        self.marker = self._add_last_good_marker() if options.windowed else None
        self.input = InputController(
            self.window, self.controller, self.clock, windowed=options.windowed, overview=self.overview
        )
        self.clips.follow(self.controller)
        # whether the PC's clock is kept in step: reported to the hall, warned of when it matters
        self.time_sync = TimeSyncMonitor(warn=show.sync == "clock")
        if options.hall is not None or show.sync == "clock":
            self.time_sync.start()
        self.agent = None  # kiosk.hall.service.ScreenAgent when the hall may reach this show
        if options.hall is not None:
            self._start_agent(options.hall)

    def _start_agent(self, settings: ScreenSettings) -> None:
        """The hall's door into this show; AgentError (a message for people) if it cannot open.
        Imported here: a show without remote control never loads aiohttp and friends."""
        from .hall.service import ScreenAgent

        self.agent = ScreenAgent(
            settings,
            self.controller,
            self.window,
            self._reloaded,
            self,
            clock_status=self.time_sync.as_status,
        )
        if self.watcher is not None:
            self.watcher.reloaded.connect(lambda show: self.agent.state.reload_done(True, (), show.source))
            self.watcher.rejected.connect(lambda problems: self.agent.state.reload_done(False, problems))
        self.agent.start()

    def _load_window(self) -> QQuickWindow:
        self.engine.addImportPath(str(QML_DIR))
        self.engine.addImageProvider(PROVIDER_ID, SlideImageProvider(self.cache))
        self.engine.addImageProvider(QR_PROVIDER_ID, QrImageProvider())
        self.style.attach_to(self.engine)
        self.engine.setInitialProperties(
            {
                "controller": self.controller,
                "slides": self.model,
                "overview": self.overview,
                "attract": self.attract,
            }
        )
        self.engine.loadFromModule("Kiosk", "Main")
        roots = self.engine.rootObjects()
        if not roots:
            raise RuntimeError("the show's QML could not be loaded (see the messages above)")
        window = roots[0]
        assert isinstance(window, QQuickWindow)
        return window

    def _add_last_good_marker(self) -> QQuickItem | None:
        """A small corner note for the curator at the desk while the last good copy plays."""
        component = QQmlComponent(
            self.engine, QUrl.fromLocalFile(str(QML_DIR / "Kiosk" / "LastGoodMarker.qml"))
        )
        marker = component.createWithInitialProperties({"shown": self.content_status.fromLastGood})
        if not isinstance(marker, QQuickItem):
            log.warning("the last-good marker could not be drawn: %s", component.errorString())
            return None
        self.content_status.changed.connect(
            lambda: marker.setProperty("shown", self.content_status.fromLastGood)
        )
        marker.setParent(self.window)
        marker.setParentItem(self.window.contentItem())
        return marker

    def _reloaded(self, show: Show) -> None:
        self.cache.forget_all()
        self.clips.forget_all()
        self.controller.replace_show(show)
        self.content_status.back_on_file()
        if self._from_copy:  # the copy was started from: leave it now, not at the next change
            self._from_copy = False
            self.controller.go_to_index(max(0, self.controller.currentIndex))

    def _content_replaced(self) -> None:
        show = self.controller.show
        self.model.set_show(show)
        self.style.set_theme(show.theme)
        self.hours.set_schedule(show.schedule)

    def _fit_style(self) -> None:
        self.style.fit(self.window.width(), self.window.height())
        if self.full_screen and not self.window.size().isEmpty():
            # another screen or resolution: pictures are decoded again for the new size
            self.cache.set_box(self.window.size() * self.window.devicePixelRatio())

    def close(self) -> None:
        """Closes the window and frees the engine and everything the QML read."""
        self.input.allow_close = True
        self.time_sync.stop()
        if self.agent is not None:
            self.agent.stop()
        self.cache.shut_down()
        self.clips.shut_down()
        self.window.close()
        self.engine.deleteLater()
        self.deleteLater()

    def present(self) -> None:
        self._build_every_view_after_the_first_frame()
        if self.options.windowed or self.options.size is not None:
            self.window.show()
        else:
            self.window.setFlag(Qt.WindowType.FramelessWindowHint, True)
            self.window.showFullScreen()

    def _build_every_view_after_the_first_frame(self) -> None:
        """The first frame needs only the first slide's view; the others are built right after
        it, a piece in each frame's spare time (Main.qml `everyView`), then kept for good."""
        on_next_frame(self.window, lambda: self.window.setProperty("everyView", True))


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
    seen: dict[str, None] = {}  # warnings already logged, oldest first

    def handler(kind: QtMsgType, context: object, message: str) -> None:
        level = levels.get(kind, logging.WARNING)
        if level >= logging.WARNING:
            # the same warning on every loop (a decoder, a binding) is logged once
            if message in seen:
                level = logging.DEBUG
            else:
                seen[message] = None
                if len(seen) > QT_WARNINGS_REMEMBERED:
                    del seen[next(iter(seen))]
        qt_log.log(level, "%s", message)

    qInstallMessageHandler(handler)


def start_gui_or_exit() -> QGuiApplication:
    """Creates the QGuiApplication. When its platform plugin cannot start (no display server,
    or a library it needs is missing), Qt would print advice to reinstall and abort; instead
    this prints one line saying there is no display, with Qt's first reason, and exits with
    ExitCode.NO_DISPLAY. Qt's other messages while starting are held back until it has started."""
    held: list[str] = []

    def while_starting(kind: QtMsgType, context: object, message: str) -> None:
        if kind != QtMsgType.QtFatalMsg:
            held.append(message)
            return
        reason = next((line for line in held if "platform plugin" not in line), "") or next(iter(held), "")
        sys.stdout.flush()
        sys.stderr.write(
            no_display_message(f"Qt could not start its display plugin: {reason.strip()}") + "\n"
        )
        sys.stderr.flush()
        os._exit(ExitCode.NO_DISPLAY)

    qInstallMessageHandler(while_starting)
    app = QGuiApplication(sys.argv[:1])
    route_qt_messages()
    for message in held:
        logging.getLogger("qt").warning("%s", message)
    return app


def make_qt_app(requested_font: str = "") -> QGuiApplication:
    """The Qt application, drawing with the show's font (bundled CJK font if need be)."""
    tune_software_drawing()
    map_large_blocks()
    route_qt_messages()
    app = QGuiApplication.instance() or start_gui_or_exit()
    app.setApplicationName("kiosk")
    font = app.font()
    font.setFamily(choose_family(requested_font))
    app.setFont(font)
    return app
