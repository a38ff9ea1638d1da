"""slides.yaml → a validated, immutable Show, or every problem at once with its line and column.

The file is composed into YAML nodes (which keep their positions) and walked field by field;
each field is checked against the schema below, problems are collected, and a ContentError is
raised once at the end.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, Problem, Severity
from .fields import FieldSpec, keys_of, specs_of
from .model import VIDEO_SUFFIXES, Amount, Figure, Show, Slide, Text, Theme
from .schedule import Hours, Schedule, parse_days, parse_span

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 50_000
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".svg")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
COLOR_PATTERN = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$")
CLOCK_TIME = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9]))?")
MAX_FIGURE_DECIMALS = 6  # more cannot be read from a wall (and QML's toFixed stops at 100)

SHOW_KEYS = keys_of(Show)
THEME_KEYS = keys_of(Theme)
SLIDE_KEYS = keys_of(Slide)
FIGURE_KEYS = keys_of(Figure)
TOP_KEYS = ("show", "slides")


def load_show(path: Path) -> tuple[Show, list[Problem]]:
    """Read and validate a show file; returns the show and its warnings, raises ContentError."""
    text = _read_text(path)
    root = _compose(path, text)
    walker = _Walker(path)
    show = walker.show(root)
    errors = [p for p in walker.problems if p.is_error]
    if errors or show is None:
        raise ContentError(walker.problems)
    return show, sorted(walker.problems, key=lambda p: (p.line, p.column))


def _fail(path: Path, message: str, hint: str = "", line: int = 1, column: int = 1) -> None:
    raise ContentError([Problem(path, line, column, "", message, hint)])


def _read_text(path: Path) -> str:
    try:
        if path.is_dir():
            _fail(
                path,
                "this is a folder, not a show file",
                "name the slides.yaml inside it",
            )
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            _fail(
                path,
                f"the file is {size / 1e6:.1f} MB; a show file is at most "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB",
                "is this the right file? pictures go in assets/, not in slides.yaml",
            )
        data = path.read_bytes()
    except FileNotFoundError:
        _fail(
            path,
            "file not found",
            "check the path, or create it from the README's example",
        )
    except PermissionError:
        _fail(
            path,
            "permission denied while reading the file",
            "check the file's permissions",
        )
    except OSError as exc:
        _fail(path, f"cannot read the file: {exc.strerror or exc}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        _fail(
            path,
            "the file is not UTF-8 text",
            "save it as UTF-8 in your editor (e.g. 'Save with encoding: UTF-8')",
            line,
            column,
        )
    if not text.strip():
        _fail(path, "the file is empty", "a show needs at least a 'slides:' list")
    return text


def _compose(path: Path, text: str) -> yaml.Node:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = f"YAML syntax: {exc.problem or exc.context}"
        hint = "check indentation, colons and quotes on this line or the one above"
        _fail(
            path,
            message,
            hint,
            mark.line + 1 if mark else 1,
            mark.column + 1 if mark else 1,
        )
    except yaml.reader.ReaderError as exc:
        line, column = _line_and_column(text, exc.position)
        _fail(
            path,
            f"the file contains the control character U+{exc.character:04X}, which cannot be shown",
            "delete it (it is often pasted in by accident); write the text again if it looks right",
            line,
            column,
        )
    except yaml.YAMLError as exc:
        _fail(path, f"YAML syntax: {exc}")
    except RecursionError:
        _fail(
            path,
            "the YAML is nested far too deeply",
            "a show file is only a few levels deep",
        )
    if node is None:
        _fail(path, "the file is empty", "a show needs at least a 'slides:' list")
    return node


def _line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset into the file's text."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _did_you_mean(word: str, choices: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return "allowed: " + ", ".join(choices)


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        if node.tag.endswith(":null"):
            return "nothing"
        return repr(node.value)
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    return "a list"


class _Walker:
    """Walks the composed node tree, building model objects and collecting problems."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.folder = path.parent.resolve()
        self.problems: list[Problem] = []
        self.languages: tuple[str, ...] = ("zh", "en")
        self.nodes_seen = 0
        self.positions: dict[str, tuple[int, int]] = {}

    # -- reporting -------------------------------------------------------------------------

    def report(
        self,
        node: yaml.Node,
        field: str,
        message: str,
        hint: str = "",
        severity: Severity = Severity.ERROR,
    ) -> None:
        mark = node.start_mark
        problem = Problem(self.path, mark.line + 1, mark.column + 1, field, message, hint, severity)
        self.problems.append(problem)

    def count(self, node: yaml.Node) -> bool:
        """Counts nodes visited; an alias bomb is refused instead of expanded."""
        self.nodes_seen += 1
        if self.nodes_seen == MAX_NODES:
            self.report(
                node,
                "",
                f"the file expands to more than {MAX_NODES} values",
                "remove repeated anchors/aliases (&name, *name)",
            )
        return self.nodes_seen < MAX_NODES

    # -- generic shapes --------------------------------------------------------------------

    def mapping(
        self, node: yaml.Node, field: str, keys: tuple[str, ...]
    ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        if not self.count(node):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.report(
                node,
                field,
                f"expected a mapping of {', '.join(keys)}, got {_describe(node)}",
            )
            return None
        found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            where = f"{field}.{key}" if field else str(key)
            if not isinstance(key, str):
                self.report(key_node, field, "keys must be plain words")
            elif key in found:
                first = found[key][0].start_mark.line + 1
                self.report(
                    key_node,
                    where,
                    f"duplicate key (first given on line {first})",
                    "remove one of them",
                )
            elif key not in keys:
                self.report(key_node, where, f"unknown key '{key}'", _did_you_mean(key, keys))
            else:
                found[key] = (key_node, value_node)
        return found

    def sequence(self, node: yaml.Node, field: str) -> list[yaml.Node] | None:
        if not self.count(node):
            return None
        if not isinstance(node, yaml.SequenceNode):
            self.report(
                node,
                field,
                f"expected a list, got {_describe(node)}",
                "start each item on its own line with '- '",
            )
            return None
        return list(node.value)

    def scalar(self, node: yaml.Node, field: str, what: str) -> yaml.ScalarNode | None:
        if not self.count(node):
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag.endswith(":null"):
            self.report(node, field, f"expected {what}, got {_describe(node)}")
            return None
        return node

    def string(self, node: yaml.Node, field: str) -> str | None:
        scalar = self.scalar(node, field, "a text")
        if scalar is None:
            return None
        return scalar.value

    def clocktime(self, node: yaml.Node, field: str) -> float | None:
        """'09:00' or '09:00:30' → seconds after midnight."""
        value = self.string(node, field)
        if value is None:
            return None
        match = CLOCK_TIME.fullmatch(value.strip())
        if match is None:
            self.report(node, field, f"'{value}' is not a time of day", "write it as HH:MM, e.g. '09:00'")
            return None
        hours, minutes, seconds = (int(part or 0) for part in match.groups())
        return float(hours * 3600 + minutes * 60 + seconds)

    def number(
        self,
        node: yaml.Node,
        field: str,
        minimum: float | None = None,
        maximum: float | None = None,
    ) -> tuple[float, int] | None:
        """A number and how many decimals it was written with (so 99.90 stays 99.90)."""
        scalar = self.scalar(node, field, "a number")
        if scalar is None:
            return None
        raw = scalar.value.strip()
        try:
            if scalar.tag.endswith(":bool"):
                raise ValueError
            value = float(raw.replace("_", ""))
        except ValueError:
            self.report(
                node,
                field,
                f"expected a number, got {raw!r}",
                "write digits, e.g. 12 or 3709.7",
            )
            return None
        if not math.isfinite(value):
            self.report(node, field, f"expected a number, got {raw!r}")
            return None
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            self.report(
                node,
                field,
                f"{raw} is out of range",
                f"use a value from {minimum:g} to {maximum:g}",
            )
            return None
        decimals = len(raw.split(".", 1)[1]) if "." in raw and "e" not in raw.lower() else 0
        return value, decimals

    def boolean(self, node: yaml.Node, field: str) -> bool | None:
        scalar = self.scalar(node, field, "true or false")
        if scalar is None:
            return None
        if not scalar.tag.endswith(":bool"):
            self.report(node, field, f"expected true or false, got {scalar.value!r}")
            return None
        return scalar.value.lower() in ("true", "yes", "on", "y")

    def choice(self, node: yaml.Node, field: str, choices: tuple[str, ...]) -> str | None:
        value = self.string(node, field)
        if value is None:
            return None
        if value not in choices:
            self.report(
                node,
                field,
                f"'{value}' is not one of {', '.join(choices)}",
                _did_you_mean(value, choices),
            )
            return None
        return value

    def text(self, node: yaml.Node, field: str) -> Text | None:
        """A string for every language, or {zh: ..., en: ...}."""
        if isinstance(node, yaml.ScalarNode) and not node.tag.endswith(":null"):
            self.count(node)
            return Text.plain(node.value)
        read = self.per_language(node, field, self.string, "text")
        return None if read is None else Text(tuple(read[1]))

    def per_language(
        self, node: yaml.Node, field: str, read: Callable[[yaml.Node, str], Any], what: str
    ) -> tuple[dict, list[tuple[str, Any]]] | None:
        """{zh: ..., en: ...}: each language's value read with `read`; a language of the show
        that is missing is a warning (the first language's `what` is shown instead). Returns
        the entries as written and the values read, or None when it is not such a mapping."""
        entries = self.mapping(node, field, self.languages)
        if entries is None:
            return None
        values = []
        for language, (_, value_node) in entries.items():
            value = read(value_node, f"{field}.{language}")
            if value is not None:
                values.append((language, value))
        missing = [lang for lang in self.languages if lang not in entries]
        if missing and values:
            self.report(
                node,
                field,
                f"no {', '.join(missing)} {what}; the {values[0][0]} {what} will be shown instead",
                f"add '{missing[0]}: ...'",
                Severity.WARNING,
            )
        return entries, values

    # -- the schema --------------------------------------------------------------------------

    def fields(
        self, entries: dict[str, tuple[yaml.Node, yaml.Node]], field: str, record: type
    ) -> dict[str, Any]:
        """Reads every key given for `record`, each with the reader its FieldSpec names."""
        specs = specs_of(record)
        values = {}
        for key, (_, value_node) in entries.items():
            path = f"{field}.{key}" if field else key
            mark = value_node.start_mark
            self.positions[path] = (mark.line + 1, mark.column + 1)
            value = self.reader(specs[key])(value_node, path)
            if value is not None:
                values[key] = value
        return values

    def reader(self, field_spec: FieldSpec) -> Callable[[yaml.Node, str], Any]:
        """The function that checks and reads a value of this field's kind."""
        kind = field_spec.kind
        if kind == "choice":
            return lambda node, field: self.choice(node, field, field_spec.choices)
        if kind == "seconds":
            return lambda node, field: self.seconds(node, field, field_spec.minimum, field_spec.maximum)
        if kind == "whole":
            return lambda node, field: self.whole(node, field, field_spec.minimum, field_spec.maximum)
        if kind == "languages":
            return lambda node, field: self.languages  # read first, as texts depend on it
        readers: dict[str, Callable[[yaml.Node, str], Any]] = {
            "text": self.text,
            "string": self.string,
            "id": self.slide_id,
            "boolean": self.boolean,
            "colour": self.color,
            "number": self.number,
            "amount": self.figure_value,
            "picture": self.image_path,
            "video": self.video_path,
            "media": self.media_path,
            "theme": self.theme,
            "schedule": self.schedule,
            "figures": self.figures,
            "link": self.link,
            "clocktime": self.clocktime,
        }
        return readers[kind]

    def show(self, root: yaml.Node) -> Show | None:
        entries = self.mapping(root, "", TOP_KEYS)
        if entries is None:
            return None
        settings: dict[str, Any] = {}
        if "show" in entries:
            settings = self.show_settings(entries["show"][1])
        if "slides" not in entries:
            self.report(
                root,
                "slides",
                "the show has no 'slides:' list",
                "add 'slides:' with at least one slide",
            )
            return None
        slides = self.slides(entries["slides"][1])
        if slides is None:
            return None
        schedule = settings.get("schedule")
        if schedule is not None and schedule.closed_slide is not None:
            if schedule.closed_slide not in {slide.id for slide in slides}:
                where = entries["show"][1]
                self.report(
                    where,
                    "show.schedule.closed_slide",
                    f"no slide has the id '{schedule.closed_slide}'",
                    "name one of the slides' ids",
                )
        positions = tuple((path, line, column) for path, (line, column) in self.positions.items())
        return Show(source=self.path, slides=tuple(slides), positions=positions, **settings)

    def show_settings(self, node: yaml.Node) -> dict[str, Any]:
        entries = self.mapping(node, "show", SHOW_KEYS)
        if entries is None:
            return {}
        if "languages" in entries:
            languages = self.languages_list(entries["languages"][1], "show.languages")
            if languages:
                self.languages = languages
        return self.fields(entries, "show", Show)

    def languages_list(self, node: yaml.Node, field: str) -> tuple[str, ...] | None:
        items = self.sequence(node, field)
        if not items:
            if items is not None:
                self.report(
                    node,
                    field,
                    "the list is empty",
                    "list at least one language, e.g. [zh, en]",
                )
            return None
        languages: list[str] = []
        for i, item in enumerate(items):
            language = self.string(item, f"{field}[{i}]")
            if language is None:
                continue
            if not LANGUAGE_PATTERN.match(language):
                self.report(
                    item,
                    f"{field}[{i}]",
                    f"'{language}' is not a language code",
                    "use codes like zh, en",
                )
            elif language in languages:
                self.report(item, f"{field}[{i}]", f"'{language}' is listed twice")
            else:
                languages.append(language)
        return tuple(languages) or None

    def seconds(
        self, node: yaml.Node, field: str, minimum: float | None = 1, maximum: float | None = 86_400
    ) -> float | None:
        number = self.number(node, field, minimum, maximum)
        return number[0] if number else None

    def theme(self, node: yaml.Node, field: str) -> Theme | None:
        entries = self.mapping(node, field, THEME_KEYS)
        if entries is None:
            return None
        return Theme(**self.fields(entries, field, Theme))

    def matching(
        self, node: yaml.Node, field: str, pattern: re.Pattern[str], what: str, hint: str
    ) -> str | None:
        value = self.string(node, field)
        if value is not None and not pattern.match(value):
            self.report(node, field, f"'{value}' is not {what}", hint)
            return None
        return value

    def color(self, node: yaml.Node, field: str) -> str | None:
        return self.matching(node, field, COLOR_PATTERN, "a colour", 'write it as "#rrggbb", in quotes')

    def schedule(self, node: yaml.Node, field: str) -> Schedule | None:
        """{mon-fri: "09:00-17:30", sat-sun: "10:00-18:00", closed: [2024-01-01], closed_slide: id}"""
        if not self.count(node):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.report(
                node,
                field,
                f"expected a mapping of days to hours, got {_describe(node)}",
                'e.g. {mon-fri: "09:00-17:30", closed: [2024-01-01]}',
            )
            return None
        hours: list[Hours] = []
        closed: set[date] = set()
        closed_slide = None
        for key_node, value_node in node.value:
            key = str(key_node.value)
            where = f"{field}.{key}"
            if key == "closed":
                closed |= self.closed_dates(value_node, where)
            elif key == "closed_slide":
                closed_slide = self.string(value_node, where)
            elif (days := parse_days(key)) is None:
                self.report(
                    key_node,
                    where,
                    f"'{key}' is not a day or a range of days",
                    "use mon, tue, ... sun, a range like mon-fri, daily, closed or closed_slide",
                )
            else:
                hours += self.day_hours(value_node, where, days)
        return Schedule(tuple(hours), frozenset(closed), closed_slide)

    def day_hours(self, node: yaml.Node, field: str, days: list[int]) -> list[Hours]:
        spans = self.sequence(node, field) if isinstance(node, yaml.SequenceNode) else [node]
        hours = []
        for span_node in spans or []:
            text = self.string(span_node, field)
            if text is None:
                continue
            span = parse_span(text)
            if span is None:
                self.report(
                    span_node,
                    field,
                    f"'{text}' is not a span of hours",
                    'write it as "09:00-17:30", in quotes',
                )
                continue
            hours += [Hours(day, *span) for day in days]
        return hours

    def closed_dates(self, node: yaml.Node, field: str) -> set[date]:
        items = self.sequence(node, field) or []
        dates = set()
        for i, item in enumerate(items):
            text = self.string(item, f"{field}[{i}]")
            try:
                dates.add(date.fromisoformat(text or ""))
            except ValueError:
                self.report(item, f"{field}[{i}]", f"'{text}' is not a date", "write it as 2024-01-01")
        return dates

    def slides(self, node: yaml.Node) -> list[Slide] | None:
        items = self.sequence(node, "slides")
        if items is None:
            return None
        if not items:
            self.report(node, "slides", "the list is empty", "add at least one slide")
            return None
        slides = []
        ids: dict[str, int] = {}
        numbers: dict[int, int] = {}
        for i, item in enumerate(items):
            self.positions[f"slides[{i}]"] = (item.start_mark.line + 1, item.start_mark.column + 1)
            slide = self.slide(item, f"slides[{i}]")
            if slide is None:
                continue
            if slide.id in ids:
                self.report(
                    item,
                    f"slides[{i}].id",
                    f"id '{slide.id}' is already used on line {ids[slide.id]}",
                    "every slide needs its own id",
                )
            ids.setdefault(slide.id, slide.line)
            if slide.number is not None:
                if slide.number in numbers:
                    self.report(
                        item,
                        f"slides[{i}].number",
                        f"number {slide.number} is already used on line {numbers[slide.number]}",
                    )
                numbers.setdefault(slide.number, slide.line)
            slides.append(slide)
        return slides

    def slide(self, node: yaml.Node, field: str) -> Slide | None:
        entries = self.mapping(node, field, SLIDE_KEYS)
        if entries is None:
            return None
        values = self.fields(entries, field, Slide)
        for required in (key for key, field_spec in specs_of(Slide).items() if field_spec.required):
            if required not in entries:
                self.report(
                    node,
                    f"{field}.{required}",
                    f"the slide has no '{required}'",
                    "every slide needs an id and a layout",
                )
        if "id" not in values or "layout" not in values:
            return None
        if values["layout"] == "video" and "video" not in entries:
            self.report(
                node, f"{field}.video", "a video slide has no 'video'", "add e.g. 'video: assets/clip.mp4'"
            )
        return Slide(line=node.start_mark.line + 1, **values)

    def link(self, node: yaml.Node, field: str) -> str | None:
        """Any text a QR code can hold; `check` says whether an address is one a phone opens."""
        value = self.string(node, field)
        if value is not None and not value.strip():
            self.report(node, field, "the link is empty", "give an https:// address, or leave the key out")
            return None
        return value.strip() if value is not None else None

    def slide_id(self, node: yaml.Node, field: str) -> str | None:
        hint = "use letters, digits, '-' and '_' only, e.g. twin-city"
        return self.matching(node, field, ID_PATTERN, "a usable id", hint)

    def whole(
        self, node: yaml.Node, field: str, minimum: float | None = None, maximum: float | None = None
    ) -> int | None:
        number = self.number(node, field, minimum, maximum)
        if number is None:
            return None
        if number[1] or number[0] != int(number[0]):
            self.report(node, field, "expected a whole number")
            return None
        return int(number[0])

    def image_path(self, node: yaml.Node, field: str) -> Path | None:
        return self.path_in_folder(node, field, IMAGE_SUFFIXES, "pictures")

    def video_path(self, node: yaml.Node, field: str) -> Path | None:
        return self.path_in_folder(node, field, VIDEO_SUFFIXES, "video clips")

    def media_path(self, node: yaml.Node, field: str) -> Path | None:
        return self.path_in_folder(node, field, IMAGE_SUFFIXES + VIDEO_SUFFIXES, "pictures or clips")

    def path_in_folder(
        self, node: yaml.Node, field: str, suffixes: tuple[str, ...], what: str
    ) -> Path | None:
        value = self.string(node, field)
        if value is None:
            return None
        path = (self.folder / value).resolve()
        if not path.is_relative_to(self.folder):
            self.report(
                node,
                field,
                f"'{value}' is outside the show's folder",
                f"put {what} in assets/ beside slides.yaml and give the path from there",
            )
            return None
        if path.suffix.lower() not in suffixes:
            self.report(
                node,
                field,
                f"'{path.suffix or value}' {what} cannot be shown",
                "use " + ", ".join(s.lstrip(".") for s in suffixes),
            )
            return None
        return path

    def figures(self, node: yaml.Node, field: str) -> tuple[Figure, ...] | None:
        items = self.sequence(node, field)
        if items is None:
            return None
        figures = []
        for i, item in enumerate(items):
            self.positions[f"{field}[{i}]"] = (item.start_mark.line + 1, item.start_mark.column + 1)
            figure = self.figure(item, f"{field}[{i}]")
            if figure is not None:
                figures.append(figure)
        return tuple(figures)

    def figure(self, node: yaml.Node, field: str) -> Figure | None:
        entries = self.mapping(node, field, FIGURE_KEYS)
        if entries is None:
            return None
        values = self.fields(entries, field, Figure)
        if "value" not in entries:
            self.report(
                node,
                f"{field}.value",
                "the figure has no 'value'",
                "add e.g. 'value: 3709.7'",
            )
        if "value" not in values:
            return None
        shared, by_language = values.pop("value")
        return Figure(shared.value, shared.decimals, by_language=by_language, **values)

    def figure_value(
        self, node: yaml.Node, field: str
    ) -> tuple[Amount, tuple[tuple[str, Amount], ...]] | None:
        """A number for every language (3709.7), or one per language ({zh: 3709.7, en: 370.97}).

        Returns the shared amount (the first language's, for languages without their own)
        and the amounts by language.
        """
        if not isinstance(node, yaml.MappingNode):
            amount = self.figure_amount(node, field)
            return (amount, ()) if amount else None
        read = self.per_language(node, field, self.figure_amount, "value")
        if read is None:
            return None
        entries, amounts = read
        if not amounts:
            if not entries:
                self.report(
                    node, field, "expected a number, got an empty mapping", "e.g. {zh: 3709.7, en: 370.97}"
                )
            return None
        return amounts[0][1], tuple(amounts)

    def figure_amount(self, node: yaml.Node, field: str) -> Amount | None:
        """One figure's number, with no more decimals than a visitor can read."""
        number = self.number(node, field)
        if number is None:
            return None
        value, decimals = number
        if decimals > MAX_FIGURE_DECIMALS:
            self.report(
                node,
                field,
                f"{decimals} decimals are too many to show",
                f"write at most {MAX_FIGURE_DECIMALS}, as the source rounds it, e.g. 99.92",
            )
            return None
        return Amount(value, decimals)
