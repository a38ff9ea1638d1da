"""The typeface the show draws with: an installed CJK font where the display PC has one,
otherwise the Noto Sans CJK SC that ships in assets/fonts, so Chinese never shows as boxes.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase, QRawFont

from ..content.shipped import FONT_DIR

log = logging.getLogger(__name__)

BUNDLED_FILES = ("NotoSansCJKsc-Regular.otf", "NotoSansCJKsc-Bold.otf")
PREFERRED_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei")


def choose_family(requested: str = "") -> str:
    """The family to use: the curator's choice if installed, else a preferred CJK family,
    else the bundled one (registered on first use). Needs a QGuiApplication."""
    installed = set(QFontDatabase.families())
    if requested and requested in installed:
        return requested
    if requested:
        log.warning("font %r is not installed on this PC; using a CJK font instead", requested)
    for family in PREFERRED_FAMILIES:
        if family in installed:
            return family
    return _register_bundled()


def _register_bundled() -> str:
    family = ""
    for name in BUNDLED_FILES:
        font_id = QFontDatabase.addApplicationFont(str(FONT_DIR / name))
        if font_id < 0:
            log.error("the bundled font %s could not be loaded", FONT_DIR / name)
            continue
        family = family or QFontDatabase.applicationFontFamilies(font_id)[0]
    return family


def missing_characters(text: str, family: str, bold: bool = False) -> list[str]:
    """Characters of `text` that `family` has no glyph for (spaces and line breaks aside)."""
    font = QFont(family)
    font.setBold(bold)
    raw = QRawFont.fromFont(font)
    missing = []
    for char in dict.fromkeys(text):
        if char.isspace():
            continue
        if not raw.supportsCharacter(ord(char)):
            missing.append(char)
    return missing
