"""Regenerates `kiosk.qmltypes`, the description of the Python types QML uses (ShowController,
SlideModel, Style), so that qmllint and editors know their properties.

    python -m kiosk.tools.qmltypes          # rewrite kiosk/player/qml/Kiosk/kiosk.qmltypes
    python -m kiosk.tools.qmltypes --check  # exit 1 if the file is out of date

It runs Qt for Python's own tools: pyside6-metaobjectdump reads the classes, and
pyside6-qmltyperegistrar writes the file. Two gaps of those tools are filled here:
metaobjectdump does not record `constant=True` (every property of ours with neither a notify
signal nor a setter is constant, and is marked so), and the registrar leaves out base classes
it cannot see as QML types (each class gets its Qt base as prototype).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import PySide6

PLAYER = Path(__file__).resolve().parents[1] / "player"
SOURCES = tuple(
    PLAYER / name for name in ("controller.py", "slidemodel.py", "style.py", "overview.py", "attract.py")
)
QMLTYPES = PLAYER / "qml" / "Kiosk" / "kiosk.qmltypes"
FOREIGN = ("qt6core", "qt6gui", "qt6qml")


def _tool(name: str) -> str:
    """A PySide6 console script installed beside this Python."""
    folder = Path(sys.executable).parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    return name


def _mark_constants(metatypes: list[dict]) -> None:
    for source in metatypes:
        for cls in source.get("classes", []):
            for prop in cls.get("properties", []):
                if "notify" not in prop and "write" not in prop:
                    prop["constant"] = True


def _add_prototypes(qmltypes: str, metatypes: list[dict]) -> str:
    for source in metatypes:
        for cls in source.get("classes", []):
            bases = [base["name"] for base in cls.get("superClasses", []) if base["name"].startswith("Q")]
            name_line = f'        name: "{cls["className"]}"\n'
            if bases and name_line in qmltypes:
                qmltypes = qmltypes.replace(name_line, f'{name_line}        prototype: "{bases[0]}"\n', 1)
    return qmltypes


def generate() -> str:
    """The text of kiosk.qmltypes for the classes as they are now."""
    metatypes_dir = Path(PySide6.__file__).parent / "Qt" / "metatypes"
    foreign = ",".join(str(metatypes_dir / f"{name}_metatypes.json") for name in FOREIGN)
    with tempfile.TemporaryDirectory() as scratch:
        dump, out = Path(scratch) / "kiosk.json", Path(scratch) / "kiosk.qmltypes"
        subprocess.run(
            [
                _tool("pyside6-metaobjectdump"),
                "--suppress-file",
                "--quiet",
                "-o",
                str(dump),
                *map(str, SOURCES),
            ],
            check=True,
        )
        metatypes = json.loads(dump.read_text(encoding="utf-8"))
        _mark_constants(metatypes)
        dump.write_text(json.dumps(metatypes), encoding="utf-8")
        subprocess.run(
            [
                _tool("pyside6-qmltyperegistrar"),
                f"--generate-qmltypes={out}",
                "-o",
                str(Path(scratch) / "registration.cpp"),
                "--import-name",
                "Kiosk",
                "--major-version",
                "1",
                f"--foreign-types={foreign}",
                str(dump),
            ],
            check=True,
            capture_output=True,
        )
        return _add_prototypes(out.read_text(encoding="utf-8"), metatypes)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = generate()
    if "--check" in args:
        if QMLTYPES.read_text(encoding="utf-8") != text:
            print(f"{QMLTYPES} is out of date: run python -m kiosk.tools.qmltypes", file=sys.stderr)
            return 1
        return 0
    QMLTYPES.write_text(text, encoding="utf-8")
    print(QMLTYPES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
