"""The command line.

    kiosk [SLIDES.yaml] [--windowed] [--screen N] [--start ID|N] [--lang LANG]   run the show
    kiosk check [SLIDES.yaml] [--size WxH ...] [--strict] [--language-mode M] [--screen-inches N]
    kiosk render [SLIDES.yaml] --out DIR [--size WxH] [--lang LANG] [--slide ID] [--language-mode M]
    kiosk render [SLIDES.yaml] --pdf FILE [--size WxH] [--lang LANG ...]        a PDF to sign off
    kiosk schema [--beside SLIDES.yaml]                                          JSON Schema for editors
    kiosk preview [SLIDES.yaml]                                                  follows every save
    kiosk supervise [--heartbeat-seconds S] [--memory-mb M] [run options]        restart on faults
    kiosk hall [list|next|goto ID|blackout on|...|targets|serve] [--group G]     every screen at once
    kiosk init DIR [--example]                                                   a new show folder

With no SLIDES.yaml, ./slides.yaml is used when there is one, else the show kiosk ships with.

Every problem a person can cause ends in a readable message and exit status 2, never a
traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .content.errors import ContentError, ExitCode, Problem
from .content.loader import load_show
from .content.model import LANGUAGE_MODES, Show
from .content.shipped import SHIPPED_SLIDES
from .player.reads import ReadProblem, call_with_timeout, read_bytes
from .tools.sizes import DEFAULT_SIZES, parse_size
from .unattended.display import display_missing, no_display_message
from .unattended.lastgood import LastGood, describe
from .unattended.logs import LOG_FILE, Heartbeat, log_unexpected, setup_logging
from .unattended.watch import content_hash

if TYPE_CHECKING:
    from .hall.settings import ScreenSettings

log = logging.getLogger("kiosk")

SLIDES_HELP = "the show file (default: ./slides.yaml if there is one, else the shipped show)"
SIDE_PIXELS = (100, 8192)  # a --size side for check and render: Qt's images stay below 256 MB
MIN_HEARTBEAT_SECONDS = 10  # two of the show's 5-s heartbeats; less restarts a healthy show
SUPERVISE_LOG = "supervise.log"  # the supervisor's own file: one writer per rotating log


def screen_size(text: str):
    """--size for check and render: WxH with each side 100 to 8192 pixels."""
    size = parse_size(text)
    low, high = SIDE_PIXELS
    if not (low <= size.width() <= high and low <= size.height() <= high):
        raise argparse.ArgumentTypeError(f"{text!r}: each side must be {low} to {high} pixels")
    return size


def heartbeat_seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not seconds >= MIN_HEARTBEAT_SECONDS:
        raise argparse.ArgumentTypeError(
            f"{text}: at least {MIN_HEARTBEAT_SECONDS} s (the show beats every 5 s; "
            "less would restart a healthy show again and again)"
        )
    return seconds


def positive_megabytes(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of megabytes") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text}: must be more than 0")
    return value


def offscreen_unless_told() -> None:
    """check and render never need a screen: without one chosen, they draw offscreen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def run_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Play a slides.yaml show full-screen, looping, until Ctrl+Shift+Q. "
        "Also: 'kiosk check', 'kiosk render', 'kiosk supervise' and 'kiosk init' (see --help of each).",
    )
    parser.add_argument("slides", nargs="?", type=Path, help=SLIDES_HELP)
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
    add_screen_options(parser)
    parser.add_argument("--heartbeat-file", type=Path, help=argparse.SUPPRESS)  # written for the supervisor
    parser.add_argument("--bench-first-frame", action="store_true", help=argparse.SUPPRESS)  # for kiosk.bench
    return parser


