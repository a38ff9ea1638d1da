"""Who may send show-control commands: source addresses checked against the --allow networks.
A packet from anywhere else does nothing, and each such source is logged once (not once per
packet, so a chatty device on the wrong subnet cannot fill the log)."""

from __future__ import annotations

import ipaddress
import logging

from .settings import Network

log = logging.getLogger(__name__)

MAX_REMEMBERED = 1024


class SourceFilter:
    def __init__(self, allow: tuple[Network, ...], door: str) -> None:
        self._allow = allow
        self._door = door
        self._refused: set[str] = set()

    def allows(self, host: str) -> bool:
        try:
            address = ipaddress.ip_address(host.split("%", maxsplit=1)[0])
        except ValueError:
            return False
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if any(address.version == net.version and address in net for net in self._allow):
            return True
        if host not in self._refused and len(self._refused) < MAX_REMEMBERED:
            self._refused.add(host)
            allowed = ", ".join(str(net) for net in self._allow)
            log.warning(
                "%s: ignoring commands from %s, which is not in --allow (%s); logged once per address",
                self._door,
                host,
                allowed,
            )
        return False
