"""The typeface on the wall: a CJK font is always there, the curator's choice wins when the PC
has it, and characters with no glyph are named before a visitor sees an empty box."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontInfo, QGuiApplication

from kiosk.player.fonts import PREFERRED_FAMILIES, choose_family, missing_characters


def test_the_show_font_is_a_real_cjk_font(show_font) -> None:
    assert show_font in PREFERRED_FAMILIES
    assert QFontInfo(QGuiApplication.font()).family() == show_font


def test_every_character_of_the_shipped_show_has_a_glyph(real_show, show_font) -> None:
    texts = [real_show.title.get(lang) for lang in real_show.languages]
    for slide in real_show.slides:
        for text in slide.texts().values():
            texts.extend(text.all_texts())
    shown = "".join(texts) + "0123456789./%×"
    assert missing_characters(shown, show_font) == []
    assert missing_characters(shown, show_font, bold=True) == []


def test_a_font_the_pc_does_not_have_is_logged_and_a_cjk_font_used_instead(caplog, show_font) -> None:
    with caplog.at_level(logging.WARNING):
        family = choose_family("Hall Display Font That Is Not Installed")
    assert family == show_font
    assert "is not installed on this PC" in caplog.text


def test_an_installed_font_the_curator_names_is_used(show_font) -> None:
    assert choose_family(show_font) == show_font


def test_characters_with_no_glyph_are_named_once_each(show_font) -> None:
    assert missing_characters("重庆 \U0001d11e\U0001d11e 2023", show_font) == ["\U0001d11e"]
