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

Content delivered whole: a sync tool (Syncthing, rsync, git) may bring the new slides.yaml
before the pictures it names. New content is taken only once every picture it names is
there and finished: not missing, not beside a sync tool's temporary file, and the same size
and time at two looks in a row. Until then the show keeps what it has (never a placeholder
for a picture that is merely late); after WAIT_WARN_SECONDS it logs what is missing and
keeps waiting.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
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
WAIT_RETRY_SECONDS = 1.0  # unfinished pictures are looked at again after this (plus the settle)
QUIET_SECONDS = 2.0  # a picture not modified for this long (and not beside a temp file) is whole
WAIT_WARN_SECONDS = 300.0  # then what is still missing is logged as a warning (once per wait)
Sizes = dict[str, tuple[int, int]]  # picture path -> (size, modification time in ns)


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
    waiting: tuple[str, ...] = ()  # pictures not yet complete, each with why
    sizes: Sizes = field(default_factory=dict)  # of the pictures, as this look saw them


def pictures_of(show: Show) -> list[Path]:
    """Every file the show names (pictures, posters, clips, backgrounds): new content waits
    for all of them."""
    return sorted({file for slide in show.slides for file in slide.files})


def being_written(picture: Path) -> bool:
    """A sync tool is still writing this picture: Syncthing's `.syncthing.NAME.tmp`
    (`~syncthing~NAME.tmp` on Windows), rsync's `.NAME.XXXXXX` or its `.~tmp~/NAME`
    (--delay-updates) is beside it."""
    folder, name = picture.parent, picture.name
    if any(
        candidate.exists()
        for candidate in (
            folder / f".syncthing.{name}.tmp",
            folder / f"~syncthing~{name}.tmp",
            folder / ".~tmp~" / name,
        )
    ):
        return True
    try:
        siblings = os.listdir(folder)
    except OSError:
        return False
    prefix = f".{name}."
    return any(entry.startswith(prefix) and len(entry) == len(prefix) + 6 for entry in siblings)


def unfinished_pictures(show: Show, seen_before: Sizes) -> tuple[Sizes, tuple[str, ...]]:
    """The size and time of every picture `show` names, and those not complete yet (each
    with why). A picture counts as complete once it looked the same at two looks, or was last
    modified QUIET_SECONDS ago (sync tools that rename a finished temporary file into place
    keep the sender's modification time)."""
    sizes: Sizes = {}
    now_ns = time.time_ns()
    waiting = []
    root = show.source.parent
    for picture in pictures_of(show):
        name = picture.relative_to(root) if picture.is_relative_to(root) else picture
        try:
            info = picture.stat()
        except FileNotFoundError:
            waiting.append(f"{name} (not arrived)")
            continue
        except OSError as error:
            waiting.append(f"{name} (cannot be read: {error.strerror or error})")
            continue
        sizes[str(picture)] = (info.st_size, info.st_mtime_ns)
        if being_written(picture):
            waiting.append(f"{name} (being written: a sync tool's temporary file is beside it)")
        elif info.st_size == 0:
            waiting.append(f"{name} (empty so far)")
        elif (
            seen_before.get(str(picture)) != sizes[str(picture)]
            and now_ns - info.st_mtime_ns < QUIET_SECONDS * 1e9
        ):
            waiting.append(f"{name} (new or changed: looking again to see it finished)")
    return sizes, tuple(waiting)


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


