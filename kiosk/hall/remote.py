"""Carrying out a remote command from the network thread: reload reads slides.yaml there (off
the GUI thread), every other verb hops to the GUI thread through the bridge; the answer is the
status once the show has really moved (the new slide drawn), or a CommandError.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QImage

from ..content.errors import ContentError
from ..content.loader import load_show
from ..content.model import Show
from ..player.controller import ShowController
from .bridge import GuiBridge
from .commands import Command, CommandError, apply
from .screenshot import encode
from .state import ScreenState

log = logging.getLogger(__name__)

SETTLE_TIMEOUT_S = 3.0
SETTLE_POLL_S = 0.01
GROUP_SETTLE_S = 0.05  # after a group command's instant, before its slide is looked for
SCREENSHOT_REUSE_S = 0.25  # requests within this long of a grab get that grab
GRAB_TIMEOUT_S = 5.0  # a window that draws no frame this long (hidden, asleep) has no picture


class Remote:
    """Shared by the HTTP API, the text-line listeners and OSC. Used on the network thread."""

    def __init__(
        self,
        bridge: GuiBridge,
        state: ScreenState,
        controller: ShowController,
        use_show: Callable[[Show], None],
        grab: Callable[[int | None], concurrent.futures.Future[QImage]],
    ) -> None:
        self._grab = grab
        self._screenshot_lock = asyncio.Lock()
        self._last_screenshot: tuple[tuple[object, str, int | None], float, bytes] | None = None
        self._encoder = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="kiosk-screenshot")
        self._bridge = bridge
        self._state = state
        self._controller = controller
        self._use_show = use_show

    def status(self) -> dict[str, Any]:
        return self._state.status()

    async def run(self, command: Command, source: str) -> dict[str, Any]:
        """Carries out `command`; returns the new status or raises CommandError."""
        at = f" at {command.at:.3f}" if command.at is not None else ""
        log.info("remote command from %s: %s %s%s", source, command.verb, command.argument, at)
        if command.verb == "reload":
            await self._reload()
            return self.status()

        def on_gui_thread() -> bool:
            apply(self._controller, command)
            self._state.publish()
            return self._controller.settling

        try:
            settling = await asyncio.wrap_future(self._bridge.call(on_gui_thread))
        except CommandError:
            raise
        except RuntimeError as error:
            raise CommandError(503, str(error)) from None
        if command.at is not None:  # a group command: answer once it has been carried out
            await asyncio.sleep(max(0.0, command.at - time.time()) + GROUP_SETTLE_S)
            await self._until_drawn()
        elif settling or self._state.snapshot.get("shown_at") is None:
            await self._until_drawn()
        return self.status()

    async def screenshot(self, image_format: str, width: int | None) -> bytes:
        """Asks the GUI thread for the next frame at the width wanted (kiosk.hall.grab) and
        encodes it on a worker. One at a time, and requests that arrive together share one
        grab: twenty hall pages asking at once cost the show one frame, not twenty."""
        async with self._screenshot_lock:
            # a new status (another slide, blackout, ...) means another picture: grab again
            wanted = (self._state.snapshot, image_format, width)
            last = self._last_screenshot
            if last is not None and last[0] == wanted and time.monotonic() - last[1] < SCREENSHOT_REUSE_S:
                return last[2]
            try:
                grabbed = await asyncio.wrap_future(self._bridge.call(lambda: self._grab(width)))
                image = await asyncio.wait_for(asyncio.wrap_future(grabbed), GRAB_TIMEOUT_S)
            except RuntimeError as error:
                raise CommandError(503, str(error)) from None
            except TimeoutError:
                raise CommandError(
                    503, f"the show drew no frame in {GRAB_TIMEOUT_S:.0f} s to take a picture of"
                ) from None
            loop = asyncio.get_running_loop()
            data = await loop.run_in_executor(self._encoder, encode, image, image_format, width)
            self._last_screenshot = (wanted, time.monotonic(), data)
            return data

    async def _until_drawn(self) -> None:
        """Until the slide the command asked for is on screen (bounded)."""
        deadline = time.monotonic() + SETTLE_TIMEOUT_S
        while time.monotonic() < deadline:
            await asyncio.sleep(SETTLE_POLL_S)
            snapshot = self._state.snapshot
            if not snapshot["settling"] and snapshot["shown_at"] is not None:
                return

    async def _reload(self) -> None:
        source = self._controller.show.source
        loop = asyncio.get_running_loop()
        try:
            show, warnings = await loop.run_in_executor(None, load_show, source)
        except ContentError as error:
            log.error(
                "%s: reload asked remotely has %d problem(s); still showing the last good version",
                source.name,
                len(error.problems),
            )
            for problem in error.problems:
                log.error("%s", problem)
            problems = tuple(error.problems)
            await asyncio.wrap_future(self._bridge.call(lambda: self._state.reload_done(False, problems)))
            return

        def on_gui_thread() -> None:
            self._use_show(show)
            self._state.reload_done(True, tuple(warnings), source)

        log.info("%s reloaded on request: %d slides", source.name, len(show.slides))
        await asyncio.wrap_future(self._bridge.call(on_gui_thread))