def add_screen_options(parser: argparse.ArgumentParser) -> None:
    """This PC's own settings (kiosk.hall.settings); each overrides the same key in screen.toml."""
    from .hall.settings import parse_allow, parse_endpoint, parse_port

    def readable(parse):
        def parse_argument(text: str):
            try:
                return parse(text)
            except ValueError as error:
                raise argparse.ArgumentTypeError(str(error)) from None

        return parse_argument

    parse_allow, parse_endpoint, parse_port = map(readable, (parse_allow, parse_endpoint, parse_port))
    group = parser.add_argument_group(
        "remote control (per screen; also in ~/.config/kiosk/screen.toml or %APPDATA%\\kiosk\\screen.toml)"
    )
    group.add_argument("--settings", type=Path, metavar="FILE", help="this screen's settings file (TOML)")
    group.add_argument("--name", help="this screen's name (default: the computer's name)")
    group.add_argument("--group", help="the group it belongs to, e.g. ground-floor")
    group.add_argument(
        "--remote",
        type=parse_endpoint,
        metavar="HOST:PORT",
        help="serve the HTTP API here (off unless given)",
    )
    group.add_argument("--token-file", type=Path, metavar="FILE", help="file holding the API's bearer token")
    group.add_argument("--metrics-open", action="store_const", const=True, help="/metrics without the token")
    group.add_argument("--listen", metavar="ADDR", help="address for --control and --osc (default 127.0.0.1)")
    group.add_argument(
        "--control", type=parse_port, metavar="PORT", help="text-line show control, UDP and TCP"
    )
    group.add_argument("--osc", type=parse_port, metavar="PORT", help="OSC show control over UDP")
    group.add_argument(
        "--allow", type=parse_allow, metavar="CIDR,...", help="who may send show control (default: this PC)"
    )
    group.add_argument(
        "--no-advertise", dest="advertise", action="store_const", const=False, help="no DNS-SD advertisement"
    )


def per_screen(path: Path, screen: int | None) -> Path:
    """With `--screen N`, this screen's own file (screen.toml → screen-N.toml) where there is
    one: two shows on one PC need two names, two ports."""
    if screen is None:
        return path
    own = path.with_name(f"{path.stem}-{screen}{path.suffix}")
    return own if own.exists() else path


def log_name(base: str, screen: int | None) -> str:
    """kiosk.log, or kiosk-screen-1.log for `--screen 1`: two shows, two log files."""
    if screen is None:
        return base
    stem, dot, suffix = base.rpartition(".")
    return f"{stem}-screen-{screen}{dot}{suffix}"


def screen_settings(args: argparse.Namespace):
    """The merged per-screen settings, or None when remote control is off; ContentError for a bad file."""
    from .hall.settings import KEYS, ScreenSettings, default_settings_path, load_settings, with_options

    path = args.settings or per_screen(default_settings_path(), getattr(args, "screen", None))
    settings = load_settings(path) if args.settings or path.exists() else ScreenSettings()
    settings = with_options(settings, {key: getattr(args, key, None) for key in KEYS})
    if settings.remote is None and settings.control is None and settings.osc is None:
        return None
    return settings


def supervise_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk supervise",
        description="Run the show and restart it when it crashes, freezes or uses too much memory. "
        "Other options are passed to the show.",
    )
    parser.add_argument(
        "--heartbeat-seconds",
        type=heartbeat_seconds,
        default=30,
        help="frozen after this long (30, at least 10)",
    )
    parser.add_argument(
        "--memory-mb", type=positive_megabytes, default=2000, help="restart above this resident memory (2000)"
    )
    parser.add_argument(
        "--log-dir", type=Path, metavar="DIR", help="where kiosk.log goes (default: per-user)"
    )
    return parser


def init_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk init",
        description="Write a new show folder to start from: slides.yaml with a cover, one highlight "
        "and a closing slide, and their pictures. Never overwrites a file.",
    )
    parser.add_argument("folder", type=Path, metavar="DIR", help="the new show's folder (made if need be)")
    parser.add_argument("--example", action="store_true", help="copy the whole shipped show instead")
    return parser


