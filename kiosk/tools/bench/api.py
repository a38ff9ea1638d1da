"""The hall API's figures: a status round trip, and the GUI thread while 20 clients ask."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

from PySide6.QtCore import QSize, QTimer

from ...app import RunningShow, RunOptions
from ...content.model import Show
from ..offscreen import wait_until
from .harness import GapProbe, run_for


def open_with_api(show: Show, size: QSize) -> RunningShow:
    from ...hall.settings import Endpoint, ScreenSettings

    hall = ScreenSettings(name="bench", remote=Endpoint("127.0.0.1", 0), advertise=False)
    running = RunningShow(show, RunOptions(size=size, hall=hall))
    running.present()
    wait_until(lambda: running.controller.currentIndex == 0 and running.window.isExposed())
    run_for(0.3)
    return running


def api_requests(port: int, paths: list[str], total: int, clients: int) -> list[float]:
    """Sends `total` GETs cycling through `paths` from `clients` connections, from a separate
    process (as the hall would; the load's own Python must not compete with the show for the
    GIL), while this process's event loop runs. Each round trip in ms."""
    job = json.dumps({"port": port, "paths": paths, "total": total, "clients": clients})
    child = subprocess.Popen(
        [sys.executable, "-m", "kiosk.tools.bench", "--api-load", job], stdout=subprocess.PIPE, text=True
    )
    wait_until(lambda: child.poll() is not None, timeout=300)
    output, _ = child.communicate(timeout=10)
    if child.returncode != 0:
        raise RuntimeError(f"the API load generator failed (status {child.returncode})")
    return json.loads(output.strip().splitlines()[-1])


def api_load_child(job: dict) -> None:
    """In the child: the requests themselves, with aiohttp; prints the round trips as JSON."""
    import asyncio

    import aiohttp

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

    asyncio.run(all_clients())
    print(json.dumps(times))


def api_status_ms_p95(show: Show, size: QSize, requests: int = 300) -> float:
    """Round trip of one status request on loopback, one at a time, while the show plays."""
    running = open_with_api(show, size)
    times = api_requests(running.agent.api_port, ["/api/v1/status"], requests, clients=1)
    running.close()
    return statistics.quantiles(times, n=20)[-1]


def gui_stall_ms_under_api_load(show: Show, size: QSize, requests: int = 2000, clients: int = 20) -> float:
    """The longest gap between ticks of a 1 ms GUI timer while 20 clients send 2,000 requests
    (status, /metrics, and a small screenshot in every 20, like a hall page) and slides change."""
    running = open_with_api(show, size)
    stepper = QTimer()
    stepper.timeout.connect(running.controller.next)
    probe = GapProbe()
    probe.start()
    stepper.start(1000)
    paths = ["/api/v1/status"] * 18 + ["/metrics", "/api/v1/screenshot?format=jpeg&width=480"]
    api_requests(running.agent.api_port, paths, requests, clients)
    longest = probe.stop()
    stepper.stop()
    running.close()
    return longest
