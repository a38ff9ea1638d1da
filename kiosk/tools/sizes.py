"""Screen sizes: the ones `check` lays a show out for, and WxH as written on the command line."""

from __future__ import annotations

import argparse
import re

from PySide6.QtCore import QSize

LANDSCAPE_HD = QSize(1920, 1080)
LANDSCAPE_4K = QSize(3840, 2160)
PORTRAIT_HD = QSize(1080, 1920)
DEFAULT_SIZES = (LANDSCAPE_HD, LANDSCAPE_4K, PORTRAIT_HD)


def parse_size(text: str) -> QSize:
    """'1920x1080' → QSize(1920, 1080); anything else is an argparse error for the user."""
    match = re.fullmatch(r"(\d{2,5})x(\d{2,5})", text)
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1920x1080")
    return QSize(int(match[1]), int(match[2]))
