"""Each picture is decoded at the size its slide draws it, so no frame scales it: on a PC that
draws in software a crossfade costs about half as much, and a drawing is rendered sharp at the
size a visitor sees."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter

from kiosk.player.assets import decode
from kiosk.tools.offscreen import items_named, wait_until

from ..helpers import save_picture


def drawn_and_decoded(kiosk, slide) -> tuple[QSize, QSize]:
    """The size the slide's picture is painted at on screen, and the size of its decode, both in
    device pixels."""
    view = items_named(kiosk.window.contentItem(), "slide-" + slide.id)[0]
    picture = items_named(view, "picture")[0]
    ratio = kiosk.window.devicePixelRatio()
    painted = QSize(
        round(picture.property("paintedWidth") * ratio), round(picture.property("paintedHeight") * ratio)
    )
    url = kiosk.cache.url(slide.picture)
    decoded = kiosk.cache.image(int(url.rsplit("/", 1)[1])).size() if url else QSize()
    return painted, decoded


@pytest.mark.parametrize("size", [QSize(960, 540), QSize(540, 960)], ids=["landscape", "portrait"])
def test_every_picture_of_the_shipped_show_is_drawn_pixel_for_pixel(open_kiosk, real_show, size) -> None:
    kiosk = open_kiosk(real_show, size=size)
    for index, slide in enumerate(real_show.slides):
        kiosk.controller.go_to_index(index)
        assert wait_until(lambda index=index: kiosk.controller.currentIndex == index)
        assert wait_until(
            lambda slide=slide: drawn_and_decoded(kiosk, slide)[0] == drawn_and_decoded(kiosk, slide)[1]
        ), f"{slide.id}: painted, decoded = {drawn_and_decoded(kiosk, slide)}"
        if slide.layout in ("cover", "closing"):  # the picture fills the screen, cropped
            assert drawn_and_decoded(kiosk, slide)[1] == size * kiosk.window.devicePixelRatio()


def stripes(path: Path, colors: list[str], size: QSize) -> Path:
    """A picture of vertical stripes, left to right."""
    image = QImage(size, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    width = size.width() // len(colors)
    for i, color in enumerate(colors):
        painter.fillRect(i * width, 0, width, size.height(), QColor(color))
    painter.end()
    assert image.save(str(path))
    return path


def test_a_picture_that_covers_its_box_keeps_only_the_middle_its_view_shows(tmp_path: Path) -> None:
    wide = stripes(tmp_path / "wide.png", ["#c02020", "#20a040", "#2050c0"], QSize(600, 200))
    image, error = decode(wide, QSize(100, 100), covers=True)
    assert error == ""
    assert image.size() == QSize(100, 100)
    corners = {image.pixelColor(x, y).name() for x in (0, 99) for y in (0, 99)}
    assert corners == {"#20a040"}, "the green middle stripe, not the sides"


def test_a_photo_smaller_than_its_box_is_not_blown_up(tmp_path: Path) -> None:
    photo = save_picture(tmp_path / "small.png", "#404040", QSize(320, 200))
    for box, covers in ((QSize(1280, 800), False), (QSize(1280, 1280), True)):
        image, error = decode(photo, box, covers)
        assert (image.size(), error) == (QSize(320, 200), "")
