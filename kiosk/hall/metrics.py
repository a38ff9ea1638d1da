"""The screen's Prometheus metrics, in a registry of its own, rendered by prometheus-client.

Counters are bumped on the GUI thread as things happen; gauges that change all the time
(uptime, memory, age of the last frame) are read from the published status when scraped.
"""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Info, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

CONTENT_TYPE = CONTENT_TYPE_LATEST


class ShowMetrics:
    def __init__(self, name: str, group: str, version: str) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        Info("kiosk_screen", "Which screen this is", registry=self.registry).info(
            {"name": name, "group": group, "version": version}
        )
        self.slides_shown = Counter(
            "kiosk_slides_shown", "Slides drawn on screen since the show started", registry=self.registry
        )
        self.reloads = Counter(
            "kiosk_reloads", "Content reloads by result", ["result"], registry=self.registry
        )
        for result in ("ok", "rejected"):
            self.reloads.labels(result)
        self.logged = Counter(
            "kiosk_log_messages", "Warnings and errors logged", ["level"], registry=self.registry
        )
        for level in ("warning", "error"):
            self.logged.labels(level)

    def gauge(self, name: str, documentation: str, read: Callable[[], float]) -> None:
        Gauge(name, documentation, registry=self.registry).set_function(read)

    def render(self) -> bytes:
        return generate_latest(self.registry)
