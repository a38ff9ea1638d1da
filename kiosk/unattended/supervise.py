"""`kiosk supervise`: runs the show as a child process and brings it back when it crashes,
freezes or grows too large, with a growing pause between quick failures. A clean quit
(Ctrl+Shift+Q, exit status 0) ends the supervisor too.

On a display PC that boots straight into the show, the display may come up after the
supervisor: with no display it waits, with growing pauses, instead of starting a show that
could only fail.

The show proves it is alive by writing the time into a heartbeat file every few seconds
from its GUI thread (`--heartbeat-file`); a file older than the limit means a frozen show.
"""

from __future__ import annotations

import getpass
import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import psutil

from ..content.errors import ExitCode
from .display import display_missing

log = logging.getLogger("kiosk.supervise")

HEARTBEAT_INTERVAL_SECONDS = 5


@dataclass(frozen=True)
class Limits:
    heartbeat_seconds: float = 30.0  # no heartbeat for this long: frozen
    startup_seconds: float = 60.0  # time allowed before the first heartbeat
    memory_mb: float = 2000.0  # resident memory ceiling
    poll_seconds: float = 1.0
    first_delay: float = 1.0  # pause before restarting after a quick failure, doubling...
    max_delay: float = 60.0  # ...up to this
    stable_seconds: float = 120.0  # a run this long resets the pause


@dataclass(frozen=True)
class Outcome:
    clean: bool
    reason: str
    ran_seconds: float


def read_heartbeat(path: Path) -> float | None:
    try:
        return float(path.read_text(encoding="ascii").strip() or "nan")
    except (OSError, ValueError):
        return None


def write_heartbeat(path: Path) -> None:
    """Called by the show: replaces the file in one step so it is never read half-written."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(f"{time.time():.3f}", encoding="ascii")
    temporary.replace(path)


class HeartbeatWriter:
    """The show's side of the heartbeat: a write that fails (a full disk, a folder gone) is
    said once and tried again at the next beat; the show goes on either way (the supervisor
    will restart it if the file stays old, which is the right thing on a disk that stays full)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.failing = False

    def beat(self) -> None:
        try:
            write_heartbeat(self.path)
        except OSError as error:
            if not self.failing:
                self.failing = True
                log.warning(
                    "cannot write the heartbeat file %s (%s); trying again at each beat", self.path, error
                )
            return
        if self.failing:
            self.failing = False
            log.info("the heartbeat file %s is written again", self.path)


ON_LINUX = sys.platform.startswith("linux")
PR_SET_PDEATHSIG = 1
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGQUIT") if hasattr(signal, name)
)


def die_with_parent_hook() -> Callable[[], None] | None:
    """For the show's process, run between fork and exec (Linux): when the supervisor dies,
    even by SIGKILL, the kernel sends the show SIGTERM, so no show is left unsupervised.
    libc is looked up here, in the parent, so the child only makes one system call."""
    if not ON_LINUX:
        return None
    import ctypes

    prctl = ctypes.CDLL(None, use_errno=True).prctl
    return lambda: prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def private_folder(env: dict[str, str] | os._Environ[str] = os.environ) -> Path:
    """A folder of this user's that no other user can write: $XDG_RUNTIME_DIR/kiosk (Linux
    sessions), %LOCALAPPDATA%\\kiosk\\run (Windows), else kiosk-<uid> in the temporary folder,
    made 0700 and refused if someone else owns it or may write in it."""
    if env.get("XDG_RUNTIME_DIR") and Path(env["XDG_RUNTIME_DIR"]).is_dir():
        folder = Path(env["XDG_RUNTIME_DIR"]) / "kiosk"
    elif sys.platform == "win32" and env.get("LOCALAPPDATA"):
        folder = Path(env["LOCALAPPDATA"]) / "kiosk" / "run"
    else:
        folder = Path(tempfile.gettempdir()) / f"kiosk-{getpass.getuser()}"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if hasattr(os, "getuid"):
        info = folder.lstat()
        if info.st_uid != os.getuid() or info.st_mode & 0o022 or not folder.is_dir() or folder.is_symlink():
            # someone else's folder under our name: a fresh one of our own instead
            return Path(tempfile.mkdtemp(prefix="kiosk-"))
    return folder


def own_heartbeat_file(screen: int | None = None, folder: Path | None = None) -> Path:
    """A fresh path for one supervisor's heartbeat, named after its screen, in a folder only
    this user can write (so no other user's process can keep a frozen show looking alive)."""
    label = "primary" if screen is None else f"screen{screen}"
    handle, name = tempfile.mkstemp(prefix=f"heartbeat-{label}-", dir=folder or private_folder())
    os.close(handle)
    return Path(name)


