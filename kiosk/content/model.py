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


@dataclass(frozen=True)
class Figure:
    """A key figure: shown exactly as written in slides.yaml, counting up from zero."""

    value: float
    decimals: int
    unit: Text = EMPTY
    label: Text = EMPTY

    def formatted(self, fraction: float = 1.0) -> str:
        return f"{self.value * fraction:.{self.decimals}f}"


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
