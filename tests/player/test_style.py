"""The look of the show follows the content and the window: a curator's new accent colour
appears on the wall after a save, and a rotated screen gets the portrait layout."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor

from kiosk.content.model import Theme
from kiosk.player.style import Style
from kiosk.tools.offscreen import items_named, wait_until

from ..helpers import SMALL_SHOW
from ..unattended.test_watch import settle

NEW_ACCENT = "#20c0a0"


def accent_pixels(kiosk, colour: str) -> int:
    """How many pixels of the frame are drawn in `colour` (give or take antialiasing)."""
    frame = kiosk.window.grabWindow()
    wanted = QColor(colour)
    count = 0
    for y in range(0, frame.height(), 3):
        for x in range(0, frame.width(), 3):
            pixel = frame.pixelColor(x, y)
            if (
                max(
                    abs(pixel.red() - wanted.red()),
                    abs(pixel.green() - wanted.green()),
                    abs(pixel.blue() - wanted.blue()),
                )
                < 12
            ):
                count += 1
    return count


def test_a_saved_new_accent_colour_is_drawn_after_the_reload(
    open_kiosk, small_show_file: Path, small_show, clock, qtbot
) -> None:
    kiosk = open_kiosk(small_show, start_index=1, watch=True, animate=False)
    assert accent_pixels(kiosk, NEW_ACCENT) == 0
    with_accent = SMALL_SHOW.replace(
        "  transition: none\n", f'  transition: none\n  theme: {{accent: "{NEW_ACCENT}"}}\n'
    )
    with qtbot.waitSignal(kiosk.watcher.reloaded, timeout=10_000):
        small_show_file.write_text(with_accent, encoding="utf-8")
        settle(kiosk, clock)
    clock.advance(10)  # new content takes over at the next slide change
    assert wait_until(lambda: kiosk.controller.currentIndex == 2)
    assert wait_until(lambda: accent_pixels(kiosk, NEW_ACCENT) > 200), "the new accent is not on screen"


def test_a_screen_turned_to_portrait_gets_the_portrait_layout(open_kiosk, small_show) -> None:
    kiosk = open_kiosk(small_show, size=QSize(960, 540), start_index=1, animate=False)
    (slide,) = items_named(kiosk.window.contentItem(), "slide-first")
    (picture,) = items_named(slide, "picture")
    assert picture.mapToScene(picture.position()).x() > 960 / 2  # beside the text
    kiosk.window.resize(QSize(540, 960))
    assert wait_until(lambda: kiosk.style.portrait and kiosk.style.unit == 0.5)
    assert wait_until(lambda: picture.mapToScene(picture.position()).x() < 540 / 4)  # under the title


def test_style_tints_follow_the_theme() -> None:
    style = Style(Theme(background="#000000", accent="#ff0000"), QSize(1920, 1080))
    changes = []
    style.themeChanged.connect(lambda: changes.append(style.accent.name()))
    style.set_theme(Theme(background="#000000", accent="#ff0000"))
    style.set_theme(Theme(background="#000000", accent="#00ff00"))
    assert changes == ["#00ff00"]
    assert style.muted.alphaF() < 1 and style.muted.red() == QColor(Theme().text).red()
