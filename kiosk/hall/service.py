"""The screen's agent: one network thread with its own asyncio loop that serves the HTTP API,
the show-control listeners, OSC and the DNS-SD advertisement, beside the show's GUI thread.

Created on the GUI thread by the composition root; `start()` returns once every listener is
bound (or raises AgentError with a message for the installer); `stop()` closes them all.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from aiohttp import web
from PySide6.QtCore import QObject
from PySide6.QtQuick import QQuickWindow

from ..content.model import Show
from ..player.controller import ShowController
from .allow import SourceFilter
from .api import make_app
from .bridge import GuiBridge
from .control import start_control
from .discovery import Advertiser
from .errors import AgentError
from .grab import WindowGrabber
from .osc import start_osc
from .remote import Remote
from .settings import Endpoint, ScreenSettings, check_startable
from .state import ScreenState

log = logging.getLogger(__name__)
T = TypeVar("T")

START_TIMEOUT_S = 10.0
# an idle kept-alive connection is closed after this long (every connection is served
# concurrently on the loop, so a slow one never holds up the others)
SLOW_REQUEST_TIMEOUT_S = 15.0


async def listening(opening: Awaitable[T], option: str) -> T:
    """Opens a listener; a port in use or a wrong address becomes a message naming the option."""
    try:
        return await opening
    except OSError as error:
        raise AgentError(
            f"{option}: cannot listen there ({error.strerror or error}); "
            "is another show or program using that port, or is the address not this PC's?"
        ) from None


class ScreenAgent(QObject):
    def __init__(
        self,
        settings: ScreenSettings,
        controller: ShowController,
        window: QQuickWindow,
        use_show: Callable[[Show], None],
        parent: QObject | None = None,
        clock_status: Callable[[], dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.state = ScreenState(settings, controller, window, self, clock_status)
        self.bridge = GuiBridge(self)
        self.grabber = WindowGrabber(window)
        self.remote = Remote(self.bridge, self.state, controller, use_show, self.grabber.grab)
        self.api_port: int | None = None
        self.control_port: int | None = None
        self.osc_port: int | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._closers: list[Callable[[], object]] = []

    @property
    def wanted(self) -> bool:
        settings = self.settings
        return settings.remote is not None or settings.control is not None or settings.osc is not None

    def start(self) -> None:
        problems = check_startable(self.settings)
        if problems:
            raise AgentError("\n".join(problems))
        token = self.settings.read_token()
        started = threading.Event()
        failure: list[BaseException] = []
        self._loop = asyncio.new_event_loop()

        def run() -> None:
            asyncio.set_event_loop(self._loop)
            try:
                self._loop.run_until_complete(self._open(token))
            except BaseException as error:
                failure.append(error)
                started.set()
                return
            started.set()
            self._loop.run_forever()
            self._loop.run_until_complete(self._close())
            self._loop.close()

        self._thread = threading.Thread(target=run, name="kiosk-hall", daemon=True)
        self._thread.start()
        if not started.wait(START_TIMEOUT_S):
            raise AgentError("the remote control did not start in time")
        if failure:
            self._thread.join(1)
            error = failure[0]
            if isinstance(error, AgentError):
                raise error
            raise AgentError(f"the remote control cannot start: {error}")

    async def _open(self, token: str | None) -> None:
        settings = self.settings
        if settings.remote is not None:
            runner = web.AppRunner(
                make_app(self.remote, self.state, token, settings.metrics_open),
                access_log=None,
                handler_cancellation=True,
                keepalive_timeout=SLOW_REQUEST_TIMEOUT_S,
            )
            await runner.setup()
            self._closers.append(runner.cleanup)
            site = web.TCPSite(runner, settings.remote.host, settings.remote.port)
            await listening(site.start(), f"--remote {settings.remote}")
            self.api_port = site._server.sockets[0].getsockname()[1]
            log.info(
                "remote API on http://%s (token: %s)",
                Endpoint(settings.remote.host, self.api_port),
                "required" if token else "none, this PC only",
            )
            if settings.advertise:
                advertiser = Advertiser(
                    settings.name,
                    settings.group,
                    self.state.snapshot["version"],
                    Endpoint(settings.remote.host, self.api_port),
                )
                await advertiser.start()
                self._closers.append(advertiser.stop)
        if settings.control is not None:
            udp, tcp = await listening(
                start_control(
                    self.remote,
                    settings.listen,
                    settings.control,
                    SourceFilter(settings.allow, "show control"),
                ),
                f"--control {settings.control} (on {settings.listen})",
            )
            self._closers += [udp.close, tcp.close]
            self.control_port = tcp.sockets[0].getsockname()[1]
            log.info("show control (text lines) on %s:%d, UDP and TCP", settings.listen, self.control_port)
        if settings.osc is not None:
            transport, worker = await listening(
                start_osc(self.remote, settings.listen, settings.osc, SourceFilter(settings.allow, "OSC")),
                f"--osc {settings.osc} (on {settings.listen})",
            )
            self._closers += [transport.close, worker.cancel]
            self.osc_port = transport.get_extra_info("sockname")[1]
            log.info("OSC on %s:%d (UDP)", settings.listen, self.osc_port)

    async def _close(self) -> None:
        for close in reversed(self._closers):
            try:
                result = close()
                if asyncio.iscoroutine(result):
                    await result
            except Exception as error:
                log.debug("closing the remote control: %s", error)

    def stop(self) -> None:
        self.bridge.close()
        self.state.close()
        if self._loop is not None and self._thread is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(5)
