"""The command line.

    kiosk [SLIDES.yaml] [--windowed] [--screen N] [--start ID|N] [--lang LANG]   run the show
    kiosk check [SLIDES.yaml] [--size WxH ...] [--strict] [--language-mode M] [--screen-inches N]
    kiosk render [SLIDES.yaml] --out DIR [--size WxH] [--lang LANG] [--slide ID] [--language-mode M]
    kiosk supervise [--heartbeat-seconds S] [--memory-mb M] [run options]        restart on faults

Every problem a person can cause ends in a readable message and exit status 2, never a
traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .content.errors import ContentError, ExitCode
from .content.loader import load_show
from .content.model import LANGUAGE_MODES, Show
from .content.shipped import SHIPPED_SLIDES
from .tools.sizes import DEFAULT_SIZES, parse_size
from .unattended.logs import Heartbeat, log_unexpected, setup_logging
from .unattended.watch import content_hash

log = logging.getLogger("kiosk")


def run_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Play a slides.yaml show full-screen, looping, until Ctrl+Shift+Q. "
        "Also: 'kiosk check' and 'kiosk render' (see --help of each).",
    )
    parser.add_argument("slides", nargs="?", type=Path, default=SHIPPED_SLIDES, help="the show file")
    parser.add_argument("--windowed", action="store_true", help="a normal window (Esc closes it)")
    parser.add_argument("--screen", type=int, metavar="N", help="screen number (default: the primary)")
    parser.add_argument("--start", metavar="ID|N", help="slide id, or highlight number, to start on")
    parser.add_argument("--lang", metavar="LANG", help="language to start in (default: the first listed)")
    parser.add_argument(
        "--log-dir", type=Path, metavar="DIR", help="where kiosk.log goes (default: per-user)"
    )
    parser.add_argument(
        "--selftest",
        nargs="?",
        type=float,
        const=30.0,
        metavar="SECONDS",
        help="show every slide once (30 s in all), then exit 0 if every slide was drawn",
    )
    parser.add_argument(
        "--size", type=parse_size, metavar="WxH", help="a window of this size, not full screen"
    )
    parser.add_argument("--heartbeat-file", type=Path, help=argparse.SUPPRESS)  # written for the supervisor
    parser.add_argument("--bench-first-frame", action="store_true", help=argparse.SUPPRESS)  # for kiosk.bench
    return parser


def supervise_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk supervise",
        description="Run the show and restart it when it crashes, freezes or uses too much memory. "
        "Other options are passed to the show.",
    )
    parser.add_argument("--heartbeat-seconds", type=float, default=30, help="frozen after this long (30)")
    parser.add_argument(
        "--memory-mb", type=float, default=2000, help="restart above this resident memory (2000)"
    )
    parser.add_argument(
        "--log-dir", type=Path, metavar="DIR", help="where kiosk.log goes (default: per-user)"
    )
    return parser


def check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk check", description="Find every problem in a show file.")
    parser.add_argument("slides", nargs="?", type=Path, default=SHIPPED_SLIDES, help="the show file")
    parser.add_argument(
        "--size",
        type=parse_size,
        action="append",
        metavar="WxH",
        help="a screen size to lay out for (repeatable; default: 1920x1080, 3840x2160, 1080x1920)",
    )
    parser.add_argument("--strict", action="store_true", help="exit with status 1 on warnings")
    add_language_mode(parser, "lay out in this mode too (default: the show's own)")
    parser.add_argument(
        "--screen-inches",
        type=float,
        default=55.0,
        metavar="INCHES",
        help="the hall screen's diagonal, to judge QR codes' size (default 55)",
    )
    return parser


def add_language_mode(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("--language-mode", choices=LANGUAGE_MODES, help=help_text)


def render_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk render", description="Draw every slide to a PNG file.")
    parser.add_argument("slides", nargs="?", type=Path, default=SHIPPED_SLIDES, help="the show file")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for the PNG files")
    parser.add_argument(
        "--size", type=parse_size, default="1920x1080", metavar="WxH", help="default 1920x1080"
    )
    parser.add_argument("--lang", metavar="LANG", help="language (default: the first listed)")
    parser.add_argument("--slide", metavar="ID", help="only this slide")
    add_language_mode(parser, "toggle: one language; both: two at once (default: the show's own)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    sys.excepthook = log_unexpected
    if args and args[0] == "check":
        return check(check_parser().parse_args(args[1:]))
    if args and args[0] == "render":
        return render(render_parser().parse_args(args[1:]))
    if args and args[0] == "supervise":
        options, run_args = supervise_parser().parse_known_args(args[1:])
        return supervise_command(options, run_args)
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
    index = show.index_of_number(int(start)) if start.isdigit() else show.index_of(start)
    if index is None:
        ids = ", ".join(slide.id for slide in show.slides)
        print(f"--start {start}: no slide has that id or highlight number (ids: {ids})", file=sys.stderr)
    return index


def language_ok(show: Show, language: str | None) -> bool:
    if language is not None and language not in show.languages:
        print(f"--lang {language}: the show has {', '.join(show.languages)}", file=sys.stderr)
        return False
    return True


def run(args: argparse.Namespace) -> int:
    show = load_or_report(args.slides)
    if show is None:
        return ExitCode.INVALID
    index = start_index(show, args.start)
    if index is None or not language_ok(show, args.lang):
        return ExitCode.INVALID
    log_file = setup_logging(args.log_dir)
    log.info("kiosk starting (log: %s)", log_file or "stderr only")
    log.info(
        "content loaded: %s, %d slides, content %s", args.slides, len(show.slides), content_hash(args.slides)
    )

    from PySide6.QtCore import QTimer

    from .app import RunningShow, RunOptions, make_qt_app
    from .tools.selftest import SelfTest
    from .unattended.power import platform_screen_keeper
    from .unattended.supervise import HEARTBEAT_INTERVAL_SECONDS, write_heartbeat

    app = make_qt_app(show.theme.font)
    options = RunOptions(
        windowed=args.windowed,
        screen=args.screen,
        start_index=index,
        language=args.lang,
        size=args.size,
        watch=args.selftest is None and not args.bench_first_frame,
        keeper=platform_screen_keeper(),
    )
    running = RunningShow(show, options)
    running.controller.quitRequested.connect(app.quit)
    Heartbeat(running.clock, running.controller)
    if args.heartbeat_file is not None:
        beat = QTimer(running)
        beat.timeout.connect(lambda: write_heartbeat(args.heartbeat_file))
        beat.start(HEARTBEAT_INTERVAL_SECONDS * 1000)
        write_heartbeat(args.heartbeat_file)
    running.present()
    if args.bench_first_frame:
        report_first_frame(running, app)
    if args.selftest is not None:
        running.selftest = SelfTest(running, app.exit, args.selftest)
    code = app.exec()
    running.cache.shut_down()
    log.info("kiosk stopped (status %d)", code)
    return code


def report_first_frame(running, app) -> None:
    """For the benchmark: print the wall time of the first frame that shows the first slide
    (text and picture: a slide is only presented once its picture is decoded), then quit."""

    def frame() -> None:
        if running.controller.currentIndex >= 0:
            print(f"first-frame {time.time():.6f}", flush=True)
            app.exit(0)

    running.window.frameSwapped.connect(frame)


def supervise_command(options: argparse.Namespace, run_args: list[str]) -> int:
    from .unattended.supervise import Limits, supervise

    setup_logging(options.log_dir)
    if options.log_dir is not None:
        run_args = [*run_args, "--log-dir", str(options.log_dir)]
    limits = Limits(heartbeat_seconds=options.heartbeat_seconds, memory_mb=options.memory_mb)
    return supervise(run_args, limits)


def check(args: argparse.Namespace) -> int:
    from .tools.check import check_show

    started = time.monotonic()
    logging.getLogger().setLevel(logging.ERROR)  # the report below is the output
    try:
        font = load_show(args.slides)[0].theme.font
    except ContentError:
        font = ""
    from .app import make_qt_app

    app = make_qt_app(font)
    problems = check_show(
        args.slides,
        tuple(args.size or DEFAULT_SIZES),
        app.font().family(),
        language_mode=args.language_mode,
        screen_inches=args.screen_inches,
    )
    for problem in problems:
        print(problem)
    errors = sum(problem.is_error for problem in problems)
    warnings = len(problems) - errors
    elapsed = time.monotonic() - started
    print(f"{args.slides.name}: {errors} error(s), {warnings} warning(s) ({elapsed:.1f} s)")
    if errors:
        return ExitCode.INVALID
    return ExitCode.WARNINGS if warnings and args.strict else ExitCode.OK


def render(args: argparse.Namespace) -> int:
    from .tools.render import render_slides

    show = load_or_report(args.slides)
    if show is None or not language_ok(show, args.lang):
        return ExitCode.INVALID
    if args.language_mode is not None:
        show = dataclasses.replace(show, language_mode=args.language_mode)
    if args.slide is not None and show.index_of(args.slide) is None:
        ids = ", ".join(slide.id for slide in show.slides)
        print(f"--slide {args.slide}: no slide has that id (ids: {ids})", file=sys.stderr)
        return ExitCode.INVALID
    from .app import make_qt_app

    make_qt_app(show.theme.font)
    try:
        written = render_slides(show, args.out, args.size, args.lang, args.slide)
    except OSError as error:
        print(f"{args.out}: cannot write there ({error.strerror or error})", file=sys.stderr)
        return ExitCode.INVALID
    for path in written:
        print(path)
    return ExitCode.OK
