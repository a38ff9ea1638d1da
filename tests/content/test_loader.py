"""A curator's slides.yaml becomes a Show, or every mistake in it is reported with its place."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.errors import ContentError
from kiosk.content.loader import load_show

from ..helpers import REAL_SLIDES

MINIMAL = """\
slides:
  - id: only
    layout: cover
    title: Hello
"""


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_show(path)
    return [str(problem) for problem in caught.value.problems]


def test_the_shipped_show_loads_without_warnings() -> None:
    show, warnings = load_show(REAL_SLIDES)
    assert show.slides[0].layout == "cover"
    assert warnings == []


def test_a_minimal_show_gets_the_documented_defaults(write_show) -> None:
    show, _ = load_show(write_show(MINIMAL))
    assert show.languages == ("zh", "en")
    assert show.advance_seconds == 12
    assert show.loop is True
    assert show.transition == "crossfade"
    assert (show.idle_resume_seconds, show.idle_home_seconds) == (30, 180)
    assert show.slides[0].title.get("en") == "Hello"


def test_a_word_where_a_number_belongs_is_reported_at_its_line_and_column(write_show) -> None:
    path = write_show(
        """\
        slides:
          - id: a
            layout: highlight
            figures:
              - {value: 12, unit: "%"}
              - value: abc
        """
    )
    assert problems_of(path) == [
        "slides.yaml:6:16: error: slides[0].figures[1].value: expected a number, got 'abc' "
        "(write digits, e.g. 12 or 3709.7)"
    ]


def test_a_misspelt_key_is_an_error_with_a_suggestion(write_show) -> None:
    path = write_show(
        """\
        slides:
          - id: a
            layout: cover
            duraton: 15
        """
    )
    assert problems_of(path) == [
        "slides.yaml:4:5: error: slides[0].duraton: unknown key 'duraton' (did you mean 'duration'?)"
    ]


def test_every_problem_is_reported_at_once_in_line_order(write_show) -> None:
    path = write_show(
        """\
        show:
          transition: fade
          loop: sometimes
        slides:
          - id: a
            layout: cover
          - id: a
            layout: middle
            image: ../../etc/passwd.png
        """
    )
    messages = problems_of(path)
    assert len(messages) == 4
    assert messages[0].startswith("slides.yaml:2:15: error: show.transition: 'fade' is not one of")
    assert messages[1].startswith("slides.yaml:3:9: error: show.loop: expected true or false")
    assert messages[2].startswith("slides.yaml:8:13: error: slides[1].layout: 'middle' is not one of")
    assert messages[3].startswith(
        "slides.yaml:9:12: error: slides[1].image: '../../etc/passwd.png' is outside"
    )


def test_duplicate_ids_numbers_and_keys_are_errors(write_show) -> None:
    path = write_show(
        """\
        slides:
          - {id: a, layout: highlight, number: 1}
          - {id: a, layout: highlight, number: 1}
          - id: b
            layout: cover
            layout: closing
        """
    )
    messages = problems_of(path)
    assert any("slides[1].id: id 'a' is already used on line 2" in m for m in messages)
    assert any("slides[1].number: number 1 is already used on line 2" in m for m in messages)
    assert any(
        m.startswith("slides.yaml:6:5: error: slides[2].layout: duplicate key (first given on line 5)")
        for m in messages
    )


def test_image_paths_resolve_against_the_show_folder(write_show, tmp_path: Path) -> None:
    path = write_show(MINIMAL.replace("title: Hello", "title: Hello\n    image: pictures/a.jpg"))
    show, _ = load_show(path)
    assert show.slides[0].image == (tmp_path / "pictures" / "a.jpg").resolve()


def test_a_picture_type_the_show_cannot_draw_is_refused(write_show) -> None:
    path = write_show(MINIMAL.replace("title: Hello", "title: Hello\n    image: film.mp4"))
    assert problems_of(path) == [
        "slides.yaml:5:12: error: slides[0].image: '.mp4' pictures cannot be shown (use jpg, jpeg, png, webp, svg)"
    ]


def test_a_text_missing_one_language_loads_with_a_warning(write_show) -> None:
    path = write_show(MINIMAL.replace("title: Hello", "title: {zh: 你好}"))
    show, warnings = load_show(path)
    assert show.slides[0].title.get("en") == "你好"
    assert [str(w) for w in warnings] == [
        "slides.yaml:4:12: warning: slides[0].title: no en text; the zh text will be shown instead (add 'en: ...')"
    ]


def test_a_yaml_syntax_error_points_at_the_broken_line(write_show) -> None:
    path = write_show("slides:\n  - id: a\n    layout: [cover\n")
    (message,) = problems_of(path)
    assert message.startswith("slides.yaml:4:1: error: YAML syntax:")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "slides.yaml:1:1: error: the file is empty"),
        (b"slides:\n  - id: caf\xe9\n", "slides.yaml:2:12: error: the file is not UTF-8 text"),
        (b"- just\n- a list\n", "slides.yaml:1:1: error: expected a mapping of show, slides, got a list"),
    ],
)
def test_unusable_files_get_one_clear_message(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "slides.yaml"
    path.write_bytes(content)
    (message,) = problems_of(path)
    assert message.startswith(expected)


def test_a_folder_or_a_missing_file_is_named_as_such(tmp_path: Path) -> None:
    assert problems_of(tmp_path)[0].endswith(
        "this is a folder, not a show file (name the slides.yaml inside it)"
    )
    assert "file not found" in problems_of(tmp_path / "nope.yaml")[0]


def test_an_alias_bomb_is_never_expanded(tmp_path: Path) -> None:
    """A billion-laughs file: 10 * 5**11 values if expanded, one message each if walked."""
    lines = ["show:", "  title: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"  languages: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 12)
    ]
    lines.append("slides: [*a11, *a11, *a11]")
    path = tmp_path / "slides.yaml"
    path.write_text("\n".join(lines))
    messages = problems_of(path)
    assert 0 < len(messages) < 30


def test_deep_nesting_and_huge_files_are_refused(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("slides: " + "[" * 5000 + "]" * 5000)
    assert "nested far too deeply" in problems_of(deep)[0]
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"# padding\n" * 5_000_000)
    assert "the file is 50.0 MB" in problems_of(huge)[0]


PER_LANGUAGE = """\
slides:
  - id: a
    layout: highlight
    figures:
      - value: {zh: 3709.7, en: 370.97}
        unit: {zh: 亿元, en: billion yuan}
      - value: {zh: 44.84, en: 448400}
        unit: {zh: 万人, en: visitors}
      - {value: 1031, unit: 个}
