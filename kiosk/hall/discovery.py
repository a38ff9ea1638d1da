"""DNS-SD (mDNS) with python-zeroconf: a screen whose API is on advertises `_kiosk._tcp` with
its name, group and version; `kiosk hall` browses for them. No server of our own: every
screen answers for itself, and a hall without multicast can list its screens in hall.toml.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
import time
from dataclasses import dataclass

from zeroconf import ServiceBrowser, ServiceInfo, ServiceListener, Zeroconf
from zeroconf.asyncio import AsyncZeroconf

from .settings import Endpoint

log = logging.getLogger(__name__)

SERVICE_TYPE = "_kiosk._tcp.local."


def instance_name(name: str) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_ " else "-" for ch in name)[:60] or "kiosk"
    return f"{safe}.{SERVICE_TYPE}"


def advertised_addresses(host: str) -> list[bytes]:
    """The address the API listens on, or this PC's addresses when it listens on all."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None and not address.is_unspecified:
        return [address.packed]
    found = set()
    for info in socket.getaddrinfo(socket.gethostname(), None):
        try:
            found.add(ipaddress.ip_address(info[4][0].split("%")[0]).packed)
        except ValueError:
            continue
    return sorted(found) or [ipaddress.ip_address("127.0.0.1").packed]


class Advertiser:
    """Advertises one screen on the network thread's loop; failures are logged, not fatal."""

    def __init__(self, name: str, group: str, version: str, endpoint: Endpoint) -> None:
        self._info = ServiceInfo(
            SERVICE_TYPE,
            instance_name(name),
            port=endpoint.port,
            properties={"name": name, "group": group, "version": version},
            addresses=advertised_addresses(endpoint.host),
            server=f"{socket.gethostname()}.local.",
        )
        self._zeroconf: AsyncZeroconf | None = None
        self._broadcast: asyncio.Future | None = None

    async def start(self) -> None:
        try:
            self._zeroconf = AsyncZeroconf()
            # returns once registered; the announcements go on in the background
            self._broadcast = await self._zeroconf.async_register_service(self._info, allow_name_change=True)
            log.info("advertised as %s on the local network (DNS-SD)", self._info.name)
        except Exception as error:  # no multicast here: the hall can still list us in hall.toml
            log.warning("cannot advertise the screen with DNS-SD (%s); list it in hall.toml instead", error)

    async def stop(self) -> None:
        if self._broadcast is not None:
            self._broadcast.cancel()
        if self._zeroconf is not None:
            try:
                await self._zeroconf.async_unregister_all_services()
                await self._zeroconf.async_close()
            except Exception as error:
                log.debug("DNS-SD shutdown: %s", error)


@dataclass(frozen=True)
class Found:
    name: str
    group: str
    address: Endpoint


class _Collector(ServiceListener):
    def __init__(self) -> None:
        self.names: set[str] = set()

    def add_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        self.names.add(name)

    def update_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        self.names.add(name)

    def remove_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        self.names.discard(name)


def browse(seconds: float) -> list[Found]:
    """The screens that answer on the local network within `seconds`."""
    zeroconf = Zeroconf()
    try:
        collector = _Collector()
        browser = ServiceBrowser(zeroconf, SERVICE_TYPE, collector)
        time.sleep(seconds)
        browser.cancel()
        found = []
        for service in sorted(collector.names):
            info = zeroconf.get_service_info(SERVICE_TYPE, service, timeout=1000)
            if info is None or not info.parsed_addresses():
                continue
            props = {k.decode(): (v or b"").decode() for k, v in info.properties.items()}
            found.append(
                Found(
                    props.get("name", service),
                    props.get("group", ""),
                    Endpoint(info.parsed_addresses()[0], info.port),
                )
            )
        return found
    finally:
        zeroconf.close()
