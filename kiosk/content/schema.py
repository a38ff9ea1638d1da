"""A JSON Schema for slides.yaml, written from the model's field tables, for curators' editors.

VS Code (Red Hat YAML), JetBrains and other editors read it to complete keys, show what each
key means (in English and Chinese) and flag wrong types while the curator types. Every record
and key comes from `specs_of(...)`, every pattern from the loader's own constants, so the
schema cannot drift from what the loader accepts; `slides.schema.json` beside this module is
the generated copy the package ships (a test keeps the two equal).

python -m kiosk.content.schema           # print the schema
python -m kiosk.content.schema --write   # regenerate the shipped copy

What a schema cannot see (a picture that is missing, two slides with one id, a language that
is not in show.languages, a closed_slide naming no slide) stays with the loader and `check`.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

from .fields import FieldSpec, specs_of
from .loader import COLOR_PATTERN, ID_PATTERN, IMAGE_SUFFIXES, LANGUAGE_PATTERN
from .model import EMPTY, VIDEO_SUFFIXES, Figure, Show, Slide, Theme
from .schedule import DAYS

SHIPPED_SCHEMA = Path(__file__).resolve().parent / "slides.schema.json"
SCHEMA_FILE_NAME = "slides.schema.json"  # the copy written beside a show's slides.yaml
DRAFT = "http://json-schema.org/draft-07/schema#"  # the draft editors' YAML servers know best

# Plain YAML scalars the loader reads as text: `title: 2023` shows "2023".
SCALAR_TYPES = ["string", "number", "boolean"]
_DAY = "(?:" + "|".join(DAYS) + ")"
DAY_KEY_PATTERN = f"^\\s*(?:daily|every day|{_DAY}(?:-{_DAY})?)\\s*$"
_CLOCK = "(?:[01]?[0-9]|2[0-3]):[0-5][0-9]"
SPAN_PATTERN = f"^\\s*{_CLOCK}\\s*-\\s*{_CLOCK}\\s*$"
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
CLOCK_TIME_PATTERN = f"^\\s*{_CLOCK}(?::[0-5][0-9])?\\s*$"


def describe(english: str, chinese: str = "") -> str:
    """One description for both audiences: 'English — 中文'."""
    return f"{english} — {chinese}" if chinese else english


def _any_case(suffix: str) -> str:
    """'.jpg' → '\\.[jJ][pP][gG]': JSON Schema patterns have no case-insensitive flag."""
    return "\\." + "".join(f"[{c.lower()}{c.upper()}]" for c in suffix.lstrip("."))


PICTURE_PATTERN = "(?:" + "|".join(_any_case(suffix) for suffix in IMAGE_SUFFIXES) + ")$"
VIDEO_PATTERN = "(?:" + "|".join(_any_case(suffix) for suffix in VIDEO_SUFFIXES) + ")$"
MEDIA_PATTERN = "(?:" + "|".join(_any_case(suffix) for suffix in (*IMAGE_SUFFIXES, *VIDEO_SUFFIXES)) + ")$"


def text_schema() -> dict[str, Any]:
    return {
        "anyOf": [
            {"type": SCALAR_TYPES},
            {
                "type": "object",
                "propertyNames": {"pattern": LANGUAGE_PATTERN.pattern},
                "additionalProperties": {"type": SCALAR_TYPES},
                "minProperties": 1,
            },
        ]
    }


def schedule_schema() -> dict[str, Any]:
    span = {"type": "string", "pattern": SPAN_PATTERN}
    return {
        "type": "object",
        "properties": {
            "closed": {
                "type": "array",
                "items": {"type": "string", "pattern": DATE_PATTERN},
                "description": describe("whole days closed, e.g. [2024-01-01]", "全天闭馆的日期"),
            },
            "closed_slide": {
                "type": SCALAR_TYPES,
                "description": describe(
                    "the id of a slide shown outside the hours instead of a black screen",
                    "闭馆时显示的幻灯片 id（不写则黑屏）",
                ),
            },
        },
        "patternProperties": {
            DAY_KEY_PATTERN: {
                "anyOf": [span, {"type": "array", "items": span, "minItems": 1}],
                "description": describe(
                    'opening hours on these days: "09:00-17:30" or a list of spans; '
                    '"22:00-02:00" runs past midnight',
                    '这些日子的开放时间："09:00-17:30" 或多个时段；"22:00-02:00" 跨过午夜',
                ),
            }
        },
        "additionalProperties": False,
    }


def kind_schema(field_spec: FieldSpec) -> dict[str, Any]:
    """The JSON Schema for a value of one field kind, as the loader's reader for it accepts."""
    kind = field_spec.kind
    bounds = {
        key: value
        for key, value in (("minimum", field_spec.minimum), ("maximum", field_spec.maximum))
        if value is not None
    }
    if kind == "text":
        return text_schema()
    if kind == "string":
        return {"type": SCALAR_TYPES}
    if kind == "id":
        return {"type": ["string", "integer"], "pattern": ID_PATTERN.pattern}
    if kind == "choice":
        return {"enum": list(field_spec.choices)}
    if kind in ("seconds", "number"):
        return {"type": "number", **bounds}
    if kind == "video":
        return {"type": "string", "pattern": VIDEO_PATTERN}
    if kind == "media":
        return {"type": "string", "pattern": MEDIA_PATTERN}
    if kind == "clocktime":
        return {"type": "string", "pattern": CLOCK_TIME_PATTERN}
    if kind == "link":
        return {"type": "string", "minLength": 1}
    if kind == "amount":
        one_per_language = {
            "type": "object",
            "propertyNames": {"pattern": LANGUAGE_PATTERN.pattern},
            "additionalProperties": {"type": "number"},
            "minProperties": 1,
        }
        return {"anyOf": [{"type": "number", **bounds}, one_per_language]}
    if kind == "whole":
        return {"type": "integer", **bounds}
    if kind == "boolean":
        return {"type": "boolean"}
    if kind == "colour":
        return {"type": "string", "pattern": COLOR_PATTERN.pattern}
    if kind == "picture":
        return {"type": "string", "pattern": PICTURE_PATTERN}
    if kind == "languages":
        language = {"type": "string", "pattern": LANGUAGE_PATTERN.pattern}
        return {"type": "array", "items": language, "minItems": 1, "uniqueItems": True}
    if kind == "theme":
        return record_schema(Theme)
    if kind == "schedule":
        return schedule_schema()
    if kind == "figures":
        return {"type": "array", "items": record_schema(Figure)}
    raise ValueError(f"no schema for field kind {kind!r}")


