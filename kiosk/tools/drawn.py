"""What a slide shows, read back from the show's own QML scene: the picture of the slide and
every text on it with the slides.yaml field it comes from and where it was drawn. Used by the
PDF (text under the picture) and the preview (boxes around problems)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QImage

from ..app import RunningShow
from ..content.model import Show
from .check import painted_rect, scene_rect, text_items
from .offscreen import items_named, settle_on


@dataclass(frozen=True)
class DrawnText:
    field: str  # e.g. 'slides[2].title', 'slides[2].figures[0].unit', 'show.title'
    text: str
    font: QFont
    rect: QRectF  # in the window's pixels


@dataclass(frozen=True)
class Drawing:
    index: int
    language: str
    image: QImage
    texts: tuple[DrawnText, ...]
    picture: QRectF | None  # where the slide's picture is painted, if it shows one

    def rect_of(self, field: str) -> QRectF | None:
        """Where a field was drawn (several items of one field: the box around them all)."""
        rects = [text.rect for text in self.texts if text.field == field]
        if field.endswith(".image") and self.picture is not None:
            rects.append(self.picture)
        if not rects:
            return None
        united = rects[0]
        for rect in rects[1:]:
            united = united.united(rect)
        return united


def draw_slide(running: RunningShow, show: Show, index: int) -> Drawing:
    """Shows slide `index` on a still window, waits until it is drawn, and reads it back."""
    settle_on(running, index)
    slide = show.slides[index]
    (slide_item,) = items_named(running.window.contentItem(), f"slide-{slide.id}")
    texts = tuple(
        DrawnText(field, str(item.property("text")), QFont(item.property("font")), scene_rect(item))
        for item, field in text_items(slide_item, index)
        if str(item.property("text")).strip()
    )
    pictures = [painted_rect(item) for item in items_named(slide_item, "picture") if item.isVisible()]
    return Drawing(
        index,
        running.controller.language,
        running.window.grabWindow(),
        texts,
        pictures[0] if pictures else None,
    )
