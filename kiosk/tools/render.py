"""`kiosk render`: every slide as a PNG at the hall's resolution, drawn by the show's own QML.

Slides are drawn in their final state (no transitions, count-ups finished), so the pictures
show what a visitor reads once the slide has settled. After the slides comes the overview
(`overview.png`), its thumbnails taken from the slides just drawn.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from ..content.model import Show, Slide
from ..player.video import probe_clip, video_available
from .offscreen import open_still, settle_on


def render_slides(
    show: Show, out_dir: Path, size: QSize, language: str | None = None, only: str | None = None
) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kiosk-render-") as stills:
        return _render(as_stills(show, Path(stills)), out_dir, size, language, only, Path(stills))


def as_stills(show: Show, folder: Path) -> Show:
    """The show with every clip replaced by its poster, or by its first frame where it has
    none (offscreen Qt draws video black, and a PNG shows one moment anyway)."""
    return replace(show, slides=tuple(_still(slide, folder) for slide in show.slides))


def _still(slide: Slide, folder: Path) -> Slide:
    clip = slide.clip
    if clip is None:
        return slide
    frame = None
    if slide.picture is None and video_available():
        info = probe_clip(clip, frames=1)
        if info.first_frame is not None:
            frame = folder / f"{slide.id}-first-frame.png"
            info.first_frame.save(str(frame))
    if slide.picture is None and frame is None:
        return slide  # nothing to show but the placeholder, as on the wall
    if slide.video is not None:
        return replace(slide, video=None, poster=slide.poster or frame)
    return replace(slide, background=frame)


def _render(
    show: Show, out_dir: Path, size: QSize, language: str | None, only: str | None, stills: Path
) -> list[Path]:
    running = open_still(show, size, language, stills)
    written: list[tuple[Path, str]] = []
    try:
        for index, slide in enumerate(show.slides):
            if only is not None and slide.id != only:
                continue
            settle_on(running, index)
            path = out_dir / f"{index + 1:02d}-{slide.id}.png"
            running.window.grabWindow().save(str(path))
            written.append((path, slide.id))
        if only is None:
            overview = out_dir / "overview.png"
            grab_overview(running).save(str(overview))
    finally:
        running.close()
    if only is None:
        sheet = out_dir / "contact-sheet.png"
        contact_sheet(written, size).save(str(sheet))
    return [path for path, _ in written] + ([out_dir / "overview.png"] if only is None else [])


def grab_overview(running) -> QImage:
    """The overview as a visitor sees it after O, with the first slide selected."""
    running.controller.go_to_index(0)
    running.overview.show_overview()
    QCoreApplication.processEvents()
    image = running.window.grabWindow()
    running.overview.close()
    return image


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
