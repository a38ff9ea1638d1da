"""`kiosk preview`: a window beside the curator's editor that follows every save.

Each save reloads the show (through the show's own ShowWatcher), jumps to the slide whose
content changed and draws `check`'s findings for it on the slide itself: a box around text
that does not fit, runs off the screen or overlaps, a box naming characters the font lacks, a
banner for a picture that cannot be shown; beside it, every problem of the show. A file with
mistakes shows its problems with their lines above the last good slides.

The slides are drawn by the show's own QML on still, offscreen windows (as `check` and
`render` do) at the hall's resolution, then scaled into the preview. That work is done one
slide per turn of the event loop, the current slide first, so the window stays responsive.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections import deque
from pathlib import Path

from PySide6.QtCore import Property, QObject, QRectF, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickImageProvider, QQuickWindow

from ..app import RunningShow, RunOptions
from ..clock import ManualClock, QtClock
from ..content.errors import ContentError, Problem
from ..content.loader import load_show
from ..content.model import Show, Slide
from ..player.fonts import missing_characters
from ..unattended.watch import ShowWatcher
from .check import (
    BOLD_FIELDS,
    Finding,
    check_durations,
    check_glyphs,
    check_pictures,
    group_findings,
    layout_findings,
    size_name,
)
from .drawn import Drawing, draw_slide
from .sizes import DEFAULT_SIZES

log = logging.getLogger(__name__)

QML_DIR = Path(__file__).resolve().parent / "qml"
PROVIDER_ID = "preview"
# Editors save in one burst of a few milliseconds (write, rename); the wall waits longer to be
# sure, the preview answers sooner so a save shows within about a second.
PREVIEW_SETTLE_SECONDS = 0.25
LANGUAGE_MODES = ("one", "all")  # one language at a time, or every language side by side
KIND_LABELS = {
    "cut": "does not fit",
    "offscreen": "runs off the screen",
    "overlap": "overlaps the {detail}",
    "upscale": "blurred",
}


def changed_slide(old: Show | None, new: Show) -> int | None:
    """The first slide of `new` that is new or different from `old` (moving lines aside)."""
    if old is None:
        return None
    before = {slide.id: _content(slide) for slide in old.slides}
    for index, slide in enumerate(new.slides):
        if before.get(slide.id) != _content(slide):
            return index
    return None


def _content(slide: Slide) -> Slide:
    return dataclasses.replace(slide, line=0)


def slide_of(problem: Problem) -> int:
    """The slide a problem is about (-1: the whole show), from its field, e.g. 'slides[3].title'."""
    if not problem.field.startswith("slides["):
        return -1
    return int(problem.field[len("slides[") : problem.field.index("]")])


class Frames(QQuickImageProvider):
    """The drawn slides, handed to the preview's QML as image://preview/<key>."""

    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)
        self.images: dict[str, QImage] = {}

    def requestImage(self, key: str, size: QSize, requested: QSize) -> QImage:
        image = self.images.get(key.split("?", 1)[0], QImage())
        if size is not None:
            size.setWidth(image.width())
            size.setHeight(image.height())
        return image


