"""`kiosk preview` as a curator uses it beside the editor: every save is redrawn on the real
event loop, the preview jumps to the slide that changed, check's findings are drawn on it, and
a broken save shows its mistakes above the last good slides."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtQuick import QQuickItem

from kiosk.tools.offscreen import items_named, wait_until
from kiosk.tools.preview import PREVIEW_SETTLE_SECONDS, QML_DIR, PreviewWindow

# A save is picked up after the watcher's settle delay; the slide is then drawn and checked.
# "Within a second" of the settle is waited for as a bound, never measured.
SAVE_SHOWN_WITHIN = PREVIEW_SETTLE_SECONDS + 1.0
FIRST_DRAW_WITHIN = 20.0


@pytest.fixture
def preview(small_show_file: Path, show_font: str) -> Iterator[PreviewWindow]:
    window = PreviewWindow(small_show_file, show_font)
    window.show()
    assert wait_until(lambda: idle(window) and window.preview.panels, FIRST_DRAW_WITHIN)
    yield window
    window.close()


def idle(window: PreviewWindow) -> bool:
    return not window.preview.working


def save(path: Path, change: Callable[[str], str]) -> None:
    """Saves the file as an editor does, in place, with one change."""
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text
    path.write_text(changed, encoding="utf-8")


def shown(window: PreviewWindow, name: str) -> list[QQuickItem]:
    return [item for item in items_named(window.window.contentItem(), name) if item.isVisible()]


def status(window: PreviewWindow) -> str:
    (item,) = shown(window, "status")
    return item.property("text")


def drawn_title(window: PreviewWindow, language: str = "zh") -> str:
    drawing = window.preview.drawing(language)
    if drawing is None:
        return ""
    field = f"slides[{drawing.index}].title"
    return next((text.text for text in drawing.texts if text.field == field), "")


def test_a_saved_title_shows_on_its_own_slide(preview: PreviewWindow, small_show_file: Path) -> None:
    assert status(preview).startswith("1 / 4  cover")

    save(small_show_file, lambda text: text.replace("第二个亮点", "第二个亮点：新的标题"))

    assert wait_until(lambda: drawn_title(preview) == "第二个亮点：新的标题", SAVE_SHOWN_WITHIN + 2)
    assert preview.preview.current == 2
    assert status(preview).startswith("3 / 4  second")
    (image,) = shown(preview, "slide-image")
    (panel,) = preview.preview.panels
    assert image.property("source").toString() == panel["source"]  # the frame drawn after the save
    assert image.property("sourceSize") == QSize(1920, 1080)  # loaded, at the hall's resolution


def test_a_title_too_long_gets_a_box_and_a_problem(preview: PreviewWindow, small_show_file: Path) -> None:
    save(small_show_file, lambda text: text.replace("第一个亮点", "第一个亮点" + "很长的标题" * 30))

    def boxed() -> bool:
        labels = [box.property("label") for box in shown(preview, "problem-box")]
        return "title: does not fit" in labels

    assert wait_until(lambda: boxed() and idle(preview), SAVE_SHOWN_WITHIN + 10)
    assert preview.preview.current == 1
    rows = [row.property("text") for row in shown(preview, "problem-row")]
    assert any("slides[1].title: the text does not fit its box at 1920x1080 (zh)" in row for row in rows), (
        rows
    )


def test_a_broken_save_shows_the_mistake_and_keeps_the_slides(
    preview: PreviewWindow, small_show_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    preview.preview.go_to(1)
    assert wait_until(lambda: idle(preview) and "第一个亮点" == drawn_title(preview))

    save(small_show_file, lambda text: text.replace("title: {zh: 第一个亮点", "title: [unclosed"))

    assert wait_until(lambda: bool(shown(preview, "error")), SAVE_SHOWN_WITHIN + 2)
    (error,) = shown(preview, "error-text")
    assert "slides.yaml:" in error.property("text") and "YAML syntax" in error.property("text")
    assert "still showing the last good version" in caplog.text
    assert status(preview).startswith("2 / 4  first")
    assert drawn_title(preview) == "第一个亮点"
    assert shown(preview, "slide-image"), "the last good slide stays on screen"

    save(small_show_file, lambda text: text.replace("title: [unclosed", "title: {zh: 第一个亮点"))
    assert wait_until(lambda: not shown(preview, "error"), SAVE_SHOWN_WITHIN + 2)


def test_keys_switch_language_size_and_every_language_side_by_side(preview: PreviewWindow) -> None:
    keys = preview.preview
    keys.handleKey(Qt.Key.Key_L)
    assert wait_until(lambda: idle(preview) and drawn_title(preview, "en") == "Cover title")
    assert "·   en   ·" in status(preview)

    keys.handleKey(Qt.Key.Key_S)
    assert wait_until(lambda: idle(preview) and preview.preview.drawing("en") is not None, FIRST_DRAW_WITHIN)
    assert preview.preview.drawing("en").image.size() == QSize(3840, 2160)
    assert preview.preview.slideWidth == 3840

    keys.handleKey(Qt.Key.Key_M)
    assert wait_until(lambda: idle(preview) and len(preview.preview.panels) == 2, FIRST_DRAW_WITHIN)
    assert {panel.objectName() for panel in shown(preview, "panel-zh") + shown(preview, "panel-en")} == {
        "panel-zh",
        "panel-en",
    }


@pytest.mark.expected_warnings  # the missing picture is logged as the show would log it
def test_a_missing_picture_gets_a_banner(write_show, show_font: str) -> None:
    path = write_show(
        """\
        slides:
          - id: lost
            layout: highlight
            number: 1
            title: A missing picture
            image: nowhere.png
        """
    )
    window = PreviewWindow(path, show_font)
    window.show()
    try:
        assert wait_until(lambda: idle(window) and bool(window.preview.panels), FIRST_DRAW_WITHIN)
        (banner,) = shown(window, "picture-banner")
        assert banner.property("text") == "picture not found: nowhere.png"
    finally:
        window.close()


def test_a_file_broken_from_the_start_still_opens_with_its_mistakes(write_show, show_font: str) -> None:
    path = write_show("slides:\n  - id: a\n    layout: cover\n    title: [unclosed\n")
    window = PreviewWindow(path, show_font)
    window.show()
    try:
        assert wait_until(lambda: bool(shown(window, "error")))
        (error,) = shown(window, "error-text")
        assert "slides.yaml:5:1: error: YAML syntax" in error.property("text")
        assert "no slides yet" in status(window)
    finally:
        window.close()


def test_qmllint_finds_nothing_in_the_preview_views() -> None:
    qmllint = Path(sys.executable).parent / "pyside6-qmllint"
    files = sorted(str(path) for path in (QML_DIR / "KioskPreview").glob("*.qml"))
    result = subprocess.run(
        [str(qmllint), "-I", str(QML_DIR), *files], capture_output=True, text=True, timeout=120, check=False
    )
    assert files and result.returncode == 0, result.stdout + result.stderr
    assert not result.stdout.strip() and not result.stderr.strip(), result.stdout + result.stderr
