"""The shows the benchmark plays besides the shipped one: a stress show of 6000x4000
photographs, and the floor's one picture."""

from __future__ import annotations

import random
from pathlib import Path

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QPixmap

STRESS_SLIDES = 12


PHOTO_SIZE = QSize(6000, 4000)


def make_photo(path: Path, seed: int) -> None:
    """A 6000x4000 JPEG with photo-like detail (shapes under fine noise), about 8 MB."""
    rng = random.Random(seed)
    image = QImage(PHOTO_SIZE, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, PHOTO_SIZE.width(), PHOTO_SIZE.height())
    gradient.setColorAt(0, QColor.fromHsv(rng.randrange(360), 180, 210))
    gradient.setColorAt(1, QColor.fromHsv(rng.randrange(360), 160, 80))
    painter.fillRect(image.rect(), gradient)
    painter.setPen(Qt.PenStyle.NoPen)
    for _ in range(400):
        painter.setBrush(QColor.fromHsv(rng.randrange(360), rng.randrange(256), rng.randrange(256)))
        center = QPointF(rng.randrange(PHOTO_SIZE.width()), rng.randrange(PHOTO_SIZE.height()))
        painter.drawEllipse(center, rng.randrange(20, 400), rng.randrange(20, 400))
    noise = QImage(rng.randbytes(512 * 512 * 4), 512, 512, QImage.Format.Format_RGB32)
    painter.setOpacity(0.18)
    painter.drawTiledPixmap(image.rect(), QPixmap.fromImage(noise))
    painter.end()
    image.save(str(path), "JPG", 85)


def make_stress_show(folder: Path) -> Path:
    lines = ["show: {title: Stress, transition: crossfade}", "slides:"]
    for i in range(STRESS_SLIDES):
        make_photo(folder / f"photo-{i:02d}.jpg", seed=i)
        lines.append(
            f"  - {{id: s{i}, layout: highlight, number: {i + 1}, title: 第{i + 1}张照片 Photo {i + 1}, "
            f"summary: 六千乘四千像素的照片。, image: photo-{i:02d}.jpg, "
            f"figures: [{{value: {100 + i}.5, unit: 个, label: 数字}}]}}"
        )
    path = folder / "slides.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def make_floor_picture(folder: Path) -> Path:
    """The floor's one picture: a 1920x1080 JPEG of the same photo-like kind."""
    path = folder / "floor.jpg"
    image = QImage(QSize(1920, 1080), QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, 1920, 1080)
    gradient.setColorAt(0, QColor("#3060a0"))
    gradient.setColorAt(1, QColor("#102030"))
    painter.fillRect(image.rect(), gradient)
    painter.end()
    image.save(str(path), "JPG", 85)
    return path
