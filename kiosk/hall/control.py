"""Show control as plain text lines, the way Crestron, Medialon, Extron and friends send it:
`NEXT`, `GOTO 5`, `BLACKOUT ON` ..., any case, ended by CR, LF or CR LF.

Over TCP every line is answered `OK` or `ERR reason` (CR LF ended); over UDP a datagram may
hold one or more lines and nothing is sent back. Only sources in --allow are listened to.
Both run on the network thread's asyncio loop.
"""

from __future__ import annotations

import asyncio
import logging
import re

from .allow import SourceFilter
from .commands import CommandError, parse_line
from .remote import Remote

log = logging.getLogger(__name__)

MAX_LINE_BYTES = 512
LINE_END = re.compile(rb"\r\n|\r|\n")


def split_lines(data: bytes) -> list[str]:
    return [line.decode("utf-8", "replace").strip() for line in LINE_END.split(data) if line.strip()]


async def answer(remote: Remote, line: str, source: str) -> str:
    try:
        await remote.run(parse_line(line), source)
    except CommandError as error:
        return f"ERR {error.message}"
    return "OK"


class UdpControl(asyncio.DatagramProtocol):
    def __init__(self, remote: Remote, allowed: SourceFilter) -> None:
        self._remote = remote
        self._allowed = allowed
        self._queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue(maxsize=256)
        self._worker: asyncio.Task | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._worker = asyncio.get_running_loop().create_task(self._work())

    def connection_lost(self, exc: Exception | None) -> None:
        if self._worker is not None:
            self._worker.cancel()

    def datagram_received(self, data: bytes, address: tuple) -> None:
        host = address[0]
        if not self._allowed.allows(host):
            return
        for line in split_lines(data[:MAX_LINE_BYTES]):
            try:
                self._queue.put_nowait((line, f"udp {host}"))
            except asyncio.QueueFull:
                log.warning("udp control: too many commands waiting; dropped '%s' from %s", line, host)

    async def _work(self) -> None:
        """One command after another, in the order they came."""
        while True:
            line, source = await self._queue.get()
            reply = await answer(self._remote, line, source)
            if reply != "OK":
                log.warning("%s: '%s': %s", source, line, reply)


class TcpControl:
    def __init__(self, remote: Remote, allowed: SourceFilter) -> None:
        self._remote = remote
        self._allowed = allowed

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        host = writer.get_extra_info("peername")[0]
        if not self._allowed.allows(host):
            writer.close()
            return
        pending = b""
        try:
            while data := await reader.read(1024):
                pending += data
                *lines, pending = LINE_END.split(pending)
                if len(pending) > MAX_LINE_BYTES:
                    pending = b""
                    writer.write(f"ERR line longer than {MAX_LINE_BYTES} bytes\r\n".encode())
                for raw in lines:
                    line = raw.decode("utf-8", "replace").strip()
                    if line:
                        reply = await answer(self._remote, line, f"tcp {host}")
                        writer.write(f"{reply}\r\n".encode())
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()


async def start_control(remote: Remote, host: str, port: int, allowed: SourceFilter) -> tuple[object, object]:
    """Starts the UDP and TCP listeners on the same port; returns (udp transport, tcp server)."""
    loop = asyncio.get_running_loop()
    tcp = await asyncio.start_server(TcpControl(remote, allowed).handle, host, port)
    bound = tcp.sockets[0].getsockname()[1]
    udp, _protocol = await loop.create_datagram_endpoint(
        lambda: UdpControl(remote, allowed), local_addr=(host, bound)
    )
    return udp, tcp