class Preview(QObject):
    """The preview's state and policy: which show, slide, language(s) and size; QML draws it."""

    changed = Signal()
    _pictures_checked = Signal(object, object)  # the show, its picture problems (from a worker)

    def __init__(self, path: Path, family: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.family = family
        self.show: Show | None = None
        self.errors: list[Problem] = []  # why the file on disk is not the show being shown
        self.content_problems: list[Problem] = []  # all check finds without laying slides out
        self.index = 0
        self.language = ""
        self.mode = LANGUAGE_MODES[0]
        self.size = DEFAULT_SIZES[0]
        self.frames = Frames()
        self._drawings: dict[str, tuple[Drawing, str]] = {}  # language → current slide, frame key
        self._findings: dict[tuple[str, int], list[Finding]] = {}
        self._runs: dict[str, RunningShow] = {}  # language → a still window at self.size
        self._jobs: deque[tuple[str, int]] = deque()
        self._busy = False
        self._restart_when_free = False
        self._generation = 0
        self._worker = QTimer(self)
        self._worker.setSingleShot(True)
        self._worker.setInterval(0)
        self._worker.timeout.connect(self._work)
        self._clock = QtClock(self)
        self._pictures_checked.connect(self._add_picture_problems, Qt.ConnectionType.QueuedConnection)
        placeholder = Show(source=path, slides=())
        self._load_first()
        self.watcher = ShowWatcher(
            self.show or placeholder,
            self._clock,
            self,
            settle_seconds=PREVIEW_SETTLE_SECONDS,
            wait_for_pictures=False,  # the curator sees a missing picture at once
        )
        self.watcher.reloaded.connect(self._reloaded)
        self.watcher.rejected.connect(self._rejected)
        self._restart()

    # -- what QML reads ----------------------------------------------------------------------

    def _get_status(self) -> str:
        if self.show is None:
            return f"{self.path.name}: no slides yet"
        slide = self.show.slides[self.index]
        languages = self.language if self.mode == "one" else " + ".join(self.show.languages)
        return (
            f"{self.index + 1} / {len(self.show.slides)}  {slide.id}   ·   {languages}   ·   "
            f"{size_name(self.size)}"
        )

    status = Property(str, _get_status, notify=changed)

    def _get_error_text(self) -> str:
        return "\n".join(str(problem) for problem in self.errors)

    errorText = Property(str, _get_error_text, notify=changed)

    def _get_slide_width(self) -> int:
        return self.size.width()

    slideWidth = Property(int, _get_slide_width, notify=changed)

    def _get_slide_height(self) -> int:
        return self.size.height()

    slideHeight = Property(int, _get_slide_height, notify=changed)

    def _get_panels(self) -> list[dict[str, object]]:
        return [self._panel(language) for language in self._shown_languages() if language in self._drawings]

    panels = Property("QVariantList", _get_panels, notify=changed)

    def _get_problem_rows(self) -> list[dict[str, object]]:
        return [
            {"text": str(problem), "slide": slide_of(problem), "error": problem.is_error}
            for problem in self.all_problems()
        ]

    problemRows = Property("QVariantList", _get_problem_rows, notify=changed)

    def _get_current(self) -> int:
        return self.index

    current = Property(int, _get_current, notify=changed)

    def _get_busy(self) -> bool:
        return bool(self._jobs) or self._busy

    working = Property(bool, _get_busy, notify=changed)

    # -- what the curator does -----------------------------------------------------------------

    @Slot(int, result=bool)
    def handleKey(self, key: int) -> bool:
        """The preview's keys; True if the key meant something here."""
        actions = {
            Qt.Key.Key_Right: lambda: self.go_to(self.index + 1),
            Qt.Key.Key_PageDown: lambda: self.go_to(self.index + 1),
            Qt.Key.Key_Left: lambda: self.go_to(self.index - 1),
            Qt.Key.Key_PageUp: lambda: self.go_to(self.index - 1),
            Qt.Key.Key_Home: lambda: self.go_to(0),
            Qt.Key.Key_End: lambda: self.go_to(len(self.show.slides) - 1 if self.show else 0),
            Qt.Key.Key_L: self.next_language,
            Qt.Key.Key_S: self.next_size,
            Qt.Key.Key_M: self.next_mode,
        }
        action = actions.get(Qt.Key(key))
        if action is None:
            return False
        action()
        return True

    @Slot(int)
    def goTo(self, index: int) -> None:
        self.go_to(index)

    def go_to(self, index: int) -> None:
        if self.show is None or not 0 <= index < len(self.show.slides) or index == self.index:
            return
        self.index = index
        self._drawings.clear()
        self._queue_current_first()
        self.changed.emit()

    def next_language(self) -> None:
        if self.show is None:
            return
        languages = self.show.languages
        self.language = languages[(languages.index(self.language) + 1) % len(languages)]
        self.mode = "one"
        self._restart()

    def next_size(self) -> None:
        sizes = DEFAULT_SIZES
        current = next((i for i, size in enumerate(sizes) if size == self.size), -1)
        self.size = sizes[(current + 1) % len(sizes)]
        self._restart()

    def next_mode(self) -> None:
        self.mode = LANGUAGE_MODES[(LANGUAGE_MODES.index(self.mode) + 1) % len(LANGUAGE_MODES)]
        self._restart()

    # -- what the file says ----------------------------------------------------------------------

    def _load_first(self) -> None:
        try:
            show, warnings = load_show(self.path)
        except ContentError as error:
            self.errors = error.problems
            return
        self._take(show, warnings)

    def _take(self, show: Show, warnings: list[Problem]) -> None:
        old = self.show
        self.show = show
        self.errors = []
        self.content_problems = list(warnings) + check_glyphs(show, self.family) + check_durations(show)
        # decoding every picture takes a good half second: in a worker, so a save shows at once
        threading.Thread(
            target=self._check_pictures, args=(show,), name="preview-pictures", daemon=True
        ).start()
        if self.language not in show.languages:
            self.language = show.languages[0]
        target = changed_slide(old, show)
        if target is None and old is not None:
            current_id = old.slides[self.index].id if self.index < len(old.slides) else None
            target = show.index_of(current_id) if current_id else None
        self.index = min(target if target is not None else self.index, len(show.slides) - 1)

    def _check_pictures(self, show: Show) -> None:
        self._pictures_checked.emit(show, check_pictures(show))

    @Slot(object, object)
    def _add_picture_problems(self, show: Show, problems: list[Problem]) -> None:
        if show is self.show:
            self.content_problems += problems
            self.changed.emit()

    @Slot(object)
    def _reloaded(self, show: Show) -> None:
        self._take(show, self._warnings_of(show))
        self._restart()

    def _warnings_of(self, show: Show) -> list[Problem]:
        """The loader's warnings for the new content (the watcher only logs them)."""
        try:
            return load_show(show.source)[1]
        except ContentError:
            return []

    @Slot(object)
    def _rejected(self, problems: tuple[Problem, ...]) -> None:
        self.errors = list(problems)  # the last good slides stay
        self.changed.emit()

    def all_problems(self) -> list[Problem]:
        """Everything `check` says at this size (the layout as far as it is laid out yet)."""
        if self.show is None:
            return []
        findings = [finding for found in self._findings.values() for finding in found]
        problems = self.content_problems + group_findings(self.show, findings)
        return sorted(problems, key=lambda p: (p.line, p.column, p.message))

    # -- drawing, one slide per turn of the event loop -------------------------------------------

    def _shown_languages(self) -> tuple[str, ...]:
        if self.show is None:
            return ()
        return self.show.languages if self.mode == "all" else (self.language,)

    def _restart(self) -> None:
        """New content, size or languages: start drawing again (after the slide in hand)."""
        if self._busy:
            self._restart_when_free = True
            return
        for running in self._runs.values():
            running.close()
        self._runs.clear()
        self._findings.clear()
        self._drawings.clear()
        self._jobs.clear()
        if self.show is not None:
            shown = self._shown_languages()
            others = tuple(language for language in self.show.languages if language not in shown)
            for language in shown + others:  # the list of problems covers every language
                self._jobs.extend((language, index) for index in range(len(self.show.slides)))
            self._queue_current_first()
        self.changed.emit()

    def _queue_current_first(self) -> None:
        for language in reversed(self._shown_languages()):
            self._jobs.appendleft((language, self.index))
        self._worker.start()

    def _work(self) -> None:
        if self._busy or not self._jobs or self.show is None:
            return
        language, index = self._jobs.popleft()
        needed = (
            index == self.index and language in self._shown_languages() and language not in self._drawings
        )
        if (language, index) in self._findings and not needed:
            self._next()
            return
        self._busy = True
        try:
            running = self._runs.get(language)
            if running is None:
                running = self._runs[language] = still_window(self.show, self.size, language)
            drawing = draw_slide(running, self.show, index)
            where = f"{size_name(self.size)} ({language})"
            self._findings[language, index] = list(layout_findings(running, self.show, index, where))
        finally:
            self._busy = False
        if index == self.index and language in self._shown_languages():
            self._show_frame(language, drawing)
        if self._restart_when_free:
            self._restart_when_free = False
            self._restart()
            return
        self._next()

    def _show_frame(self, language: str, drawing: Drawing) -> None:
        """Hands the drawn slide to QML under a new key, so the Image reloads it."""
        old = self._drawings.get(language)
        if old is not None:
            self.frames.images.pop(old[1], None)
        self._generation += 1
        key = f"{language}-{self._generation}"
        self.frames.images[key] = drawing.image
        self._drawings[language] = (drawing, key)

    def drawing(self, language: str) -> Drawing | None:
        """The current slide as last drawn in `language` (what the preview shows)."""
        entry = self._drawings.get(language)
        return entry[0] if entry else None

    def _next(self) -> None:
        self.changed.emit()
        if self._jobs:
            self._worker.start()

    def _panel(self, language: str) -> dict[str, object]:
        """One drawn slide for QML: its image and the marks to draw on it."""
        drawing, key = self._drawings[language]
        return {
            "source": f"image://{PROVIDER_ID}/{key}",
            "language": language,
            "boxes": self.boxes(drawing),
            "banner": self.banner(drawing.index),
        }

    def boxes(self, drawing: Drawing) -> list[dict[str, object]]:
        """A box for every finding on this slide in this language, where the text was drawn."""
        assert self.show is not None
        boxes = []
        for finding in self._findings.get((drawing.language, drawing.index), []):
            rect = drawing.rect_of(finding.field)
            if rect is None:
                continue
            label = KIND_LABELS[finding.kind].format(detail=finding.detail.rsplit(".", 1)[-1])
            boxes.append(_box(rect, finding.kind, f"{finding.field.rsplit('.', 1)[-1]}: {label}"))
        for text in drawing.texts:
            bold = text.field.rsplit(".", 1)[-1] in BOLD_FIELDS
            missing = missing_characters(text.text, self.family, bold)
            if missing:
                shown = " ".join(f"{char} U+{ord(char):04X}" for char in missing)
                boxes.append(_box(text.rect, "glyph", f"no glyph for {shown}"))
        return _spread(boxes)

    def banner(self, index: int) -> str:
        field = f"slides[{index}].image"
        return "\n".join(problem.message for problem in self.content_problems if problem.field == field)

    def close(self) -> None:
        self._worker.stop()
        self._jobs.clear()
        for running in self._runs.values():
            running.close()
        self._runs.clear()


def still_window(show: Show, size: QSize, language: str) -> RunningShow:
    """A show window held still to draw slides from, kept out of the curator's way on a real
    desktop: see-through, off to the side, never taking focus or clicks (it must still be
    shown, as Qt Quick only draws windows that are)."""
    running = RunningShow(show, RunOptions(size=size, language=language, animate=False), clock=ManualClock())
    window = running.window
    for flag in (
        Qt.WindowType.Tool,
        Qt.WindowType.FramelessWindowHint,
        Qt.WindowType.WindowDoesNotAcceptFocus,
        Qt.WindowType.WindowTransparentForInput,
    ):
        window.setFlag(flag, True)
    window.setOpacity(0.0)
    window.setPosition(-size.width() - 100, -size.height() - 100)
    running.present()
    return running


def _box(rect: QRectF, kind: str, label: str) -> dict[str, object]:
    return {
        "x": rect.x(),
        "y": rect.y(),
        "width": rect.width(),
        "height": rect.height(),
        "kind": kind,
        "label": label,
    }


def _spread(boxes: list[dict[str, object]]) -> list[dict[str, object]]:
    """Boxes around the same text drawn a little apart, their labels one under the other."""
    seen: dict[tuple[object, ...], int] = {}
    for box in boxes:
        place = (box["x"], box["y"], box["width"], box["height"])
        row = seen.get(place, 0)
        seen[place] = row + 1
        grow = 4 * row
        box.update(x=box["x"] - grow, y=box["y"] - grow, width=box["width"] + 2 * grow)
        box.update(height=box["height"] + 2 * grow, row=row)
    return boxes


class PreviewWindow(QObject):
    """The preview's window: its QML engine, the image provider and the Preview it shows."""

    def __init__(self, path: Path, family: str, size: QSize = QSize(1280, 720)) -> None:
        super().__init__()
        self.preview = Preview(path, family, self)
        self.engine = QQmlApplicationEngine(self)
        self.engine.addImportPath(str(QML_DIR))
        self.engine.addImageProvider(PROVIDER_ID, self.preview.frames)
        self.engine.setInitialProperties({"preview": self.preview})
        self.engine.loadFromModule("KioskPreview", "PreviewWindow")
        roots = self.engine.rootObjects()
        if not roots:
            raise RuntimeError("the preview's QML could not be loaded (see the messages above)")
        window = roots[0]
        assert isinstance(window, QQuickWindow)
        self.window = window
        self.window.resize(size)

    def show(self) -> None:
        self.window.show()

    def close(self) -> None:
        self.preview.close()
        self.window.close()
        self.engine.deleteLater()
        self.deleteLater()


def run_preview(path: Path, family: str) -> int:
    """Opens the preview and runs until its window is closed."""
    app = QGuiApplication.instance()
    window = PreviewWindow(path, family)
    window.show()
    code = app.exec()
    window.close()
    return code
