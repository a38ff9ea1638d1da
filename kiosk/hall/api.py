"""The screen's HTTP API, an aiohttp application (served on the network thread, see service.py).

    GET  /api/v1/status                      the status as JSON
    GET  /api/v1/screenshot[?format=jpeg][&width=N]
    POST /api/v1/next | previous | home | pause | resume | reload
    POST /api/v1/goto/{id-or-number} | /api/v1/language/{code} | /api/v1/blackout?on=true|false
         every command but reload takes ?at=UNIX_SECONDS: carried out at that instant (a group
         command: every screen of the group moves together; see show.sync)
    GET  /metrics                            Prometheus text

Every route but /metrics (unless opened by a setting) needs `Authorization: Bearer TOKEN`
when the screen has a token. Errors are JSON: {"error": "...", "status": N}.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from .commands import CommandError, make_command, parse_instant
from .metrics import CONTENT_TYPE
from .remote import Remote
from .screenshot import FORMATS
from .state import ScreenState

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 4096
MAX_SCREENSHOT_WIDTH = 8192
PREFIX = "/api/v1"
SIMPLE_VERBS = ("next", "previous", "home", "pause", "resume", "reload")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def error_response(status: int, message: str) -> web.Response:
    return web.json_response({"error": message, "status": status}, status=status)


def bearer_ok(request: web.Request, token: str) -> bool:
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), token.encode())


def make_app(remote: Remote, state: ScreenState, token: str | None, metrics_open: bool) -> web.Application:
    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
            return error_response(413, f"request bodies are limited to {MAX_BODY_BYTES} bytes")
        public = metrics_open and request.path == "/metrics"
        if token is not None and not public and not bearer_ok(request, token):
            response = error_response(401, "missing or wrong token (send 'Authorization: Bearer TOKEN')")
            response.headers["WWW-Authenticate"] = "Bearer"
            return response
        try:
            return await handler(request)
        except CommandError as error:
            return error_response(error.status, error.message)
        except web.HTTPRequestEntityTooLarge:
            return error_response(413, f"request bodies are limited to {MAX_BODY_BYTES} bytes")
        except web.HTTPException as error:
            if error.status >= 400:
                return error_response(error.status, f"{error.reason}: {request.method} {request.path}")
            raise

    async def status(_request: web.Request) -> web.Response:
        return web.json_response(remote.status())

    async def screenshot(request: web.Request) -> web.Response:
        image_format = request.query.get("format", "png").lower()
        if image_format not in FORMATS:
            raise CommandError(400, f"format must be png or jpeg, got '{image_format}'")
        width = request.query.get("width")
        if width is not None and not (width.isdigit() and 0 < int(width) <= MAX_SCREENSHOT_WIDTH):
            raise CommandError(
                400, f"width must be a number of pixels 1-{MAX_SCREENSHOT_WIDTH}, got '{width}'"
            )
        data = await remote.screenshot(image_format, int(width) if width else None)
        return web.Response(body=data, content_type=FORMATS[image_format][1])

    async def command(request: web.Request, verb: str, argument: str = "") -> web.Response:
        await request.read()  # bodies are not used, but a chunked one over the limit is refused
        at = request.query.get("at")
        instant = parse_instant(at) if at is not None else None
        new_status = await remote.run(make_command(verb, argument, instant), f"http {request.remote}")
        return web.json_response(new_status)

    def simple(verb: str) -> Handler:
        async def handler(request: web.Request) -> web.Response:
            return await command(request, verb)

        return handler

    async def goto(request: web.Request) -> web.Response:
        return await command(request, "goto", request.match_info["target"])

    async def language(request: web.Request) -> web.Response:
        return await command(request, "language", request.match_info["code"])

    async def blackout(request: web.Request) -> web.Response:
        on = request.query.get("on", "true")
        return await command(request, "blackout", on)

    async def metrics(_request: web.Request) -> web.Response:
        response = web.Response(body=state.metrics.render())
        response.headers["Content-Type"] = CONTENT_TYPE
        return response

    app = web.Application(middlewares=[guard], client_max_size=MAX_BODY_BYTES)
    app.router.add_get(f"{PREFIX}/status", status)
    app.router.add_get(f"{PREFIX}/screenshot", screenshot)
    for verb in SIMPLE_VERBS:
        app.router.add_post(f"{PREFIX}/{verb}", simple(verb))
    app.router.add_post(f"{PREFIX}/goto/{{target}}", goto)
    app.router.add_post(f"{PREFIX}/language/{{code}}", language)
    app.router.add_post(f"{PREFIX}/blackout", blackout)
    app.router.add_get("/metrics", metrics)
    return app
