"""`kiosk hall serve`: the hall page, one plain HTML/JS page served by aiohttp.

The server polls every screen's status (every POLL_SECONDS) and a small JPEG screenshot (every
SHOT_SECONDS), keeps the latest of each, and passes the page's button presses on to the
screens. The screens' tokens stay here; the page only talks to this server. Listening beyond
this PC needs --page-token-file: the page then asks for that token once and sends it along.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import web

from ..content.errors import ExitCode
from .api import bearer_ok, error_response
from .commands import CommandError, make_command
from .fleet import Answer, ScreenEntry, ask, command_path, session, state_word
from .settings import Endpoint

log = logging.getLogger(__name__)

PAGE_DIR = Path(__file__).resolve().parent / "page"
POLL_SECONDS = 2.0
SHOT_SECONDS = 5.0
SHOT_WIDTH = 480
POLL_TIMEOUT_S = 3.0


@dataclass
class Tile:
    entry: ScreenEntry
    status: dict[str, Any] | None = None
    error: str = "not asked yet"
    last_contact: float | None = None  # wall-clock time of the last answer
    screenshot: bytes = b""
    screenshot_at: float | None = None

    def as_json(self, now: float) -> dict[str, Any]:
        status = self.status or {}
        slide = status.get("slide") or {}
        return {
            "name": status.get("name") or self.entry.name,
            "group": status.get("group") or self.entry.group,
            "address": str(self.entry.address),
            "answering": not self.error,
            "error": self.error,
            "slide": slide.get("id"),
            "number": slide.get("number"),
            "state": state_word(status) if status else "unknown",
            "last_contact_age_s": None if self.last_contact is None else round(now - self.last_contact, 1),
            "screenshot_at": self.screenshot_at,
        }


class Hall:
    """The latest news from every screen, kept fresh in the background."""

    def __init__(self, entries: list[ScreenEntry]) -> None:
        self.tiles = {entry.name: Tile(entry) for entry in entries}

    def note(self, tile: Tile, answer: Answer) -> None:
        if answer.ok:
            tile.status, tile.error, tile.last_contact = answer.status, "", answer.at
        else:
            tile.error = answer.error

    async def poll_forever(self) -> None:
        async with session(POLL_TIMEOUT_S) as client:
            next_shot = 0.0
            while True:
                shots = time.monotonic() >= next_shot
                if shots:
                    next_shot = time.monotonic() + SHOT_SECONDS
                await asyncio.gather(*(self._poll(client, tile, shots) for tile in self.tiles.values()))
                await asyncio.sleep(POLL_SECONDS)

    async def _poll(self, client, tile: Tile, shots: bool) -> None:
        self.note(tile, await ask(client, tile.entry, "GET", "/api/v1/status"))
        if shots and not tile.error:
            await self.fetch_screenshot(client, tile)

    async def fetch_screenshot(self, client, tile: Tile) -> None:
        headers = {"Authorization": f"Bearer {tile.entry.token}"} if tile.entry.token else {}
        url = f"{tile.entry.base_url}/api/v1/screenshot?format=jpeg&width={SHOT_WIDTH}"
        with contextlib.suppress(Exception):
            async with client.get(url, headers=headers) as response:
                if response.status == 200:
                    tile.screenshot, tile.screenshot_at = await response.read(), time.time()

    async def command(self, name: str, verb: str, argument: str) -> Answer:
        tile = self.tiles.get(name)
        if tile is None:
            raise CommandError(404, f"no screen called '{name}'")
        command = make_command(verb, argument)
        async with session() as client:
            answer = await ask(client, tile.entry, "POST", command_path(command.verb, command.argument))
            if answer.ok:
                self.note(tile, answer)
                await self.fetch_screenshot(client, tile)
        return answer


def make_page_app(hall: Hall, token: str | None) -> web.Application:
    @web.middleware
    async def guard(request: web.Request, handler) -> web.StreamResponse:
        if token is not None and request.path.startswith("/hall/") and not bearer_ok(request, token):
            return error_response(401, "missing or wrong token")
        try:
            return await handler(request)
        except CommandError as error:
            return error_response(error.status, error.message)

    async def index(_request: web.Request) -> web.FileResponse:
        return web.FileResponse(PAGE_DIR / "index.html")

    async def screens(_request: web.Request) -> web.Response:
        now = time.time()
        tiles = sorted(hall.tiles.values(), key=lambda tile: (tile.entry.group, tile.entry.name))
        return web.json_response(
            {"screens": [tile.as_json(now) for tile in tiles], "token": token is not None}
        )

    async def screenshot(request: web.Request) -> web.Response:
        tile = hall.tiles.get(request.match_info["name"])
        if tile is None or not tile.screenshot:
            raise CommandError(404, "no screenshot yet")
        return web.Response(
            body=tile.screenshot, content_type="image/jpeg", headers={"Cache-Control": "no-store"}
        )

    async def command(request: web.Request) -> web.Response:
        answer = await hall.command(
            request.match_info["name"], request.match_info["verb"], request.query.get("value", "")
        )
        if not answer.ok:
            return error_response(answer.http_status or 502, answer.error)
        return web.json_response(answer.status)

    app = web.Application(middlewares=[guard], client_max_size=4096)
    app.router.add_get("/", index)
    app.router.add_static("/static", PAGE_DIR)
    app.router.add_get("/hall/screens", screens)
    app.router.add_get("/hall/screens/{name}/screenshot", screenshot)
    app.router.add_post("/hall/screens/{name}/{verb}", command)
    return app


async def run_page(hall: Hall, listen: Endpoint, token: str | None) -> None:
    runner = web.AppRunner(make_page_app(hall, token), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, listen.host, listen.port)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    print(f"hall page on http://{Endpoint(listen.host, port)}/ ({len(hall.tiles)} screens)", flush=True)
    try:
        await hall.poll_forever()
    finally:
        await runner.cleanup()


def serve_page(entries: list[ScreenEntry], listen: Endpoint, token_file: Path | None) -> int:
    token = None
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except OSError as error:
            print(
                f"--page-token-file {token_file}: cannot read it ({error.strerror or error})", file=sys.stderr
            )
            return ExitCode.INVALID
    if token is None and not listen.is_loopback:
        print(
            f"--listen {listen}: the page steers every screen; beyond this PC it needs "
            "--page-token-file FILE (one long random line)",
            file=sys.stderr,
        )
        return ExitCode.INVALID
    try:
        asyncio.run(run_page(Hall(entries), listen, token))
    except OSError as error:
        print(f"--listen {listen}: cannot listen there ({error.strerror or error})", file=sys.stderr)
        return ExitCode.INVALID
    except KeyboardInterrupt:
        pass
    return ExitCode.OK