def check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk check", description="Find every problem in a show file.")
    parser.add_argument("slides", nargs="?", type=Path, help=SLIDES_HELP)
    parser.add_argument(
        "--size",
        type=screen_size,
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
    parser = argparse.ArgumentParser(
        prog="kiosk render",
        description="Draw every slide to PNG files (--out) or to a PDF to sign off (--pdf).",
    )
    parser.add_argument("slides", nargs="?", type=Path, help=SLIDES_HELP)
    parser.add_argument("--out", type=Path, metavar="DIR", help="folder for the PNG files")
    parser.add_argument(
        "--pdf",
        type=Path,
        metavar="FILE",
        help="a PDF: a first page with every slide and check's verdict, then one page per slide",
    )
    parser.add_argument(
        "--size", type=screen_size, default="1920x1080", metavar="WxH", help="default 1920x1080"
    )
    parser.add_argument(
        "--lang",
        action="append",
        metavar="LANG",
        help="language (default: the first listed); repeat it to put several languages in the PDF",
    )
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
    if args and args[0] == "init":
        return init(init_parser().parse_args(args[1:]))
    if args and args[0] == "hall":
        from .hall.fleet import hall_command

        return hall_command(args[1:])
    if args and args[0] == "schema":
        return schema_command(schema_parser().parse_args(args[1:]))
    if args and args[0] == "preview":
        return preview_command(preview_parser().parse_args(args[1:]))
    if args and args[0] == "supervise":
        options, run_args = supervise_parser().parse_known_args(args[1:])
        return supervise_command(options, run_args)
    return run(run_parser().parse_args(args))


def choose_show(named: Path | None) -> Path:
    """The show file named on the command line, else ./slides.yaml when there is one, else
    the shipped show; says which when none was named."""
    if named is not None:
        return named
    here = Path("slides.yaml")
    if here.is_file():
        print(f"kiosk: no show file named; using {here.resolve()}", file=sys.stderr)
        return here
    print(
        f"kiosk: no show file named and no slides.yaml here; using the shipped show {SHIPPED_SLIDES}",
        file=sys.stderr,
    )
    return SHIPPED_SLIDES


def load_reporting(path: Path) -> tuple[Show | None, list[Problem]]:
    """The show and its problems, each printed for whoever started it. A file that does not
    answer (a pipe, a hung share at boot) is a problem too, so the last good copy can play."""
    try:
        read_bytes(path)
        show, warnings = call_with_timeout(f"{path}:load", lambda: load_show(path))
    except ReadProblem as problem:
        unreadable = Problem(
            path, 1, 1, "", f"cannot read the file: {problem}", "check the file and its disk"
        )
        print(unreadable, file=sys.stderr)
        return None, [unreadable]
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return None, list(error.problems)
    for problem in warnings:
        print(problem, file=sys.stderr)
    return show, list(warnings)


def load_or_report(path: Path) -> Show | None:
    return load_reporting(path)[0]


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


@dataclass
class WallContent:
    """What the wall will play: the show file, or its last good copy and why."""

    show: Show
    last_good: LastGood | None
    problems: list[Problem]
    saved_at: str = ""  # set when the file does not load and the last good copy plays

    @property
    def reason(self) -> str:
        return describe(self.problems) if self.saved_at else ""


def content_for_the_wall(args: argparse.Namespace) -> WallContent | None:
    """The show file, else its last good copy; None when there is neither. The self-test and
    the benchmark judge the file itself: they never fall back."""
    show, problems = load_reporting(args.slides)
    last_good = LastGood(args.slides) if args.selftest is None and not args.bench_first_frame else None
    if show is not None:
        return WallContent(show, last_good, problems)
    saved = last_good.load() if last_good is not None else None
    if saved is None:
        return None
    return WallContent(saved.show, last_good, problems, str(saved.saved_at))


def announce(content: WallContent, path: Path) -> None:
    """Says in the log what the wall plays; the last good copy loudly, with every problem."""
    if not content.saved_at:
        log.info(
            "content loaded: %s, %d slides, content %s", path, len(content.show.slides), content_hash(path)
        )
        if content.last_good is not None:
            threading.Thread(
                target=content.last_good.save, args=(content.show,), name="last-good", daemon=True
            ).start()
        return
    log.error(
        "%s: %d problem(s); it does not load, so the wall plays the LAST GOOD COPY (kept %s, %d slides) "
        "until it is fixed",
        path,
        len(content.problems),
        content.saved_at,
        len(content.show.slides),
    )
    for problem in content.problems:
        log.error("%s", problem)


def hall_settings_or_report(args: argparse.Namespace) -> tuple[bool, ScreenSettings | None]:
    """(ok, settings): the per-screen settings for remote control, or every problem printed."""
    try:
        settings = screen_settings(args)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return False, None
    if settings is not None:
        from .hall.settings import check_startable

        refusals = check_startable(settings)
        for message in refusals:
            print(f"remote control: {message}", file=sys.stderr)
        if refusals:
            return False, None
    return True, settings


def run(args: argparse.Namespace) -> int:
    missing = display_missing(os.environ)
    if missing:
        print(no_display_message(missing), file=sys.stderr)
        return ExitCode.NO_DISPLAY
    args.slides = choose_show(args.slides)
    content = content_for_the_wall(args)
    if content is None:
        return ExitCode.INVALID
    show, reason = content.show, content.reason
    index = start_index(show, args.start)
    if index is None and reason:
        index = 0  # the last good copy may not have that slide
    if index is None or not language_ok(show, args.lang):
        return ExitCode.INVALID
    settings_ok, settings = hall_settings_or_report(args)
    if not settings_ok:
        return ExitCode.INVALID
    log_file = setup_logging(args.log_dir, log_name(LOG_FILE, args.screen))
    log.info("kiosk starting (log: %s)", log_file or "stderr only")
    announce(content, args.slides)

    from .app import RunningShow, RunOptions, make_qt_app
    from .player.reads import give_up_waiting
    from .tools.selftest import SelfTest
    from .unattended.power import DeferredScreenKeeper
    from .unattended.shutdown import CleanStop

    app = make_qt_app(show.theme.font)
    stopper = CleanStop(app)  # SIGTERM, SIGHUP, Ctrl+C, the session's end: a clean quit
    keeper = DeferredScreenKeeper()  # reached once the first slide is drawn
    options = RunOptions(
        windowed=args.windowed,
        screen=args.screen,
        start_index=index,
        language=args.lang,
        size=args.size,
        watch=args.selftest is None and not args.bench_first_frame,
        keeper=keeper,
        hall=settings,
        watch_path=args.slides if reason else None,
        last_good=content.last_good,
        last_good_reason=reason,
    )
    from .hall.errors import AgentError

    try:
        running = RunningShow(show, options)
    except AgentError as error:
        stopper.close()
        print(f"remote control: {error}", file=sys.stderr)
        return ExitCode.INVALID
    if reason:
        log.error("status: %s", running.content_status.summary)
    log_first_frame(running, keeper.start)
    running.controller.quitRequested.connect(app.quit)
    Heartbeat(running.clock, running.controller)
    systemd = prove_alive(running, args.heartbeat_file)
    running.present()
    if args.bench_first_frame:
        report_first_frame(running, app)
    if args.selftest is not None:
        running.selftest = SelfTest(running, app.exit, args.selftest)
    code = app.exec()
    systemd.stopping()
    stopper.close()
    if running.agent is not None:
        running.agent.stop()  # says goodbye on DNS-SD, closes the listeners
    give_up_waiting()  # a read stuck on a hung share must not hold up the quit
    running.cache.shut_down()
    log.info("kiosk stopped (status %d)", code)
    return code


def prove_alive(running, heartbeat_file: Path | None):
    """The show's signs of life from its GUI thread: the heartbeat file for `kiosk supervise`,
    and under systemd (NOTIFY_SOCKET) READY, WATCHDOG and STATUS; returns the systemd notifier."""
    from PySide6.QtCore import QTimer

    from .unattended.notify import ServiceNotifier
    from .unattended.supervise import HEARTBEAT_INTERVAL_SECONDS, HeartbeatWriter

    if heartbeat_file is not None:
        # held by the show: Qt keeps only a weak hold on a plain object's bound method
        running.heartbeat = writer = HeartbeatWriter(heartbeat_file)
        beat = QTimer(running)
        beat.timeout.connect(writer.beat)
        beat.start(HEARTBEAT_INTERVAL_SECONDS * 1000)
        writer.beat()
    return ServiceNotifier(running.controller, running.window, parent=running)


def log_first_frame(running, then: Callable[[], None]) -> None:
    """One line once the wall really shows a slide, and from which content; then `then()`
    (start-up work that need not delay the first slide)."""

    def frame() -> None:
        index = running.controller.currentIndex
        if index >= 0 and not drawn:
            drawn.append(index)
            slide = running.controller.show.slides[index]
            log.info("first frame drawn: slide %s; %s", slide.id, running.content_status.summary)
            QTimer.singleShot(0, then)

    from PySide6.QtCore import QTimer

    from .player.frames import on_each_frame

    drawn: list[int] = []
    on_each_frame(running.window, frame)


def report_first_frame(running, app) -> None:
    """For the benchmark: print the wall time of the first frame that shows the first slide
    (text and picture: a slide is only presented once its picture is decoded), then quit."""

    def frame() -> None:
        if running.controller.currentIndex >= 0:
            print(f"first-frame {time.time():.6f}", flush=True)
            app.exit(0)

    from .player.frames import on_each_frame

    on_each_frame(running.window, frame)


def supervise_command(options: argparse.Namespace, run_args: list[str]) -> int:
    from .unattended.supervise import Limits, supervise

    screen = screen_of(run_args)
    log_file = setup_logging(options.log_dir, log_name(SUPERVISE_LOG, screen))
    log.info("supervisor starting (log: %s)", log_file or "stderr only")
    if options.log_dir is not None:
        run_args = [*run_args, "--log-dir", str(options.log_dir)]
    limits = Limits(heartbeat_seconds=options.heartbeat_seconds, memory_mb=options.memory_mb)
    return supervise(run_args, limits, screen)


def screen_of(run_args: list[str]) -> int | None:
    """The `--screen N` among the show's options, so the supervisor names its files after it."""
    for index, arg in enumerate(run_args):
        value = arg.partition("=")[2] if arg.startswith("--screen=") else None
        if arg == "--screen" and index + 1 < len(run_args):
            value = run_args[index + 1]
        if value is not None:
            try:
                return int(value)
            except ValueError:
                return None
    return None


def init(args: argparse.Namespace) -> int:
    from .tools.starter import FolderNotEmpty, write_starter

    try:
        slides = write_starter(args.folder, example=args.example)
    except FolderNotEmpty as error:
        names = ", ".join(str(path) for path in error.existing[:3])
        more = f" and {len(error.existing) - 3} more" if len(error.existing) > 3 else ""
        print(
            f"kiosk init: {names}{more}: already there; nothing was written (choose a new folder)",
            file=sys.stderr,
        )
        return ExitCode.INVALID
    except OSError as error:
        print(f"kiosk init: cannot write in {args.folder} ({error.strerror or error})", file=sys.stderr)
        return ExitCode.INVALID
    print(f"{slides}: a new show; edit it, then run  kiosk check {slides}")
    return ExitCode.OK


def check(args: argparse.Namespace) -> int:
    from .tools.check import check_show

    started = time.monotonic()
    args.slides = choose_show(args.slides)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # lays out in memory: needs no display
    logging.getLogger().setLevel(logging.ERROR)  # the report below is the output
    try:
        font = load_show(args.slides)[0].theme.font
    except ContentError:
        font = ""
    from .app import make_qt_app

    offscreen_unless_told()
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

    if args.out is None and args.pdf is None:
        print("kiosk render: say where to: --out DIR (PNG files) or --pdf FILE", file=sys.stderr)
        return ExitCode.INVALID
    args.slides = choose_show(args.slides)
    offscreen_unless_told()
    show = load_or_report(args.slides)
    languages = args.lang or []
    if show is None or not all(language_ok(show, language) for language in languages):
        return ExitCode.INVALID
    if args.language_mode is not None:
        show = dataclasses.replace(show, language_mode=args.language_mode)
    if args.pdf is not None:
        code = render_pdf(args, show, languages or [show.languages[0]])
        if code or args.out is None:
            return code
    if args.slide is not None and show.index_of(args.slide) is None:
        ids = ", ".join(slide.id for slide in show.slides)
        print(f"--slide {args.slide}: no slide has that id (ids: {ids})", file=sys.stderr)
        return ExitCode.INVALID
    from .app import make_qt_app

    make_qt_app(show.theme.font)
    try:
        written = render_slides(show, args.out, args.size, languages[0] if languages else None, args.slide)
    except OSError as error:
        print(f"{args.out}: cannot write there ({error.strerror or error})", file=sys.stderr)
        return ExitCode.INVALID
    unwritten = [path for path in written if not path.is_file()]
    if unwritten:
        print(f"{unwritten[0]}: could not be written (out of memory or disk space?)", file=sys.stderr)
        return ExitCode.INVALID
    for path in written:
        print(path)
    return ExitCode.OK


def schema_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk schema",
        description="Print the JSON Schema of slides.yaml, for editors that complete and check YAML.",
    )
    parser.add_argument(
        "--beside",
        type=Path,
        metavar="SLIDES",
        help="instead: write slides.schema.json beside this show file and point its first line at it",
    )
    return parser


