"""Turning a grabbed frame into PNG or JPEG bytes, scaled down on request. Runs on a worker
thread: QImage is reentrant, so encoding never holds up the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage

FORMATS = {"png": ("PNG", "image/png"), "jpeg": ("JPG", "image/jpeg"), "jpg": ("JPG", "image/jpeg")}
JPEG_QUALITY = 85


def encode(image: QImage, image_format: str, width: int | None) -> bytes:
    if width is not None and 0 < width < image.width():
        image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
    qt_format, _mime = FORMATS[image_format]
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, qt_format, JPEG_QUALITY if qt_format == "JPG" else -1)
    buffer.close()
    return bytes(data.data())
