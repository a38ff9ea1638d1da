"""Pictures for the slides: decoded off the GUI thread at the size they are shown, cached for
the current slide and its neighbours, and handed to QML through an image provider.

"The size they are shown" is the box each slide's view draws its picture in, as the view
reports it (`ImageCache.draw_at`); until a view has reported, the window's size. A picture
decoded for its box is drawn pixel for pixel: no frame scales it, which on a PC that draws in
software halves the cost of a crossfade, and a drawing (SVG) is rendered sharp at that size.

A slide is only presented once its picture is decoded (or has failed and will show a
placeholder), so the wall never shows a half-loaded slide.
"""

from __future__ import annotations

import gzip
import io
import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QRect,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QImage, QImageReader
from PySide6.QtQuick import QQuickImageProvider

from ..content.model import Show
from .reads import ReadProblem, read_bytes

log = logging.getLogger(__name__)

PROVIDER_ID = "slides"
NEIGHBOURS = (0, 1, -1, 2)  # current, next, previous, the one after next (auto-advance)
SLOW_DECODE_SECONDS = 1.0  # CPU seconds: a picture this costly to decode is kept, not decoded each loop
SLOW_KEPT = 6  # at most this many slow pictures kept beyond the neighbours (screen-sized each)
# a view's new box is acted on once its layout is quiet (a window being dragged to a new size)
REPORT_SETTLE_MS = 250
VECTOR_SUFFIXES = (".svg", ".svgz")
MAX_SVG_BYTES = 64 * 1024 * 1024  # a compressed drawing is unpacked at most this far
# an SVG that pulls in another file: only references inside itself (#id) or embedded data
_SVG_REFERENCE = re.compile(rb"""href\s*=\s*["']\s*(?!#|data:)([^"']+)["']""")
# Qt picks a reader's format handler under a lock of its own and, doing so, reads the device:
# here a QBuffer made in Python, whose every read needs Python's lock. Two decoding threads that
# picked handlers at once could each hold one lock and wait for the other (seen: a drawing's
# read() beside a photo's size()). So handlers are picked one at a time, under this lock.
_PICKING_HANDLER = threading.Lock()


def max_source_pixels() -> int:
    """The largest picture Qt agrees to decode: its allocation limit at 4 bytes a pixel."""
    return QImageReader.allocationLimit() * 1024 * 1024 // 4


@dataclass(frozen=True)
class Fit:
    """How a picture is decoded: to fit inside `box` (device pixels), or to cover it whole
    (`covers`: a full-screen picture, cropped by its view)."""

    box: QSize
    covers: bool = False


@dataclass
class _Entry:
    token: int
    state: str  # "loading" | "ready" | "failed"
    fit: Fit  # the size of the latest decode asked for (the one under way, if any)
    image: QImage | None = None
    error: str = ""
    slow: bool = False  # took over SLOW_DECODE_SECONDS: kept across loops
    root: Path | None = None  # the show's folder: the picture must not lead outside it
    redecode: int = 0  # token of a decode for a new window size; the old image shows meanwhile


def outside_error(path: Path, root: Path | None) -> str:
    """The folder rule at run time: a picture replaced by a link to elsewhere is refused."""
    try:
        if root is None or path.resolve().is_relative_to(root.resolve()):
            return ""
    except (OSError, RuntimeError):
        return "the link cannot be followed"
    return "it leads outside the show's folder (a link?); the show only shows its own files"


def decode(path: Path, box: QSize, covers: bool = False) -> tuple[QImage, str]:
    """Reads `path` scaled to fit `box`, or with `covers` to cover it and cropped to it (never
    upscaling a photo); returns (image, error).

    The bytes are read first, in Python, with a time limit (a read that blocks never holds
    up anything but its own thread); then Qt decodes from memory. An SVG that draws other
    files is refused: the show only shows files from its own folder.
    """
    try:
        data = read_bytes(path)
    except ReadProblem as problem:
        return QImage(), str(problem)
    return decode_bytes(data, path.suffix.lower(), box, covers)


