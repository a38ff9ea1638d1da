"""The show as validated, immutable data: what the loader produces and everything else reads.

Nothing here knows about YAML or Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .schedule import Schedule

LAYOUTS = ("cover", "highlight", "closing")
MIN_SLIDE_SECONDS = 8.0
CJK_CHARS_PER_SECOND = 8  # a visitor at 3 m reads about this many Chinese characters a second
LATIN_CHARS_PER_SECOND = 20


def reading_seconds(text: str) -> float:
    """How long a visitor needs to read `text` from a wall screen."""
    cjk = sum(1 for char in text if "\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef")
    other = sum(1 for char in text if not char.isspace()) - cjk
    return cjk / CJK_CHARS_PER_SECOND + other / LATIN_CHARS_PER_SECOND


TRANSITIONS = ("crossfade", "push", "none")


@dataclass(frozen=True)
class Text:
    """A text in one or more languages; a plain string serves every language."""

    by_language: tuple[tuple[str, str], ...]

    @classmethod
    def plain(cls, text: str) -> Text:
        return cls((("*", text),))

    def get(self, language: str) -> str:
        values = dict(self.by_language)
        if language in values:
            return values[language]
        if "*" in values:
            return values["*"]
        return self.by_language[0][1] if self.by_language else ""

    def all_texts(self) -> list[str]:
        return [text for _, text in self.by_language]


EMPTY = Text(())


# Languages that group a figure's digits in thousands, and with what: 448,400 in English,
# 448400 in Chinese (as the article writes it).
THOUSANDS_SEPARATORS = {"en": ","}


def thousands_separator(language: str) -> str:
    """The separator `language` puts between groups of three digits ("" for none)."""
    return THOUSANDS_SEPARATORS.get(language.split("-", 1)[0], "")


def group_digits(digits: str, separator: str) -> str:
    """'448400.5' with ',' -> '448,400.5'; the decimals are never grouped."""
    if not separator:
        return digits
    sign = "-" if digits.startswith("-") else ""
    whole, dot, decimals = digits.removeprefix("-").partition(".")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    return sign + separator.join([whole, *groups]) + dot + decimals


@dataclass(frozen=True)
class Amount:
    """A number as written in slides.yaml: its value and how many decimals it was given with."""

    value: float
    decimals: int


@dataclass(frozen=True)
class Figure:
    """A key figure: shown exactly as written in slides.yaml, counting up from zero.

    `value`/`decimals` serve every language; `by_language` may give a language its own amount
    (370.97 billion yuan in English for 3709.7 亿元 in Chinese).
    """

    value: float
    decimals: int
    unit: Text = EMPTY
    label: Text = EMPTY
    by_language: tuple[tuple[str, Amount], ...] = ()

    def amount(self, language: str) -> Amount:
        """The amount shown in `language`: its own if it has one, else the shared one."""
        return dict(self.by_language).get(language, Amount(self.value, self.decimals))

    def formatted(self, fraction: float = 1.0, language: str = "*") -> str:
        """The value as the wall shows it in `language` (digits grouped where it groups them)."""
        amount = self.amount(language)
        digits = f"{amount.value * fraction:.{amount.decimals}f}"
        return group_digits(digits, thousands_separator(language))


@dataclass(frozen=True)
class Theme:
    background: str = "#0b1622"
    accent: str = "#f2b84b"
    text: str = "#f3efe6"
    font: str = ""


@dataclass(frozen=True)
class Slide:
    id: str
    layout: str
    line: int
    number: int | None = None
    title: Text = EMPTY
    subtitle: Text = EMPTY
    summary: Text = EMPTY
    image: Path | None = None
    caption: Text = EMPTY
    note: Text = EMPTY
    figures: tuple[Figure, ...] = ()
    duration: float | None = None

    def reading_seconds(self, languages: tuple[str, ...]) -> float:
        """The time needed to read everything on the slide, in its slowest language."""
        needed = [
            reading_seconds("".join(text.get(language) for text in self.texts().values()))
            for language in languages
        ]
        return max([MIN_SLIDE_SECONDS, *needed])

    def texts(self) -> dict[str, Text]:
        """Every text field of the slide by name, figures included (for checks)."""
        fields = {name: getattr(self, name) for name in ("title", "subtitle", "summary", "caption", "note")}
        for i, figure in enumerate(self.figures):
            fields[f"figures[{i}].unit"] = figure.unit
            fields[f"figures[{i}].label"] = figure.label
        return fields


@dataclass(frozen=True)
class Show:
    source: Path
    slides: tuple[Slide, ...]
    title: Text = EMPTY
    languages: tuple[str, ...] = ("zh", "en")
    advance_seconds: float = 12.0
    loop: bool = True
    transition: str = "crossfade"
    idle_resume_seconds: float = 30.0
    idle_home_seconds: float = 180.0
    theme: Theme = field(default_factory=Theme)
    schedule: Schedule | None = None
    positions: tuple[tuple[str, int, int], ...] = ()  # field path, line, column in the file

    def position_of(self, path: str) -> tuple[int, int]:
        """Where a field (e.g. 'slides[3].figures[0].label') was written, or its nearest parent."""
        known = {entry[0]: (entry[1], entry[2]) for entry in self.positions}
        while path:
            if path in known:
                return known[path]
            path = path.rsplit(".", 1)[0] if "." in path else ""
        return (1, 1)

    def duration_of(self, index: int) -> float:
        slide = self.slides[index]
        return slide.duration if slide.duration is not None else self.advance_seconds

    def index_of(self, slide_id: str) -> int | None:
        for i, slide in enumerate(self.slides):
            if slide.id == slide_id:
                return i
        return None

    def index_of_number(self, number: int) -> int | None:
        for i, slide in enumerate(self.slides):
            if slide.number == number:
                return i
        return None

    @property
    def highlight_count(self) -> int:
        return sum(1 for slide in self.slides if slide.number is not None)
