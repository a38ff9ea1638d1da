"""Read-more QR codes are drawn crisp: whole-pixel modules, black on white, with the quiet
zone, at whatever size the view asks for."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from kiosk.player.qrcode import QUIET_ZONE_MODULES, modules, qr_image, qr_source, text_of

LINK = "https://example.org/chongqing/2023?story=twin-city"


@pytest.mark.parametrize("pixels", [190, 220, 380, 440])
def test_every_module_is_a_whole_number_of_pixels_with_a_light_quiet_zone(pixels) -> None:
    matrix = modules(LINK)
    side = len(matrix) + 2 * QUIET_ZONE_MODULES
    module = pixels // side
    image = qr_image(LINK, pixels)
    assert (image.width(), image.height()) == (pixels, pixels)
    offset = (pixels - module * side) // 2 + QUIET_ZONE_MODULES * module
    colours = {QColor(image.pixel(x, y)).name() for x in range(pixels) for y in range(0, pixels, 7)}
    assert colours == {"#000000", "#ffffff"}  # no grey: nothing was scaled
    for row in (0, len(matrix) // 2, len(matrix) - 1):
        for column, dark in enumerate(matrix[row]):
            for dx in (0, module - 1):  # both edges of the module have its colour
                x, y = offset + column * module + dx, offset + row * module + module // 2
                assert (QColor(image.pixel(x, y)).name() == "#000000") == dark
    quiet = offset - 1
    assert all(QColor(image.pixel(quiet, y)).name() == "#ffffff" for y in range(pixels))


def test_any_text_travels_to_the_provider_and_back() -> None:
    for text in (LINK, "扫码：第二个亮点的全文", "a/b?c=d#e f"):
        source = qr_source(text)
        assert source.startswith("image://qr/") and " " not in source
        assert text_of(source.removeprefix("image://qr/")) == text
    assert qr_source("") == ""
    assert text_of("***") is None
