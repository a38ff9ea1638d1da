"""The overview: every slide as a thumbnail in a grid, to pick the one a visitor wants.

Opened with O, the remote's menu key, a pinch-in or a tap on the progress strip; arrows move
the selection, Return or a tap opens a slide; it closes by itself after the show's
`idle_resume_seconds` and the show plays on. The grid's geometry is worked out here, so the
view draws exactly the cells a tap is matched against.

Thumbnails are the slides' own views, each drawn once into a texture (a ShaderEffectSource
with live: false, updated once) when its slide has been on screen and settled (picture
decoded, figures counted up), and kept until the language or the window size changes. Why
not grabToImage: that reads every thumbnail back from the GPU into memory and uploads it
again through an image provider; a texture stays where it is drawn. And why only once the
slide has been shown: only the current slide and its neighbours have their pictures
decoded, so a hidden slide drawn any earlier would show no picture. A slide not yet seen in
this language shows its number, and its title under it like every cell.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

from PySide6.QtCore import Property, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from ..clock import Clock, Pending
from .controller import COUNT_UP_MS, ShowController
from .style import Style

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

Key = Qt.Key

HEADING_UNITS = 110  # the band above the grid with the show's title
GAP_UNITS = 28  # between cells
LABEL_UNITS = 22  # the label's font size: read at arm's length, where the overview is used
LABEL_LINES = 3
LABEL_LINE_HEIGHT = 1.3
MIN_LABEL_WIDTH_UNITS = 300  # a label narrower than this wraps a title into too many lines
PINCH_IN_RATIO = 0.7  # two fingers ending closer than this fraction of where they began


class Move(enum.Enum):
    LEFT = "left"
    RIGHT = "right"
    UP = "up"
    DOWN = "down"
    FIRST = "first"
    LAST = "last"
    OPEN = "open"  # show the selected slide
    CLOSE = "close"  # back to the slide that was up


OPEN_KEYS = (Key.Key_O, Key.Key_Menu)
OVERVIEW_KEYMAP: dict[Key, Move] = {
    Key.Key_Left: Move.LEFT,
    Key.Key_PageUp: Move.LEFT,  # presenter clickers only have PageUp / PageDown
    Key.Key_MediaPrevious: Move.LEFT,
    Key.Key_Right: Move.RIGHT,
    Key.Key_PageDown: Move.RIGHT,
    Key.Key_MediaNext: Move.RIGHT,
    Key.Key_Up: Move.UP,
    Key.Key_Down: Move.DOWN,
    Key.Key_Home: Move.FIRST,
    Key.Key_End: Move.LAST,
    Key.Key_Return: Move.OPEN,
    Key.Key_Enter: Move.OPEN,
    Key.Key_Space: Move.OPEN,
    Key.Key_O: Move.CLOSE,
    Key.Key_Menu: Move.CLOSE,
    Key.Key_Escape: Move.CLOSE,
    Key.Key_Backspace: Move.CLOSE,
}
_MOVE_BY_KEY_VALUE = {int(key.value): move for key, move in OVERVIEW_KEYMAP.items()}


def move_for_key(key: int) -> Move | None:
    return _MOVE_BY_KEY_VALUE.get(int(key))


def is_open_key(key: int) -> bool:
    return int(key) in {int(k.value) for k in OPEN_KEYS}


@dataclass(frozen=True)
class Grid:
    """Cells in rows; each cell a thumbnail with its label under it (or beside it)."""

    count: int
    columns: int
    x: float  # the grid's top left corner in the window
    y: float
    cell_width: float
    cell_height: float
    gap: float
    thumb_width: float
    thumb_height: float
    label_beside: bool

    @property
    def rows(self) -> int:
        return math.ceil(self.count / self.columns)

    def cell(self, index: int) -> QRectF:
        column, row = index % self.columns, index // self.columns
        return QRectF(
            self.x + column * (self.cell_width + self.gap),
            self.y + row * (self.cell_height + self.gap),
            self.cell_width,
            self.cell_height,
        )

    def index_at(self, point: QPointF) -> int | None:
        for index in range(self.count):
            if self.cell(index).contains(point):
                return index
        return None


def lay_out(count: int, width: float, height: float, unit: float, margin: float) -> Grid:
    """The grid with the largest thumbnails that puts all `count` slides on one screen, each
    with room for a title of three lines: labels under the thumbnails, or beside them where
    that leaves bigger thumbnails (tall portrait slides)."""
    count = max(1, count)
    gap = GAP_UNITS * unit
    label_height = LABEL_UNITS * unit * LABEL_LINE_HEIGHT * LABEL_LINES + 12 * unit
    room_width = width - 2 * margin
    room_height = height - HEADING_UNITS * unit - margin * 0.75
    aspect = width / height
    candidates = []
    for columns in range(1, count + 1):
        rows = math.ceil(count / columns)
        cell_width = (room_width - (columns - 1) * gap) / columns
        cell_height = (room_height - (rows - 1) * gap) / rows
        # under: the label below the thumbnail, the cell as wide as the thumbnail (so labels
        # line up under their pictures and the grid stays centred)
        thumb_width = min(cell_width, (cell_height - label_height) * aspect)
        if thumb_width > 0 and cell_width >= MIN_LABEL_WIDTH_UNITS * unit / 2:
            height_used = thumb_width / aspect + label_height
            candidates.append(
                Grid(
                    count,
                    columns,
                    0,
                    0,
                    max(thumb_width, MIN_LABEL_WIDTH_UNITS * unit / 2),
                    height_used,
                    gap,
                    thumb_width,
                    thumb_width / aspect,
                    False,
                )
            )
        # beside: the label takes what the thumbnail leaves of the cell's width
        thumb_width = min(cell_height * aspect, cell_width - gap - MIN_LABEL_WIDTH_UNITS * unit)
        if thumb_width > 0 and cell_height >= label_height:
            candidates.append(
                Grid(
                    count,
                    columns,
                    0,
                    0,
                    cell_width,
                    cell_height,
                    gap,
                    thumb_width,
                    thumb_width / aspect,
                    True,
                )
            )
    if not candidates:  # a tiny window: one column of labels
        cell_height = (room_height - (count - 1) * gap) / count
        candidates.append(Grid(count, 1, 0, 0, room_width, cell_height, gap, 0, 0, False))
    best = max(candidates, key=lambda grid: grid.thumb_width)
    used_width = best.columns * best.cell_width + (best.columns - 1) * gap
    used_height = best.rows * best.cell_height + (best.rows - 1) * gap
    return Grid(
        count,
        best.columns,
        (width - used_width) / 2,
        HEADING_UNITS * unit + max(0.0, (room_height - used_height) / 2),
        best.cell_width,
        best.cell_height,
        gap,
        best.thumb_width,
        best.thumb_height,
        best.label_beside,
    )


@QmlElement
@QmlUncreatable("the overview is made by Python and given to Main")
class Overview(QObject):
    """The overview's state: open or not, which cell is selected, the grid, and when each
    slide's thumbnail is captured. Input calls the verbs; QML follows the properties."""

    openChanged = Signal()
    selectedChanged = Signal()
    gridChanged = Signal()
    captureRequested = Signal(int)  # QML: take slide N's thumbnail from its view now

    def __init__(self, show: ShowController, clock: Clock, style: Style, parent: QObject | None = None):
        super().__init__(parent)
        self._show = show
        self._clock = clock
        self._style = style
        self._open = False
        self._selected = 0
        self._idle: Pending | None = None
        self._capture: Pending | None = None
        self._captured: set[tuple[int, str]] = set()
        self._grid = self._lay_out()
        show.slideShown.connect(self._slide_shown)
        show.showChanged.connect(self._content_changed)
        show.languageChanged.connect(self._forget_thumbnails)
        show.userInput.connect(self.note_input)
        style.layoutChanged.connect(self._content_changed)

    # -- properties read by QML ------------------------------------------------------------

    def _get_open(self) -> bool:
        return self._open

    open = Property(bool, _get_open, notify=openChanged)

    def _get_selected(self) -> int:
        return self._selected

    selected = Property(int, _get_selected, notify=selectedChanged)

    @property
    def grid(self) -> Grid:
        return self._grid

    @Property(int, notify=gridChanged)
    def columns(self) -> int:
        return self._grid.columns

    @Property(float, notify=gridChanged)
    def gridX(self) -> float:
        return self._grid.x

    @Property(float, notify=gridChanged)
    def gridY(self) -> float:
        return self._grid.y

    @Property(float, notify=gridChanged)
    def cellWidth(self) -> float:
        return self._grid.cell_width

    @Property(float, notify=gridChanged)
    def cellHeight(self) -> float:
        return self._grid.cell_height

    @Property(float, notify=gridChanged)
    def gap(self) -> float:
        return self._grid.gap

    @Property(float, notify=gridChanged)
    def thumbWidth(self) -> float:
        return self._grid.thumb_width

    @Property(float, notify=gridChanged)
    def thumbHeight(self) -> float:
        return self._grid.thumb_height

    @Property(bool, notify=gridChanged)
    def labelBeside(self) -> bool:
        return self._grid.label_beside

    @Property(float, constant=True)
    def labelUnits(self) -> float:
        return LABEL_UNITS

    @Property(int, constant=True)
    def labelLines(self) -> int:
        return LABEL_LINES

    # -- verbs -----------------------------------------------------------------------------

    def show_overview(self) -> None:
        """Opens the grid with the current slide selected; the show holds while it is open."""
        if self._open or self._show.dark:
            return
        self._show.hold()
        self._open = True
        self._select(max(0, self._show.currentIndex))
        self.openChanged.emit()
        self.note_input()  # the idle countdown starts now, not at the key that opened it

    def close(self) -> None:
        if not self._open:
            return
        self._open = False
        self._cancel_idle()
        self.openChanged.emit()

    def move(self, move: Move) -> None:
        count = len(self._show.show.slides)
        columns = self._grid.columns
        targets = {
            Move.LEFT: self._selected - 1,
            Move.RIGHT: self._selected + 1,
            Move.UP: self._selected - columns if self._selected >= columns else self._selected,
            Move.DOWN: self._selected + columns if self._selected + columns < count else self._selected,
            Move.FIRST: 0,
            Move.LAST: count - 1,
        }
        if move is Move.OPEN:
            self.choose(self._selected)
        elif move is Move.CLOSE:
            self.close()
        else:
            self._select(targets[move] % count)

    def choose(self, index: int) -> None:
        """Opens slide `index` and closes the grid."""
        self._select(index)
        self.close()
        self._show.choose(index)

    def tap(self, point: QPointF) -> None:
        """A tap or click in the open overview: on a thumbnail it opens that slide."""
        index = self._grid.index_at(point)
        if index is not None:
            self.choose(index)

    def on_strip(self, point: QPointF) -> bool:
        """Whether a tap landed on the progress strip along the bottom (which opens the grid)."""
        return point.y() >= self._style.size.height() - self._style.stripHeight

    def note_input(self) -> None:
        """Any input while the overview is open restarts its idle countdown."""
        if not self._open:
            return
        self._cancel_idle()
        self._idle = self._clock.call_later(self._show.show.idle_resume_seconds, self._close_after_idle)

    # -- internals ---------------------------------------------------------------------------

    def _select(self, index: int) -> None:
        index = max(0, min(index, len(self._show.show.slides) - 1))
        if index != self._selected:
            self._selected = index
            self.selectedChanged.emit()

    def _close_after_idle(self) -> None:
        self._idle = None
        self.close()

    def _cancel_idle(self) -> None:
        if self._idle is not None:
            self._idle.cancel()
            self._idle = None

    def _lay_out(self) -> Grid:
        size = self._style.size
        return lay_out(
            len(self._show.show.slides), size.width(), size.height(), self._style.unit, self._style.margin
        )

    def _content_changed(self) -> None:
        self._grid = self._lay_out()
        self.gridChanged.emit()
        self._forget_thumbnails()

    def _forget_thumbnails(self) -> None:
        """A new language or size: thumbnails are taken again as their slides come up (the old
        ones stay on show until then)."""
        self._captured.clear()
        if self._show.currentIndex >= 0 and not self._show.settling:
            self._slide_shown(self._show.currentIndex)

    def _slide_shown(self, index: int) -> None:
        """Takes the slide's thumbnail once it has settled: transition over, figures counted."""
        if self._capture is not None:
            self._capture.cancel()
            self._capture = None
        key = (index, self._show.language)
        if key in self._captured:
            return
        settle_ms = (self._show.transitionMs + COUNT_UP_MS) if self._style.animate else 0
        if settle_ms == 0:
            self._take(index, key)
        else:
            self._capture = self._clock.call_later(settle_ms / 1000, lambda: self._take(index, key))

    def _take(self, index: int, key: tuple[int, str]) -> None:
        self._capture = None
        if self._show.currentIndex == index and not self._show.dark:
            self._captured.add(key)
            self.captureRequested.emit(index)