def _default(record: type, name: str) -> Any:
    """The default a key takes when left out, if it is one an editor can show."""
    item = next(item for item in dataclasses.fields(record) if item.name == name)
    value = item.default
    if value is dataclasses.MISSING or value is None or value is EMPTY or value == "":
        return None
    return list(value) if isinstance(value, tuple) else value


def record_schema(record: type) -> dict[str, Any]:
    properties = {}
    for name, field_spec in specs_of(record).items():
        schema = kind_schema(field_spec)
        schema["description"] = describe(field_spec.doc, field_spec.doc_zh)
        default = _default(record, name)
        if default is not None:
            schema["default"] = default
        properties[name] = schema
    required = [name for name, field_spec in specs_of(record).items() if field_spec.required]
    schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = required
    return schema


def show_file_schema() -> dict[str, Any]:
    """The schema of a whole slides.yaml."""
    show = record_schema(Show)
    show["description"] = describe(
        "settings of the whole show; every one is optional", "整个展览的设置，均可省略"
    )
    slides = {
        "type": "array",
        "items": record_schema(Slide),
        "minItems": 1,
        "description": describe("the slides, in the order they are shown", "幻灯片，按播放顺序"),
    }
    return {
        "$schema": DRAFT,
        "title": "slides.yaml",
        "description": describe("a kiosk show: its settings and its slides", "展厅放映：设置和幻灯片"),
        "type": "object",
        "properties": {"show": show, "slides": slides},
        "required": ["slides"],
        "additionalProperties": False,
    }


def schema_text() -> str:
    """The schema as it is printed and shipped: stable key order, Chinese unescaped."""
    return json.dumps(show_file_schema(), ensure_ascii=False, indent=2) + "\n"


def modeline() -> str:
    """The first line of a slides.yaml that points editors at the schema copied beside it.

    The path is relative (yaml-language-server resolves it from the YAML file's folder), so the
    show folder can be copied to another PC or a USB stick and the editor still finds it."""
    return f"# yaml-language-server: $schema={SCHEMA_FILE_NAME}"


def write_schema_beside(slides: Path) -> Path:
    """Writes the schema next to `slides` (a slides.yaml), where `modeline()` points."""
    target = slides.parent / SCHEMA_FILE_NAME
    target.write_text(schema_text(), encoding="utf-8")
    return target


def with_modeline(text: str) -> str:
    """`text` of a slides.yaml with the modeline as its first line (once, never twice)."""
    lines = text.splitlines(keepends=True)
    if lines and lines[0].startswith("# yaml-language-server:"):
        lines = lines[1:]
    return modeline() + "\n" + "".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if "--write" in args:
        SHIPPED_SCHEMA.write_text(schema_text(), encoding="utf-8")
    else:
        sys.stdout.write(schema_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
