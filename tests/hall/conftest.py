"""A show with its remote doors open on loopback, and ways to talk to it from another thread
while the test keeps the GUI thread's event loop turning (as the real show does)."""

from __future__ import annotations

import ipaddress
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.app import RunningShow
from kiosk.content.model import Show
from kiosk.hall.settings import Endpoint, ScreenSettings
from kiosk.tools.offscreen import wait_until

from ..helpers import REAL_SLIDES, REPO

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


# -- several shows as separate processes, as in a hall ---------------------------------------

START_TIMEOUT_S = 60.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class ShowProcess:
    name: str
    group: str
    port: int
    process: subprocess.Popen

    def status(self) -> dict:
        reply = http(self.port, "GET", "/api/v1/status")
        assert reply.status == 200, reply.body
        return reply.json()


def wait_for_answer(shown: ShowProcess) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if shown.process.poll() is not None:
            raise AssertionError(f"{shown.name} exited with status {shown.process.returncode}")
        try:
            if http(shown.port, "GET", "/api/v1/status").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{shown.name} did not answer within {START_TIMEOUT_S} s")


@pytest.fixture(scope="module")
def hall_of_three(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[ShowProcess]]]:
    """Three shipped shows on this machine (offscreen, small windows, their own ports) and a
    hall.toml that lists them; yields (hall.toml, shows)."""
    folder = tmp_path_factory.mktemp("hall")
    token = folder / "token"
    token.write_text(TOKEN, encoding="utf-8")
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(folder)}
    shows = []
    for number, group in ((1, "ground"), (2, "ground"), (3, "upper")):
        name, port = f"screen-{number}", free_port()
        command = [
            sys.executable,
            str(REPO / "main.py"),
            str(REAL_SLIDES),
            "--size",
            "480x270",
            "--name",
            name,
            "--group",
            group,
            "--remote",
            f"127.0.0.1:{port}",
            "--token-file",
            str(token),
            "--no-advertise",
            "--log-dir",
            str(folder / name),
        ]
        process = subprocess.Popen(
            command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        shows.append(ShowProcess(name, group, port, process))
    hall_file = folder / "hall.toml"
    lines = ['token_file = "token"', ""]
    for shown in shows:
        lines += ["[[screen]]", f'name = "{shown.name}"', f'address = "127.0.0.1:{shown.port}"', ""]
    hall_file.write_text("\n".join(lines), encoding="utf-8")
    try:
        for shown in shows:
            wait_for_answer(shown)
        yield hall_file, shows
    finally:
        for shown in shows:
            shown.process.terminate()
        for shown in shows:
            try:
                shown.process.wait(10)
            except subprocess.TimeoutExpired:
                shown.process.kill()
                shown.process.wait()