def decode_bytes(data: bytes, suffix: str, box: QSize, covers: bool = False) -> tuple[QImage, str]:
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    if suffix in VECTOR_SUFFIXES:
        return _decode_vector(data, reader, box, covers, compressed=suffix == ".svgz")
    _pick_handler(reader)
    size = reader.size()
    if not size.isValid():
        return QImage(), reader.errorString() or "not a picture the show can read"
    fmt = bytes(reader.format()).lower()
    ends_early = _ends_early(data, fmt)
    if ends_early:
        return QImage(), ends_early
    is_jpeg = fmt in (b"jpeg", b"jpg")  # libjpeg decodes JPEGs at a fraction of their size
    limit = max_source_pixels()
    if not is_jpeg and size.width() * size.height() > limit:
        return QImage(), (
            f"{size.width()}x{size.height()} pixels is too large to show "
            f"(at most {limit / 1e6:.0f} megapixels; save it at screen size, e.g. 3840 wide)"
        )
    scaled = size.scaled(box, _aspect_mode(covers))
    if scaled.width() < size.width():
        _scale(reader, scaled, box, covers)
    image = reader.read()
    if image.isNull():
        error = reader.errorString() or "the picture could not be decoded"
        if "memory" in error.lower():
            error = f"{size.width()}x{size.height()} pixels is too large to decode ({error}); save it smaller"
        return QImage(), error
    return image, ""


def _pick_handler(reader: QImageReader) -> None:
    with _PICKING_HANDLER:
        reader.canRead()  # the first question to a reader picks its handler


def _aspect_mode(covers: bool) -> Qt.AspectRatioMode:
    return Qt.AspectRatioMode.KeepAspectRatioByExpanding if covers else Qt.AspectRatioMode.KeepAspectRatio


