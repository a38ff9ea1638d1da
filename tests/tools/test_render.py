"""`kiosk render`: every slide to a PNG of the requested size, and a contact sheet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from kiosk.tools.render import render_slides


def distinct_colours(image: QImage, step: int = 24) -> int:
    return len(
        {image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)}
    )


def test_every_slide_becomes_a_png_of_the_requested_size(small_show, tmp_path: Path) -> None:
    written = render_slides(small_show, tmp_path / "out", QSize(1080, 1920), "en")
    assert [path.name for path in written] == [
        "01-cover.png",
        "02-first.png",
        "03-second.png",
        "04-closing.png",
        "overview.png",
    ]
    for path in written:
        image = QImage(str(path))
        assert image.size() == QSize(1080, 1920)
        assert distinct_colours(image) > 20, f"{path.name} looks blank"
    sheet = QImage(str(tmp_path / "out" / "contact-sheet.png"))
    assert sheet.width() > 4 * 200


def test_one_slide_alone_and_in_its_final_state(small_show, tmp_path: Path) -> None:
    (path,) = render_slides(small_show, tmp_path, QSize(1280, 720), "zh", only="first")
    assert path.name == "02-first.png"
    assert not (tmp_path / "contact-sheet.png").exists()