def schema_command(args: argparse.Namespace) -> int:
    from .content.schema import schema_text, with_modeline, write_schema_beside

    if args.beside is None:
        sys.stdout.write(schema_text())
        return ExitCode.OK
    try:
        text = args.beside.read_text(encoding="utf-8")
        write_schema_beside(args.beside)
        args.beside.write_text(with_modeline(text), encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"{args.beside}: cannot add the schema ({error})", file=sys.stderr)
        return ExitCode.INVALID
    print(f"{args.beside.parent / 'slides.schema.json'}: written; {args.beside.name} points at it")
    return ExitCode.OK


def render_pdf(args: argparse.Namespace, show: Show, languages: list[str]) -> int:
    from .app import make_qt_app
    from .tools.check import check_show
    from .tools.pdf import write_pdf

    logging.getLogger().setLevel(logging.ERROR)  # check's verdict is in the PDF
    app = make_qt_app(show.theme.font)
    problems = check_show(args.slides, (args.size,), app.font().family())
    try:
        written = write_pdf(show, args.pdf, args.size, languages, problems)
    except OSError as error:
        print(f"{args.pdf}: cannot write there ({error.strerror or error})", file=sys.stderr)
        return ExitCode.INVALID
    errors = sum(problem.is_error for problem in problems)
    print(f"{args.pdf}: {written.pages} pages; check: {errors} error(s), {len(problems) - errors} warning(s)")
    if not written.text_findable:
        print("note: some Chinese characters will not be found by search: pip install 'kiosk[pdf]'")
    return ExitCode.OK


def preview_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk preview",
        description="A window beside your editor: the slides as the hall shows them, redrawn on every "
        "save, with check's problems drawn on them. Keys: left/right slide, L language, "
        "M one/all languages, S size.",
    )
    parser.add_argument("slides", nargs="?", type=Path, default=SHIPPED_SLIDES, help="the show file")
    return parser


def preview_command(args: argparse.Namespace) -> int:
    from .app import make_qt_app
    from .tools.preview import run_preview

    try:
        font = load_show(args.slides)[0].theme.font
    except ContentError:
        font = ""  # the preview shows the problems itself
    app = make_qt_app(font)
    return run_preview(args.slides, app.font().family())
