"""Read-more links as QR codes: encoded by segno, drawn by us at the exact pixel size the
view asks for, so the code is crisp on any screen (every module a whole number of pixels,
dark on light, with the four-module quiet zone scanners need).

QML asks for `image://qr/<code>` with its sourceSize; `<code>` is the link as base64url, made
by `qr_source` (the slide model hands it over ready), so no text ever needs URL escaping.
"""

from __future__ import annotations

import base64
import binascii

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtQuick import QQuickImageProvider

QR_PROVIDER_ID = "qr"
QUIET_ZONE_MODULES = 4  # the margin of light modules the QR standard asks for
ERROR_CORRECTION = "m"  # 15 % of the code may be unreadable (glare on a glass screen)
DARK = QColor("#000000")
LIGHT = QColor("#ffffff")


def qr_source(text: str) -> str:
    """The image URL a view shows the QR code of `text` with ("" for no link)."""
    if not text:
        return ""
    code = base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")
    return f"image://{QR_PROVIDER_ID}/{code}"


def text_of(code: str) -> str | None:
    try:
        padded = code + "=" * (-len(code) % 4)
        return base64.b64decode(padded, altchars=b"-_", validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


def modules(text: str) -> list[list[bool]]:
    """The QR code's dark (True) and light modules, without the quiet zone."""
    import segno  # here, not at the top: 20 ms off the path to the first frame

    code = segno.make(text, error=ERROR_CORRECTION, micro=False, boost_error=False)
    return [[bool(value) for value in row] for row in code.matrix]


def side_in_modules(text: str) -> int:
    """How many modules wide the code is, quiet zone included."""
    return len(modules(text)) + 2 * QUIET_ZONE_MODULES


def qr_image(text: str, pixels: int) -> QImage:
    """The code on a light square `pixels` wide; each module is a whole number of pixels
    (at least one), centred, so edges stay sharp at any size."""
    matrix = modules(text)
    side = len(matrix) + 2 * QUIET_ZONE_MODULES
    module = max(1, pixels // side)
    size = max(pixels, side)
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(LIGHT)
    offset = (size - module * side) // 2 + QUIET_ZONE_MODULES * module
    painter = QPainter(image)
    for row, line in enumerate(matrix):
        for column, dark in enumerate(line):
            if dark:
                painter.fillRect(offset + column * module, offset + row * module, module, module, DARK)
    painter.end()
    return image


class QrImageProvider(QQuickImageProvider):
    """Draws `image://qr/<code>` at the size the view requests (its sourceSize)."""

    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)

    def requestImage(self, image_id: str, size: QSize, requested_size: QSize) -> QImage:
        text = text_of(image_id.split("?", 1)[0])
        if not text:
            return QImage()
        pixels = max(requested_size.width(), requested_size.height(), 1)
        image = qr_image(text, pixels)
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image
