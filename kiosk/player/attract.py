"""The attract line: when nobody has touched the screen for `attract_after_seconds`, the
show's `attract` text ("Touch to explore" / 触摸屏幕了解更多) appears on the strip; any input
takes it away again. QML only fades it in and out.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from ..clock import Clock, Pending
from .controller import ShowController

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("the attract line is made by Python and given to Main")
class Attract(QObject):
    shownChanged = Signal()
    textChanged = Signal()

    def __init__(self, show: ShowController, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show = show
        self._clock = clock
        self._shown = False
        self._pending: Pending | None = None
        show.userInput.connect(self._restart)
        show.showChanged.connect(self._restart)
        show.languageChanged.connect(self.textChanged)
        show.darkChanged.connect(self._restart)
        self._restart()

    def _get_shown(self) -> bool:
        """True while the line is up: nobody touched the screen for a while, and it is lit."""
        return self._shown and bool(self._get_text())

    shown = Property(bool, _get_shown, notify=shownChanged)

    def _get_text(self) -> str:
        return self._show.show.attract.get(self._show.language)

    text = Property(str, _get_text, notify=textChanged)

    def _get_text_second(self) -> str:
        """The line in the second language (language_mode both), or ""."""
        second = self._show.secondLanguage
        attract = self._show.show.attract
        return attract.get(second) if second and attract.get(second) != self._get_text() else ""

    textSecond = Property(str, _get_text_second, notify=textChanged)

    def _restart(self) -> None:
        """Input, new content or the screen going dark or lit: the line goes, and the wait for
        it starts again (no timer runs while the screen is dark or there is no line)."""
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        self._set_shown(False)
        show = self._show.show
        if show.attract.all_texts() and not self._show.dark:
            self._pending = self._clock.call_later(show.attract_after_seconds, self._appear)

    def _appear(self) -> None:
        self._pending = None
        self._set_shown(True)

    def _set_shown(self, shown: bool) -> None:
        if shown != self._shown:
            self._shown = shown
            self.shownChanged.emit()
