"""A read-only list model of the slides for QML, with texts in the show's current language."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Slot,
)
from PySide6.QtQml import QmlElement, QmlUncreatable

from ..content.fields import fields_of_kind
from ..content.model import Figure, Show, Slide, Text, thousands_separator
from .qrcode import qr_source

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

# one role per text field of a slide (from its field table), plus what the views need besides
ROLES = ("slideId", "layout", "number", *fields_of_kind(Slide, "text"), "figures", "imageUrl", "imageState")
# language_mode "both": each text again in the second language ("" when there is none to show)
SECOND_SUFFIX = "Second"
ROLES += (*(name + SECOND_SUFFIX for name in fields_of_kind(Slide, "text")), "linkCode")
ROLES += ("clipPlayer", "clipState")  # the slide's video player (or null) and how far it is
_ROLE_IDS = {name: Qt.ItemDataRole.UserRole + 1 + i for i, name in enumerate(ROLES)}
_ROLE_NAMES = {role: name for name, role in _ROLE_IDS.items()}


@QmlElement
@QmlUncreatable("the slide model is made by Python and given to Main")
class SlideModel(QAbstractListModel):
    """Rows are slides; `imageUrl`/`imageState` follow the asset cache, texts the language."""

    def __init__(
        self,
        show: Show,
        language: str,
        images: Any = None,
        parent: QObject | None = None,
        clips: Any = None,
    ) -> None:
        super().__init__(parent)
        self._show = show
        self._language = language
        self._second = ""  # the language shown beneath the first in language_mode "both"
        self._images = images
        self._clips = clips

    def roleNames(self) -> dict[int, QByteArray]:
        return {role: QByteArray(name.encode()) for role, name in _ROLE_NAMES.items()}

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._show.slides)

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._show.slides):
            return None
        name = _ROLE_NAMES.get(role)
        if name is None:
            return None
        if name == "linkCode" or name.startswith("link_label"):
            return self.link_value(index.row(), name)
        if name.endswith(SECOND_SUFFIX):
            return self.second_text(getattr(self._show.slides[index.row()], name.removesuffix(SECOND_SUFFIX)))
        return self.value(self._show.slides[index.row()], name)

    def link_value(self, row: int, name: str) -> str:
        """A slide's read-more QR code (as an image URL) and label, or the show's when the
        slide gives none."""
        link, label = self._show.link_of(row)
        if name == "linkCode":
            return qr_source(link)
        return self.second_text(label) if name.endswith(SECOND_SUFFIX) else label.get(self._language)

    def second_text(self, text: Text) -> str:
        """The text in the second language, unless it reads the same as the first."""
        if not self._second:
            return ""
        second = text.get(self._second)
        return "" if second == text.get(self._language) else second

    def value(self, slide: Slide, name: str) -> Any:
        language = self._language
        if name == "slideId":
            return slide.id
        if name == "layout":
            return slide.layout
        if name == "number":
            return slide.number or 0
        if name == "figures":
            return [self.figure(figure, language) for figure in slide.figures]
        if name == "imageUrl":
            return self._images.url(slide.picture) if self._images and slide.picture else ""
        if name == "imageState":
            if slide.clip is not None and self.value(slide, "clipState") in ("ready", "ended"):
                return "covered"  # the clip is drawn where the picture (its poster) would be
            if slide.picture is None:  # a clip without a poster that cannot play: the placeholder
                return "failed" if self.value(slide, "clipState") == "failed" else "none"
            return self._images.state(slide.picture) if self._images else "failed"
        if name == "clipPlayer":
            return self._clips.player(slide) if self._clips else None
        if name == "clipState":
            return self._clips.state(slide) if self._clips else ("none" if slide.clip is None else "failed")
        return getattr(slide, name).get(language)

    def figure(self, figure: Figure, language: str) -> dict[str, Any]:
        """What KeyFigure draws: the amount for `language`, how that language groups digits,
        and the label in the second language when both are shown."""
        amount = figure.amount(language)
        return {
            "value": amount.value,
            "decimals": amount.decimals,
            "grouping": thousands_separator(language),
            "unit": figure.unit.get(language),
            "label": figure.label.get(language),
            "labelSecond": self.second_text(figure.label),
        }

    def set_language(self, language: str, second: str = "") -> None:
        """`second`: the language shown beneath the first (language_mode both), or ""."""
        self._language = language
        self._second = second
        self._changed_all()

    def set_show(self, show: Show) -> None:
        self.beginResetModel()
        self._show = show
        self.endResetModel()

    def image_changed(self, path: object) -> None:
        roles = [_ROLE_IDS["imageUrl"], _ROLE_IDS["imageState"]]
        for row, slide in enumerate(self._show.slides):
            if slide.picture == path:
                self.dataChanged.emit(self.index(row), self.index(row), roles)

    @Slot(int, int, int, bool)
    def drawPictureAt(self, row: int, width: int, height: int, covers: bool) -> None:
        """A slide's view draws its picture into this box (device pixels), whole or cropped to
        cover it: the picture is decoded for it (see assets.ImageCache.draw_at)."""
        if not 0 <= row < len(self._show.slides) or self._images is None:
            return
        picture = self._show.slides[row].picture
        if picture is not None:
            self._images.draw_at(picture, QSize(width, height), covers)

    def clip_changed(self, key: object) -> None:
        roles = [_ROLE_IDS["clipState"], _ROLE_IDS["imageState"]]
        for row, slide in enumerate(self._show.slides):
            if slide.id == getattr(key, "slide_id", None):
                self.dataChanged.emit(self.index(row), self.index(row), roles)

    def _changed_all(self) -> None:
        if self._show.slides:
            self.dataChanged.emit(self.index(0), self.index(len(self._show.slides) - 1))
