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


def own_heartbeat_file() -> Path:
    """A fresh, private path in the temporary folder for one supervisor's heartbeat."""
    handle, name = tempfile.mkstemp(prefix="kiosk-heartbeat-")
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
        try:
            reason = self._watch(self.child, started)
        finally:
            self._stop(self.child)
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
                return "" if code == 0 else f"it exited with status {code}"
            beat = read_heartbeat(self.heartbeat_file)
            if beat is None:
                if time.monotonic() - started > self.limits.startup_seconds:
                    return f"no heartbeat {self.limits.startup_seconds:.0f} s after starting"
            elif time.time() - beat > self.limits.heartbeat_seconds:
                return f"frozen: no heartbeat for {time.time() - beat:.0f} s"
            try:
                rss = process.memory_info().rss / 1e6
            except psutil.Error:
                rss = 0.0
            if rss > self.limits.memory_mb:
                return f"memory {rss:.0f} MB is over the {self.limits.memory_mb:.0f} MB ceiling"
            time.sleep(self.limits.poll_seconds)

    @staticmethod
    def _stop(child: subprocess.Popen[bytes]) -> None:
        if child.poll() is None:
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


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


def supervise(run_args: Sequence[str], limits: Limits) -> int:
    """The `kiosk supervise` command: the show's own options pass straight through."""
    command, env = show_command()
    return run_until_stopped(Supervisor([*command, *run_args], limits, env=env))
