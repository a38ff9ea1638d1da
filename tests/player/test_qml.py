"""The QML views as Qt's own tools see them: typed, and clean under qmllint, so a renamed
property or a typo in a binding is caught before a show ever runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kiosk.player.video import video_available
from kiosk.tools import qmltypes

QML_DIR = qmltypes.PLAYER / "qml"


def test_qmllint_finds_nothing_in_the_views() -> None:
    qmllint = Path(sys.executable).parent / "pyside6-qmllint"
    # ClipView.qml imports QtMultimedia (PySide6-Addons): linted where video is installed (CI)
    views = (QML_DIR / "Kiosk").glob("*.qml")
    files = sorted(str(path) for path in views if path.name != "ClipView.qml" or video_available())
    result = subprocess.run(
        [str(qmllint), "-I", str(QML_DIR), *files], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0 and not result.stdout.strip() and not result.stderr.strip(), (
        result.stdout + result.stderr
    )


def test_the_type_description_qml_tools_read_matches_the_python_classes() -> None:
    assert qmltypes.QMLTYPES.read_text(encoding="utf-8") == qmltypes.generate(), (
        "kiosk.qmltypes is out of date: run python -m kiosk.tools.qmltypes"
    )
