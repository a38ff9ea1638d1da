"""The floor the benchmark measures the show against: a bare Qt Quick window with one
1920x1080 picture and one line of text, started the same way the show is (a fresh Python
process, the same platform). What the show costs beyond it is the show's own share.

    python -m kiosk.tools.floor PICTURE --size WxH

prints `first-frame <epoch seconds>` once the picture is on screen, then `rss <MB>` two
seconds later, and stays open (idle) until it is killed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import psutil
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from .sizes import parse_size

FLOOR_QML = b"""
import QtQuick
Window {
    required property url picture
    color: "#0b1622"
    Image {
        property bool ready: status === Image.Ready
        anchors.fill: parent
        source: picture
        fillMode: Image.PreserveAspectCrop
    }
    Text {
        anchors.centerIn: parent
        text: "Chongqing 2023 - ten highlights"
        color: "white"
        font.pixelSize: 60
    }
}
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.tools.floor")
    parser.add_argument("picture", type=Path)
    parser.add_argument("--size", type=parse_size, default="1920x1080")
    args = parser.parse_args(argv)
    app = QGuiApplication(sys.argv[:1])
    engine = QQmlApplicationEngine()
    engine.setInitialProperties({"picture": QUrl.fromLocalFile(str(args.picture.resolve()))})
    engine.loadData(FLOOR_QML)
    window = engine.rootObjects()[0]
    assert isinstance(window, QQuickWindow)
    window.resize(args.size)
    picture = window.contentItem().childItems()[0]

    shown = []

    def frame() -> None:
        if picture.property("ready") and not shown:
            shown.append(True)
            print(f"first-frame {time.time():.6f}", flush=True)
            QTimer.singleShot(
                2000, lambda: print(f"rss {psutil.Process().memory_info().rss / 1e6:.1f}", flush=True)
            )

    # queued, as the show hears its frames (kiosk.player.frames)
    window.frameSwapped.connect(frame, Qt.ConnectionType.QueuedConnection)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