def _scale(reader: QImageReader, scaled: QSize, box: QSize, covers: bool) -> None:
    """Decodes at `scaled`; a picture that covers its box keeps only the middle its view shows
    (Image.PreserveAspectCrop centres it), so a portrait screen holds no wide picture's sides."""
    reader.setScaledSize(scaled)
    if covers and scaled != box:
        margin = scaled - box
        reader.setScaledClipRect(QRect(margin.width() // 2, margin.height() // 2, box.width(), box.height()))


def _ends_early(data: bytes, fmt: bytes) -> str:
    """A file cut short (an interrupted copy) decodes half grey without an error from Qt."""
    if fmt in (b"jpeg", b"jpg") and data.rfind(b"\xff\xd9") < data.rfind(b"\xff\xda"):
        return "the file ends early (an interrupted copy?); copy it again"
    if fmt == b"png" and data.rfind(b"IEND") < 0:
        return "the file ends early (an interrupted copy?); copy it again"
    return ""


def _decode_vector(
    data: bytes, reader: QImageReader, box: QSize, covers: bool, compressed: bool = False
) -> tuple[QImage, str]:
    """SVG: its size comes from its root element, read here in Python, because Qt's own size
    query parses the whole drawing while holding Python's lock (seconds for a big SVG, with
    the GUI thread stuck); Qt's read() lets go of it."""
    text = data
    if compressed:
        try:
            text = gzip.GzipFile(fileobj=io.BytesIO(data)).read(MAX_SVG_BYTES)
        except (OSError, EOFError):
            return QImage(), "the compressed drawing cannot be unpacked"
    reference = _outside_reference(text)
    if reference:
        name = reference.group(1).decode("utf-8", "replace")[:80]
        return QImage(), f"the SVG draws another file ({name}); embed pictures in it instead"
    reader.setFormat(b"svgz" if compressed else b"svg")
    _pick_handler(reader)
    intrinsic = svg_size(text)
    _scale(reader, intrinsic.scaled(box, _aspect_mode(covers)) if intrinsic else box, box, covers)
    image = reader.read()
    if image.isNull():
        return QImage(), reader.errorString() or "the drawing could not be decoded"
    return image, ""


def _outside_reference(data: bytes) -> re.Match[bytes] | None:
    """The first reference to another file, searched a megabyte at a time so the GUI thread
    gets Python's lock between pieces of a huge drawing."""
    step = 1 << 20
    for start in range(0, len(data), step):
        found = _SVG_REFERENCE.search(data, start, min(len(data), start + step + 4096))
        if found:
            return found
    return None


def svg_size(data: bytes) -> QSize | None:
    """The drawing's width and height from its root element (width/height, else viewBox)."""
    try:
        for _event, element in ElementTree.iterparse(io.BytesIO(data), events=("start",)):
            box = (element.get("viewBox") or "").replace(",", " ").split()
            width, height = _length(element.get("width")), _length(element.get("height"))
            if (width is None or height is None) and len(box) == 4:
                width, height = _length(box[2]), _length(box[3])
            if width and height and width > 0 and height > 0:
                return QSize(max(1, round(width)), max(1, round(height)))
            return None
    except ElementTree.ParseError:
        return None
    return None


def _length(text: str | None) -> float | None:
    if not text:
        return None
    try:
        return float(text.strip().removesuffix("px"))
    except ValueError:
        return None  # %, em, cm...: let the viewBox or the box decide


class ImageCache(QObject):
    """Decodes in a thread pool; everything else happens on the GUI thread."""

    changed = Signal(object)  # the Path whose state or image changed
    _decoded = Signal(object, int, QImage, str, float)

    def __init__(self, box: QSize, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._box = box
        self._drawn: dict[Path, Fit] = {}  # where views draw each picture, as they reported
        self._entries: dict[Path, _Entry] = {}
        self._by_token: dict[int, QImage] = {}
        self._next_token = 1
        self._waiters: dict[Path, list[Callable[[], None]]] = {}
        self._reported: set[Path] = set()  # broken pictures are logged once, not per visit
        self._live: set[int] = set()  # tokens still wanted; a queued decode of another is skipped
        self.decodes_run = 0  # decodes actually run (not skipped), for tests and benchmarks
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._decoded.connect(self._on_decoded, Qt.ConnectionType.QueuedConnection)
        self._layout_quiet = QTimer(self)
        self._layout_quiet.setSingleShot(True)
        self._layout_quiet.setInterval(REPORT_SETTLE_MS)
        self._layout_quiet.timeout.connect(self._decode_for_new_fits)

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

    def request(self, path: Path, done: Callable[[], None] | None = None, root: Path | None = None) -> None:
        """Starts decoding `path` unless it is cached or on its way; `done` runs once it settles.
        With `root`, a picture that leads outside that folder is refused."""
        entry = self._entries.get(path)
        if entry is not None and entry.state != "loading":
            if done:
                done()
            return
        if done:
            self._waiters.setdefault(path, []).append(done)
        if entry is None:
            fit = self.fit_for(path)
            self._entries[path] = _Entry(self._start_decode(path, fit, root), "loading", fit, root=root)

    def wait_idle(self, milliseconds: int = 30_000) -> None:
        """Waits for the decodes under way and queued. For tools that paint elsewhere meanwhile
        (a PDF): Qt's SVG rasteriser in a worker and a QPainter on a PDF were seen to deadlock."""
        self._pool.waitForDone(milliseconds)

    @property
    def box(self) -> QSize:
        """The size pictures no view has placed yet are decoded to fit (the window's, in device
        pixels)."""
        return QSize(self._box)

    def fit_for(self, path: Path) -> Fit:
        """The size `path` is decoded at: its view's box, else the window's."""
        return self._drawn.get(path) or Fit(QSize(self._box))

    def set_box(self, box: QSize) -> None:
        """The window changed size (another screen, a new resolution): every picture on hand that
        no view has placed is decoded again for the new size, and keeps showing its old decode
        until then. (The views lay out again and report their new boxes: `draw_at`.)"""
        if box == self._box or box.isEmpty():
            return
        self._box = QSize(box)
        self._decode_for_new_fits()

    def draw_at(self, path: Path, box: QSize, covers: bool = False) -> None:
        """A view draws `path` into `box` (device pixels): whole, or cropped to cover it. From
        now on the picture is decoded for that box; a decode on hand is redone once the views'
        layout has been quiet for REPORT_SETTLE_MS, and shows until its successor is ready.
        A picture two views draw at different sizes is decoded for the latest report."""
        if box.isEmpty() or self._drawn.get(path) == Fit(box, covers):
            return
        self._drawn[path] = Fit(QSize(box), covers)
        self._layout_quiet.start()

    def _decode_for_new_fits(self) -> None:
        for path, entry in self._entries.items():
            fit = self.fit_for(path)
            if entry.fit != fit and entry.state != "failed":
                self._decode_again(path, entry, fit)

    def _decode_again(self, path: Path, entry: _Entry, fit: Fit) -> None:
        self._live.discard(entry.redecode)
        if entry.state == "loading":
            self._live.discard(entry.token)  # its decode is for the old size: skipped or ignored
            entry.token = self._start_decode(path, fit, entry.root)
        else:
            entry.redecode = self._start_decode(path, fit, entry.root)
        entry.fit = fit

    def _start_decode(self, path: Path, fit: Fit, root: Path | None) -> int:
        """Queues a decode; its token stays live until the result arrives or nobody wants it."""
        token = self._new_token()
        self._live.add(token)
        self._pool.start(lambda: self._decode_in_worker(path, token, fit, root))
        return token

    def _new_token(self) -> int:
        token = self._next_token
        self._next_token += 1
        return token

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
        """Evicts every picture not in `paths`, so memory stays flat on a long show; a few
        pictures that were slow to decode stay, so they are not decoded again every loop."""
        slow = [path for path, entry in self._entries.items() if entry.slow and path not in paths]
        keep = set(paths) | set(slow[-SLOW_KEPT:])
        for path in list(self._entries):
            if path not in keep:
                entry = self._entries.pop(path)
                self._live.discard(entry.token)  # a queued decode of it is skipped
                self._live.discard(entry.redecode)
                self._by_token.pop(entry.token, None)
                self._waiters.pop(path, None)
                self.changed.emit(path)

    def _decode_in_worker(self, path: Path, token: int, fit: Fit, root: Path | None) -> None:
        if token not in self._live:
            return  # evicted while queued (a key storm): nobody will look at it
        self.decodes_run += 1
        started = time.thread_time()  # CPU time of this decode, whatever else runs
        try:
            error = outside_error(path, root)
            image, error = (QImage(), error) if error else decode(path, fit.box, fit.covers)
        except Exception as exc:  # a worker must never die silently
            image, error = QImage(), f"{type(exc).__name__}: {exc}"
        try:
            self._decoded.emit(path, token, image, error, time.thread_time() - started)
        except RuntimeError:
            pass  # the show closed while this picture decoded: nobody is waiting for it

    @Slot(object, int, QImage, str, float)
    def _on_decoded(self, path: Path, token: int, image: QImage, error: str, seconds: float) -> None:
        self._live.discard(token)
        entry = self._entries.get(path)
        if entry is not None and token and entry.redecode == token:
            self._redecoded(path, entry, image, error)
            return
        if entry is None or entry.token != token:
            return  # evicted while decoding
        entry.slow = seconds > SLOW_DECODE_SECONDS
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

    def _redecoded(self, path: Path, entry: _Entry, image: QImage, error: str) -> None:
        """A picture decoded again for a new window size takes the old decode's place."""
        entry.redecode = 0
        if error:
            return  # it was shown before: the old decode stays rather than a placeholder
        self._by_token.pop(entry.token, None)
        entry.token = self._new_token()
        entry.state, entry.image, entry.error = "ready", image, ""
        self._by_token[entry.token] = image
        self.changed.emit(path)


class SlidePreparer:
    """Gets a slide's picture ready before the show presents it, and its neighbours' too.

    The neighbours are decoded `settle_ms(show)` after the slide is ready, or beside it when
    that is 0. The show's controller says how long: while the show plays by itself, its
    transition, because while a slide fades in every frame blends two slides, and on a small PC
    drawing in software a decode beside it would take the CPU those frames need. A newer change
    cancels the neighbours still waiting for an older one."""

    def __init__(
        self,
        cache: ImageCache,
        tools_folder: Path | None = None,
        settle_ms: Callable[[Show], int] = lambda show: 0,
    ) -> None:
        self.cache = cache
        # pictures a tool made itself (render's still frames of clips): not the curator's files,
        # so the show folder's rule does not apply to them
        self.tools_folder = tools_folder
        self.settle_ms = settle_ms
        self._settled = QTimer(cache)  # goes with the cache
        self._settled.setSingleShot(True)
        self._settled.timeout.connect(self._request_neighbours)
        self._neighbours: list[tuple[Path, Path | None]] = []

    def prepare(self, show: Show, index: int, ready: Callable[[], None]) -> None:
        slides = show.slides
        wanted = [slides[(index + offset) % len(slides)].picture for offset in NEIGHBOURS]
        paths = [path for path in wanted if path is not None]
        self.cache.keep_only(set(paths))
        self._settled.stop()
        self._neighbours = [(path, self._root_for(path, show)) for path in paths]
        wait_ms = self.settle_ms(show)

        def current_ready() -> None:
            ready()
            if wait_ms > 0:
                self._settled.start(wait_ms)

        image = slides[index].picture
        if image is None:
            current_ready()
        else:
            self.cache.request(image, current_ready, self._root_for(image, show))
        if wait_ms <= 0:
            self._request_neighbours()  # beside the current one, as soon as a thread is free

    def _request_neighbours(self) -> None:
        for path, root in self._neighbours:
            self.cache.request(path, root=root)

    def _root_for(self, path: Path, show: Show) -> Path | None:
        if self.tools_folder is not None and path.is_relative_to(self.tools_folder):
            return None
        return show.source.parent


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
        image = self._cache.image(token)
        if image.isNull():
            # evicted between the view asking and drawing (a view built in the background
            # during a reload): an empty pixel, no warning; the slide's current url follows
            image = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(0)
        return image
