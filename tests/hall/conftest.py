"""A show with its remote doors open on loopback, and ways to talk to it from another thread
while the test keeps the GUI thread's event loop turning (as the real show does)."""

from __future__ import annotations

import ipaddress
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.app import RunningShow
from kiosk.content.model import Show
from kiosk.hall.settings import Endpoint, ScreenSettings
from kiosk.tools.offscreen import wait_until

TOKEN = "s3cret-hall-token-for-tests"
TIMEOUT_S = 20.0


def in_background(work: Callable[[], object], timeout: float = TIMEOUT_S) -> object:
    """Runs `work` on another thread while the GUI thread's events are processed; its result."""
    result: list[object] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            result.append(work())
        except BaseException as error:
            errors.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert wait_until(lambda: not thread.is_alive(), timeout), "the request did not finish in time"
    if errors:
        raise errors[0]
    return result[0]


@dataclass
class Reply:
    status: int
    body: bytes
    content_type: str

    def json(self) -> dict:
        return json.loads(self.body)


def http(port: int, method: str, path: str, token: str | None = TOKEN, body: bytes | None = None) -> Reply:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method, data=body)
    if token is not None:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return Reply(response.status, response.read(), response.headers.get("Content-Type", ""))
    except urllib.error.HTTPError as error:
        return Reply(error.code, error.read(), error.headers.get("Content-Type", ""))


class Remote:
    """The show under test and its API, spoken to from a worker thread."""

    def __init__(self, kiosk: RunningShow) -> None:
        self.kiosk = kiosk
        self.port = kiosk.agent.api_port

    def call(self, method: str, path: str, token: str | None = TOKEN, body: bytes | None = None) -> Reply:
        return in_background(lambda: http(self.port, method, path, token, body))

    def status(self) -> dict:
        reply = self.call("GET", "/api/v1/status")
        assert reply.status == 200, reply.body
        return reply.json()

    def post(self, path: str) -> Reply:
        return self.call("POST", f"/api/v1/{path}")


@pytest.fixture
def token_file(tmp_path: Path) -> Path:
    path = tmp_path / "token"
    path.write_text(TOKEN + "\n", encoding="utf-8")
    return path


@pytest.fixture
def hall_settings(token_file: Path) -> ScreenSettings:
    return ScreenSettings(
        name="lobby-1",
        group="ground",
        remote=Endpoint("127.0.0.1", 0),
        token_file=token_file,
        control=0,
        osc=0,
        allow=(ipaddress.ip_network("127.0.0.0/8"),),
        advertise=False,
    )


@pytest.fixture
def remote(open_kiosk, small_show: Show, hall_settings: ScreenSettings) -> Remote:
    return Remote(open_kiosk(small_show, hall=hall_settings))