class Supervisor:
    def __init__(
        self,
        command: Sequence[str],
        limits: Limits = Limits(),
        heartbeat_file: Path | None = None,
        pause: Callable[[float], None] = time.sleep,
        no_display: Callable[[], str] = lambda: display_missing(os.environ),
        env: dict[str, str] | None = None,
    ) -> None:
        self.no_display = no_display  # why there is no display now, or ""
        self.env = env
        # one heartbeat file per supervisor: two shows on one PC must not keep each other alive
        self.heartbeat_file = heartbeat_file or own_heartbeat_file()
        self.command = [*command, "--heartbeat-file", str(self.heartbeat_file)]
        self.limits = limits
        self.pause = pause
        self.child: subprocess.Popen[bytes] | None = None
        self._frozen = False

    def run(self, max_starts: int | None = None) -> int:
        """Starts the show, and starts it again after each failure; returns on a clean quit."""
        failures = 0
        starts = 0
        while max_starts is None or starts < max_starts:
            self.wait_for_display()
            starts += 1
            outcome = self.run_once()
            if outcome.clean:
                log.info("the show quit cleanly; not restarting")
                return 0
            failures = 1 if outcome.ran_seconds >= self.limits.stable_seconds else failures + 1
            delay = min(self.limits.first_delay * 2 ** (failures - 1), self.limits.max_delay)
            log.error("restarting the show in %.0f s: %s", delay, outcome.reason)
            self.pause(delay)
        return 1

    def wait_for_display(self) -> None:
        """Returns once there is a display to show on, checking again after 1, 2, 4 … 60 s."""
        delay = self.limits.first_delay
        said = ""
        while reason := self.no_display():
            if reason != said:
                log.warning("waiting for a display (%s); checking again with growing pauses", reason)
                said = reason
            self.pause(delay)
            delay = min(delay * 2, self.limits.max_delay)
        if said:
            log.info("a display is there now; starting the show")

    def run_once(self) -> Outcome:
        self.heartbeat_file.unlink(missing_ok=True)
        started = time.monotonic()
        log.info("starting the show: %s", " ".join(self.command))
        # the supervisor runs no threads, so a pre-exec hook is safe here
        self.child = subprocess.Popen(self.command, env=self.env, preexec_fn=die_with_parent_hook())  # noqa: PLW1509
        self._frozen = False
        try:
            reason = self._watch(self.child, started)
        finally:
            self._stop(self.child, at_once=self._frozen)
        ran = time.monotonic() - started
        return Outcome(reason == "", reason, ran)

    def _watch(self, child: subprocess.Popen[bytes], started: float) -> str:
        """Waits until the child needs restarting; returns why, or '' for a clean quit."""
        process = psutil.Process(child.pid)
        while True:
            code = child.poll()
            if code == ExitCode.NO_DISPLAY:
                return f"it found no display to show on (status {code})"
            if code is not None:
                return "" if code == 0 else exit_reason(code)
            beat = read_heartbeat(self.heartbeat_file)
            if beat is None:
                if time.monotonic() - started > self.limits.startup_seconds:
                    return f"no heartbeat {self.limits.startup_seconds:.0f} s after starting"
            elif time.time() - beat > self.limits.heartbeat_seconds:
                self._frozen = True
                return f"frozen: no heartbeat for {time.time() - beat:.0f} s"
            try:
                rss = process.memory_info().rss / 1e6
            except psutil.Error:
                rss = 0.0
            if rss > self.limits.memory_mb:
                return f"memory {rss:.0f} MB is over the {self.limits.memory_mb:.0f} MB ceiling"
            time.sleep(self.limits.poll_seconds)

    @staticmethod
    def _stop(child: subprocess.Popen[bytes], at_once: bool = False) -> None:
        """Asks the show to stop (it closes cleanly on SIGTERM), then kills it after 10 s. A
        frozen show is killed at once: it cannot answer, and a stopped one (SIGSTOP) would not
        even receive the request."""
        if child.poll() is None and at_once:
            child.kill()
            child.wait()
        if child.poll() is None:
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


def exit_reason(code: int) -> str:
    if code < 0:
        try:
            return f"it was killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"it was killed by signal {-code}"
    return f"it exited with status {code}"


def show_command() -> tuple[list[str], dict[str, str]]:
    """How to start the show as a child, and its environment: the bundle's own executable
    when frozen by PyInstaller, else `python -m kiosk` with this very package first on the
    path, so an installed wheel, an editable install and `python main.py` in a clone all start
    the code they are running."""
    env = dict(os.environ)
    if getattr(sys, "frozen", False):
        return [sys.executable], env
    package_home = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_home, env.get("PYTHONPATH")]))
    return [sys.executable, "-m", "kiosk"], env


def run_until_stopped(supervisor: Supervisor) -> int:
    """Runs the supervisor until the show quits cleanly or a stop signal arrives (SIGTERM,
    SIGHUP from a closed terminal, SIGQUIT, Ctrl+C); the show never outlives it."""

    def stop(signum: int, _frame: object) -> None:
        log.info("stopping the show (signal %d)", signum)
        raise SystemExit(0)

    for number in STOP_SIGNALS:
        signal.signal(number, stop)
    try:
        return supervisor.run()
    except (SystemExit, KeyboardInterrupt):
        return 0
    finally:
        if supervisor.child is not None:
            Supervisor._stop(supervisor.child)
        supervisor.heartbeat_file.unlink(missing_ok=True)
        log.info("supervisor stopped")


def supervise(run_args: Sequence[str], limits: Limits, screen: int | None = None) -> int:
    """The `kiosk supervise` command: the show's own options pass straight through."""
    command, env = show_command()
    heartbeat = own_heartbeat_file(screen)
    return run_until_stopped(Supervisor([*command, *run_args], limits, heartbeat, env=env))
