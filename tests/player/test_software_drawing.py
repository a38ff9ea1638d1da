"""A display PC without a GPU draws every frame in software, one thread painting each frame;
with a GPU, nothing is changed. Large text stays drawn either way."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize

from kiosk.content.loader import load_show
from kiosk.content.shipped import SHIPPED_SLIDES
from kiosk.player.software_drawing import tune_software_drawing
from kiosk.tools.offscreen import items_named, open_still, settle_on, wait_until

from ..helpers import ink_fraction, scene_rect


@pytest.mark.parametrize(
    "environ",
    [
        {"QT_QPA_PLATFORM": "offscreen"},
        {"QT_QPA_PLATFORM": "linuxfb:fb=/dev/fb0"},
        {"QT_QPA_PLATFORM": "xcb", "QT_QUICK_BACKEND": "software"},
    ],
)
def test_without_a_gpu_one_thread_paints_each_frame(environ: dict) -> None:
    assert tune_software_drawing(environ)
    assert environ["QT_NO_GUI_THREADPOOL"] == "1"


@pytest.mark.parametrize("environ", [{}, {"QT_QPA_PLATFORM": "xcb"}, {"QT_QPA_PLATFORM": "windows"}])
def test_with_a_gpu_qt_keeps_its_own_settings(environ: dict) -> None:
    assert not tune_software_drawing(environ)
    assert "QT_NO_GUI_THREADPOOL" not in environ


def test_the_key_figures_large_numbers_are_drawn(qapp) -> None:
    """Raising Qt's glyph cache limit (QT_MAX_CACHED_GLYPH_SIZE) made software drawing cheaper
    and drew no glyph over 64 pixels: the numbers of the key figures were gone."""
    show = load_show(SHIPPED_SLIDES)[0]
    gdp = next(index for index, slide in enumerate(show.slides) if slide.id == "gdp")
    running = open_still(show, QSize(1920, 1080))
    try:
        settle_on(running, gdp)
        (slide,) = items_named(running.window.contentItem(), "slide-gdp")
        number = items_named(slide, "value")[0]
        assert wait_until(lambda: number.property("text") == "3")
        assert number.property("font").pixelSize() > 64
        frame = running.window.grabWindow()
        background = frame.pixelColor(frame.width() // 2, 4)
        inked = ink_fraction(frame, scene_rect(number), background)
        assert inked > 0.1, f"the number is not drawn ({inked:.0%} of its box inked)"
    finally:
        running.close()
