"""Hot reload: watch slides.yaml and every picture it names; after a burst of changes settles,
re-validate off the GUI thread and hand over new content, or keep the last good show.

Editors save in many ways (in place, write-temp-then-rename, delete-and-recreate), so the
folders are watched as well as the files, and a fingerprint of the content decides whether
anything really changed. File-system notifications follow a folder, not its name: a show
folder swapped for a new one (a deploy, Syncthing, `git checkout`) or a network share that
sends none would stop hot reload for good. So every few seconds a worker also takes the
fingerprint by path; a difference is a change, and a replaced folder is watched afresh.

Nothing here touches a file from the GUI thread, and every read is time-limited: a file that
blocks (a named pipe, a hung share) is a problem to log, not a frozen show.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QThreadPool, Signal, Slot

from ..clock import Clock, Pending
from ..content.errors import ContentError, Problem
from ..content.loader import load_show
from ..content.model import Show
from ..player.reads import ReadProblem, call_with_timeout, read_bytes
from .lastgood import LastGood

log = logging.getLogger(__name__)

SETTLE_SECONDS = 0.6
POLL_SECONDS = 3.0  # how often the fingerprint is also taken by path
LAST_GOOD_SECONDS = 120.0  # copying the pictures may take a while; a hung disk must not block


@dataclass(frozen=True)
class Snapshot:
    """What a worker saw: the content's fingerprint, and which watched paths exist as what
    (device and inode: a different pair under the same name is a replaced folder)."""

    fingerprint: str
    identities: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class LoadResult:
    fingerprint: str
    show: Show | None
    problems: tuple[Problem, ...]
    snapshot: Snapshot | None = None


def fingerprint(path: Path, show: Show | None) -> str:
    """A hash of the show file and the size and time of every file it names."""
    digest = hashlib.sha256()
    try:
        digest.update(read_bytes(path))
    except ReadProblem as problem:
        digest.update(f"unreadable {problem}".encode())
    for file in (file for slide in (show.slides if show else ()) for file in slide.files):
        try:
            stat = file.stat()
            digest.update(f"{file}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        except OSError:
            digest.update(f"{file}:missing".encode())
    return digest.hexdigest()


def watched_paths(path: Path, show: Show | None) -> set[Path]:
    files = {path}
    if show is not None:
        files |= {file for slide in show.slides for file in slide.files}
    return files | {file.parent for file in files}


def take_snapshot(path: Path, show: Show | None) -> Snapshot:
    """In a worker: the fingerprint and the identities, within the read time limit."""

    def look() -> Snapshot:
        identities = {}
        for watched in watched_paths(path, show):
            try:
                info = os.stat(watched)
            except OSError:
                continue  # missing, or not ours to read: nothing to watch there
            identities[str(watched)] = (info.st_dev, info.st_ino)
        return Snapshot(fingerprint(path, show), identities)

    try:
        return call_with_timeout(f"{path}:snapshot", look)
    except ReadProblem as problem:
        return Snapshot(f"unreadable {problem}")


def load_in_worker(path: Path, last_good: LastGood | None = None) -> LoadResult:
    try:
        read_bytes(path)  # a pipe, a folder or a hung share: a problem, never a stuck worker
        show, warnings = call_with_timeout(f"{path}:load", lambda: load_show(path))
    except ReadProblem as problem:
        unreadable = Problem(path, 1, 1, "", f"cannot read the file: {problem}", "")
        return LoadResult(fingerprint(path, None), None, (unreadable,), take_snapshot(path, None))
    except ContentError as error:
        return LoadResult(fingerprint(path, None), None, tuple(error.problems), take_snapshot(path, None))
    if last_good is not None:
        try:
            call_with_timeout(f"{path}:last-good", lambda: last_good.save(show), LAST_GOOD_SECONDS)
        except ReadProblem as problem:
            log.warning("last good copy: not kept this time (%s)", problem)
    return LoadResult(fingerprint(path, show), show, tuple(warnings), take_snapshot(path, show))


def content_hash(path: Path) -> str:
    return fingerprint(path, None)[:12]


class ShowWatcher(QObject):
    """Emits `reloaded(show)` for valid new content; logs and keeps watching otherwise."""

    reloaded = Signal(object)
    rejected = Signal(object)  # tuple of Problems
    _loaded = Signal(object)
    _baseline = Signal(object)
    _polled = Signal(object)

    def __init__(
        self,
        show: Show,
        clock: Clock,
        parent: QObject | None = None,
        path: Path | None = None,
        last_good: LastGood | None = None,
        settle_seconds: float = SETTLE_SECONDS,
    ) -> None:
        """Watches `path` (default: the show's own file). A show started from the last good
        copy watches the real file, which did not load, and takes it back once it does."""
        super().__init__(parent)
        self._path = path or show.source
        self._last_good = last_good
        # the show whose pictures are part of the fingerprint (not the last good copy's)
        self._shown: Show | None = show if self._path == show.source else None
        self._clock = clock
        self._settle_seconds = settle_seconds  # the preview answers a save sooner than the wall
        self._watcher = QFileSystemWatcher(self)
        self._settle: Pending | None = None
        self._loading = False
        self._again = False
        self._polling = False
        self._fingerprint = ""
        self._identities: dict[str, tuple[int, int]] = {}
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._baseline.connect(self._set_baseline, Qt.ConnectionType.QueuedConnection)
        self._polled.connect(self._on_polled, Qt.ConnectionType.QueuedConnection)
        self._loaded.connect(self._on_loaded, Qt.ConnectionType.QueuedConnection)
        self._watcher.fileChanged.connect(self._changed)
        self._watcher.directoryChanged.connect(self._changed)
        watch_path, shown = self._path, self._shown
        # watched at once, so no save right after start is missed; paths that do not exist
        # are simply not added, and the worker's first look below sets the list right
        self._watcher.addPaths(sorted(str(path) for path in watched_paths(watch_path, shown)))
        self._pool.start(lambda: self._emit("_baseline", take_snapshot(watch_path, shown)))
        self._clock.call_later(POLL_SECONDS, self._poll)

    @property
    def settling(self) -> bool:
        """True from a change until its reload has been decided."""
        return self._settle is not None or self._loading

    def _watch(self, identities: dict[str, tuple[int, int]], fresh: bool = False) -> None:
        """Watches the paths that exist (as the worker saw them); `fresh` re-adds them all."""
        current = set(self._watcher.files() + self._watcher.directories())
        stale = current if fresh else current - set(identities)
        if stale:
            self._watcher.removePaths(list(stale))
        missing = set(identities) - set(self._watcher.files() + self._watcher.directories())
        if missing:
            self._watcher.addPaths(sorted(missing))
        self._identities = identities

    def _emit(self, signal_name: str, value: object) -> None:
        """From a worker thread; the watcher may have closed with the show meanwhile."""
        try:
            getattr(self, signal_name).emit(value)
        except RuntimeError:
            pass

    @Slot(object)
    def _set_baseline(self, snapshot: Snapshot) -> None:
        self._fingerprint = self._fingerprint or snapshot.fingerprint
        self._watch(snapshot.identities)

    def _poll(self) -> None:
        """The look by path, in case notifications were lost (see the module's note)."""
        self._clock.call_later(POLL_SECONDS, self._poll)
        if self._polling or self.settling or not self._fingerprint:
            return
        self._polling = True
        path, shown = self._path, self._shown
        self._pool.start(lambda: self._emit("_polled", take_snapshot(path, shown)))

    @Slot(object)
    def _on_polled(self, snapshot: Snapshot) -> None:
        self._polling = False
        if self.settling:
            return
        replaced = sorted(
            path
            for path, identity in snapshot.identities.items()
            if path in self._identities and self._identities[path] != identity
        )
        if replaced:
            log.warning("%s was replaced (a new folder or file); watching the new one", ", ".join(replaced))
        if replaced or set(snapshot.identities) != set(self._identities):
            self._watch(snapshot.identities, fresh=bool(replaced))
        if snapshot.fingerprint != self._fingerprint:
            log.info("%s: a change found by looking (no notification came)", self._path.name)
            self._changed(str(self._path))

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
        path, last_good = self._path, self._last_good
        self._pool.start(lambda: self._emit("_loaded", load_in_worker(path, last_good)))

    @Slot(object)
    def _on_loaded(self, result: LoadResult) -> None:
        self._loading = False
        if result.snapshot is not None and result.snapshot.identities:
            self._watch(result.snapshot.identities)  # a renamed-over file needs watching again
        if result.fingerprint == self._fingerprint:
            log.debug("%s: saved without changes", self._path.name)
        elif result.show is None:
            self._fingerprint = result.fingerprint
            self._shown = None
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
            self._shown = result.show
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
