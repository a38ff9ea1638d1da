"""The last good content, kept on disk: after a bad save and any restart (a crash, the
supervisor, a reboot, a power cut) the wall plays the last show that loaded instead of
going dark.

Every time the show file loads cleanly, it and every picture it names are copied into a
per-user state folder (never the show folder), with their hashes. When the file on disk does
not load at start, the show starts from that copy, says so loudly, and goes back to the file
as soon as it is fixed (hot reload).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Property, QObject, QStandardPaths, Signal

from ..content.errors import ContentError, Problem
from ..content.loader import load_show
from ..content.model import Show

log = logging.getLogger("kiosk.lastgood")

STATE_DIR_VARIABLE = "KIOSK_STATE_DIR"  # where the copies go (tests, or a second disk)
MANIFEST = "manifest.json"


def default_state_dir() -> Path:
    """$KIOSK_STATE_DIR, else ~/.local/share/kiosk/last-good (%LOCALAPPDATA%\\kiosk\\... on Windows)."""
    chosen = os.environ.get(STATE_DIR_VARIABLE)
    if chosen:
        return Path(chosen)
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    return Path(base or Path.home()) / "kiosk" / "last-good"


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class Saved:
    show: Show
    saved_at: str  # local time of the copy, for the log


class LastGood:
    """The kept copy of one show file (one folder per show file, so two shows never mix)."""

    def __init__(self, source: Path, state_dir: Path | None = None) -> None:
        self.source = source.resolve()
        key = hashlib.sha256(str(self.source).encode()).hexdigest()[:16]
        self.folder = (state_dir or default_state_dir()).resolve() / key
        self.current = self.folder / "current"

    @property
    def usable_place(self) -> bool:
        """The copy must never land inside the show folder it protects."""
        return not self.folder.is_relative_to(self.source.parent)

    def save(self, show: Show) -> bool:
        """Copies the show file and its pictures, unless this exact content is already kept.
        Runs in a worker thread; returns whether a new copy was made."""
        if not self.usable_place:
            log.warning("last good copy: %s is inside the show folder; not keeping one", self.folder)
            return False
        root = self.source.parent
        files = {self.source.name: self.source}
        for file in (file for slide in show.slides for file in slide.files if file.is_file()):
            try:
                files[file.resolve().relative_to(root).as_posix()] = file
            except ValueError:
                continue  # outside the folder: the loader refuses those anyway
        try:
            hashes = {name: _hash_file(path) for name, path in sorted(files.items())}
            if self._manifest().get("files") == hashes:
                return False
            self._write(files, hashes)
        except OSError as error:
            log.warning("last good copy: cannot keep one in %s (%s)", self.folder, error)
            return False
        log.info("last good copy kept: %d file(s) in %s", len(files), self.current)
        return True

    def _write(self, files: dict[str, Path], hashes: dict[str, str]) -> None:
        staging = self.folder / f"staging-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        for name, path in files.items():
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        if {name: _hash_file(staging / name) for name in files} != hashes:
            shutil.rmtree(staging, ignore_errors=True)
            raise OSError("the files changed while they were copied; kept the previous copy")
        try:
            load_show(staging / self.source.name)
        except ContentError as error:
            shutil.rmtree(staging, ignore_errors=True)
            raise OSError("the file changed while it was copied; kept the previous copy") from error
        manifest = {
            "source": str(self.source),
            "saved_at": time.strftime("%Y-%m-%d %H:%M:%S"),
            "files": hashes,
        }
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        old = self.folder / f"old-{os.getpid()}"
        if self.current.exists():
            self.current.replace(old)
        staging.replace(self.current)
        shutil.rmtree(old, ignore_errors=True)

    def _manifest(self) -> dict:
        try:
            return json.loads((self.current / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def load(self) -> Saved | None:
        """The kept show, loaded from the copy (its pictures are the copies too), or None."""
        manifest = self._manifest()
        if not manifest:
            return None
        try:
            show, _warnings = load_show(self.current / self.source.name)
        except ContentError:
            return None
        return Saved(show, manifest.get("saved_at", "?"))


def describe(problems: list[Problem] | tuple[Problem, ...]) -> str:
    """The reason in one line, for the status: the first problem and how many more."""
    if not problems:
        return "the show file did not load"
    more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
    return f"{problems[0]}{more}"


class ContentStatus(QObject):
    """What content the wall shows, for whoever asks (QML's marker, a future status page):
    the show file itself, or the last good copy and why."""

    changed = Signal()

    def __init__(self, reason: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reason = reason

    def _get_from_last_good(self) -> bool:
        return bool(self._reason)

    fromLastGood = Property(bool, _get_from_last_good, notify=changed)

    def _get_reason(self) -> str:
        return self._reason

    reason = Property(str, _get_reason, notify=changed)

    @property
    def summary(self) -> str:
        if self._reason:
            return f"running from last good content because: {self._reason}"
        return "running from the show file"

    def fall_back(self, reason: str) -> None:
        """A reload was refused: the wall keeps the last good version (already logged)."""
        if reason != self._reason:
            self._reason = reason
            self.changed.emit()

    def back_on_file(self) -> None:
        if self._reason:
            self._reason = ""
            log.warning("the show file loads again; the wall is back on it (no longer the last good copy)")
            self.changed.emit()
