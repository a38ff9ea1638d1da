"""The command line: `kiosk [SLIDES.yaml] [options]` runs the show.

Every problem a person can cause (a broken slides.yaml, an unknown --start) ends in a
readable message and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import ContentError, ExitCode
from .loader import load_show
from .model import Show

DEFAULT_SLIDES = Path(__file__).resolve().parent.parent / "slides.yaml"

log = logging.getLogger("kiosk")


def run_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Play a slides.yaml show full-screen, looping, until Ctrl+Shift+Q.",
    )
    parser.add_argument("slides", nargs="?", type=Path, default=DEFAULT_SLIDES, help="the show file")
    parser.add_argument("--windowed", action="store_true", help="a normal window (Esc closes it)")
    parser.add_argument("--screen", type=int, metavar="N", help="screen number (default: the primary)")
    parser.add_argument("--start", metavar="ID|N", help="slide id, or highlight number, to start on")
    parser.add_argument("--lang", metavar="LANG", help="language to start in (default: the first listed)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return run(run_parser().parse_args(args))


def load_or_report(path: Path) -> Show | None:
    try:
        show, warnings = load_show(path)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return None
    for problem in warnings:
        print(problem, file=sys.stderr)
    return show


def start_index(show: Show, start: str | None) -> int | None:
    if start is None:
        return 0
    if start.isdigit():
        index = show.index_of_number(int(start))
    else:
        index = show.index_of(start)
    if index is None:
        ids = ", ".join(slide.id for slide in show.slides)
        print(f"--start {start}: no slide has that id or highlight number (ids: {ids})", file=sys.stderr)
    return index


def run(args: argparse.Namespace) -> int:
    show = load_or_report(args.slides)
    if show is None:
        return ExitCode.INVALID
    index = start_index(show, args.start)
    if index is None:
        return ExitCode.INVALID
    if args.lang is not None and args.lang not in show.languages:
        print(f"--lang {args.lang}: the show has {', '.join(show.languages)}", file=sys.stderr)
        return ExitCode.INVALID

    from PySide6.QtGui import QGuiApplication

    from .app import Kiosk, RunOptions, route_qt_messages
    from .fonts import choose_family

    route_qt_messages()
    app = QGuiApplication(sys.argv[:1])
    app.setApplicationName("kiosk")
    font = app.font()
    font.setFamily(choose_family(show.theme.font))
    app.setFont(font)
    options = RunOptions(windowed=args.windowed, screen=args.screen, start_index=index, language=args.lang)
    kiosk = Kiosk(show, options)
    kiosk.controller.quitRequested.connect(app.quit)
    kiosk.present()
    log.info("showing %s: %d slides", args.slides, len(show.slides))
    return app.exec()
