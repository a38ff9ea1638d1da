"""Pictures for the slides: decoded off the GUI thread at the size they are shown, cached for
the current slide and its neighbours, and handed to QML through an image provider.

A slide is only presented once its picture is decoded (or has failed and will show a
placeholder), so the wall never shows a half-loaded slide.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage, QImageReader
from PySide6.QtQuick import QQuickImageProvider

from ..content.model import Show

log = logging.getLogger(__name__)

PROVIDER_ID = "slides"
MAX_SOURCE_PIXELS = 120_000_000  # larger non-JPEG files would need gigabytes to decode
NEIGHBOURS = (0, 1, -1, 2)  # current, next, previous, the one after next (auto-advance)


@dataclass
class _Entry:
    token: int
    state: str  # "loading" | "ready" | "failed"
    image: QImage | None = None
    error: str = ""


def decode(path: Path, box: QSize) -> tuple[QImage, str]:
    """Reads `path` scaled to fit `box` (never upscaling a photo); returns (image, error)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if not size.isValid():
        return QImage(), reader.errorString() or "not a picture the show can read"
    is_vector = path.suffix.lower() == ".svg"
    is_jpeg = bytes(reader.format()).lower() in (b"jpeg", b"jpg")
    if not is_vector and not is_jpeg and size.width() * size.height() > MAX_SOURCE_PIXELS:
        return QImage(), f"{size.width()}x{size.height()} pixels is too large to show"
    if is_vector or size.width() > box.width() or size.height() > box.height():
        reader.setScaledSize(size.scaled(box, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return QImage(), reader.errorString() or "the picture could not be decoded"
    return image, ""


class ImageCache(QObject):
    """Decodes in a thread pool; everything else happens on the GUI thread."""

    changed = Signal(object)  # the Path whose state or image changed
    _decoded = Signal(object, int, QImage, str)

    def __init__(self, box: QSize, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._box = box
        self._entries: dict[Path, _Entry] = {}
        self._by_token: dict[int, QImage] = {}
        self._next_token = 1
        self._waiters: dict[Path, list[Callable[[], None]]] = {}
        self._reported: set[Path] = set()  # broken pictures are logged once, not per visit
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._decoded.connect(self._on_decoded, Qt.ConnectionType.QueuedConnection)

    def state(self, path: Path) -> str:
        entry = self._entries.get(path)
        return entry.state if entry else "none"

    def url(self, path: Path) -> str:
        entry = self._entries.get(path)
        if entry is None or entry.state != "ready":
            return ""
        return f"image://{PROVIDER_ID}/{entry.token}"

    def image(self, token: int) -> QImage:
        return self._by_token.get(token, QImage())

    def error(self, path: Path) -> str:
        entry = self._entries.get(path)
        return entry.error if entry else ""

    def cached_paths(self) -> set[Path]:
        return set(self._entries)

    def request(self, path: Path, done: Callable[[], None] | None = None) -> None:
        """Starts decoding `path` unless it is cached or on its way; `done` runs once it settles."""
        entry = self._entries.get(path)
        if entry is not None and entry.state != "loading":
            if done:
                done()
            return
        if done:
            self._waiters.setdefault(path, []).append(done)
        if entry is None:
            token = self._next_token
            self._next_token += 1
            self._entries[path] = _Entry(token, "loading")
            box = QSize(self._box)
            self._pool.start(lambda: self._decode_in_worker(path, token, box))

    def shut_down(self) -> None:
        """Drops queued decodes and waits for the running ones, before the show's objects go."""
        self._pool.clear()
        self._pool.waitForDone(5000)

    def forget_all(self) -> None:
        """After a reload: pictures may have changed on disk, so the next use decodes again.
        What is on screen stays until its slide is replaced; decodes under way finish."""
        self._reported.clear()
        for path, entry in list(self._entries.items()):
            if entry.state != "loading":
                del self._entries[path]
                self._by_token.pop(entry.token, None)

    def keep_only(self, paths: set[Path]) -> None:
        """Evicts every picture not in `paths`, so memory stays flat on a long show."""
        for path in list(self._entries):
            if path not in paths:
                entry = self._entries.pop(path)
                self._by_token.pop(entry.token, None)
                self._waiters.pop(path, None)
                self.changed.emit(path)

    def _decode_in_worker(self, path: Path, token: int, box: QSize) -> None:
        try:
            image, error = decode(path, box)
        except Exception as exc:  # a worker must never die silently
            image, error = QImage(), f"{type(exc).__name__}: {exc}"
        try:
            self._decoded.emit(path, token, image, error)
        except RuntimeError:
            pass  # the show closed while this picture decoded: nobody is waiting for it

    @Slot(object, int, QImage, str)
    def _on_decoded(self, path: Path, token: int, image: QImage, error: str) -> None:
        entry = self._entries.get(path)
        if entry is None or entry.token != token:
            return  # evicted while decoding
        if error:
            entry.state, entry.error = "failed", error
            if path not in self._reported:
                self._reported.add(path)
                log.warning("picture %s cannot be shown (%s); showing a placeholder", path, error)
        else:
            entry.state, entry.image = "ready", image
            self._by_token[token] = image
        self.changed.emit(path)
        for done in self._waiters.pop(path, []):
            done()


class SlidePreparer:
    """Gets a slide's picture ready before the show presents it, and its neighbours' too."""

    def __init__(self, cache: ImageCache) -> None:
        self.cache = cache

    def prepare(self, show: Show, index: int, ready: Callable[[], None]) -> None:
        slides = show.slides
        wanted = [slides[(index + offset) % len(slides)].picture for offset in NEIGHBOURS]
        paths = [path for path in wanted if path is not None]
        self.cache.keep_only(set(paths))
        image = slides[index].picture
        if image is None:
            ready()
        else:
            self.cache.request(image, ready)
        for path in paths:
            self.cache.request(path)


class SlideImageProvider(QQuickImageProvider):
    """Serves already-decoded pictures to QML's Image by token: no file access, no decoding."""

    def __init__(self, cache: ImageCache) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)
        self._cache = cache

    def requestImage(self, image_id: str, size: QSize, requested_size: QSize) -> QImage:
        try:
            token = int(image_id.split("?", 1)[0])
        except ValueError:
            return QImage()
        return self._cache.image(token)
