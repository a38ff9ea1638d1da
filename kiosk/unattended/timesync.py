"""Is this PC's clock kept in step? Asked of whatever keeps it (chrony, systemd's timedatectl,
the Windows time service), never worked out by us: clock-locked screens (show.sync: clock)
are only as together as their clocks.

The tools are run on a worker thread, each with a time limit, every few minutes; their
output is read defensively (a missing tool, an unknown language or layout gives "unknown",
never an error). A clock the OS says is not synchronised is logged once an hour.
"""

from __future__ import annotations

import logging
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

log = logging.getLogger(__name__)

CHECK_SECONDS = 300.0
WARN_EVERY_SECONDS = 3600.0
TOOL_TIMEOUT_SECONDS = 3.0

Runner = Callable[[Sequence[str]], str | None]


@dataclass(frozen=True)
class TimeStatus:
    source: str = ""  # the tool that answered: chrony, timedatectl, w32tm; "" if none did
    synchronised: bool | None = None  # None: the OS could not tell
    offset_s: float | None = None  # this clock minus the reference time, where the tool says
    detail: str = ""  # the tool's own words for the reference (server, stratum)

    def as_status(self) -> dict[str, object]:
        status = asdict(self)
        status["offset_ms"] = None if self.offset_s is None else round(self.offset_s * 1000, 3)
        del status["offset_s"]
        return status


UNKNOWN = TimeStatus()


def _field(text: str, *names: str) -> str | None:
    for line in text.splitlines():
        key, colon, value = line.partition(":")
        if colon and key.strip().lower() in names:
            return value.strip()
    return None


def parse_chrony_tracking(text: str) -> TimeStatus:
    """`chronyc tracking`: 'System time : 0.000012 seconds fast of NTP time', 'Leap status'."""
    leap = _field(text, "leap status")
    reference = _field(text, "reference id") or ""
    if leap is None:
        return UNKNOWN
    synchronised = "not synchronised" not in leap.lower() and not reference.startswith("00000000")
    offset = None
    system_time = _field(text, "system time") or ""
    match = re.match(r"([-+]?[0-9.]+)\s+seconds\s+(fast|slow)", system_time)
    if match:
        offset = float(match.group(1)) * (1 if match.group(2) == "fast" else -1)
    stratum = _field(text, "stratum") or "?"
    return TimeStatus("chrony", synchronised, offset, f"reference {reference}, stratum {stratum}".strip())


def parse_timedatectl(text: str) -> TimeStatus:
    """`timedatectl show`: NTPSynchronized=yes|no (no offset is given)."""
    values = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    synced = values.get("NTPSynchronized")
    if synced not in ("yes", "no"):
        return UNKNOWN
    return TimeStatus("timedatectl", synced == "yes", None, f"NTP service {values.get('NTP', '?')}")


def parse_w32tm_status(text: str) -> TimeStatus:
    """`w32tm /query /status`: leap indicator 3 or a local clock as the source means not
    synchronised. Windows prints it in the system's language; English and Chinese are read,
    anything else is 'unknown'."""
    leap = _field(text, "leap indicator", "闰秒指示符")
    source = _field(text, "source", "源") or ""
    if leap is None and not source:
        return UNKNOWN
    free_running = any(word in source.lower() for word in ("local cmos clock", "free-running"))
    synchronised = not free_running and not (leap or "").startswith("3")
    return TimeStatus("w32tm", synchronised, None, f"source {source}" if source else "")


def run_tool(command: Sequence[str]) -> str | None:
    """The tool's output, or None if it is missing, fails or takes too long."""
    try:
        done = subprocess.run(
            list(command), capture_output=True, text=True, timeout=TOOL_TIMEOUT_SECONDS, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def read_time_status(run: Runner = run_tool, platform: str = sys.platform) -> TimeStatus:
    """Asks the tools this OS may have, in order, and returns the first clear answer."""
    if platform.startswith("win"):
        tools: list[tuple[Sequence[str], Callable[[str], TimeStatus]]] = [
            (("w32tm", "/query", "/status"), parse_w32tm_status)
        ]
    else:
        tools = [
            (("chronyc", "tracking"), parse_chrony_tracking),
            (("timedatectl", "show"), parse_timedatectl),
        ]
    for command, parse in tools:
        output = run(command)
        if output:
            status = parse(output)
            if status.synchronised is not None:
                return status
    return UNKNOWN


class TimeSyncMonitor:
    """Keeps the latest TimeStatus (read from any thread as `status`); with `warn`, logs a
    clock that is not synchronised once an hour."""

    def __init__(
        self,
        warn: bool,
        read: Callable[[], TimeStatus] | None = None,
        interval: float = CHECK_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        """`read` defaults to read_time_status (looked up when used); `monotonic` measures
        the hour between warnings."""
        self._monotonic = monotonic
        self.status = UNKNOWN
        self._warn = warn
        self._read = read
        self._interval = interval
        self._last_warning = float("-inf")
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def as_status(self) -> dict[str, object]:
        """The latest answer, for the hall's status (any thread)."""
        return self.status.as_status()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="kiosk-timesync", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def check(self) -> TimeStatus:
        """One look (on the caller's thread: the worker's, or a test's)."""
        try:
            self.status = (self._read or read_time_status)()
        except Exception as error:  # a parser surprise must never stop the show
            log.debug("time sync: could not read the clock's state: %s", error)
            self.status = UNKNOWN
        if self._warn and self.status.synchronised is False:
            now = self._monotonic()
            if now - self._last_warning >= WARN_EVERY_SECONDS:
                self._last_warning = now
                log.warning(
                    "time sync: %s says this PC's clock is not synchronised (%s); screens with "
                    "sync: clock change together only if their clocks do (see README, Several screens)",
                    self.status.source,
                    self.status.detail or "no reference",
                )
        return self.status

    def _run(self) -> None:
        while not self._stop.is_set():
            self.check()
            self._stop.wait(self._interval)
