"""What `kiosk check` prints: every missing character, none that is invisible anyway, no raw
control character on the terminal, and a warning for a schedule that never opens."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize

from kiosk.tools.check import check_show

SMALL = (QSize(960, 540),)


def glyph_messages(write_show, title: str, show_font: str) -> list[str]:
    path = write_show(f'slides:\n  - {{id: a, layout: cover, title: "{title}"}}\n')
    return [p.message for p in check_show(path, SMALL, show_font) if "has no glyph" in p.message]


def test_every_missing_character_is_listed(write_show, show_font) -> None:
    hebrew = "".join(chr(code) for code in range(0x05D0, 0x05D0 + 16))  # 16 letters
    (message,) = glyph_messages(write_show, hebrew, show_font)
    assert all(f"U+{code:04X}" in message for code in range(0x05D0, 0x05D0 + 16))


def test_invisible_format_characters_are_not_missing_glyphs(write_show, show_font) -> None:
    assert glyph_messages(write_show, "A\\u200bB\\ufeffC\\u202eD\\u202cE\\ufffd", show_font) == []


def test_control_characters_are_named_not_echoed(write_show, show_font) -> None:
    (message,) = glyph_messages(write_show, "bell\\a escape\\e", show_font)
    assert "\a" not in message and "\x1b" not in message
    assert "U+0007" in message and "U+001B" in message


@pytest.mark.expected_warnings  # the test provokes what the caretaker should read in the log
def test_a_schedule_that_never_opens_is_a_warning(write_show, show_font) -> None:
    path = write_show("show:\n  schedule: {closed: [2024-03-30]}\nslides:\n  - {id: a, layout: cover}\n")
    (problem,) = [p for p in check_show(path, SMALL, show_font) if "never opens" in p.message]
    assert not problem.is_error
    assert str(problem).startswith("slides.yaml:2:13: warning: show.schedule:")
