"""What several test modules share: where the repository and its show are, a small show to
play, and pictures made on the spot."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtQuick import QQuickItem

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


def save_picture(path: Path, color: str, size: QSize = QSize(320, 200)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path))
    return path


def scene_rect(item: QQuickItem) -> QRect:
    top_left = item.mapToScene(item.position() * 0)
    return QRect(round(top_left.x()), round(top_left.y()), round(item.width()), round(item.height()))


def ink_fraction(frame: QImage, rect: QRect, background: QColor) -> float:
    """Share of pixels in `rect` that clearly differ from the background colour."""
    region = frame.copy(rect)
    inked = total = 0
    for y in range(0, region.height(), 2):
        for x in range(0, region.width(), 2):
            pixel = region.pixelColor(x, y)
            total += 1
            distance = abs(pixel.red() - background.red()) + abs(pixel.green() - background.green())
            inked += distance + abs(pixel.blue() - background.blue()) > 90
    return inked / max(1, total)
