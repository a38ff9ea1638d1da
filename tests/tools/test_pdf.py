"""`kiosk render --pdf`: the document an approver signs. One page per slide after a first page
listing them all with check's verdict; every title findable in the text of its own page."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from kiosk import cli
from kiosk.content.errors import Problem, Severity
from kiosk.content.loader import load_show
from kiosk.tools.check import check_show
from kiosk.tools.pdf import write_pdf
from kiosk.unattended.watch import content_hash

from ..helpers import REAL_SLIDES


def poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is missing: .ci/run installs poppler-utils")
        pytest.skip(f"{tool} (poppler-utils) is not installed")
    return found


def page_text(pdf: Path, page: int) -> str:
    """The text pdftotext finds on one page, with runs of white space made one space."""
    result = subprocess.run(
        [poppler("pdftotext"), "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return " ".join(result.stdout.split())


def first_page_rows(pdf: Path) -> str:
    """The first page as pdftotext lays it out, one table row a line."""
    result = subprocess.run(
        [poppler("pdftotext"), "-layout", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout


def page_count(pdf: Path) -> int:
    result = subprocess.run(
        [poppler("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True, timeout=60
    )
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("Pages:")]
    return int(line.split()[1])


def test_each_slide_gets_its_page_with_its_title_and_a_footer(small_show, tmp_path: Path, show_font) -> None:
    pdf = tmp_path / "show.pdf"
    size = QSize(960, 540)
    problems = check_show(small_show.source, (size,), show_font)
    written = write_pdf(small_show, pdf, size, ["en"], problems, printed=date(2026, 5, 1))

    assert written.pages == page_count(pdf) == len(small_show.slides) + 1
    assert written.text_findable
    digest = content_hash(small_show.source)
    for index, slide in enumerate(small_show.slides):
        text = page_text(pdf, index + 2)
        assert slide.title.get("en") in text
        assert f"{index + 1} / 4 {slide.id}" in text
        assert f"content {digest}" in text and "printed 2026-05-01" in text
        for other in small_show.slides:
            if other is not slide:
                assert other.title.get("en") not in text


def test_the_first_page_lists_every_slide_with_duration_figures_and_verdict(
    small_show, tmp_path: Path
) -> None:
    pdf = tmp_path / "show.pdf"
    blurred = Problem(
        small_show.source, 12, 12, "slides[0].image", "the picture looks blurred", severity=Severity.WARNING
    )
    write_pdf(small_show, pdf, QSize(960, 540), ["zh"], [blurred])

    first = page_text(pdf, 1)
    assert "kiosk check at 960x540: 1 warning(s) — ready for approval" in first
    rows = first_page_rows(pdf)
    assert re.search(r"^\s*1\s+cover\s+封面标题\s+10 s\s+1 warning\(s\)$", rows, re.MULTILINE), rows
    assert re.search(r"^\s*2\s+first\s+第一个亮点\s+10 s\s+3709.7 亿元 完成投资\s+OK$", rows, re.MULTILINE), (
        rows
    )
    assert "the picture looks blurred" in first
    for slide in small_show.slides:
        assert slide.id in first and slide.title.get("zh") in first
    assert "20 s" in first  # the second highlight's own duration
    assert "3709.7 亿元 完成投资" in first
    assert "Approved by" in first


@pytest.mark.expected_warnings  # the missing picture is logged as the show would log it
def test_a_show_with_a_problem_is_not_ready_and_says_which_slide(
    write_show, tmp_path: Path, show_font
) -> None:
    path = write_show(
        """\
        slides:
          - id: cover
            layout: cover
            title: Welcome
          - id: lost
            layout: highlight
            number: 1
            title: A missing picture
            image: nowhere.png
        """
    )
    show = load_show(path)[0]
    problems = check_show(path, (QSize(960, 540),), show_font)
    write_pdf(show, tmp_path / "show.pdf", QSize(960, 540), ["en"], problems)

    first = page_text(tmp_path / "show.pdf", 1)
    assert "NOT ready: fix the errors first" in first
    assert "picture not found: nowhere.png" in first


def test_kiosk_render_pdf_of_the_shipped_show_looks_like_the_wall(tmp_path: Path) -> None:
    """Every slide of the real show in Chinese, then one page back to a PNG that should look
    like the slide (it was looked at when this test was written: docs in the PR)."""
    pdf = tmp_path / "sign-off.pdf"
    assert cli.main(["render", str(REAL_SLIDES), "--pdf", str(pdf)]) == 0

    show = load_show(REAL_SLIDES)[0]
    assert page_count(pdf) == len(show.slides) + 1
    for index, slide in enumerate(show.slides):
        assert " ".join(slide.title.get("zh").split()) in page_text(pdf, index + 2)

    subprocess.run(
        [poppler("pdftoppm"), "-f", "3", "-l", "3", "-r", "150", "-png", str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    (png,) = tmp_path.glob("page*.png")
    image = QImage(str(png))
    assert abs(image.width() - 1920 // 2) <= 1  # 1920 dots at 300 dpi, back at 150 dpi
    background = image.pixelColor(40, 40)
    assert background.lightness() < 60, "the slide's dark background should fill the page"
    footer = image.pixelColor(40, image.height() - 5)
    assert footer.lightness() > 200, "the footer strip under the slide is white"


def test_render_needs_somewhere_to_write(small_show_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["render", str(small_show_file)]) == 2
    assert "--out DIR (PNG files) or --pdf FILE" in capsys.readouterr().err
