"""The JSON Schema a curator's editor reads: written from the field tables, shipped with the
package, and in agreement with the loader about which broken files a schema can catch."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from kiosk import cli
from kiosk.content.fields import specs_of
from kiosk.content.loader import load_show
from kiosk.content.model import Figure, Show, Slide, Theme
from kiosk.content.schema import (
    SHIPPED_SCHEMA,
    modeline,
    schema_text,
    with_modeline,
    write_schema_beside,
)

from ..helpers import REAL_SLIDES

BROKEN = Path(__file__).resolve().parents[1] / "data" / "broken"

# Broken files whose fault no JSON Schema can see, and why: a schema judges one parsed value at
# a time, without the file system, the raw text or the rest of the file.
NOT_FOR_A_SCHEMA = {
    "syntax": "not YAML at all: there is no value to judge (the editor's YAML parser flags the line)",
    "duplicate-key": "the YAML parser keeps one of the two keys before any schema sees them "
    "(the editor's YAML parser flags duplicates itself)",
    "duplicate-id": "uniqueness of one key across list items is not expressible (uniqueItems "
    "compares whole slides)",
    "unknown-language": "the allowed language keys are whatever show.languages lists in the same file",
    "escaping-path": "whether a path leaves the show's folder depends on where the folder is",
    "missing-picture": "whether a picture exists is a question for the disk",
    "not-a-picture": "whether a file decodes as a picture is a question for the disk (check finds it)",
    "control-character": "the control character is refused in the raw text, before YAML; a schema "
    "only sees parsed strings",
    "too-many-decimals": "how many decimals a number was written with is gone once YAML has parsed it",
}


class EditorLoader(yaml.SafeLoader):
    """Reads YAML as editors' YAML servers do: 2024-01-01 stays a string, not a date."""


EditorLoader.yaml_implicit_resolvers = {
    first: [entry for entry in resolvers if entry[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def validator() -> jsonschema.Draft7Validator:
    schema = json.loads(SHIPPED_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def schema_errors(path: Path) -> list[str] | None:
    """Where the schema finds fault, as loader-style field paths; None if it is not YAML."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=EditorLoader)
    except yaml.YAMLError:
        return None
    return [field_path(error.absolute_path) for error in validator().iter_errors(data)]


def field_path(parts: Any) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".")


def loader_field(path: Path) -> str:
    """The field the loader (or check) names for a broken file, from its '# expect:' line."""
    expected = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.match(r"# expect: \d+:\d+: error: ([^:]+): ", expected)
    return match[1] if match else ""


def test_the_shipped_schema_is_the_one_the_field_tables_write() -> None:
    assert SHIPPED_SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        "kiosk/content/slides.schema.json is out of date: run python -m kiosk.content.schema --write"
    )


def test_the_shipped_show_is_valid_for_the_schema() -> None:
    assert schema_errors(REAL_SLIDES) == []


def test_the_small_test_show_with_opening_hours_is_valid(small_show_file: Path) -> None:
    text = small_show_file.read_text(encoding="utf-8").replace(
        "  transition: none\n",
        '  transition: none\n  schedule:\n    mon-fri: "09:00-17:30"\n'
        '    sat-sun: ["10:00-12:00", "13:00-18:00"]\n    closed: [2024-01-01]\n'
        "    closed_slide: closing\n",
    )
    small_show_file.write_text(text, encoding="utf-8")
    load_show(small_show_file)  # the loader agrees it is valid
    assert schema_errors(small_show_file) == []


@pytest.mark.parametrize("path", sorted(BROKEN.glob("*.yaml")), ids=lambda p: p.stem)
def test_schema_and_loader_agree_on_each_broken_file(path: Path) -> None:
    errors = schema_errors(path)
    if path.stem in NOT_FOR_A_SCHEMA:
        assert not errors, f"the schema now catches {path.name}: take it off NOT_FOR_A_SCHEMA"
        return
    assert errors, f"the loader rejects {path.name} but the schema lets it through"
    assert any(loader_field(path).startswith(error) for error in errors), (errors, loader_field(path))


def test_a_schedule_the_loader_rejects_is_flagged_by_the_schema_too(write_show) -> None:
    path = write_show(
        """\
        show:
          schedule:
            mon-fry: "09:00-17:30"
            sat: "10:00 to 18:00"
        slides:
          - {id: cover, layout: cover}
        """
    )
    with pytest.raises(Exception, match="not a day") as error:
        load_show(path)
    assert "not a span of hours" in str(error.value)
    assert sorted(schema_errors(path)) == ["show.schedule", "show.schedule.sat"]


def test_every_key_is_described_in_english_and_chinese() -> None:
    properties = json.loads(schema_text())["properties"]
    slide = properties["slides"]["items"]["properties"]
    assert set(slide) == set(specs_of(Slide))
    assert set(properties["show"]["properties"]) == set(specs_of(Show))
    for record in (Show, Theme, Slide, Figure):
        for name, field_spec in specs_of(record).items():
            assert field_spec.doc_zh, f"{record.__name__}.{name} has no Chinese description"
    assert slide["title"]["description"] == "the slide's title — 标题"
    assert slide["layout"]["enum"] == ["cover", "highlight", "closing", "video"]


def test_a_new_show_folder_gets_a_modeline_that_finds_the_schema(small_show_file: Path) -> None:
    write_schema_beside(small_show_file)
    small_show_file.write_text(with_modeline(small_show_file.read_text(encoding="utf-8")), encoding="utf-8")

    first_line = small_show_file.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == modeline()
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first_line)
    assert match, first_line
    target = small_show_file.parent / match[1]  # relative to the YAML file, as the editor reads it
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(schema_text())
    load_show(small_show_file)  # the show still loads with the modeline on top
    assert schema_errors(small_show_file) == []


def test_kiosk_schema_prints_it_and_adds_it_beside_a_show(
    small_show_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(schema_text())

    assert cli.main(["schema", "--beside", str(small_show_file)]) == 0
    assert cli.main(["schema", "--beside", str(small_show_file)]) == 0  # twice changes nothing more
    lines = small_show_file.read_text(encoding="utf-8").splitlines()
    assert lines[0] == modeline() and lines[1] != modeline()
    assert (small_show_file.parent / "slides.schema.json").exists()