"""


def test_a_figure_can_give_each_language_its_own_amount(write_show) -> None:
    show, warnings = load_show(write_show(PER_LANGUAGE))
    yuan = show.slides[0].figures[0]
    assert warnings == []
    assert yuan.formatted(language="zh") + yuan.unit.get("zh") == "3709.7亿元"
    assert yuan.formatted(language="en") + " " + yuan.unit.get("en") == "370.97 billion yuan"
    assert (yuan.value, yuan.decimals) == (3709.7, 1)  # the first language's stands for the rest


def test_english_groups_thousands_and_chinese_shows_the_digits_as_written(write_show) -> None:
    show, _ = load_show(write_show(PER_LANGUAGE))
    _, visitors, towns = show.slides[0].figures
    assert visitors.formatted(language="en") == "448,400"
    assert visitors.formatted(language="zh") == "44.84"
    assert towns.formatted(language="en") == "1,031"
    assert towns.formatted(language="zh") == "1031"
    assert towns.formatted(0.5, language="en") == "516"


def test_a_per_language_value_is_checked_like_a_plain_one(write_show) -> None:
    path = write_show(
        """\
        slides:
          - id: a
            layout: highlight
            figures:
              - value: {zh: 3709.7, en: "370,97"}
              - value: {zh: 1, fr: 2}
        """
    )
    assert problems_of(path) == [
        "slides.yaml:5:33: error: slides[0].figures[0].value.en: expected a number, got '370,97' "
        "(write digits, e.g. 12 or 3709.7)",
        "slides.yaml:6:16: warning: slides[0].figures[1].value: no en value; the zh value will be "
        "shown instead (add 'en: ...')",
        "slides.yaml:6:24: error: slides[0].figures[1].value.fr: unknown key 'fr' (allowed: zh, en)",
    ]


def test_a_per_language_value_missing_a_language_shows_the_first_with_a_warning(write_show) -> None:
    show, warnings = load_show(write_show(PER_LANGUAGE.replace("{zh: 44.84, en: 448400}", "{zh: 44.84}")))
    assert show.slides[0].figures[1].formatted(language="en") == "44.84"
    assert [str(w) for w in warnings] == [
        "slides.yaml:7:16: warning: slides[0].figures[1].value: no en value; the zh value will be "
        "shown instead (add 'en: ...')"
    ]


def test_a_figure_with_more_decimals_than_a_wall_can_show_is_refused(write_show) -> None:
    path = write_show(
        f"""\
        slides:
          - id: a
            layout: highlight
            figures:
              - value: 1.{"0" * 100}1
              - value: {{zh: 3.1415926, en: 3.14}}
              - value: 99.920000
        """
    )
    assert problems_of(path) == [
        "slides.yaml:5:16: error: slides[0].figures[0].value: 101 decimals are too many to show "
        "(write at most 6, as the source rounds it, e.g. 99.92)",
        "slides.yaml:6:21: error: slides[0].figures[1].value.zh: 7 decimals are too many to show "
        "(write at most 6, as the source rounds it, e.g. 99.92)",
    ]


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x1b"])
def test_a_control_character_in_the_file_is_reported_at_its_line_and_column(write_show, control: str) -> None:
    path = write_show(MINIMAL.replace("Hello", f"Hel{control}lo"))
    (message,) = problems_of(path)
    assert message == (
        f"slides.yaml:4:15: error: the file contains the control character U+{ord(control):04X}, "
        "which cannot be shown (delete it (it is often pasted in by accident); write the text "
        "again if it looks right)"
    )
