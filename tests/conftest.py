"""Shared fixtures: an offscreen Qt app with the show's font, show files on disk, a manual clock
and a running show window to drive with keys, clicks and touches."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QGuiApplication, QImage

from kiosk.app import Kiosk, RunOptions
from kiosk.clock import ManualClock
from kiosk.fonts import choose_family
from kiosk.loader import load_show
from kiosk.model import Show
from kiosk.render import wait_until

REPO = Path(__file__).resolve().parent.parent
REAL_SLIDES = REPO / "slides.yaml"

SMALL_SHOW = """\
show:
  title: {zh: 测试展, en: Test show}
  languages: [zh, en]
  advance_seconds: 10
  idle_resume_seconds: 30
  idle_home_seconds: 180
  transition: none
slides:
  - id: cover
    layout: cover
    title: {zh: 封面标题, en: Cover title}
    image: pictures/blue.png
  - id: first
    layout: highlight
    number: 1
    title: {zh: 第一个亮点, en: The first highlight}
    summary: {zh: 第一段说明文字。, en: The first summary.}
    image: pictures/red.png
    caption: {zh: 红色的图, en: A red picture}
    figures:
      - {value: 3709.7, unit: {zh: 亿元, en: ×100 million yuan}, label: {zh: 完成投资, en: invested}}
      - {value: 99.92, unit: "%", label: {zh: 评价为好, en: rated good}}
  - id: second
    layout: highlight
    number: 2
    title: {zh: 第二个亮点, en: The second highlight}
    summary: {zh: 第二段说明文字。, en: The second summary.}
    image: pictures/green.png
    duration: 20
    figures:
      - {value: 184.35, unit: 万辆, label: 汽车产量}
  - id: closing
    layout: closing
    title: {zh: 结束语, en: The end}
"""


@pytest.fixture(scope="session")
def qapp_cls() -> type[QGuiApplication]:
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


def save_picture(path: Path, color: str, size: QSize = QSize(320, 200)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path))
    return path


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
def open_kiosk(qapp: QGuiApplication, clock: ManualClock) -> Iterator[Callable[..., Kiosk]]:
    """Opens a show window on the manual clock and waits until its first slide is drawn."""
    opened: list[Kiosk] = []

    def open_(show: Show, size: QSize = QSize(960, 540), **options: object) -> Kiosk:
        kiosk = Kiosk(show, RunOptions(size=size, **options), clock=clock)
        kiosk.present()
        opened.append(kiosk)
        assert wait_until(lambda: kiosk.controller.currentIndex >= 0 and kiosk.window.isExposed())
        return kiosk

    yield open_
    for kiosk in opened:
        kiosk.close()
    qapp.processEvents()
