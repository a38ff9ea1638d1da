"""Hot reload: watch slides.yaml and every picture it names; after a burst of changes settles,
re-validate off the GUI thread and hand over new content, or keep the last good show.

Editors save in many ways (in place, write-temp-then-rename, delete-and-recreate), so the
folders are watched as well as the files, and a fingerprint of the content decides whether
anything really changed.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QThreadPool, Signal, Slot

from ..clock import Clock, Pending
from ..content.errors import ContentError, Problem
from ..content.loader import load_show
from ..content.model import Show

log = logging.getLogger(__name__)

SETTLE_SECONDS = 0.6


@dataclass(frozen=True)
class LoadResult:
    fingerprint: str
    show: Show | None
    problems: tuple[Problem, ...]


def fingerprint(path: Path, show: Show | None) -> str:
    """A hash of the show file and the size and time of every picture it names."""
    digest = hashlib.sha256()
    try:
        digest.update(path.read_bytes())
    except OSError as error:
        digest.update(f"unreadable {error.errno}".encode())
    for slide in show.slides if show else ():
        if slide.image is not None:
            try:
                stat = slide.image.stat()
                digest.update(f"{slide.image}:{stat.st_size}:{stat.st_mtime_ns}".encode())
            except OSError:
                digest.update(f"{slide.image}:missing".encode())
    return digest.hexdigest()


def load_in_worker(path: Path) -> LoadResult:
    try:
        show, warnings = load_show(path)
    except ContentError as error:
        return LoadResult(fingerprint(path, None), None, tuple(error.problems))
    return LoadResult(fingerprint(path, show), show, tuple(warnings))


def content_hash(path: Path) -> str:
    return fingerprint(path, None)[:12]


class ShowWatcher(QObject):
    """Emits `reloaded(show)` for valid new content; logs and keeps watching otherwise."""

    reloaded = Signal(object)
    rejected = Signal(object)  # tuple of Problems
    _loaded = Signal(object)
    _baseline = Signal(str)

    def __init__(
        self, show: Show, clock: Clock, parent: QObject | None = None, settle_seconds: float = SETTLE_SECONDS
    ) -> None:
        super().__init__(parent)
        self._path = show.source
        self._clock = clock
        self._settle_seconds = settle_seconds  # the preview answers a save sooner than the wall
        self._watcher = QFileSystemWatcher(self)
        self._settle: Pending | None = None
        self._loading = False
        self._again = False
        self._fingerprint = ""
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._baseline.connect(self._set_baseline, Qt.ConnectionType.QueuedConnection)
        path = self._path
        self._pool.start(lambda: self._emit("_baseline", fingerprint(path, show)))
        self._watcher.fileChanged.connect(self._changed)
        self._watcher.directoryChanged.connect(self._changed)
        self._loaded.connect(self._on_loaded, Qt.ConnectionType.QueuedConnection)
        self._watch(show)

    @property
    def settling(self) -> bool:
        """True from a change until its reload has been decided."""
        return self._settle is not None or self._loading

    def _watch(self, show: Show | None) -> None:
        files = {self._path}
        if show is not None:
            files |= {slide.image for slide in show.slides if slide.image is not None}
        folders = {path.parent for path in files}
        wanted = {str(path) for path in files | folders if path.exists()}
        stale = set(self._watcher.files() + self._watcher.directories()) - wanted
        if stale:
            self._watcher.removePaths(list(stale))
        missing = wanted - set(self._watcher.files() + self._watcher.directories())
        if missing:
            self._watcher.addPaths(sorted(missing))

    def _emit(self, signal_name: str, value: object) -> None:
        """From a worker thread; the watcher may have closed with the show meanwhile."""
        try:
            getattr(self, signal_name).emit(value)
        except RuntimeError:
            pass

    @Slot(str)
    def _set_baseline(self, value: str) -> None:
        self._fingerprint = self._fingerprint or value

    @Slot(str)
    def _changed(self, _path: str) -> None:
        """Every change restarts the settle delay, so a burst of saves is one reload."""
        if self._settle is not None:
            self._settle.cancel()
        self._settle = self._clock.call_later(self._settle_seconds, self._settled)

    def _settled(self) -> None:
        self._settle = None
        if self._loading:
            self._again = True
            return
        self._loading = True
        path = self._path
        self._pool.start(lambda: self._emit("_loaded", load_in_worker(path)))

    @Slot(object)
    def _on_loaded(self, result: LoadResult) -> None:
        self._loading = False
        self._watch(result.show)  # a renamed-over file needs watching again
        if result.fingerprint == self._fingerprint:
            log.debug("%s: saved without changes", self._path.name)
        elif result.show is None:
            self._fingerprint = result.fingerprint
            log.error(
                "%s: %d problem(s); still showing the last good version",
                self._path.name,
                len(result.problems),
            )
            for problem in result.problems:
                log.error("%s", problem)
            self.rejected.emit(result.problems)
        else:
            self._fingerprint = result.fingerprint
            for problem in result.problems:
                log.warning("%s", problem)
            log.info(
                "%s reloaded: %d slides (content %s)",
                self._path.name,
                len(result.show.slides),
                result.fingerprint[:12],
            )
            self.reloaded.emit(result.show)
        if self._again:
            self._again = False
            self._settled()
