"""Qt's own warnings reach the log, and one that repeats on every loop is logged once."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import qInstallMessageHandler, qWarning

from kiosk.app import route_qt_messages


@pytest.mark.no_qt_log
def test_a_repeated_qt_warning_is_logged_once(caplog) -> None:
    route_qt_messages()
    try:
        with caplog.at_level(logging.INFO, logger="qt"):
            for _ in range(50):
                qWarning("Corrupt JPEG data: premature end of data segment")
            qWarning("another warning")
    finally:
        qInstallMessageHandler(None)
    warnings = [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]
    assert warnings == ["Corrupt JPEG data: premature end of data segment", "another warning"]
