"""A display PC without a GPU draws every frame in software: one thread paints it, and large
text comes from the glyph cache. With a GPU, nothing is changed."""

from __future__ import annotations

import pytest

from kiosk.player.software_drawing import LARGEST_CACHED_GLYPH_PX, tune_software_drawing


@pytest.mark.parametrize(
    "environ",
    [
        {"QT_QPA_PLATFORM": "offscreen"},
        {"QT_QPA_PLATFORM": "linuxfb:fb=/dev/fb0"},
        {"QT_QPA_PLATFORM": "xcb", "QT_QUICK_BACKEND": "software"},
    ],
)
def test_without_a_gpu_frames_are_painted_by_one_thread_with_large_glyphs_cached(environ: dict) -> None:
    assert tune_software_drawing(environ)
    assert environ["QT_NO_GUI_THREADPOOL"] == "1"
    assert environ["QT_MAX_CACHED_GLYPH_SIZE"] == str(LARGEST_CACHED_GLYPH_PX)


@pytest.mark.parametrize("environ", [{}, {"QT_QPA_PLATFORM": "xcb"}, {"QT_QPA_PLATFORM": "windows"}])
def test_with_a_gpu_qt_keeps_its_own_settings(environ: dict) -> None:
    assert not tune_software_drawing(environ)
    assert "QT_NO_GUI_THREADPOOL" not in environ
    assert "QT_MAX_CACHED_GLYPH_SIZE" not in environ


def test_an_installers_own_value_is_kept() -> None:
    environ = {"QT_QPA_PLATFORM": "offscreen", "QT_MAX_CACHED_GLYPH_SIZE": "128"}
    tune_software_drawing(environ)
    assert environ["QT_MAX_CACHED_GLYPH_SIZE"] == "128"
