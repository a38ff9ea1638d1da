"""`kiosk hall`: every screen of the hall from one laptop, with no server of our own.

    kiosk hall [list]                       name, group, slide, state, last contact of each screen
    kiosk hall next|previous|home|pause|resume|reload [--group G] [--screen NAME]
    kiosk hall goto ID|N | blackout on|off | language CODE   [--group G] [--screen NAME]
                                            (with --group: carried out together, 0.5 s ahead)
    kiosk hall targets [--out FILE]         Prometheus file_sd JSON for every screen
    kiosk hall serve [--listen ADDR:PORT]   the hall page (see page.py)

The screens come from a hall.toml list (--hall-file, or hall.toml in the config folder) or,
without one, from DNS-SD on the local network.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from ..content.errors import ContentError, ExitCode, Problem
from .commands import VERBS, CommandError, make_command
from .settings import Endpoint, default_settings_path, key_position, parse_endpoint, read_toml, unknown_key

HALL_FILE = "hall.toml"
HALL_KEYS = ("token_file", "screen")
SCREEN_KEYS = ("name", "address", "group", "token_file")
REQUEST_TIMEOUT_S = 5.0
BROWSE_SECONDS = 2.0
# a group command is carried out this long after it is sent (as BrightSign does): time for
# the request to reach every screen of the group, so that all of them move at once
GROUP_LEAD_SECONDS = 0.5


@dataclass(frozen=True)
class ScreenEntry:
    name: str
    address: Endpoint
    group: str = ""
    token: str | None = field(default=None, repr=False)

    @property
    def base_url(self) -> str:
        return f"http://{self.address}"


@dataclass
class Answer:
    entry: ScreenEntry
    status: dict[str, Any] | None = None
    error: str = ""
    http_status: int | None = None
    at: float = 0.0  # wall-clock time of the answer

    @property
    def ok(self) -> bool:
        return self.status is not None and not self.error

    @property
    def name(self) -> str:
        return (self.status or {}).get("name") or self.entry.name

    @property
    def group(self) -> str:
        return (self.status or {}).get("group") or self.entry.group


def default_hall_path() -> Path:
    return default_settings_path().parent / HALL_FILE


# -- hall.toml -------------------------------------------------------------------------------


def read_token(path: Path, hall_file: Path) -> str:
    path = path if path.is_absolute() else hall_file.parent / path
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError as error:
        raise ValueError(f"cannot read the token file {path} ({error.strerror or error})") from None


def load_hall(path: Path) -> list[ScreenEntry]:
    """The screens listed in hall.toml, or ContentError with every problem (file:line)."""
    text, table = read_toml(path)
    problems: list[Problem] = []
    for key in table:
        if key not in HALL_KEYS:
            problems.append(unknown_key(path, text, key, HALL_KEYS))
    shared_token = None
    if "token_file" in table:
        try:
            shared_token = read_token(Path(str(table["token_file"])), path)
        except ValueError as error:
            problems.append(Problem(path, *key_position(text, "token_file"), "token_file", str(error)))
    screens = table.get("screen", [])
    if not isinstance(screens, list):
        problems.append(
            Problem(path, *key_position(text, "screen"), "screen", "write each screen as [[screen]]")
        )
        screens = []
    entries = []
    tables = [match.start() for match in re.finditer(r"^[ \t]*\[\[\s*screen\s*\]\]", text, re.MULTILINE)]
    for number, screen in enumerate(screens):
        entry = screen_entry(path, text, number, screen, shared_token, tables, problems)
        if entry is not None:
            entries.append(entry)
    if problems:
        raise ContentError(problems)
    return entries


def screen_entry(
    path: Path,
    text: str,
    number: int,
    screen: object,
    shared_token: str | None,
    tables: list[int],
    problems: list[Problem],
) -> ScreenEntry | None:
    """One [[screen]] table; its problems are added to `problems`."""
    where = f"screen[{number}]."
    after = tables[number] if number < len(tables) else 0
    line, column = text.count("\n", 0, after) + 1, 1  # the [[screen]] header
    if not isinstance(screen, dict):
        problems.append(
            Problem(path, line, column, where.rstrip("."), "write each screen as a [[screen]] table")
        )
        return None
    for key in screen:
        if key not in SCREEN_KEYS:
            problems.append(unknown_key(path, text, key, SCREEN_KEYS, where, after))
    if "address" not in screen:
        problems.append(
            Problem(
                path,
                line,
                column,
                f"{where}address",
                "missing",
                'add address = "HOST:PORT", e.g. "10.0.0.11:8701"',
            )
        )
        return None
    try:
        address = parse_endpoint(str(screen["address"]))
    except ValueError as error:
        problems.append(Problem(path, *key_position(text, "address", after), f"{where}address", str(error)))
        return None
    token = shared_token
    if "token_file" in screen:
        try:
            token = read_token(Path(str(screen["token_file"])), path)
        except ValueError as error:
            problems.append(
                Problem(path, *key_position(text, "token_file", after), f"{where}token_file", str(error))
            )
            return None
    return ScreenEntry(str(screen.get("name", address)), address, str(screen.get("group", "")), token)


def discovered(seconds: float, token: str | None) -> list[ScreenEntry]:
    from .discovery import browse

    return [ScreenEntry(found.name, found.address, found.group, token) for found in browse(seconds)]


# -- talking to screens ----------------------------------------------------------------------


def command_path(verb: str, argument: str, at: float | None = None) -> str:
    if verb == "blackout":
        path = f"/api/v1/blackout?on={'true' if argument in ('on', 'true', '1') else 'false'}"
    elif verb in ("goto", "language"):
        path = f"/api/v1/{verb}/{argument}"
    else:
        path = f"/api/v1/{verb}"
    if at is None:
        return path
    return f"{path}{'&' if '?' in path else '?'}at={at:.3f}"


async def ask(session: aiohttp.ClientSession, entry: ScreenEntry, method: str, path: str) -> Answer:
    headers = {"Authorization": f"Bearer {entry.token}"} if entry.token else {}
    try:
        async with session.request(method, entry.base_url + path, headers=headers) as response:
            body = await response.json(content_type=None)
            if response.status != 200:
                message = body.get("error", response.reason) if isinstance(body, dict) else response.reason
                return Answer(entry, None, message, response.status, time.time())
            return Answer(entry, body, "", 200, time.time())
    except (TimeoutError, aiohttp.ClientError, ValueError) as error:
        reason = str(error) or type(error).__name__
        return Answer(entry, None, f"no answer ({reason})", None, time.time())


def session(timeout: float = REQUEST_TIMEOUT_S) -> aiohttp.ClientSession:
    return aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout))


async def statuses(entries: list[ScreenEntry], timeout: float = REQUEST_TIMEOUT_S) -> list[Answer]:
    async with session(timeout) as client:
        return list(await asyncio.gather(*(ask(client, entry, "GET", "/api/v1/status") for entry in entries)))


def selected(answers: list[Answer], group: str | None, screen: str | None) -> list[Answer]:
    return [
        answer
        for answer in answers
        if (group is None or answer.group == group) and (screen is None or answer.name == screen)
    ]


async def fan_out(
    entries: list[ScreenEntry], verb: str, argument: str, group: str | None, screen: str | None
) -> list[Answer]:
    """Sends one command to every selected screen at once; one answer per screen. A command
    to a --group names an instant GROUP_LEAD_SECONDS ahead, at which every screen of the
    group carries it out (their clocks kept by NTP), so they move together."""
    targets = selected(await statuses(entries), group, screen)
    at = time.time() + GROUP_LEAD_SECONDS if group is not None and verb != "reload" else None
    path = command_path(verb, argument, at)
    async with session() as client:

        async def send(answer: Answer) -> Answer:
            if not answer.ok:
                return answer
            return await ask(client, answer.entry, "POST", path)

        return list(await asyncio.gather(*(send(answer) for answer in targets)))


# -- what people read --------------------------------------------------------------------------


def state_word(status: dict[str, Any]) -> str:
    if not status.get("open", True):
        return "closed"
    if status.get("blackout"):
        return "blackout"
    return str(status.get("playback", "?"))


def age_text(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s ago"
    return f"{seconds / 60:.0f} min ago"


def table(answers: list[Answer], now: float | None = None) -> str:
    now = time.time() if now is None else now
    rows = [("NAME", "GROUP", "SLIDE", "STATE", "LAST CONTACT")]
    for answer in sorted(answers, key=lambda a: (a.group, a.name)):
        if answer.ok:
            slide = answer.status["slide"]
            number = f" ({slide['number']})" if slide.get("number") else ""
            rows.append(
                (
                    answer.name,
                    answer.group,
                    f"{slide['id']}{number}",
                    state_word(answer.status),
                    age_text(max(0.0, now - answer.at)),
                )
            )
        else:
            rows.append((answer.name, answer.group, "-", "not answering", answer.error))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)) + "  " + row[4]
        for row in rows
    )


def report(answers: list[Answer], verb: str, argument: str) -> str:
    lines = []
    for answer in sorted(answers, key=lambda a: a.name):
        if answer.ok:
            slide = answer.status["slide"]["id"]
            lines.append(f"{answer.name}: OK, now {slide}, {state_word(answer.status)}")
        else:
            code = f" {answer.http_status}" if answer.http_status else ""
            lines.append(f"{answer.name}: ERR{code} {answer.error}")
    return "\n".join(lines)


def file_sd(entries: list[ScreenEntry]) -> list[dict[str, Any]]:
    """Prometheus file_sd_configs: one target group per screen, labelled with name and group."""
    return [
        {"targets": [str(entry.address)], "labels": {"screen": entry.name, "group": entry.group}}
        for entry in entries
    ]


# -- the command ---------------------------------------------------------------------------------


def hall_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk hall",
        description="See and steer every screen of the hall. Screens come from hall.toml "
        "(--hall-file) or, without one, from DNS-SD on the local network.",
    )
    parser.add_argument(
        "action",
        nargs="?",
        default="list",
        help=f"list (default), targets, serve, or a command: {', '.join(VERBS)}",
    )
    parser.add_argument(
        "value", nargs="?", default="", help="for goto (ID or N), blackout (on|off), language"
    )
    parser.add_argument(
        "--hall-file",
        type=Path,
        metavar="FILE",
        help=f"the list of screens (default: {default_hall_path()} if it exists)",
    )
    parser.add_argument(
        "--token-file", type=Path, metavar="FILE", help="bearer token for screens found by DNS-SD"
    )
    parser.add_argument("--group", help="only screens of this group")
    parser.add_argument("--screen", metavar="NAME", help="only the screen with this name")
    parser.add_argument(
        "--browse-seconds", type=float, default=BROWSE_SECONDS, help="how long to look for screens (2)"
    )
    parser.add_argument("--out", type=Path, metavar="FILE", help="targets: write here instead of printing")
    parser.add_argument(
        "--listen",
        type=parse_endpoint,
        default=Endpoint("127.0.0.1", 8700),
        metavar="ADDR:PORT",
        help="serve: where the hall page listens (default 127.0.0.1:8700)",
    )
    parser.add_argument(
        "--page-token-file",
        type=Path,
        metavar="FILE",
        help="serve: token the page asks for (needed to listen beyond this PC)",
    )
    return parser


def find_screens(args: argparse.Namespace) -> list[ScreenEntry]:
    path = args.hall_file or default_hall_path()
    if args.hall_file or path.exists():
        return load_hall(path)
    token = args.token_file.read_text(encoding="utf-8").strip() if args.token_file else None
    return discovered(args.browse_seconds, token)


def hall_command(argv: list[str]) -> int:
    args = hall_parser().parse_args(argv)
    try:
        entries = find_screens(args)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return ExitCode.INVALID
    except OSError as error:
        print(f"--token-file: cannot read it ({error.strerror or error})", file=sys.stderr)
        return ExitCode.INVALID
    if not entries:
        print(
            "no screens found (list them in hall.toml, or check that their --remote is on)", file=sys.stderr
        )
        return ExitCode.WARNINGS
    if args.action == "list":
        answers = selected(asyncio.run(statuses(entries)), args.group, args.screen)
        print(table(answers))
        return ExitCode.OK if all(answer.ok for answer in answers) else ExitCode.WARNINGS
    if args.action == "targets":
        text = json.dumps(file_sd(entries), indent=2, ensure_ascii=False) + "\n"
        if args.out:
            args.out.write_text(text, encoding="utf-8")
        else:
            print(text, end="")
        return ExitCode.OK
    if args.action == "serve":
        from .page import serve_page

        return serve_page(entries, args.listen, args.page_token_file)
    try:
        command = make_command(args.action, args.value)
    except CommandError as error:
        print(f"kiosk hall {args.action}: {error.message}", file=sys.stderr)
        return ExitCode.INVALID
    answers = asyncio.run(fan_out(entries, command.verb, command.argument, args.group, args.screen))
    if not answers:
        print("no screen matches --group/--screen", file=sys.stderr)
        return ExitCode.WARNINGS
    print(report(answers, command.verb, command.argument))
    return ExitCode.OK if all(answer.ok for answer in answers) else ExitCode.WARNINGS
