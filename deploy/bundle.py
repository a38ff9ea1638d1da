"""Build the one-folder bundle for a display PC with no Python:

    python deploy/bundle.py --out DIR        ->  DIR/kiosk/kiosk  (DIR\\kiosk\\kiosk.exe on Windows)

Run it with a Python 3.11+ that has the project's `test` extra installed (it brings
PyInstaller), on the system the bundle is for: PyInstaller does not cross-build, so the Windows
bundle is made on Windows (.github/workflows/windows.yml) and the Linux one on Linux.

PyInstaller rather than pyside6-deploy: it installs from PyPI like any other test dependency
and needs no C compiler (pyside6-deploy compiles with Nuitka and wants a compiler and its own
build environment); its one-folder mode starts in about a third of a second, where one-file
mode unpacks everything on every start and draws antivirus false positives. What the build
cannot see from the imports is named here: the QML views, the shipped show and the fonts.
They go inside the package (kiosk/player/qml, kiosk/shipped) where kiosk.content.shipped and
kiosk.app look for them in a wheel too.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# (source in the repository, folder inside the bundle's package tree)
DATA = (
    (REPO / "kiosk" / "player" / "qml", "kiosk/player/qml"),
    (REPO / "slides.yaml", "kiosk/shipped"),
    (REPO / "assets", "kiosk/shipped/assets"),
)

# never needed by the show; keeps test and build tools out if they happen to be installed
EXCLUDED = ("tkinter", "pytest", "pytestqt", "_pytest", "PyInstaller", "importlinter", "grimp", "build")


def pyinstaller_args(out: Path) -> list[str]:
    work = out / ".build"
    args = [
        str(REPO / "main.py"),
        "--name=kiosk",
        "--onedir",
        "--noconfirm",
        "--clean",
        "--log-level=WARN",
        f"--distpath={out}",
        f"--workpath={work}",
        f"--specpath={work}",
        "--paths",
        str(REPO),
        "--hidden-import=kiosk.__main__",
    ]
    for source, target in DATA:
        args.append(f"--add-data={source}{os.pathsep}{target}")
    for module in EXCLUDED:
        args.append(f"--exclude-module={module}")
    return args


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the one-folder kiosk bundle with PyInstaller.")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="the bundle goes to DIR/kiosk")
    args = parser.parse_args(argv)
    try:
        import PyInstaller.__main__
    except ImportError:
        print(
            'deploy/bundle.py needs PyInstaller: install the test extra first (pip install -e ".[test]")',
            file=sys.stderr,
        )
        return 2
    out = args.out.resolve()
    PyInstaller.__main__.run(pyinstaller_args(out))
    executable = out / "kiosk" / ("kiosk.exe" if sys.platform == "win32" else "kiosk")
    print(f"{executable}: the bundle; copy the folder {executable.parent} to the display PC")
    return 0


if __name__ == "__main__":
    sys.exit(main())
