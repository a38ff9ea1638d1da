"""The hall API's figures: a status round trip, and the GUI thread while 20 clients ask."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time

from PySide6.QtCore import QSize

from ...app import RunningShow, RunOptions
from ...content.model import Show
from ..offscreen import wait_until
from .harness import GapProbe, run_for, run_until, with_durations

LOAD_NICENESS = 10  # the load generator's: see ApiLoad
SECONDS_PER_SLIDE = 1.0  # while the requests come: a show far busier than any hall's


def open_with_api(show: Show, size: QSize) -> RunningShow:
    from ...hall.settings import Endpoint, ScreenSettings

    hall = ScreenSettings(name="bench", remote=Endpoint("127.0.0.1", 0), advertise=False)
    running = RunningShow(show, RunOptions(size=size, hall=hall))
    running.present()
    wait_until(lambda: running.controller.currentIndex == 0 and running.window.isExposed())
    run_for(0.3)
    return running


class ApiLoad:
    """The hall's clients: `total` GETs cycling through `paths` from `clients` connections, sent
    by a child process. It is started and ready (Python and aiohttp imported) before `run()`, so
    a measurement taken during `run()` holds the requests alone, not the start of a process.

    The child lowers its own priority: in a hall the clients are other computers, and on this
    one machine the load's own CPU must not be taken from the show it measures (nor its GIL:
    hence a process, not a thread). The show's own API thread keeps its normal priority."""

    def __init__(self, port: int, paths: list[str], total: int, clients: int) -> None:
        self.total = total
        job = json.dumps({"port": port, "paths": paths, "total": total, "clients": clients})
        self._child = subprocess.Popen(
            [sys.executable, "-m", "kiosk.tools.bench", "--api-load", job],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        if self._child.stdout.readline().strip() != "ready":
            self._child.kill()
            raise RuntimeError("the API load generator did not start")

    def run(self) -> list[float]:
        """Sends the requests while this process's event loop runs; each round trip in ms."""
        self._child.stdin.write("go\n")
        self._child.stdin.flush()
        run_until(lambda: self._child.poll() is not None, timeout=300)
        output, _ = self._child.communicate(timeout=10)
        if self._child.returncode != 0:
            raise RuntimeError(f"the API load generator failed (status {self._child.returncode})")
        times = json.loads(output.strip().splitlines()[-1])
        if len(times) < self.total:
            print(f"{self.total - len(times)} of {self.total} API requests failed", file=sys.stderr)
        return times


def api_load_child(job: dict) -> None:
    """In the child: the requests themselves, with aiohttp, once the parent says go; prints the
    round trips as JSON."""
    import asyncio

    import aiohttp

    if hasattr(os, "nice"):
        os.nice(LOAD_NICENESS)
    port, paths = job["port"], job["paths"]
    times: list[float] = []

    async def client(numbers) -> None:
        timeout = aiohttp.ClientTimeout(total=30)  # a request that takes longer counts as failed
        async with aiohttp.ClientSession(timeout=timeout) as session:
            for number in numbers:
                path = paths[number % len(paths)]
                started = time.perf_counter()
                try:
                    async with session.get(f"http://127.0.0.1:{port}{path}") as response:
                        await response.read()
                        if response.status != 200:
                            raise RuntimeError(f"{path}: HTTP {response.status}")
                except (aiohttp.ClientError, TimeoutError, RuntimeError) as error:
                    print(f"request failed: {error!r}", file=sys.stderr)
                    continue
                times.append((time.perf_counter() - started) * 1000)

    async def all_clients() -> None:
        numbers = iter(range(job["total"]))
        await asyncio.gather(*(client(numbers) for _ in range(job["clients"])))

    print("ready", flush=True)
    sys.stdin.readline()
    asyncio.run(all_clients())
    print(json.dumps(times))


def api_status_ms_p95(show: Show, size: QSize, requests: int = 300) -> float:
    """Round trip of one status request on loopback, one at a time, while the show plays."""
    running = open_with_api(show, size)
    times = ApiLoad(running.agent.api_port, ["/api/v1/status"], requests, clients=1).run()
    running.close()
    return statistics.quantiles(times, n=20)[-1]


def gui_stall_ms_under_api_load(show: Show, size: QSize, requests: int = 2000, clients: int = 20) -> float:
    """The longest gap between ticks of a 1 ms GUI timer while 20 clients send 2,000 requests
    (status, /metrics, and a small screenshot in every 20, like a hall page) and the show plays
    by itself, a slide a second; the requests begin as a slide starts to fade in."""
    running = open_with_api(with_durations(show, SECONDS_PER_SLIDE), size)
    paths = ["/api/v1/status"] * 18 + ["/metrics", "/api/v1/screenshot?format=jpeg&width=480"]
    load = ApiLoad(running.agent.api_port, paths, requests, clients)
    changes: list[int] = []
    running.controller.slideShown.connect(changes.append)
    probe = GapProbe()
    probe.start()
    run_until(lambda: bool(changes), timeout=5 * SECONDS_PER_SLIDE)
    load.run()
    longest = probe.stop()
    running.close()
    return longest
