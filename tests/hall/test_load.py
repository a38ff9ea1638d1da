"""A flood of requests while the show plays: every request answered, every slide change made.
(How long the GUI thread stalls meanwhile is measured by `python -m kiosk.tools.bench`, not here.)"""

from __future__ import annotations

import asyncio
import threading

import aiohttp
import pytest

from kiosk.clock import ManualClock
from kiosk.tools.offscreen import wait_until

from .conftest import TOKEN, Remote

pytestmark = pytest.mark.slow

REQUESTS = 2000
CLIENTS = 20
FLOOD_TIMEOUT_S = 120.0
SLIDE_ON_SCREEN_S = 0.05  # real time each slide stays up during the flood


async def flood(port: int, answers: list[tuple[int, str]]) -> None:
    """CLIENTS clients, each with its own connection, share REQUESTS requests."""
    paths = ["/api/v1/status"] * 18 + ["/metrics", "/api/v1/screenshot?width=160&format=jpeg"]
    remaining = iter(range(REQUESTS))
    headers = {"Authorization": f"Bearer {TOKEN}"}
    timeout = aiohttp.ClientTimeout(total=30)

    async def client() -> None:
        async with aiohttp.ClientSession(headers=headers, timeout=timeout) as session:
            for number in remaining:
                path = paths[number % len(paths)]
                try:
                    async with session.get(f"http://127.0.0.1:{port}{path}") as response:
                        await response.read()
                        answers.append((response.status, path))
                except (TimeoutError, aiohttp.ClientError) as error:
                    answers.append((0, f"{path}: {error!r}"))

    await asyncio.gather(*(client() for _ in range(CLIENTS)))


def test_2000_requests_from_20_clients_while_the_show_plays(remote: Remote, clock: ManualClock) -> None:
    controller = remote.kiosk.controller
    shown: list[int] = []
    controller.slideShown.connect(shown.append)
    answers: list[tuple[int, str]] = []
    flooding = threading.Thread(target=lambda: asyncio.run(flood(remote.port, answers)), daemon=True)
    flooding.start()
    changes = 0
    while flooding.is_alive() or changes < 8:
        expected = (controller.currentIndex + 1) % controller.count
        clock.advance(controller.durationMs / 1000)  # the slide's time is up: auto-advance
        assert wait_until(lambda expected=expected: controller.currentIndex == expected, 10)
        changes += 1
        wait_until(lambda: False, SLIDE_ON_SCREEN_S)  # frames go on; requests are answered
        assert changes < FLOOD_TIMEOUT_S / SLIDE_ON_SCREEN_S
    flooding.join(FLOOD_TIMEOUT_S)

    assert len(answers) == REQUESTS
    assert [answer for answer in answers if answer[0] != 200] == []
    assert len(shown) == changes
    assert shown == [(number + 1) % controller.count for number in range(changes)]  # none skipped
    status = remote.status()
    assert status["slide"]["index"] == controller.currentIndex
    assert f"kiosk_slides_shown_total {changes + 1}.0" in remote.call("GET", "/metrics").body.decode()
