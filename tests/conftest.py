"""Shared fixtures: an offscreen Qt app with the show's font, show files on disk, a manual clock
and a running show window to drive with keys, clicks and touches."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# last good copies of the shows the tests start go to a scratch folder, not the user's own
os.environ.setdefault("KIOSK_STATE_DIR", __import__("tempfile").mkdtemp(prefix="kiosk-test-state-"))

import logging
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication

from kiosk.app import RunningShow, RunOptions
from kiosk.clock import ManualClock
from kiosk.content.loader import load_show
from kiosk.content.model import Show
from kiosk.player.fonts import choose_family
from kiosk.player.software_drawing import tune_software_drawing
from kiosk.tools.offscreen import wait_until

from .helpers import REAL_SLIDES, SMALL_SHOW, save_picture


@pytest.fixture(scope="session")
def qapp_cls() -> type[QGuiApplication]:
    tune_software_drawing()  # offscreen, Qt Quick draws in software: as the show sets it up
    return QGuiApplication


@pytest.fixture(scope="session", autouse=True)
def show_font(qapp: QGuiApplication) -> str:
    """The family the show draws with, registered once as the app's font like `kiosk` does."""
    family = choose_family()
    font = qapp.font()
    font.setFamily(family)
    qapp.setFont(font)
    return family


@pytest.fixture
def write_show(tmp_path: Path) -> Callable[..., Path]:
    """Writes a show file (dedented) into a fresh folder; returns its path."""

    def write(text: str, name: str = "slides.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def small_show_file(tmp_path: Path, write_show: Callable[..., Path]) -> Path:
    """A four-slide show (cover, two highlights, closing) with real pictures on disk."""
    for name, color in (("blue", "#2050c0"), ("red", "#c02020"), ("green", "#20a040")):
        save_picture(tmp_path / "pictures" / f"{name}.png", color)
    return write_show(SMALL_SHOW)


@pytest.fixture
def small_show(small_show_file: Path) -> Show:
    return load_show(small_show_file)[0]


@pytest.fixture
def real_show() -> Show:
    return load_show(REAL_SLIDES)[0]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def open_kiosk(qapp: QGuiApplication, clock: ManualClock) -> Iterator[Callable[..., RunningShow]]:
    """Opens a show window on the manual clock and waits until its first slide is drawn."""
    opened: list[RunningShow] = []

    def open_(show: Show, size: QSize = QSize(960, 540), **options: object) -> RunningShow:
        kiosk = RunningShow(show, RunOptions(size=size, **options), clock=clock)
        kiosk.present()
        opened.append(kiosk)
        assert wait_until(lambda: kiosk.controller.currentIndex >= 0 and kiosk.window.isExposed())
        return kiosk

    yield open_
    for kiosk in opened:
        kiosk.close()
    qapp.processEvents()


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def fail_on_unexpected_warnings(request: pytest.FixtureRequest) -> Iterator[None]:
    """A warning the project logs is something a caretaker would read in the hall's log: a
    test that causes one must say so, by checking it with `caplog` or with the
    `expected_warnings` marker. Any other warning fails the test that caused it."""
    collector = _WarningCollector()
    watched = [logging.getLogger(name) for name in ("kiosk", "qt")]
    for logger in watched:
        logger.addHandler(collector)
    yield
    for logger in watched:
        logger.removeHandler(collector)
    if "caplog" in request.fixturenames or request.node.get_closest_marker("expected_warnings"):
        return
    if collector.records:
        lines = "\n".join(f"{r.levelname} {r.name}: {r.getMessage()}" for r in collector.records[:5])
        pytest.fail(f"unexpected warnings were logged:\n{lines}", pytrace=False)
