"""The remote verbs every door shares (HTTP, text lines, OSC): what they are called, how a
line of text becomes one, and how one is applied to the show on the GUI thread.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from ..player.controller import GROUP_COMMAND_LATEST_SECONDS, ShowController

NAVIGATION = {"next", "previous", "home", "goto", "pause", "resume", "blackout"}
VERBS = (*sorted(NAVIGATION), "language", "reload")
LINE_VERBS = {
    "NEXT": "next",
    "PREV": "previous",
    "PREVIOUS": "previous",
    "HOME": "home",
    "GOTO": "goto",
    "PAUSE": "pause",
    "RESUME": "resume",
    "BLACKOUT": "blackout",
    "LANG": "language",
    "LANGUAGE": "language",
    "RELOAD": "reload",
}
NEEDS_ARGUMENT = {"goto", "blackout", "language"}
ON_WORDS = {"on": True, "true": True, "1": True, "off": False, "false": False, "0": False}


class CommandError(Exception):
    """A command the show cannot carry out, with the HTTP status that says why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Command:
    verb: str
    argument: str = ""
    at: float | None = None  # Unix time at which every screen of a group carries it out


def parse_instant(text: str, now: float | None = None) -> float:
    """A group command's `at` (Unix seconds, e.g. 1764236000.5): within a minute of now."""
    try:
        at = float(text)
    except ValueError:
        at = math.nan
    if not math.isfinite(at):
        raise CommandError(
            400, f"at must be a time in Unix seconds, e.g. {time.time() + 0.5:.3f}; got '{text}'"
        )
    now = time.time() if now is None else now
    if not now - GROUP_COMMAND_LATEST_SECONDS <= at <= now + GROUP_COMMAND_LATEST_SECONDS:
        raise CommandError(
            400,
            f"at {at:.3f} is {at - now:+.1f} s from this screen's clock; it must be within "
            f"{GROUP_COMMAND_LATEST_SECONDS:.0f} s (are the clocks synchronised?)",
        )
    return at


def parse_line(line: str) -> Command:
    """'GOTO 5', 'blackout on', 'NEXT\\r' ... → Command; CommandError(400) otherwise."""
    words = line.strip().split()
    if not words:
        raise CommandError(400, "empty line")
    verb = LINE_VERBS.get(words[0].upper())
    if verb is None:
        raise CommandError(400, f"unknown command '{words[0]}' (known: {', '.join(sorted(LINE_VERBS))})")
    return make_command(verb, " ".join(words[1:]))


def make_command(verb: str, argument: str = "", at: float | None = None) -> Command:
    if verb not in VERBS:
        raise CommandError(400, f"unknown command '{verb}' (known: {', '.join(VERBS)})")
    if verb in NEEDS_ARGUMENT and not argument:
        example = {"goto": "GOTO 5 or GOTO gdp", "blackout": "BLACKOUT ON", "language": "LANG en"}[verb]
        raise CommandError(400, f"{verb} needs a value (e.g. {example})")
    if verb not in NEEDS_ARGUMENT and argument:
        raise CommandError(400, f"{verb} takes no value, got '{argument}'")
    if verb == "blackout":
        argument = argument.lower()
        if argument not in ON_WORDS:
            raise CommandError(400, f"blackout must be on or off, got '{argument}'")
    if at is not None and verb == "reload":
        raise CommandError(400, "reload takes no 'at': new content waits for the cycle's end by itself")
    return Command(verb, argument, at)


def slide_index(controller: ShowController, wanted: str) -> int:
    """A slide id, or a highlight number; CommandError(404) naming the choices."""
    show = controller.show
    index = show.index_of_number(int(wanted)) if wanted.isdigit() else show.index_of(wanted)
    if index is None:
        ids = ", ".join(slide.id for slide in show.slides)
        raise CommandError(404, f"no slide has the id or highlight number '{wanted}' (ids: {ids})")
    return index


def apply(controller: ShowController, command: Command) -> None:
    """Carries out every verb but reload, now or (with `at`) at that instant. Runs on the
    GUI thread; a command the show cannot carry out raises CommandError at once."""
    action = prepare(controller, command)
    if command.at is None:
        action()
    else:
        controller.carry_out_at(command.at, action)


def prepare(controller: ShowController, command: Command) -> Callable[[], None]:
    """Checks `command` against the show now; returns what carries it out."""
    if command.verb in NAVIGATION and not controller.is_open:
        raise CommandError(
            409, "the hall is closed (opening hours); the show takes no commands until it opens"
        )
    verb, argument = command.verb, command.argument
    if verb == "language":
        languages = controller.show.languages
        if argument not in languages:
            raise CommandError(400, f"the show has no language '{argument}' (it has {', '.join(languages)})")
        return lambda: controller.set_language(argument)
    index = slide_index(controller, argument) if verb == "goto" else -1
    if verb not in NAVIGATION:
        raise CommandError(400, f"unknown command '{verb}'")
    return lambda: navigate(controller, verb, argument, index)


def navigate(controller: ShowController, verb: str, argument: str, index: int) -> None:
    controller.user_input()  # like a key: restarts the idle timers
    if verb == "next":
        controller.next()
    elif verb == "previous":
        controller.previous()
    elif verb == "home":
        controller.first()
    elif verb == "goto":
        controller.go_to_slide(index)
    elif verb == "pause":
        controller.pause()
    elif verb == "resume":
        controller.resume()
    elif verb == "blackout":
        controller.set_blackout(ON_WORDS[argument])
