"""How a record's fields are written in slides.yaml, said once, beside the field itself.

Each dataclass field of the model that a curator may write carries a `FieldSpec` in its
metadata (`field(default=..., metadata=spec("text", "..."))`). From those the loader takes its
allowed keys, its did-you-mean lists and which reader checks each value; `Slide.texts()`, the
slide model's roles, the JSON Schema and the README's format table follow the same specs.
Fields without a spec (a slide's line, a figure's decimals) are derived, never written.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

# The kinds of value a field can hold; the loader has one reader per kind.
KINDS = (
    "text",  # a string for every language, or {zh: ..., en: ...}
    "string",  # one plain string
    "id",  # letters, digits, '-' and '_'
    "choice",  # one of `choices`
    "seconds",  # a number of seconds from 1 to 86400
    "boolean",  # true or false
    "colour",  # "#rrggbb"
    "whole",  # a whole number from `minimum` to `maximum`
    "number",  # a number, written with the decimals it is shown with
    "amount",  # a number as above, or one per language: {zh: 3709.7, en: 370.97}
    "picture",  # a path to a picture inside the show's folder
    "video",  # a path to a video clip inside the show's folder
    "media",  # a path to a picture or a video clip inside the show's folder
    "languages",  # a list of language codes
    "theme",  # the theme record
    "schedule",  # opening hours
    "figures",  # a list of figure records
    "link",  # an https:// address, or any short text, to encode in a QR code
    "clocktime",  # a local time of day, "HH:MM" or "HH:MM:SS" (read as seconds after midnight)
)


@dataclass(frozen=True)
class FieldSpec:
    kind: str
    doc: str  # one line for the curator, in English
    doc_zh: str = ""  # the same line in Chinese
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None

    def __post_init__(self) -> None:
        assert self.kind in KINDS, f"unknown field kind {self.kind!r}"


def spec(kind: str, doc: str, doc_zh: str = "", **options: Any) -> dict[str, FieldSpec]:
    """The metadata of a field a curator writes: `field(default=..., metadata=spec(...))`."""
    return {"spec": FieldSpec(kind, doc, doc_zh, **options)}


def specs_of(record: type) -> dict[str, FieldSpec]:
    """Every written field of a record, in the order the record declares them."""
    return {
        item.name: item.metadata["spec"] for item in dataclasses.fields(record) if "spec" in item.metadata
    }


def keys_of(record: type) -> tuple[str, ...]:
    return tuple(specs_of(record))


def fields_of_kind(record: type, kind: str) -> tuple[str, ...]:
    return tuple(name for name, field_spec in specs_of(record).items() if field_spec.kind == kind)
