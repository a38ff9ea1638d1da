"""What a visitor reads on rendered frames: a QR code that a phone decodes to the exact link,
and `both` mode with every text in Chinese and English (read back by OCR)."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from kiosk.content.errors import ContentError
from kiosk.content.loader import load_show
from kiosk.tools.check import check_layout, check_links
from kiosk.tools.offscreen import items_named, open_still, settle_on
from kiosk.tools.render import render_slides
from kiosk.tools.sizes import DEFAULT_SIZES

from ..helpers import REAL_SLIDES

LINK = "https://example.org/chongqing/2023?story=twin-city&lang=zh#full"
LINK_LABEL = "  link_label: {zh: 扫码阅读全文, en: Scan to read the full story}\n"


def need(tool: str) -> str:
    """The path of a Debian tool the test needs (.ci/run installs it); under CI it must be there."""
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is missing (.ci/run installs it)")
        pytest.skip(f"{tool} is not installed")
    return path


def with_show_settings(small_show_file: Path, settings: str):
    text = small_show_file.read_text(encoding="utf-8")
    small_show_file.write_text(text.replace("show:\n", "show:\n" + settings, 1), encoding="utf-8")
    return load_show(small_show_file)[0]


def decode_qr(png: Path) -> str:
    result = subprocess.run(
        [need("zbarimg"), "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return result.stdout.rstrip("\n")


@pytest.mark.parametrize("size", [QSize(1920, 1080), QSize(1080, 1920)], ids=["1920x1080", "1080x1920"])
def test_a_rendered_qr_code_decodes_to_the_exact_link(small_show_file, tmp_path, size) -> None:
    show = with_show_settings(small_show_file, f'  link: "{LINK}"\n' + LINK_LABEL)
    for slide_id in ("first", "cover"):
        (png,) = render_slides(show, tmp_path / "out", size, "zh", only=slide_id)
        assert decode_qr(png) == LINK, f"{slide_id} at {size.width()}x{size.height()}"


def test_a_slides_own_link_wins_over_the_shows(small_show_file, tmp_path) -> None:
    show = with_show_settings(small_show_file, f'  link: "{LINK}"\n')
    own = "扫码：第二个亮点的全文"  # plain text, not an address, is encoded as it is
    slides = list(show.slides)
    slides[2] = dataclasses.replace(slides[2], link=own)
    show = dataclasses.replace(show, slides=tuple(slides))
    (png,) = render_slides(show, tmp_path, QSize(1920, 1080), "en", only="second")
    assert decode_qr(png) == own


def test_no_link_no_code(small_show, tmp_path) -> None:
    (png,) = render_slides(small_show, tmp_path, QSize(1920, 1080), "zh", only="first")
    need("zbarimg")
    assert decode_qr(png) == ""


def test_check_wants_https_addresses_of_reasonable_length(small_show_file) -> None:
    show = with_show_settings(small_show_file, '  link: "ftp://example.org/story"\n')
    (problem,) = check_links(show)
    assert problem.is_error and "uses ftp, not https" in problem.message
    show = dataclasses.replace(show, link="http://example.org/story")
    (problem,) = check_links(show)
    assert not problem.is_error and "write it as https://" in problem.hint
    show = dataclasses.replace(show, link="https://example.org/" + "a" * 300)
    (problem,) = check_links(show)
    assert not problem.is_error and "characters long" in problem.message
    show = dataclasses.replace(show, link="https://example.org/" + "a" * 3000)
    (problem,) = check_links(show)
    assert problem.is_error and "too long for a QR code" in problem.message
    assert check_links(dataclasses.replace(show, link=LINK)) == []


def test_an_empty_link_is_refused_where_it_is_written(small_show_file) -> None:
    with pytest.raises(ContentError) as error:
        with_show_settings(small_show_file, '  link: " "\n')
    (problem,) = error.value.problems
    assert str(problem).startswith("slides.yaml:2:9: error: show.link: the link is empty")


def test_check_measures_the_code_on_the_halls_screen(small_show_file) -> None:
    show = with_show_settings(small_show_file, f'  link: "{LINK}"\n')
    assert [p for p in check_layout(show, (QSize(1920, 1080),)) if "QR" in p.message] == []
    # the same layout on a 5-inch screen: the code is a few millimetres wide
    tiny = [str(p) for p in check_layout(show, (QSize(1920, 1080),), screen_inches=5) if "QR" in p.message]
    assert any("show.link: the QR code is too small to scan at 1920x1080 (zh)" in p for p in tiny), tiny
    assert any("mm on a 5-inch screen, under 25 mm" in p for p in tiny), tiny


def visible_texts(running, slide_id: str) -> set[str]:
    (slide,) = items_named(running.window.contentItem(), f"slide-{slide_id}")
    found = set()
    stack = [slide]
    while stack:
        item = stack.pop()
        stack.extend(item.childItems())
        name = item.objectName()
        if item.isVisible() and (name.startswith(("field:", "second:")) or name == "label"):
            found.add(item.property("text"))
    return found


@pytest.mark.parametrize("size", DEFAULT_SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_both_mode_shows_every_text_in_both_languages(small_show_file, size) -> None:
    show = with_show_settings(small_show_file, "  language_mode: both\n" + LINK_LABEL + f'  link: "{LINK}"\n')
    running = open_still(show, size)
    try:
        for index, slide in enumerate(show.slides):
            settle_on(running, index)
            shown = visible_texts(running, slide.id)
            for field, text in slide.texts().items():
                if field.endswith("unit") or not text.all_texts():
                    continue
                for language in ("zh", "en"):
                    assert text.get(language) in shown, (size, slide.id, field, language)
            for language in ("zh", "en"):
                assert show.link_label.get(language) in shown
    finally:
        running.close()


def test_l_swaps_which_language_is_the_main_one(small_show_file) -> None:
    show = with_show_settings(small_show_file, "  language_mode: both\n")
    running = open_still(show, QSize(1920, 1080))
    try:
        settle_on(running, 1)
        main = lambda: [  # noqa: E731
            item.property("text") for item in items_named(running.window.contentItem(), "field:title")
        ]
        assert "第一个亮点" in main()
        running.controller.cycle_language()
        assert "The first highlight" in main()
        seconds = [
            item.property("text") for item in items_named(running.window.contentItem(), "second:title")
        ]
        assert "第一个亮点" in seconds
    finally:
        running.close()


def test_the_shipped_show_fits_in_both_mode_at_every_size(show_font) -> None:
    show = load_show(REAL_SLIDES)[0]
    assert show.language_mode == "toggle"  # shipped as it was; `both` is a choice
    problems = check_layout(show, DEFAULT_SIZES, ("both",))
    assert [str(p) for p in problems if "overview" not in p.message] == []


def test_ocr_reads_a_both_mode_title_in_chinese_and_english(small_show_file, tmp_path) -> None:
    tesseract = need("tesseract")
    show = with_show_settings(small_show_file, "  language_mode: both\n")
    (png,) = render_slides(show, tmp_path, QSize(1920, 1080), "zh", only="first")
    top = QImage(str(png)).copy(0, 0, 1920, 300)
    crop = tmp_path / "title.png"
    top.save(str(crop))
    result = subprocess.run(
        [tesseract, str(crop), "stdout", "-l", "chi_sim+eng", "--psm", "3"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    read = result.stdout
    assert "第一个亮点" in read.replace(" ", ""), read
    assert "The first highlight" in " ".join(read.split()), read
