"""`kiosk render`: every slide as a PNG at the hall's resolution, drawn by the show's own QML.

Slides are drawn in their final state (no transitions, count-ups finished), so the pictures
show what a visitor reads once the slide has settled.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtQuick import QQuickItem

from .app import Kiosk, RunOptions
from .clock import ManualClock
from .model import Show

SETTLE_TIMEOUT_S = 20.0


def wait_until(condition: Callable[[], bool], timeout: float = SETTLE_TIMEOUT_S) -> bool:
    """Runs the event loop until `condition()` holds (True) or the timeout passes (False)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    return True


def items_named(root: QQuickItem, name: str) -> list[QQuickItem]:
    """Every item under `root` (in the visual tree) with that objectName."""
    found = []
    for child in root.childItems():
        if child.objectName() == name:
            found.append(child)
        found.extend(items_named(child, name))
    return found


def open_still(show: Show, size: QSize, language: str | None = None) -> Kiosk:
    """A show window whose clock never moves, so it stays on whatever slide it is told."""
    options = RunOptions(size=size, language=language, animate=False)
    kiosk = Kiosk(show, options, clock=ManualClock())
    kiosk.present()
    return kiosk


def settle_on(kiosk: Kiosk, index: int) -> None:
    """Shows slide `index` and waits until it and its picture are drawn."""
    kiosk.controller.go_to_index(index)
    slide = kiosk.controller.show.slides[index]
    wait_until(
        lambda: (
            kiosk.controller.currentIndex == index
            and (slide.image is None or kiosk.cache.state(slide.image) in ("ready", "failed"))
        )
    )
    QCoreApplication.processEvents()


def render_slides(
    show: Show, out_dir: Path, size: QSize, language: str | None = None, only: str | None = None
) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    kiosk = open_still(show, size, language)
    written: list[tuple[Path, str]] = []
    try:
        for index, slide in enumerate(show.slides):
            if only is not None and slide.id != only:
                continue
            settle_on(kiosk, index)
            path = out_dir / f"{index + 1:02d}-{slide.id}.png"
            kiosk.window.grabWindow().save(str(path))
            written.append((path, slide.id))
    finally:
        kiosk.close()
    if only is None:
        sheet = out_dir / "contact-sheet.png"
        contact_sheet(written, size).save(str(sheet))
    return [path for path, _ in written]


def contact_sheet(frames: list[tuple[Path, str]], size: QSize, columns: int = 4) -> QImage:
    """All slides in a grid, each labelled with its id, for a one-glance review."""
    scale = 480 / max(size.width(), size.height())
    tile = QSize(round(size.width() * scale), round(size.height() * scale))
    label_height, gap = 36, 16
    rows = (len(frames) + columns - 1) // columns
    sheet = QImage(
        columns * (tile.width() + gap) + gap,
        rows * (tile.height() + label_height + gap) + gap,
        QImage.Format.Format_RGB32,
    )
    sheet.fill(QColor("#202428"))
    painter = QPainter(sheet)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    font = QFont(QCoreApplication.instance().font())
    font.setPixelSize(20)
    painter.setFont(font)
    painter.setPen(QColor("#e8e8e8"))
    for i, (path, slide_id) in enumerate(frames):
        x = gap + (i % columns) * (tile.width() + gap)
        y = gap + (i // columns) * (tile.height() + label_height + gap)
        painter.drawImage(QRect(x, y, tile.width(), tile.height()), QImage(str(path)))
        painter.drawText(
            QRect(x, y + tile.height(), tile.width(), label_height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            f"{i + 1:02d}  {slide_id}",
        )
    painter.end()
    return sheet
