"""How the show looks, for every QML view at once: the theme's colours and the tints derived
from them, the layout unit for the window's size, and whether things move.

One `Style` per show window, reached from QML as the singleton `Style` of the `Kiosk` module.
It follows hot reloads (`set_theme`) and window resizes (`fit`), so no view keeps a copy.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, QSize, Signal
from PySide6.QtGui import QColor
from PySide6.QtQml import QmlElement, QmlSingleton, QQmlEngine

from ..content.model import Theme

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

ENGINE_PROPERTY = "kioskStyle"  # where an engine keeps its show's Style until QML asks for it
DESIGN_LANDSCAPE = QSize(1920, 1080)  # one unit is one pixel on these screens
DESIGN_PORTRAIT = QSize(1080, 1920)
MARGIN_UNITS = 88
STRIP_UNITS = 120
# Read from 3 m: no text of a slide, the quieter second language included, is smaller than this
# many units (20 px on a 1920x1080 screen).
SMALLEST_TEXT_UNITS = 20
# How many lines a key figure's label may take, in the main and in the second language. Four
# lines each let the longer English labels sit under a figure three to a row; longer is too much
# to read under a number.
LABEL_LINES = 4
SECOND_LABEL_LINES = 4


def theme_colors(theme: Theme) -> dict[str, QColor]:
    """The theme's three colours and the tints the views derive from them."""
    background, text = QColor(theme.background), QColor(theme.text)
    muted = QColor(text)
    muted.setAlphaF(0.68)
    veil = QColor(background)
    veil.setAlphaF(0.94)
    return {
        "background": background,
        "backgroundTop": background.lighter(135),
        "panel": background.lighter(160),
        "accent": QColor(theme.accent),
        "text": text,
        "muted": muted,
        "veil": veil,
    }


@QmlElement
@QmlSingleton
class Style(QObject):
    themeChanged = Signal()
    layoutChanged = Signal()

    def __init__(self, theme: Theme, size: QSize, animate: bool = True, parent: QObject | None = None):
        super().__init__(parent)
        self._colors = theme_colors(theme)
        self._size = QSize(size)
        self._animate = animate

    @staticmethod
    def create(engine: QQmlEngine) -> Style:
        """Called by QML the first time a view names `Style`: the one its show put there."""
        style = engine.property(ENGINE_PROPERTY)
        assert isinstance(style, Style), "RunningShow gives every engine its Style before loading QML"
        return style

    def attach_to(self, engine: QQmlEngine) -> None:
        engine.setProperty(ENGINE_PROPERTY, self)

    def set_theme(self, theme: Theme) -> None:
        colors = theme_colors(theme)
        if colors != self._colors:
            self._colors = colors
            self.themeChanged.emit()

    def fit(self, width: int, height: int) -> None:
        if QSize(width, height) != self._size:
            self._size = QSize(width, height)
            self.layoutChanged.emit()

    @property
    def size(self) -> QSize:
        """The window's size in pixels, as last fitted."""
        return QSize(self._size)

    # -- colours ---------------------------------------------------------------------------

    @Property(QColor, notify=themeChanged)
    def background(self) -> QColor:
        return self._colors["background"]

    @Property(QColor, notify=themeChanged)
    def backgroundTop(self) -> QColor:
        return self._colors["backgroundTop"]

    @Property(QColor, notify=themeChanged)
    def panel(self) -> QColor:
        return self._colors["panel"]

    @Property(QColor, notify=themeChanged)
    def accent(self) -> QColor:
        return self._colors["accent"]

    @Property(QColor, notify=themeChanged)
    def text(self) -> QColor:
        return self._colors["text"]

    @Property(QColor, notify=themeChanged)
    def muted(self) -> QColor:
        return self._colors["muted"]

    @Property(QColor, notify=themeChanged)
    def veil(self) -> QColor:
        return self._colors["veil"]

    # -- layout ----------------------------------------------------------------------------

    @Property(bool, notify=layoutChanged)
    def portrait(self) -> bool:
        return self._size.height() > self._size.width()

    @Property(float, notify=layoutChanged)
    def unit(self) -> float:
        """One unit is one pixel on a 1920x1080 landscape or 1080x1920 portrait screen."""
        design = DESIGN_PORTRAIT if self.portrait else DESIGN_LANDSCAPE
        return min(self._size.width() / design.width(), self._size.height() / design.height())

    @Property(float, notify=layoutChanged)
    def margin(self) -> float:
        return MARGIN_UNITS * self.unit

    @Property(float, notify=layoutChanged)
    def stripHeight(self) -> float:
        return STRIP_UNITS * self.unit

    @Property(float, notify=layoutChanged)
    def smallestText(self) -> float:
        """The pixel size below which no slide text goes, even the second language's."""
        return SMALLEST_TEXT_UNITS * self.unit

    @Property(int, constant=True)
    def labelLines(self) -> int:
        return LABEL_LINES

    @Property(int, constant=True)
    def secondLabelLines(self) -> int:
        return SECOND_LABEL_LINES

    # -- motion ----------------------------------------------------------------------------

    @Property(bool, constant=True)
    def animate(self) -> bool:
        """False for `render` and `check`: slides appear in their final state at once."""
        return self._animate
