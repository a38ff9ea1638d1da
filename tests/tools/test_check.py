"""`kiosk check` as a curator uses it: each broken file reported at its line and column,
pictures, glyphs and overflowing text found with the show's real layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize

from kiosk.tools.check import check_show

from ..helpers import REAL_SLIDES, save_picture

BROKEN = Path(__file__).resolve().parents[1] / "data" / "broken"
SMALL = (QSize(960, 540),)


def expected_message(path: Path) -> str:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    return first_line.removeprefix("# expect: ")


@pytest.mark.expected_warnings  # the broken pictures are logged as the show would log them
@pytest.mark.parametrize("path", sorted(BROKEN.glob("*.yaml")), ids=lambda p: p.stem)
def test_each_broken_file_gets_its_message_at_its_line_and_column(path: Path, show_font: str) -> None:
    problems = check_show(path, SMALL, show_font)
    expected = f"{path.name}:{expected_message(path)}"
    assert any(str(problem).startswith(expected) for problem in problems), [str(p) for p in problems]


def test_the_shipped_show_is_clean_at_every_default_size(show_font: str) -> None:
    assert [str(p) for p in check_show(REAL_SLIDES, (QSize(1920, 1080), QSize(1080, 1920)), show_font)] == []


def test_a_picture_too_small_for_the_screen_is_a_warning(write_show, tmp_path: Path, show_font) -> None:
    save_picture(tmp_path / "tiny.png", "#808080", QSize(160, 100))
    path = write_show(
        """\
        slides:
          - id: first
            layout: highlight
            number: 1
            title: A small picture
            image: tiny.png
        """
    )
    (problem,) = check_show(path, (QSize(1920, 1080),), show_font)
    assert not problem.is_error
    assert str(problem).startswith(
        "slides.yaml:6:12: warning: slides[0].image: the picture looks blurred at 1920x1080"
    )
    assert "160x100 pixels, enlarged" in str(problem)


def test_characters_the_font_lacks_are_listed(write_show, show_font) -> None:
    path = write_show(
        """\
        slides:
          - id: cover
            layout: cover
            title: {zh: 欢迎, en: "Welcome สวัสดี"}
        """
    )
    (problem,) = check_show(path, SMALL, show_font)
    assert str(problem).startswith("slides.yaml:4:12: error: slides[0].title: the font")
    assert "ส (U+0E2A)" in str(problem)


def test_a_400_character_title_is_found_overflowing_in_portrait(write_show, show_font) -> None:
    title = "很长的标题" * 80
    path = write_show(
        f"""\
        slides:
          - id: long
            layout: highlight
            number: 1
            title: {title}
        """
    )
    messages = [str(p) for p in check_show(path, (QSize(1080, 1920),), show_font)]
    assert any(
        m.startswith(
            "slides.yaml:5:12: error: slides[0].title: the text does not fit its box at 1080x1920 (zh)"
        )
        for m in messages
    ), messages


def test_a_summary_too_long_for_its_box_is_found(write_show, show_font) -> None:
    summary = "这是一段非常长的说明文字，" * 15
    path = write_show(
        f"""\
        slides:
          - id: crowded
            layout: highlight
            number: 1
            title: 标题
            summary: {summary}
            figures:
              - {{value: 1, unit: 个, label: 一}}
        """
    )
    messages = [str(p) for p in check_show(path, (QSize(1920, 1080),), show_font)]
    assert any("slides[0].summary: the text does not fit its box" in m for m in messages), messages


def test_a_slide_too_short_to_read_is_a_warning(write_show, show_font) -> None:
    path = write_show(
        """\
        slides:
          - id: cover
            layout: cover
            title: 一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三
            duration: 5
        """
    )
    (problem,) = [p for p in check_show(path, SMALL, show_font) if "too short" in p.message]
    assert str(problem) == (
        "slides.yaml:5:15: warning: slides[0].duration: 5 s is too short to read this slide "
        "(give it at least 9 s (1 s per 8 Chinese characters, never under 8 s))"
    )


def test_a_crowded_cover_runs_into_its_caption_and_off_the_screen(write_show, show_font) -> None:
    long = "A title long enough to wrap onto several lines of the cover " * 2
    path = write_show(
        f"""\
        slides:
          - id: cover
            layout: cover
            subtitle: {long}
            title: {long}
            summary: {long * 2}
            note: {long}
            caption: A caption in the top corner
        """
    )
    messages = [str(p) for p in check_show(path, (QSize(1920, 1080),), show_font)]
    assert any("slides[0].subtitle: the text runs off the screen at 1920x1080 (zh)" in m for m in messages), (
        messages
    )
    assert any("overlaps the slide's caption at 1920x1080" in m for m in messages), messages


def test_a_last_line_of_one_character_or_one_short_word_is_a_warning(write_show, show_font) -> None:
    """The editor's m7: 首次突/破 and "...step / up" were each left alone on a line."""
    path = write_show(
        """\
        slides:
          - id: gdp
            layout: highlight
            number: 3
            title: {zh: 经济指标排位提升, en: "Digital Chongqing takes shape, and public services step up"}
            figures:
              - {value: 3, unit: 万亿元, label: {zh: 全市地区生产总值首次突破, en: the mark GDP passed}}
              - {value: 6.2, unit: "%", label: {zh: 前三季度增长, en: growth}}
              - {value: 1, unit: 个百分点, label: {zh: 重庆地区生产总值首次突破这一大关, en: above}}
        """
    )
    messages = [str(p) for p in check_show(path, (QSize(1920, 1080),), show_font)]
    assert messages == [
        "slides.yaml:5:12: warning: slides[0].title: the last line is only 'up' at 1920x1080 (en) "
        "(reword or shorten it, or break the line by hand, so the last line holds more)",
        "slides.yaml:7:38: warning: slides[0].figures[0].label: the last line is only '破' at 1920x1080 (zh) "
        "(reword or shorten it, or break the line by hand, so the last line holds more)",
    ]
