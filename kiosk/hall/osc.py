"""Show control over OSC (QLab, TouchDesigner, many lighting desks), served by python-osc on the
network thread's loop: /kiosk/next, /kiosk/previous, /kiosk/home, /kiosk/goto 5 (or "gdp"),
/kiosk/pause, /kiosk/resume, /kiosk/blackout 1|0, /kiosk/language "en", /kiosk/reload.
Only sources in --allow are listened to; nothing is sent back.
"""

from __future__ import annotations

import asyncio
import logging

from pythonosc.dispatcher import Dispatcher
from pythonosc.osc_server import AsyncIOOSCUDPServer

from .allow import SourceFilter
from .commands import CommandError, make_command
from .remote import Remote

log = logging.getLogger(__name__)

PREFIX = "/kiosk/"
ALIASES = {"prev": "previous", "lang": "language"}


def osc_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class AllowedDispatcher(Dispatcher):
    """A python-osc dispatcher that drops packets from sources outside --allow."""

    def __init__(self, allowed: SourceFilter) -> None:
        super().__init__()
        self._allowed = allowed

    def call_handlers_for_packet(self, data: bytes, client_address: tuple) -> list:
        if not self._allowed.allows(client_address[0]):
            return []
        return super().call_handlers_for_packet(data, client_address)


class OscControl:
    def __init__(self, remote: Remote, allowed: SourceFilter) -> None:
        self._remote = remote
        self._queue: asyncio.Queue[tuple[str, tuple, str]] = asyncio.Queue(maxsize=256)
        self.dispatcher = AllowedDispatcher(allowed)
        self.dispatcher.set_default_handler(self._received, needs_reply_address=True)

    def _received(self, client: tuple, address: str, *args: object) -> None:
        try:
            self._queue.put_nowait((address, args, client[0]))
        except asyncio.QueueFull:
            log.warning("osc: too many commands waiting; dropped %s from %s", address, client[0])

    async def work(self) -> None:
        """One message after another, in the order they came."""
        while True:
            address, args, host = await self._queue.get()
            if not address.startswith(PREFIX):
                log.warning("osc %s: unknown address %s (use /kiosk/next, /kiosk/goto 5, ...)", host, address)
                continue
            verb = address[len(PREFIX) :].strip("/").lower()
            verb = ALIASES.get(verb, verb)
            try:
                command = make_command(verb, osc_value(args[0]) if args else "")
                await self._remote.run(command, f"osc {host}")
            except CommandError as error:
                log.warning("osc %s: %s: %s", host, address, error.message)


async def start_osc(
    remote: Remote, host: str, port: int, allowed: SourceFilter
) -> tuple[object, asyncio.Task]:
    control = OscControl(remote, allowed)
    server = AsyncIOOSCUDPServer((host, port), control.dispatcher, asyncio.get_running_loop())
    transport, _protocol = await server.create_serve_endpoint()
    return transport, asyncio.get_running_loop().create_task(control.work())