def load_in_worker(
    path: Path, last_good: LastGood | None = None, seen_before: Sizes | None = None
) -> LoadResult:
    """Loads the show; with `seen_before` (the pictures' sizes at the last look) a show whose
    pictures are not all complete comes back with `waiting` set and is not kept as good."""
    try:
        read_bytes(path)  # a pipe, a folder or a hung share: a problem, never a stuck worker
        show, warnings = call_with_timeout(f"{path}:load", lambda: load_show(path))
    except ReadProblem as problem:
        unreadable = Problem(path, 1, 1, "", f"cannot read the file: {problem}", "")
        return LoadResult(fingerprint(path, None), None, (unreadable,), take_snapshot(path, None))
    except ContentError as error:
        return LoadResult(fingerprint(path, None), None, tuple(error.problems), take_snapshot(path, None))
    sizes: Sizes = {}
    if seen_before is not None:
        try:
            sizes, waiting = call_with_timeout(
                f"{path}:pictures", lambda: unfinished_pictures(show, seen_before)
            )
        except ReadProblem as problem:
            sizes, waiting = {}, (f"the pictures could not be looked at ({problem})",)
        if waiting:
            return LoadResult(fingerprint(path, show), show, tuple(warnings), None, waiting, sizes)
    if last_good is not None:
        try:
            call_with_timeout(f"{path}:last-good", lambda: last_good.save(show), LAST_GOOD_SECONDS)
        except ReadProblem as problem:
            log.warning("last good copy: not kept this time (%s)", problem)
    return LoadResult(fingerprint(path, show), show, tuple(warnings), take_snapshot(path, show), (), sizes)


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
        wait_for_pictures: bool = True,
    ) -> None:
        """Watches `path` (default: the show's own file). A show started from the last good
        copy watches the real file, which did not load, and takes it back once it does.
        With `wait_for_pictures` (the wall) new content waits until its pictures are
        complete; without (the curator's preview) it is shown at once."""
        super().__init__(parent)
        self._wait_for_pictures = wait_for_pictures
        self._seen: Sizes = {}  # every picture's size and time at the last look
        self._waiting_since: float | None = None
        self._warned_waiting = False
        self._retry: Pending | None = None
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
        self._pool.start(lambda: self._emit("_baseline", self._first_look(watch_path, shown)))
        self._clock.call_later(POLL_SECONDS, self._poll)

    def _first_look(self, path: Path, shown: Show | None) -> Snapshot:
        """In the worker: the baseline, and the sizes of the pictures on screen now."""
        if shown is not None and self._wait_for_pictures:
            try:
                self._seen = call_with_timeout(f"{path}:pictures", lambda: unfinished_pictures(shown, {})[0])
            except ReadProblem:
                pass
        return take_snapshot(path, shown)

    @property
    def waiting(self) -> bool:
        """True while new content waits for its pictures to arrive whole."""
        return self._waiting_since is not None

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
        seen = dict(self._seen) if self._wait_for_pictures else None
        self._pool.start(lambda: self._emit("_loaded", load_in_worker(path, last_good, seen)))

    def _wait_for(self, waiting: tuple[str, ...]) -> None:
        """The new content names pictures not complete yet: keep the show as it is, look
        again shortly, and say what is missing once it has taken long."""
        now = self._clock.now()
        if self._waiting_since is None:
            self._waiting_since = now
            self._warned_waiting = False
            log.info(
                "%s: new content waits for %d picture(s) to arrive whole: %s",
                self._path.name,
                len(waiting),
                "; ".join(waiting),
            )
        elif not self._warned_waiting and now - self._waiting_since >= WAIT_WARN_SECONDS:
            self._warned_waiting = True
            log.warning(
                "%s: after %.0f s the new content still waits for: %s; the show keeps the "
                "content it has (check the sync tool, or the picture names in slides.yaml)",
                self._path.name,
                now - self._waiting_since,
                "; ".join(waiting),
            )
        if self._retry is not None:
            self._retry.cancel()
        self._retry = self._clock.call_later(WAIT_RETRY_SECONDS, lambda: self._changed(str(self._path)))

    def _stop_waiting(self) -> None:
        if self._waiting_since is not None:
            log.info(
                "%s: every picture is complete after %.1f s",
                self._path.name,
                self._clock.now() - self._waiting_since,
            )
        self._waiting_since = None
        if self._retry is not None:
            self._retry.cancel()
            self._retry = None

    @Slot(object)
    def _on_loaded(self, result: LoadResult) -> None:
        self._loading = False
        if result.snapshot is not None and result.snapshot.identities:
            self._watch(result.snapshot.identities)  # a renamed-over file needs watching again
        self._seen.update(result.sizes)
        if result.waiting and result.show is not None:
            self._wait_for(result.waiting)
            if self._again:
                self._again = False
                self._settled()
            return
        self._stop_waiting()
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
